package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

func TestIncidentalSwearInALongStory(t *testing.T) {
	s := newTestStage(t)
	tests := []struct {
		name, body string
		cn         models.Decision
		category   models.Category // a label the note must keep, "" for none
	}{
		{"a night shift told in five sentences with one oath is allowed in cn",
			"Lundi matin au bureau, l'imprimante refuse encore de fonctionner. Putain, j'ai une réunion à neuf heures et vingt pages à imprimer. " +
				"Le technicien ne vient que jeudi, donc je cours au copieur du troisième étage. Mes collègues ont apporté des croissants, ça sauve la matinée. " +
				"Vivement vendredi.",
			models.DecisionAllow, models.CategoryProfanity},
		{"the same oath in a one-line comment is still reviewed in cn",
			"Putain, encore l'imprimante en panne ce matin",
			models.DecisionReview, models.CategoryProfanity},
		{"a long story that swears twice is crude swearing",
			"Lundi matin au bureau, l'imprimante refuse encore de fonctionner. Putain de merde, j'ai une réunion à neuf heures et vingt pages à imprimer. " +
				"Le technicien ne vient que jeudi, donc je cours au copieur du troisième étage. Mes collègues ont apporté des croissants, ça sauve la matinée. " +
				"Vivement vendredi.",
			models.DecisionBlock, models.CategoryProfanity},
		{"a pet's last day with one German oath is allowed in cn",
			"Mein Kater Moritz ist heute Morgen gestorben, Nierenversagen mit dreizehn Jahren. Die Tierärztin war unglaublich sanft und hat uns alle Zeit gelassen. " +
				"Scheiße, tut das weh. Er hat jeden Abend auf meinem Schreibtisch geschlafen, mitten auf der Tastatur, und morgens laut nach Frühstück gerufen. Danke für all die lieben Nachrichten.",
			models.DecisionAllow, models.CategoryProfanity},
		{"an insult aimed at someone in a long note stays harassment",
			"Went back to the shop today to return the broken kettle. The manager refused the refund and laughed at me in front of the queue. " +
				"I'm posting his name so everyone knows: Dave at the Elm Street branch, you are a fucking worthless idiot and everyone should go tell him so. " +
				"Keep your receipts, people.",
			models.DecisionReview, models.CategoryHarassment},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := moderateBody(t, s, tt.body).Moderation
			if m.Markets["cn"] != tt.cn {
				t.Errorf("cn %s, want %s (labels %+v)", m.Markets["cn"], tt.cn, m.Labels)
			}
			found := false
			for _, l := range m.Labels {
				found = found || l.Category == tt.category
			}
			if tt.category != "" && !found {
				t.Errorf("no %s label (labels %+v)", tt.category, m.Labels)
			}
		})
	}
}

func TestCountSentences(t *testing.T) {
	tests := []struct {
		name, s string
		want    int
	}{
		{"three Latin sentences", "One. Two! Three?", 3},
		{"a run of marks is no sentence", "Wow!!! Great. Thanks", 3},
		{"Chinese full stops", "今天加班。打印机又坏了！明天再说", 3},
		{"a decimal point ends nothing", "It cost 9.99 today. Fine", 2},
		{"empty", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countSentences(NewText("body", tt.s)); got != tt.want {
				t.Errorf("countSentences(%q) = %d, want %d", tt.s, got, tt.want)
			}
		})
	}
}
