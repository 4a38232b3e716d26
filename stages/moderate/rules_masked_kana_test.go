package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

// A syllable hidden behind a symbol (伏せ字) still spells the word; a word
// with two hidden, or an ordinary word beside a symbol, spells nothing.
func TestRulesReadAKanaWordWithAHiddenSyllable(t *testing.T) {
	t.Parallel()
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	tests := []ruleCase{
		{"a slur with its middle syllable hidden by a circle", "あいつらガ○ジばっかりやん、配信すんな", true},
		{"the same slur hidden by a cross", "ガ×ジは配信するなよ", true},
		{"a slur with two syllables hidden says too little", "○○ジは配信するなよ", false},
		{"a circle beside an ordinary word", "今日のライブ○、最高でした", false},
	}
	checkRuleCategories(t, d, tests, 0.5, models.CategoryHate, models.CategoryHarassment)
}

func TestKanaMaskHintFindsEveryMask(t *testing.T) {
	t.Parallel()
	for _, r := range kanaMaskRunes {
		if !isKanaMask(r) {
			t.Errorf("isKanaMask misses %q", r)
		}
		if !kanaMaskHint("ガ" + string(r) + "ジ") {
			t.Errorf("kanaMaskHint misses %q", r)
		}
	}
	for _, s := range []string{"", "plain text", "今日のライブ、最高でした", "Ünïcödé ✓ — “quotes”"} {
		if kanaMaskHint(s) {
			t.Errorf("kanaMaskHint(%q) = true, want false", s)
		}
	}
}
