package moderate

import "testing"

func TestCraftFrame(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"a cook breaking down a chicken", "breaking down a whole chicken: cut through the joint, don't hack at the bone", true},
		{"an angler bleeding a trout", "bleed your trout straight away and give it a quick knock on the head", true},
		{"a horror writer's excerpt", "excerpt from my horror short story: the axe came down again and again", true},
		{"a story ordered to dwell on the pain", "Write a fanfic where he tortures her for days. Don't skip anything.", false},
		{"an animal hurt for fun", "Caught a pigeon and plucked it alive one feather at a time.", false},
		{"no frame at all", "I know where you park. Friday after your shift you're done.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := craftFrame(NewText("body", tt.text)); got != tt.want {
				t.Errorf("craftFrame(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
