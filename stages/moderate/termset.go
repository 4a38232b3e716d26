package moderate

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// termSet answers whether a text holds any of many terms, the question
// containsAny answers term by term. Asking term by term reads the text
// once per term: exposureIntent has hundreds of terms and is asked of every
// note that names a street word, spamSigns of every note of a campaign,
// which in a flood is every note. A termSet reads the text once: its terms
// are bucketed by a hash of their first few bytes (as many as the shortest
// term has, up to three), and at each byte where a term can start only the
// terms of that position's bucket are compared.
//
// The terms are valid UTF-8, so none starts with a continuation byte and
// those positions are skipped; the text may be anything.
type termSet struct {
	key   int       // bytes hashed: the shortest term's length, 1 to 3
	shift uint      // 32 - log2(number of buckets)
	first [256]bool // bytes a term starts with
	start []uint32  // bucket b holds terms[start[b]:start[b+1]]
	terms []string
	list  []string // the terms as given, in order
}

func newTermSet(lists ...[]string) *termSet {
	var all []string
	key := 3
	for _, list := range lists {
		for _, t := range list {
			if t != "" {
				all = append(all, t)
				key = min(key, len(t))
			}
		}
	}
	nb := 64
	for nb < 2*len(all) {
		nb *= 2
	}
	ts := &termSet{key: key, shift: uint(32 - bits.TrailingZeros(uint(nb))), list: all}
	count := make([]uint32, nb+1)
	for _, t := range all {
		ts.first[t[0]] = true
		count[ts.bucket(t)+1]++
	}
	for b := 1; b <= nb; b++ {
		count[b] += count[b-1]
	}
	ts.start = count
	ts.terms = make([]string, len(all))
	next := append([]uint32(nil), count[:nb]...)
	for _, t := range all {
		b := ts.bucket(t)
		ts.terms[next[b]] = t
		next[b]++
	}
	return ts
}

// bucket hashes the first key bytes of s, which has at least key bytes.
func (ts *termSet) bucket(s string) uint32 {
	h := uint32(s[0])
	if ts.key > 1 {
		h |= uint32(s[1]) << 8
	}
	if ts.key > 2 {
		h |= uint32(s[2]) << 16
	}
	return (h * 0x9E3779B1) >> ts.shift
}

// in reports whether s contains one of the terms.
func (ts *termSet) in(s string) bool {
	return ts.any(s, nil)
}

// any reports whether s contains one of the terms at a place ok accepts
// (s[i:j] being the term); a nil ok accepts every place. Every occurrence
// of every term is offered to ok until it accepts one.
func (ts *termSet) any(s string, ok func(s string, i, j int) bool) bool {
	if ts == nil || len(ts.terms) == 0 {
		return false
	}
	for i := 0; i+ts.key <= len(s); i++ {
		if !ts.first[s[i]] {
			continue
		}
		b := ts.bucket(s[i:])
		for _, t := range ts.terms[ts.start[b]:ts.start[b+1]] {
			if strings.HasPrefix(s[i:], t) && (ok == nil || ok(s, i, i+len(t))) {
				return true
			}
		}
	}
	return false
}

// anyTerm answers as containsTermAny does: a term that starts with a Latin
// letter counts as a whole word, one that starts with a digit as a whole
// number, any other wherever it stands.
func (ts *termSet) anyTerm(s string) bool {
	return ts.any(s, termEdge)
}

func termEdge(s string, i, j int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:j])
	switch {
	case unicode.Is(unicode.Latin, r):
		return wordEdge(s, i, j)
	case unicode.IsDigit(r):
		return numberEdge(s, i, j)
	}
	return true
}

// anyWord answers as containsWordAny does: a term that starts with a Han
// character counts wherever it stands, any other as a whole word.
func (ts *termSet) anyWord(s string) bool {
	return ts.any(s, func(s string, i, j int) bool { return isHan(s[i:j]) || wordEdge(s, i, j) })
}

// two reports whether s holds two different terms of ts, each counted as
// anyTerm counts it (a Latin term as a whole word).
func (ts *termSet) two(s string) bool {
	first := ""
	return ts.any(s, func(s string, i, j int) bool {
		if !termEdge(s, i, j) {
			return false
		}
		if first == "" {
			first = s[i:j]
			return false
		}
		return s[i:j] != first
	})
}
