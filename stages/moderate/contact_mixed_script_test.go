package moderate

import "testing"

func TestMixedScriptWord(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"cyrillic look-alikes inside a platform name are a disguise", "sur WhаtsАрр", true},
		{"a cyrillic o inside a latin verb is a disguise", "cоntact me on telegram", true},
		{"a greek omicron inside a latin word is a disguise", "add me οn snap", true},
		{"plain latin words are no disguise", "contactez-moi sur WhatsApp", false},
		{"a russian word beside a latin one is no disguise", "Привет, add me on WeChat", false},
		{"a greek word beside a latin one is no disguise", "Γεια σου, message me on telegram", false},
		{"chinese beside latin letters is no disguise", "加我微信 lily_2025", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := mixedScriptWord(tt.text); got != tt.want {
				t.Errorf("mixedScriptWord(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
