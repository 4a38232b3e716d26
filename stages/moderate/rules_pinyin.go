package moderate

import (
	"strings"
)

// Chinese written in pinyin with no spaces: "heirendoushilaji滚出中国",
// "musilinquanshikongbufenzi". People run the syllables together to dodge
// filters, and no rule term matches inside one run of letters. A run that
// spells pinyin through (every letter in a syllable) is read syllable by
// syllable: a rule term of two Han characters or more matches where its
// toneless pinyin (黑人 heiren, 都是 doushi) starts and ends on syllable
// boundaries of the run. Only runs that spell pinyin through count, of six
// letters or more in a field with Han characters that the classifier reads
// as Chinese or as no language (pinyin has no function words), and of
// twelve or more in any other, so English words that happen to be syllables
// ("made" is 妈的 in pinyin, "change", "banana") stay English, in an
// English post with a word of Chinese in it too. Single-character terms
// (我, 都) are left out: one syllable is too little to go on; so is one term
// alone: only rules of two groups or more read pinyin ("tama" is 他妈 and
// the start of the Samoan name Tamasese, but no hate rule fires on one
// word), and a run written with a capital inside the field, a name (Tupua
// Tamasese), is not read.

// Bounds of the pinyin reading.
const (
	minPinyinRun       = 6  // letters, in a Chinese field (or und with Han)
	minPinyinRunOther  = 12 // letters, in any other
	maxPinyinSyllable  = 6  // letters of the longest syllable (zhuang)
	minPinyinTermBytes = 4  // joined pinyin of a term: "laji", not "ai"
)

// pinyinSyllables are the syllables of Hanyu Pinyin (tables_pinyin.go),
// without the lone "r" of erhua, which would let any r end a syllable.
var pinyinSyllables = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Fields(pinyinSyllableList) {
		if s != "r" {
			m[s] = true
		}
	}
	return m
}()

// pinyinIndex holds the pinyin spellings of the all-Han terms of rule
// groups, matched only inside runs that spell pinyin through.
type pinyinIndex struct {
	pats   []*pattern
	by     *stringIndex // joined toneless pinyin → pats
	maxLen int          // bytes of the longest key
}

// newPinyinIndex spells every all-Han term of two characters or more that
// a rule of two groups or more needs (a group of all:) in pinyin: up to
// four spellings where characters have several readings (combinations).
// The copies keep the term's refs to those rules, so a match of "heiren"
// counts for every rule of two groups that lists 黑人.
func newPinyinIndex(ps []pattern, set *ruleSet, refTab *refTable) *pinyinIndex {
	x := &pinyinIndex{}
	by := map[string][]int32{}
	for i := range ps {
		p := &ps[i]
		if p.kind != kindHit || p.recognizer || p.pinyin || len(p.runes) < 2 {
			continue
		}
		refs := twoGroupRefs(p, set)
		if len(refs) == 0 {
			continue
		}
		readings := hanReadings(p.runes)
		if readings == nil {
			continue
		}
		q := *p
		q.pinyin, q.refs = true, refTab.add(refs)
		k := int32(len(x.pats))
		x.pats = append(x.pats, &q)
		for _, syl := range combinations(readings, 4) {
			key := strings.Join(syl, "")
			if len(key) < minPinyinTermBytes {
				continue
			}
			by[key] = append(by[key], k)
			x.maxLen = max(x.maxLen, len(key))
		}
	}
	x.pats, x.by = trimmed(x.pats), newStringIndex(by)
	return x
}

// pinyinMatches adds a match for every rule term spelt in pinyin inside a
// run of letters of the field that spells pinyin through.
func (d *RulesDetector) pinyinMatches(t *Text, ms []match) []match {
	x := d.pinyin
	if x == nil || x.by.len() == 0 {
		return ms
	}
	minRun := minPinyinRunOther
	if lang := fieldLanguage(t); t.HasHan && (lang == langZh || lang == langUnd) {
		minRun = minPinyinRun
	}
	eachLetterRun(t, minRun, func(run []byte, from int) {
		ms = x.matchRun(t, run, from, ms)
	})
	return ms
}

// matchRun appends the matches inside one run of letters, which starts at
// rune from of the folded view, if the run spells pinyin through.
func (x *pinyinIndex) matchRun(t *Text, run []byte, from int, ms []match) []match {
	n := len(run)
	// reach[k]: run[:k] is syllables; back[k]: run[k:] is.
	var reachBuf, backBuf [maxLetterRun + 1]bool
	reach, back := reachBuf[:n+1], backBuf[:n+1]
	reach[0], back[n] = true, true
	for k := 1; k <= n; k++ {
		for l := 1; l <= maxPinyinSyllable && l <= k; l++ {
			if reach[k-l] && pinyinSyllables[string(run[k-l:k])] {
				reach[k] = true
				break
			}
		}
	}
	if !reach[n] {
		return ms
	}
	for k := n - 1; k >= 0; k-- {
		for l := 1; l <= maxPinyinSyllable && k+l <= n; l++ {
			if back[k+l] && pinyinSyllables[string(run[k:k+l])] {
				back[k] = true
				break
			}
		}
	}
	bound := func(k int) bool { return reach[k] && back[k] }
	return boundedMatches(t, run, from, minPinyinTermBytes, x.maxLen, bound, x.by, x.pats, ms)
}
