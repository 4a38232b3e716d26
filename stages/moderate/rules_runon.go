package moderate

import (
	"strings"
)

// Words run together with no spaces: "Losgitanossontodosunosladrones",
// "odioalosmaricones", "Indiosdemierda". Like pinyin (rules_pinyin.go), no
// rule term matches inside one run of letters. A run that splits wholly
// into known words (the words of the rules' Latin terms and the real words
// of typowords/) is read word by word: a Latin rule term matches where its
// letters start and end on word boundaries of the run. The guards keep
// real words whole: the run has ten letters or more, is no known word
// itself, splits into three words or more at the fewest (so "therapists"
// is not "the rapists"), is written in lower case or opens the field (a
// capital inside the field is a name), follows no @, / or . (a handle, a
// link), splits into no letter standing alone but a, e, i, o, u and y
// (words of their own in the rules' languages), and counts only for a rule
// that finds two of its groups inside the run ("odio a" and "maricones"
// in "odioalosmaricones"): one word found inside another ("merca", slang
// for drugs, in "mercadería"; a group's name in "laundromat") decides
// nothing.

// Bounds of the reading of run-on words.
const (
	minRunOn       = 10 // letters of a run that is read
	maxRunOnWord   = 20 // letters of the longest word looked up
	minRunOnWords  = 3  // words of the run at the fewest
	minRunOnTermLn = 3  // letters of a term's key ("los", not "a")
)

// runOnIndex holds the Latin rule terms by their letters, and the words a
// run may split into. A term counts inside a run only for the rules of two
// groups or more that need it: its pattern where those are all its refs,
// a copy with only those refs where it also vetoes or serves a rule of one
// group (most terms need no copy).
type runOnIndex struct {
	pats  []*pattern
	by    *stringIndex // letters of a term, spaces left out → pats
	words *stringIndex // the vocabulary runs split into (a set)
}

// newRunOnIndex indexes every Latin term that a rule of two groups or more
// needs, by its folded letters without spaces ("los gitanos" is
// "losgitanos"), and gathers the vocabulary: every word of every Latin
// rule term and the real words of every language of typowords/.
func newRunOnIndex(ps []pattern, set *ruleSet, refTab *refTable) *runOnIndex {
	x := &runOnIndex{}
	by, words := map[string][]int32{}, map[string]bool{}
	var v View
	for _, ws := range realWordsFolded() {
		for _, w := range ws {
			words[w] = true
		}
	}
	for i := range ps {
		p := &ps[i]
		if p.kind != kindHit || p.recognizer || p.pinyin || p.hanOnly {
			continue
		}
		ws, ok := foldedWords(p.term, &v)
		if !ok {
			continue
		}
		for _, w := range ws {
			words[w] = true
		}
		key := strings.Join(ws, "")
		refs := twoGroupRefs(p, set)
		if len(refs) == 0 { // short keys too: the glued reading (rules_glued.go) reads "i"
			continue
		}
		if len(refs) < int(p.refs.n) {
			q := *p
			q.refs = refTab.add(refs)
			p = &q
		}
		by[key] = append(by[key], int32(len(x.pats)))
		x.pats = append(x.pats, p)
	}
	x.pats = trimmed(x.pats)
	x.by, x.words = newStringIndex(by), newStringSet(words)
	return x
}

// foldedWords returns the words of a term as the folded view spells them
// (lower case, no diacritics), without a trailing or leading '*'; false
// when the term holds anything but ASCII letters and spaces once folded.
// v is scratch space.
func foldedWords(term string, v *View) ([]string, bool) {
	fold(strings.Trim(term, "*"), v)
	f := v.Runes
	var words []string
	var w []byte
	for _, r := range f {
		switch {
		case isASCIILetter(r):
			w = append(w, byte(r))
		case r == ' ':
			if len(w) > 0 {
				words = append(words, string(w))
				w = w[:0]
			}
		default:
			return nil, false
		}
	}
	if len(w) > 0 {
		words = append(words, string(w))
	}
	return words, len(words) > 0
}

// realWordsFolded returns the words of typowords/ folded, per language;
// like realWords, computed for each rules detector built, not kept.
func realWordsFolded() (out [][]string) {
	for _, lang := range classifierLangs {
		b, err := typoWordFiles.ReadFile("typowords/" + lang + ".txt")
		if err != nil {
			continue
		}
		var ws []string
		var v View
		for _, line := range strings.Split(string(b), "\n") {
			if words, ok := foldedWords(strings.TrimSpace(line), &v); ok && len(words) == 1 {
				ws = append(ws, words[0])
			}
		}
		out = append(out, ws)
	}
	return out
}

// runOnMatches adds a match for every rule term found inside a run of
// letters of the field that splits wholly into known words.
func (d *RulesDetector) runOnMatches(t *Text, ms []match) []match {
	x := d.runOn
	if x == nil || x.by.len() == 0 {
		return ms
	}
	eachLetterRun(t, minRunOn, func(run []byte, from int) {
		if !handleOrLink(t, from) && !x.words.has(run) {
			ms = x.matchRun(t, run, from, d.set.refs, ms)
		}
	})
	return ms
}

// matchRun appends the matches inside one run that starts at rune from of
// the folded view, if the run splits wholly into at least minRunOnWords
// known words.
func (x *runOnIndex) matchRun(t *Text, run []byte, from int, refs []ruleRef, ms []match) []match {
	n := len(run)
	const far = 1 << 30
	// fewest[k]: the fewest words run[:k] splits into (far: none);
	// back[k]: run[k:] splits.
	var fewestBuf [maxLetterRun + 1]int
	var backBuf [maxLetterRun + 1]bool
	fewest, back := fewestBuf[:n+1], backBuf[:n+1]
	for k := 1; k <= n; k++ {
		fewest[k] = far
		for l := 1; l <= maxRunOnWord && l <= k; l++ {
			if fewest[k-l] < far && fewest[k-l]+1 < fewest[k] && runOnWord(x, run[k-l:k]) {
				fewest[k] = fewest[k-l] + 1
			}
		}
	}
	if fewest[n] == far || fewest[n] < minRunOnWords {
		return ms
	}
	back[n] = true
	for k := n - 1; k >= 0; k-- {
		for l := 1; l <= maxRunOnWord && k+l <= n; l++ {
			if back[k+l] && runOnWord(x, run[k:k+l]) {
				back[k] = true
				break
			}
		}
	}
	bound := func(k int) bool { return fewest[k] < far && back[k] }
	start := len(ms)
	ms = boundedMatches(t, run, from, minRunOnTermLn, n, bound, x.by, x.pats, ms)
	return keepTwoGroups(ms, start, refs)
}

// runOnWord reports whether w is a word a run may split into: a known
// word of two letters or more, or a one-letter word of the rules'
// languages.
func runOnWord(x *runOnIndex, w []byte) bool {
	if len(w) == 1 {
		return strings.IndexByte("aeiouy", w[0]) >= 0
	}
	return x.words.has(w)
}

// keepTwoGroups keeps, of the matches from start on (one run's), those
// that count for a rule two of whose groups matched inside the run; refs
// are the rule set's.
func keepTwoGroups(ms []match, start int, refs []ruleRef) []match {
	groups := map[int32]uint16{}
	for _, m := range ms[start:] {
		for _, r := range m.p.refs.of(refs) {
			groups[r.rule()] |= 1 << r.group()
		}
	}
	out := ms[:start]
	for _, m := range ms[start:] {
		for _, r := range m.p.refs.of(refs) {
			if g := groups[r.rule()]; g&(g-1) != 0 {
				out = append(out, m)
				break
			}
		}
	}
	return out
}
