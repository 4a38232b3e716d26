package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

func TestGoodWishesCalledForAreNoPileOn(t *testing.T) {
	s := newTableStage(t)
	tests := []struct {
		name, body string
		allowed    bool
	}{
		{"a call to congratulate an engaged friend is allowed", "everyone go leave a comment on her latest post, she just got engaged!!", true},
		{"a call to wish a birthday in Traditional Chinese is allowed", "大家一起去她IG留言祝她生日快樂", true},
		{"a call to congratulate new parents in Portuguese is allowed", "bora todo mundo no perfil dela dar parabéns pelo nenê", true},
		{"a call to mock is still a pile-on", "everyone go leave a comment on her latest post telling her how ugly she is", false},
		{"a congratulation that mocks is still a pile-on", "bora todo mundo no perfil dela dar parabéns pela cara de baranga kkkk", false},
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
