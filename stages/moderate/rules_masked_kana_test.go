package moderate

import (
	"context"
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
	tests := []struct {
		name, body string
		hate       bool
	}{
		{"a slur with its middle syllable hidden by a circle", "あいつらガ○ジばっかりやん、配信すんな", true},
		{"the same slur hidden by a cross", "ガ×ジは配信するなよ", true},
		{"a slur with two syllables hidden says too little", "○○ジは配信するなよ", false},
		{"a circle beside an ordinary word", "今日のライブ○、最高でした", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs, err := d.Detect(context.Background(), NewText("body", tt.body))
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, f := range fs {
				got = got || (f.Category == models.CategoryHate || f.Category == models.CategoryHarassment) && f.Score >= 0.5
			}
			if got != tt.hate {
				t.Errorf("hate or harassment = %v, want %v (findings %+v)", got, tt.hate, fs)
			}
		})
	}
}

func TestKanaMaskHintFindsEveryMask(t *testing.T) {
	t.Parallel()
	for _, r := range kanaMaskRunes {
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
