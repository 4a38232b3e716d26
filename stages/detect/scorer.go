package detect

import (
	"math"
	"slices"
	"unicode/utf8"

	"github.com/notegate/notegate/stages/detect/internal/ngrams"
)

// maxGroupLanguages bounds a script group so a bit mask can track which
// languages an n-gram was already found for; a table holds no more.
const maxGroupLanguages = ngrams.MaxLanguages

// gram is one distinct n-gram of the text: hashes of its prefixes of
// length 1..order, longest last, for lingua's back-off to lower orders.
type gram struct {
	prefix [5]uint64
	order  uint8
}

// scores holds lingua's score of each language of a group for one text:
// the sum over the text's distinct n-grams (orders 1–5, or only trigrams
// for 120 letters and more) of the log-probability of the longest prefix
// the language's model knows, divided by the number of the text's letters
// the language's unigram model knows. Higher is more likely; 0 means the
// language knows nothing of the text.
type scores struct {
	value [maxGroupLanguages]float64
	known [maxGroupLanguages]bool
	// decided is the language lingua's letter rules decided, or -1.
	decided int
}

// score scores words (lower-case letter runs of one script) against every
// language of t. grams is scratch space, returned for reuse.
func (t *ngramTable) score(words []string, letters int, grams []gram, out *scores) []gram {
	*out = scores{}
	lowOrder, highOrder := 1, 5
	if letters >= 120 {
		lowOrder, highOrder = 3, 3
	}
	grams = grams[:0]
	for _, w := range words {
		var starts [64]int
		n := 0
		for i := range w {
			if n == len(starts) {
				break
			}
			starts[n] = i
			n++
		}
		for i := 0; i < n; i++ {
			var g gram
			h := uint64(ngrams.FNVOffset)
			for k := 0; k < 5 && i+k < n; k++ {
				end := len(w)
				if i+k+1 < n {
					end = starts[i+k+1]
				}
				for b := starts[i+k]; b < end; b++ {
					h ^= uint64(w[b])
					h *= ngrams.FNVPrime
				}
				g.prefix[k] = h
				if k+1 >= lowOrder && k+1 <= highOrder {
					g.order = uint8(k + 1)
					grams = append(grams, g)
				}
			}
		}
	}
	// lingua scores each distinct n-gram once.
	slices.SortFunc(grams, func(a, b gram) int {
		if a.order != b.order {
			return int(a.order) - int(b.order)
		}
		ka, kb := a.prefix[a.order-1], b.prefix[b.order-1]
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	grams = slices.CompactFunc(grams, func(a, b gram) bool {
		return a.order == b.order && a.prefix[a.order-1] == b.prefix[b.order-1]
	})

	nl := len(t.langs)
	all := uint64(1)<<nl - 1
	if nl == maxGroupLanguages {
		all = ^uint64(0)
	}
	// lingua's letter rules first: they may decide the text outright, or
	// narrow the languages that compete on n-grams.
	decided, allowed := t.rules.apply(words, all)
	out.decided = decided
	if decided >= 0 {
		out.known[decided] = true
		return grams
	}
	var unigramsKnown [maxGroupLanguages]int
	for _, g := range grams {
		var found uint64
		for k := int(g.order) - 1; k >= 0 && found != allowed; k-- {
			lo, hi := t.data.Lookup(g.prefix[k])
			for p := lo; p < hi; p++ {
				ti, logp := t.data.Posting(p)
				// bit is 0 for a language that is not a candidate.
				if bit := t.bit[ti]; found&bit == 0 && allowed&bit != 0 {
					found |= bit
					li := t.group[ti]
					out.value[li] += float64(logp)
					out.known[li] = true
				}
			}
		}
		if g.order == 1 {
			for li := 0; li < nl; li++ {
				if found&(1<<li) != 0 {
					unigramsKnown[li]++
				}
			}
		}
	}
	// The prior and the chat words are evidence like the n-grams': added
	// once to the sum, they decide close calls in a word or two and fade as
	// the text grows.
	for li := 0; li < nl; li++ {
		if out.known[li] {
			out.value[li] += t.logPrior[li]
		}
	}
	if t.chat >= 0 && out.known[t.chat] {
		for _, w := range words {
			if _, ok := chatWords[w]; ok {
				out.value[t.chat] += chatEvidence
			}
		}
	}
	if lowOrder == 1 {
		for li := 0; li < nl; li++ {
			if unigramsKnown[li] > 0 {
				out.value[li] /= float64(unigramsKnown[li])
			}
		}
	}
	for li := 0; li < nl; li++ {
		if out.value[li] == 0 || allowed&(1<<li) == 0 {
			out.known[li] = false
		}
	}
	return grams
}

// best returns the two best-scoring languages (indices into t.langs; -1 if
// none) and lingua's softmax probability of the best.
func (s *scores) best(n int) (first, second int, prob float64) {
	first, second = -1, -1
	if s.decided >= 0 {
		return s.decided, -1, 1
	}
	for i := 0; i < n; i++ {
		if !s.known[i] {
			continue
		}
		switch {
		case first < 0 || s.value[i] > s.value[first]:
			first, second = i, first
		case second < 0 || s.value[i] > s.value[second]:
			second = i
		}
	}
	if first < 0 {
		return -1, -1, 0
	}
	sum := 0.0
	for i := 0; i < n; i++ {
		if s.known[i] {
			sum += math.Exp(s.value[i] - s.value[first])
		}
	}
	return first, second, 1 / sum
}

// runeCount is utf8.RuneCountInString, named for readability at call sites.
func runeCount(s string) int { return utf8.RuneCountInString(s) }
