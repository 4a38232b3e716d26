package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

func TestThingsGivenAwayForAReasonSaid(t *testing.T) {
	s := newTableStage(t)
	tests := []struct {
		name, body string
		allowed    bool
	}{
		{"baby things passed on because the children are grown are allowed", "regalé mis cosas de bebé a mi prima, ya no las voy a necesitar, ¡mis hijos ya son grandes!", true},
		{"baby things given to a sister are allowed", "j'ai donné mes affaires de bébé à ma sœur, je n'en aurai plus besoin", true},
		{"a clear-out before a move is allowed", "Ich habe meine alten Bücher verschenkt, ich brauche sie nach dem Umzug nicht mehr", true},
		{"things given away with no reason are a warning sign", "Ich habe meine Sachen verschenkt, ich brauche sie bald nicht mehr", false},
		{"a reason does not cover a goodbye", "regalé mis cosas de bebé a mi prima, ya no las voy a necesitar. adiós a todos, quiero morirme", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := moderateBody(t, s, tt.body)
			allowed := n.Moderation.Markets["cn"] == models.DecisionAllow && n.Moderation.Markets["intl"] == models.DecisionAllow
			if allowed != tt.allowed {
				t.Errorf("allowed %v, want %v: %v, labels %s", allowed, tt.allowed, n.Moderation.Markets, labelSummary(n.Moderation.Labels))
			}
		})
	}
}
