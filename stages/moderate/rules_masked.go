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
	n := len(f.Runes)
	for i := 0; i < n; {
		if !maskable(f.Runes[i]) {
			i++
			continue
		}
		j := i
		masks, letters := 0, 0
		for j < n && maskable(f.Runes[j]) {
			if isMask(f.Runes[j]) {
				masks++
			} else {
				letters++
			}
			j++
		}
		lo, hi := trimMasks(f.Runes, i, j)
		i = j
		if masks == 0 || letters < 2 || !hasInnerMask(f.Runes, lo, hi) {
			continue
		}
		word := make([]rune, 0, hi-lo)
		for _, r := range f.Runes[lo:hi] {
			if c, ok := leet[r]; ok {
				r = c
			}
			word = append(word, r)
		}
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
			continue
		}
		for k := range d.words {
			if maskedMatch(word, d.words[k]) {
				ms = append(ms, match{p: d.words[k].p, i: a, j: b})
			}
		}
	}
	return ms
}
