package translate_test

import (
	"testing"

	"github.com/notegate/notegate/stages/translate"
	"github.com/notegate/notegate/stages/translate/translatetest"
)

func TestCedictGlossConformance(t *testing.T) {
	g, err := translate.NewCedictGloss()
	if err != nil {
		t.Fatal(err)
	}
	translatetest.Run(t, g, []translatetest.Pair{
		{From: "zh", To: "en", Texts: []string{"火锅推荐", "這家餐廳的牛肉麵超級好吃", "😂"}},
		{From: "en", To: "zh", Texts: []string{"hello from Ohio", "https://example.com", "I love hotpot"}},
	}, translatetest.Pair{From: "fr", To: "zh"})
}
