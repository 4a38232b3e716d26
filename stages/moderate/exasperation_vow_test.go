package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

func TestVowsAndCursesThatHurtNoOne(t *testing.T) {
	s := newTableStage(t)
	tests := []struct {
		name, body string
		allowed    bool
	}{
		{"a vow to call the landlord", "if my neighbor plays drums at midnight one more time I swear I will call the landlord", true},
		{"a vow to scream into a pillow", "if my neighbor's dog barks at 5am one more time I swear I'll scream into a pillow", true},
		{"a vow to burn a house is a threat", "if my neighbor plays drums at midnight one more time I swear I will burn his house down", false},
		{"a laptop cursed in Spanish", "Voy a matar a mi portátil, se ha colgado por quinta vez hoy", true},
		{"a computer cursed in Portuguese", "Vou matar esse computador, travou de novo no meio do trabalho", true},
		{"a neighbour threatened with a knife beside a laptop is a threat", "voy a matar al vecino mañana con el cuchillo, el del portátil ruidoso", false},
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
