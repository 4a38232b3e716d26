package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestNewsOfAnIllicitSaleIsNoSale(t *testing.T) {
	s := newTestStage(t)
	cases := []struct {
		name, body string
		intl       models.Decision
	}{
		{"a local news item about fake passports is allowed", "Local news: police arrested a guy selling fake passports out of a print shop downtown. Wild that it went on for 3 years.", models.DecisionAllow},
		{"a Chinese report of seized fake certificates is allowed", "新闻：警方捣毁一个制作假证的窝点，抓获嫌疑人三名。", models.DecisionAllow},
		{"a seller quoting the news and asking for DMs still is one", "police arrested my old supplier lol but I still have fake passports, dm for price", models.DecisionReview},
		{"a seller with a price still is one", "news flash, police arrested the other guy: fake passports now $300 each", models.DecisionReview},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := noteWithBody(c.body)
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			got := n.Moderation.Markets["intl"]
			if c.intl == models.DecisionAllow && got != models.DecisionAllow || c.intl != models.DecisionAllow && got == models.DecisionAllow {
				t.Errorf("intl %s, want %s; labels %+v", got, c.intl, n.Moderation.Labels)
			}
		})
	}
}
