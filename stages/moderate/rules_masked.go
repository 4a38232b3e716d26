package moderate

import "strings"

// maskedMatches adds, for every word of the field written with masks
// inside it (p*te, s@l3 p*t3, c**nard), a match of each one-word rule term
// it can spell, on the skeleton runes the word covers, so that rules read
// "s@l3 p*t3" as they read "sale pute". A mask stands for one letter and
// at least two letters must show, as in the lexicon detector.
func (d *RulesDetector) maskedMatches(t *Text, ms []match) []match {
	if len(d.words) == 0 {
		return ms
	}
	f := &t.Folded
	sk := &t.Skeleton
	eachMaskedWord(f, func(lo, hi int, word []rune) {
		// The skeleton runes inside the word's bytes of the original.
		a, b, ok := skeletonRange(sk, f.Spans[lo].Start, f.Spans[hi-1].End)
		if !ok {
			return
		}
		for k := range d.words {
			if maskedMatch(word, d.words[k]) {
				ms = append(ms, match{p: d.words[k].p, i: a, j: b})
			}
		}
	})
	return ms
}

// masked reports whether s holds a mask character (* # ＊ ＃), quicker
// than strings.ContainsAny, which decodes every rune when a set holds
// non-ASCII ones.
func masked(s string) bool {
	return strings.IndexByte(s, '*') >= 0 || strings.IndexByte(s, '#') >= 0 ||
		strings.Contains(s, "＊") || strings.Contains(s, "＃")
}
