package translate_test

import (
	"slices"
	"testing"

	"github.com/notegate/notegate/stages/translate"
	"github.com/notegate/notegate/stages/translate/translatetest"
)

// TestProviderConformance runs the Provider contract (translatetest) on
// every provider: the CC-CEDICT gloss, and each HTTP provider against its
// protocol fake (Apertium's, which also counts /listPairs calls, runs in
// provider_apertium_test.go).
func TestProviderConformance(t *testing.T) {
	tests := []struct {
		name        string
		provider    func(t *testing.T) translate.Provider
		supported   []translatetest.Pair
		unsupported translatetest.Pair
	}{
		{"cedict_gloss", func(t *testing.T) translate.Provider {
			g, err := translate.NewCedictGloss()
			if err != nil {
				t.Fatal(err)
			}
			return g
		},
			[]translatetest.Pair{
				{From: "zh", To: "en", Texts: []string{"火锅推荐", "這家餐廳的牛肉麵超級好吃", "😂"}},
				{From: "en", To: "zh", Texts: []string{"hello from Ohio", "https://example.com", "I love hotpot"}},
			}, translatetest.Pair{From: "fr", To: "zh"}},
		{"deepl", func(t *testing.T) translate.Provider { p, _ := newFakeDeepL(t); return p },
			chineseEnglish, translatetest.Pair{From: "en", To: "xh"}},
		{"google", func(t *testing.T) translate.Provider { p, _ := newFakeGoogle(t); return p },
			chineseEnglish, translatetest.Pair{From: "en", To: "xh"}},
		{"libretranslate", func(t *testing.T) translate.Provider { p, _ := newFakeLibreTranslate(t); return p },
			slices.Concat(chineseEnglish, []translatetest.Pair{{From: "en", To: "es", Texts: []string{"The cat is black", "Good morning"}}}),
			translatetest.Pair{From: "en", To: "fr"}},
		{"openai", func(t *testing.T) translate.Provider { return newFakeChat(t, &fakeChat{}) },
			[]translatetest.Pair{
				{From: "zh", To: "en", Texts: []string{"火锅推荐", "這家餐廳的牛肉麵超級好吃", "😂"}},
				{From: "en", To: "zh-Hant", Texts: []string{"hello from Ohio", "I love hotpot #food @amy https://x.y/z"}},
			}, translatetest.Pair{From: "en", To: "english"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			translatetest.Run(t, tc.provider(t), tc.supported, tc.unsupported)
		})
	}
}
