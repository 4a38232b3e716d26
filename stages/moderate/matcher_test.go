package moderate

import (
	"fmt"
	"slices"
	"testing"
)

func TestMatcherFindsEveryPatternAtEveryEnd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		terms []string
		text  string
		want  []string // term@start-end on the skeleton, in the order found
	}{
		{"patterns ending inside others are all found", []string{"*he*", "*she*", "*his*", "*hers*"}, "ushers", []string{"*she*@1-4", "*he*@2-4", "*hers*@2-6"}},
		{"two patterns with one skeleton end at one state and both are found", []string{"*cat*", "cat"}, "cat", []string{"*cat*@0-3", "cat@0-3"}},
		{"a whole word is not found inside another", []string{"cat"}, "concatenate", nil},
		{"Chinese terms are found through failure links", []string{"火锅", "锅底"}, "火锅底料", []string{"火锅@0-2", "锅底@1-3"}},
		{"nothing is found in text without the patterns", []string{"*he*", "*she*"}, "xyz", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var ps []pattern
			for _, term := range tt.terms {
				p, err := parseTerm(term, "spam", 0.9, kindHit, false)
				if err != nil {
					t.Fatalf("parseTerm(%q): %v", term, err)
				}
				ps = append(ps, p)
			}
			m := newMatcher(ps)
			text := NewText("body", tt.text)
			var got []string
			for _, mt := range m.scan(&text.Skeleton, true, nil) {
				got = append(got, fmt.Sprintf("%s@%d-%d", mt.p.term, mt.i, mt.j))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("scan(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
