package moderate

import "sort"

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
		start, end := f.Spans[lo].Start, f.Spans[hi-1].End
		a := sort.Search(len(sk.Spans), func(k int) bool { return sk.Spans[k].Start >= start })
		b := a
		for b < len(sk.Spans) && sk.Spans[b].End <= end {
			b++
		}
		for b > a && sk.Runes[b-1] == ' ' {
			b--
		}
		if a >= b {
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
