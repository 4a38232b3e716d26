package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

func TestIncidentalSwear(t *testing.T) {
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
		{"the same oath in a one-line comment is allowed in cn too",
			"Putain, encore l'imprimante en panne ce matin",
			models.DecisionAllow, models.CategoryProfanity},
		{"a Chinese gamer's one 卧槽 is allowed in cn",
			"开黑被一枪爆头，队友当场一句卧槽，然后我们四个笑到打不了下一把",
			models.DecisionAllow, models.CategoryProfanity},
		{"a one-line comment that swears three times is crude swearing",
			"fuck this shit, my damn battery died again",
			models.DecisionBlock, models.CategoryProfanity},
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
