package moderate

import (
	"fmt"
	"math/rand/v2"
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

// TestMatcherFindsEveryOccurrence checks the automaton against a naive
// search: random terms over a small alphabet that mixes ASCII, Han, Hangul
// and a rune past the dense root table, scanned in random texts, must
// yield exactly the occurrences a direct comparison at every position finds.
func TestMatcherFindsEveryOccurrence(t *testing.T) {
	alphabet := []rune{'a', 'b', 'c', '的', '火', '가', 0x1F52A, 0x20000}
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(n int) []rune {
		w := make([]rune, n)
		for i := range w {
			w[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return w
	}
	for round := range 200 {
		var patterns []pattern
		for range 1 + rng.IntN(40) {
			w := word(1 + rng.IntN(5))
			patterns = append(patterns, pattern{term: string(w), runes: w})
		}
		m := newMatcher(patterns)
		text := word(rng.IntN(60))
		v := &View{Runes: text, Counts: slices.Repeat([]uint16{1}, len(text)), Spaced: make([]bool, len(text))}
		type occ struct{ p, i, j int }
		var got, want []occ
		for _, x := range m.scan(v, true, nil) {
			pi := -1
			for k := range m.patterns {
				if &m.patterns[k] == x.p {
					pi = k
				}
			}
			got = append(got, occ{pi, x.i, x.j})
		}
		for pi, p := range patterns {
			for i := 0; i+len(p.runes) <= len(text); i++ {
				if slices.Equal(text[i:i+len(p.runes)], p.runes) {
					want = append(want, occ{pi, i, i + len(p.runes)})
				}
			}
		}
		cmp := func(a, b occ) int {
			if a.j != b.j {
				return a.j - b.j
			}
			if a.p != b.p {
				return a.p - b.p
			}
			return a.i - b.i
		}
		slices.SortFunc(got, cmp)
		slices.SortFunc(want, cmp)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: text %q, terms %d: got %v, want %v", round, string(text), len(patterns), got, want)
		}
	}
}

// TestMatcherTransitions checks the laid-out tables on a fixed trie: the
// root's dense and wide transitions and a state with many children (found
// by binary search) and with few (found by a linear scan).
func TestMatcherTransitions(t *testing.T) {
	var patterns []pattern
	for _, term := range []string{"ab", "ac", "的确", "🔪x", "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"} {
		patterns = append(patterns, pattern{term: term, runes: []rune(term)})
	}
	m := newMatcher(patterns)
	walk := func(term string) bool {
		s := int32(0)
		for _, r := range term {
			next, ok := m.get(s, r)
			if !ok {
				return false
			}
			s = next
		}
		return len(m.outs(s)) > 0
	}
	for _, tc := range []struct {
		name string
		term string
		want bool
	}{
		{"an ASCII term is found through the dense root", "ab", true},
		{"a Han term is found through the dense root", "的确", true},
		{"a term starting past the dense root is found", "🔪x", true},
		{"the last of ten children is found by binary search", "x9", true},
		{"the first of ten children is found by binary search", "x0", true},
		{"a rune between children is not a transition", "xa", false},
		{"a prefix of a term is not a term", "的", false},
		{"a rune no term starts with is not a transition", "z", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := walk(tc.term); got != tc.want {
				t.Errorf("walk(%q) = %v, want %v", tc.term, got, tc.want)
			}
		})
	}
}

// A term of digits written apart ("1:1", a replica's grade) matches digits
// written apart only: the skeleton joins "1:1" as it joins spaced letters,
// and "11–19 Uhr" is an opening hour, not a grade.
func TestSpacedDigitsTermMatchesOnlyDigitsApart(t *testing.T) {
	t.Parallel()
	p, err := parseRuleTerm("1:1")
	if err != nil {
		t.Fatal(err)
	}
	if !p.spacedDigits {
		t.Fatalf("parseRuleTerm(%q).spacedDigits = false, want true", "1:1")
	}
	m := newMatcher([]pattern{p})
	tests := []struct {
		name, text string
		want       bool
	}{
		{"the grade written with a colon is found", "Jordan Sneaker 1:1, Versand in 2 Tagen", true},
		{"the grade written with spaces is found", "Rolex 1 : 1 Qualität", true},
		{"an opening hour is a number, not the grade", "Mo–Sa 11–19 Uhr, PN", false},
		{"a price is a number, not the grade", "nur 11 Euro", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tx := NewText("body", tt.text)
			if got := len(m.scan(&tx.Skeleton, tx.HasHan, nil)) > 0; got != tt.want {
				t.Errorf("%q: found = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
