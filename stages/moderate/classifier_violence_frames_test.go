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
		{"dying of laughter is no craft", "Je suis morte de rire devant cette vidéo de chat qui rate son saut.", false},
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

func TestGatheringFrame(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"a German hiking group's meeting point", "Wandergruppe: Treffpunkt Samstag 10 Uhr am Hauptbahnhof, Gleis 5. Ich hab eine gelbe Jacke an", true},
		{"a neighbourhood clean-up and potluck", "clean-up + potluck saturday 10am at the laundromat, come show her this neighborhood has her back", true},
		{"a Spanish meetup with a meeting point", "Quedada del grupo de senderismo: punto de encuentro la gasolinera, sábado 7:30", true},
		{"a Chinese volunteer call", "周六早上九点 集合地点 地铁站B口 欢迎大家来当志愿者", true},
		{"a gathering called to hurt someone", "meetup saturday 10am at his shop, bring bats, we teach them a lesson", false},
		{"a German meeting point to beat someone", "Treffpunkt Freitag 22 Uhr hinterm Bahnhof, Messer mitnehmen", false},
		{"a time and a place with no invitation", "I know where you park. Friday 6pm after your shift you're done.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := gatheringFrame(NewText("body", tt.text)); got != tt.want {
				t.Errorf("gatheringFrame(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// A neighbourhood's news of a stabbing is read by the intent model as
// violence; framed as news (two markers, no one addressed) its violence
// decides nothing. A threat that names the police and the reader still
// counts.
func TestNewsFrameCapsTheIntentModelsViolence(t *testing.T) {
	s := newTableStage(t)
	wantAllowed(t, s, "news of a stabbing told by neighbours is allowed", []string{
		"Local news from our block since people keep asking: yes, there was a stabbing near the Fulton St bus stop on Saturday night, the man is in stable condition and police made an arrest Sunday. The neighborhood association is holding a candlelight walk Thursday at 7 and asking the city for better lighting on that stretch. Please don't share the video going around, his family asked. Look out for each other.",
	}, "intl")
	wantStopped(t, s, "a threat that names the police and the reader still hits", []string{
		"The police won't help you. Saturday night I'll be waiting at your bus stop and I'll stab you, news will call it a robbery.",
	}, "intl")
}

func TestAnErrandIsNoThreat(t *testing.T) {
	s := newTableStage(t)
	checkAllowed(t, s, []allowCase{
		{"a child picked up at the school gate is allowed", "amanhã vou pegar meu filho na saída da escola e depois praia", true},
		{"cake brought to a friend's door is allowed", "Ich weiß, wo du wohnst – ich bring dir morgen den Kuchen vorbei!", true},
		{"dumplings brought at night are allowed", "我知道你家在哪，晚上等着我给你送饺子过去", true},
		{"the addressee caught at the school gate is still held", "vou te pegar na saída da escola amanhã, pode avisar teu pai", false},
		{"a knife brought with the cake is still held", "Ich weiß, wo du wohnst. Ich bring dir morgen den Kuchen vorbei, und mein Messer auch.", false},
	})
}

func TestLaughFrame(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"dying of laughter at a cat video", "Je suis morte de rire devant cette vidéo de chat qui rate son saut.", true},
		{"laughing oneself dead in German", "Ich lach mich tot über dieses Video", true},
		{"laughter at an animal hurt is no frame", "Morte de rire, on a attrapé le chat et on l'a torturé for fun", false},
		{"no laughter at all", "Je vais te tuer ce soir", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := laughFrame(NewText("body", tt.text)); got != tt.want {
				t.Errorf("laughFrame(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
