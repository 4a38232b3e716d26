package moderate

import (
	"slices"
	"testing"
)

func TestContractionsKeepTheClassifiersFeatures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, trained string // trained: the skeleton the models learnt
	}{
		{"n't reads as two words", "I don't want to be here", "i don t want to be here"},
		{"several contractions", "you're sure they've gone? can't stay", "you re sure they ve gone can t stay"},
		{"i'm was one word already", "i'm done", "im done"},
		// Not kept: n't before a one-letter word ("isn't a") was "isn ta"
		// then, single letters joining; it is "isn t a" now, a few features
		// apart (notegate eval moderation moved by 0.003 at most).
		{"no contraction, no change", "i dont want to", "i dont want to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tx := NewText("body", tt.text)
			got := ClassifierFeatures(tx, 20, nil)
			want := classifierFeatures([]rune(tt.trained), 20, nil)
			if len(got) != len(want) {
				t.Fatalf("%d features, want %d (as the models learnt %q)", len(got), len(want), tt.trained)
			}
			gb, wb := make([]uint32, len(got)), make([]uint32, len(want))
			for k := range got {
				gb[k], wb[k] = got[k].Bucket, want[k].Bucket
				if got[k].Start < 0 || got[k].Start >= got[k].End || int(got[k].End) > tx.Skeleton.Len() {
					t.Fatalf("feature %+v outside the skeleton %q", got[k], tx.Skeleton.String())
				}
			}
			if !slices.Equal(gb, wb) {
				t.Errorf("buckets differ from the trained skeleton %q", tt.trained)
			}
		})
	}
}

func TestContractionsMatchListedSpellings(t *testing.T) {
	t.Parallel()
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	// The rules list "don't want to be here anymore" with its apostrophe.
	for _, text := range []string{"i dont want to be here anymore", "i don’t want to be here anymore"} {
		fs, _ := d.Detect(t.Context(), NewText("body", text))
		if !slices.ContainsFunc(fs, func(f Finding) bool { return f.Category == "self_harm" && f.Support }) {
			t.Errorf("%q: no at-risk finding in %v", text, fs)
		}
	}
}
