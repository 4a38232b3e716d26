package moderate

import (
	"sort"
	"strings"
)

// What the two readings of runs of letters share: Chinese in pinyin run
// together (rules_pinyin.go) and Latin words run together
// (rules_runon.go). Both walk the field's runs of letters, split a run at
// syllable or word boundaries, and match rule terms between boundaries.

// eachLetterRun calls fn for every run of lower-case ASCII letters of the
// folded view, of minLen to maxLetterRun letters, not written with a
// capital inside the field: the run's letters (in a buffer fn must not
// keep) and the index of its first rune.
func eachLetterRun(t *Text, minLen int, fn func(run []byte, from int)) {
	f := &t.Folded
	var buf [maxLetterRun]byte
	for i := 0; i < len(f.Runes); {
		if !isASCIILetter(f.Runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(f.Runes) && isASCIILetter(f.Runes[j]) {
			j++
		}
		if n := j - i; n >= minLen && n <= maxLetterRun && !capitalInside(t, i) {
			run := buf[:n]
			for k := range run {
				run[k] = byte(f.Runes[i+k])
			}
			fn(run, i)
		}
		i = j
	}
}

// maxLetterRun is the longest run of letters eachLetterRun hands on:
// longer ones are not read.
const maxLetterRun = 64

// boundedMatches appends a match of pats[k] for every substring of run
// (which starts at rune from of the folded view) that by maps to k, of
// minLen to maxLen bytes, starting and ending where bound holds.
func boundedMatches(t *Text, run []byte, from, minLen, maxLen int, bound func(int) bool, by *stringIndex, pats []*pattern, ms []match) []match {
	n := len(run)
	for s := 0; s < n; s++ {
		if !bound(s) {
			continue
		}
		for e := s + minLen; e <= n && e-s <= maxLen; e++ {
			if !bound(e) {
				continue
			}
			ks := by.get(run[s:e])
			if len(ks) == 0 {
				continue
			}
			i, j := skeletonIndex(t, from+s), skeletonIndex(t, from+e-1)+1
			if i < 0 || j <= i {
				continue
			}
			for _, k := range ks {
				ms = append(ms, match{p: pats[k], i: i, j: j})
			}
		}
	}
	return ms
}

// twoGroupRefs returns the refs of p to rules of two groups or more that
// need it (a group of all:, not a veto).
func twoGroupRefs(p *pattern, set *ruleSet) []ruleRef {
	var refs []ruleRef
	for _, r := range p.refs.of(set.refs) {
		if r.group() >= 0 && set.rules[r.rule()].need >= 2 {
			refs = append(refs, r)
		}
	}
	return refs
}

// skeletonIndex returns the index of the skeleton rune that covers folded
// rune k (the skeleton folds repeats and separators, so the two views
// differ), or -1.
func skeletonIndex(t *Text, k int) int {
	off := t.Folded.Spans[k].Start
	sp := t.Skeleton.Spans
	i := sort.Search(len(sp), func(i int) bool { return sp[i].Start > off }) - 1
	if i < 0 || sp[i].End <= off {
		return -1
	}
	return i
}

// capitalInside reports whether the run starting at folded rune k was
// written with a capital and does not open the field: a name.
func capitalInside(t *Text, k int) bool {
	off := t.Folded.Spans[k].Start
	if off >= len(t.Original) {
		return false
	}
	c := t.Original[off]
	return 'A' <= c && c <= 'Z' && strings.TrimSpace(t.Original[:off]) != ""
}

// handleOrLink reports whether the run starting at folded rune k follows
// an @, a slash or a dot: a handle, a path, a domain.
func handleOrLink(t *Text, k int) bool {
	off := t.Folded.Spans[k].Start
	if off == 0 {
		return false
	}
	switch t.Original[off-1] {
	case '@', '/', '.', '_', '-':
		return true
	}
	return false
}
