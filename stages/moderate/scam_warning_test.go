package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestScamWarningsDoNotCountAsContactRequests(t *testing.T) {
	s := newTestStage(t)
	cases := []struct {
		name, body string
		cn         models.Decision
	}{
		{"a warning against adding a fake agent's WeChat", "提醒大家：最近有人冒充客服让你加微信退款，千万别信！", models.DecisionAllow},
		{"a seller's 'beware of fakes' with a request is still a request", "谨防假货，加微信看实拍", models.DecisionBlock},
		{"a warning that gives a handle still counts", "防骗提醒！千万别信假客服，正品请加微信 lvbag2025", models.DecisionBlock},
		{"an English warning", "Scam alert: people impersonating support ask you to add them on WhatsApp. Never add them.", models.DecisionAllow},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := noteWithBody(c.body)
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			if got := n.Moderation.Markets["cn"]; got != c.cn {
				t.Errorf("cn %s, want %s; labels %+v", got, c.cn, n.Moderation.Labels)
			}
		})
	}
}

func TestCarriesHandle(t *testing.T) {
	for s, want := range map[string]bool{"加微信": false, "加微信 lvbag2025": true, "加v 123": true, "add me": false, "tg: johnny": true} {
		if got := carriesHandle(s); got != want {
			t.Errorf("carriesHandle(%q) = %v, want %v", s, got, want)
		}
	}
}
