package translationeval

import (
	"math"
	"testing"
)

func TestTokenizers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in, want string
		zh             bool
	}{
		{"13a_splits_punctuation_but_keeps_apostrophes", "Hello, world! Don't (panic).", "Hello , world ! Don't ( panic ) .", false},
		{"13a_keeps_decimal_points_and_thousands_commas", "It costs 3.50 or 1,000 yuan.", "It costs 3.50 or 1,000 yuan .", false},
		{"13a_splits_a_dash_after_a_digit", "the 2-3 range", "the 2 - 3 range", false},
		{"13a_unescapes_entities", "a &amp; b &quot;c&quot;", `a & b " c "`, false},
		{"zh_makes_every_han_character_a_token", "我爱火锅!", "我 爱 火 锅 !", true},
		{"zh_splits_full_width_punctuation_and_keeps_latin_words", "我在Ohio，很好。", "我 在 Ohio ， 很 好 。", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tok := tokenize13a
			if tc.zh {
				tok = tokenizeZh
			}
			if got := tok(tc.in); got != tc.want {
				t.Errorf("tokenize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCorpusBLEU(t *testing.T) {
	t.Parallel()
	near := func(t *testing.T, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("BLEU = %.10f, want %.10f", got, want)
		}
	}
	t.Run("an_identical_sentence_scores_100", func(t *testing.T) {
		t.Parallel()
		near(t, CorpusBLEU([]string{"the cat is on the mat"}, []string{"the cat is on the mat"}, "en"), 100)
	})
	t.Run("one_substituted_word_scores_as_computed_by_hand", func(t *testing.T) {
		t.Parallel()
		// hyp "the cat sat on the mat", ref "the cat is on the mat":
		// 1-grams 5/6, 2-grams 3/5 (the cat, on the, the mat), 3-grams 1/4
		// (on the mat), 4-grams 0/3 → exp smoothing 100/(2·3); no brevity
		// penalty (6 = 6 tokens).
		want := math.Exp((math.Log(500.0/6) + math.Log(60) + math.Log(25) + math.Log(100.0/6)) / 4)
		near(t, CorpusBLEU([]string{"the cat sat on the mat"}, []string{"the cat is on the mat"}, "en"), want)
	})
	t.Run("a_short_hypothesis_pays_the_brevity_penalty", func(t *testing.T) {
		t.Parallel()
		// hyp "the cat is on" (4 tokens) against the 6-token ref: every
		// n-gram matches (precisions 100), BP = exp(1 − 6/4).
		near(t, CorpusBLEU([]string{"the cat is on"}, []string{"the cat is on the mat"}, "en"), 100*math.Exp(1-6.0/4))
	})
	t.Run("chinese_is_scored_on_characters", func(t *testing.T) {
		t.Parallel()
		// hyp 我爱吃火锅 vs ref 我爱火锅 (5 and 4 characters): 1-grams 4/5,
		// 2-grams 2/4 (我爱, 火锅), 3-grams 0/3 → 100/(2·3), 4-grams 0/2 →
		// 100/(4·2).
		want := math.Exp((math.Log(80) + math.Log(50) + math.Log(100.0/6) + math.Log(100.0/8)) / 4)
		near(t, CorpusBLEU([]string{"我爱吃火锅"}, []string{"我爱火锅"}, "zh"), want)
	})
	t.Run("statistics_are_summed_over_the_corpus_not_averaged", func(t *testing.T) {
		t.Parallel()
		// Two sentences of 2 tokens have no 3- or 4-grams; the corpus
		// total of 3-grams is 0, which ends the product: BLEU 0.
		near(t, CorpusBLEU([]string{"a b", "c d"}, []string{"a b", "c d"}, "en"), 0)
	})
	t.Run("an_empty_hypothesis_scores_0", func(t *testing.T) {
		t.Parallel()
		near(t, CorpusBLEU([]string{""}, []string{"the cat"}, "en"), 0)
	})
}

func TestCorpusChrF(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		hyps, refs []string
		want       float64
	}{
		{"identical_text_scores_100", []string{"the cat"}, []string{"thecat"}, 100},
		// abc vs abd: 1-grams 2/3 both ways, 2-grams 1/2, 3-grams 0/1;
		// orders 4–6 have no n-grams and do not count. Average precision
		// = recall = (2/3 + 1/2 + 0)/3 = 7/18, so F = 7/18.
		{"one_changed_character_scores_as_computed_by_hand", []string{"abc"}, []string{"abd"}, 100 * 7.0 / 18},
		// hyp ab vs ref abcd: 1-grams P 2/2 R 2/4, 2-grams P 1/1 R 1/3;
		// orders 3+ have no hypothesis n-grams. P = 1, R = (1/2+1/3)/2 =
		// 5/12; F2 = 5·P·R/(4P+R) = (25/12)/(53/12) = 25/53.
		{"a_short_hypothesis_is_punished_through_recall", []string{"ab"}, []string{"abcd"}, 100 * 25.0 / 53},
		{"nothing_in_common_scores_0", []string{"xy"}, []string{"ab"}, 0},
		{"an_empty_hypothesis_scores_0", []string{""}, []string{"ab"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := CorpusChrF(tc.hyps, tc.refs); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("chrF = %.10f, want %.10f", got, tc.want)
			}
		})
	}
}
