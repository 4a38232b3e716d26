package moderate

import (
	"slices"

	"github.com/notegate/notegate/models"
)

// patternKind says what a matched term does.
type patternKind uint8

const (
	kindHit    patternKind = iota // a finding of the pattern's category
	kindAllow                     // suppresses hits lying inside it
	kindBlock                     // market term: the market blocks
	kindReview                    // market term: the market reviews
)

// pattern is one compiled term: its skeleton and how to accept a match.
// The rules keep 140,000 of them for the life of the process, so the
// one-byte fields are kept together after the others (96 bytes a
// pattern, not 128).
type pattern struct {
	term   string
	runes  []rune
	counts []uint16 // minimum repeat count per rune ("ass" needs two s)
	score  float64
	// refs are the intent rules and groups a rule term belongs to (one
	// compiled term serves every rule that lists it), in its rule set's
	// refs: one array for all patterns, 8 bytes here rather than 24.
	refs refSpan
	// digitsAt marks the runes (of the first 16) where the term was
	// written with a number tag, which the matched text must have too
	// (matcher_written.go).
	digitsAt uint16
	// cat is the category of a lexicon term (category()); none for a
	// rule term, whose rules have theirs.
	cat  categoryCode
	kind patternKind
	// wordStart and wordEnd require a word boundary before and after:
	// Latin terms match whole words unless written with a '*' there.
	wordStart, wordEnd bool
	// hanOnly restricts the term to fields that contain Han characters
	// (pinyin abbreviations such as "sb" mean other things in English).
	hanOnly bool
	// pinyin marks spellings generated from a Chinese term; they are
	// already spaced and joined, so split-word matching skips them.
	pinyin bool
	// exact requires the repeat counts to be equal, not at least: a
	// one-letter word ("i", "u") is not a doubled letter ("you'll" folds
	// to "you ii").
	exact bool
	// recognizer marks a rule pseudo-term found by code rather than by
	// the automaton (<minor_age>, rules_age.go; <price>, rules_price.go);
	// it has no runes.
	recognizer bool
	// feeds marks a term in a group of a rule that reads ages (feedsAges)
	// or prices (feedsPrices), so a match of it makes the field worth
	// reading for them (recognizerWanted)
	// without walking refs, which run to hundreds for shared sets.
	feeds uint8
	// spacedDigits marks a term of digits written apart ("1:1", a replica's
	// grade): the skeleton joins them as it joins spaced letters, so it
	// matches only digits written apart, never a number ("11–19 Uhr").
	spacedDigits bool
	// prohibitive marks a term ending in a Japanese prohibition (入れるな),
	// which なら, なり or なんて continue into other words
	// (matcher_prohibitive.go).
	prohibitive bool
	// helpline marks a term that names a crisis line, which vetoes a
	// person at risk only until the field says the risk is back
	// (rules_helpline.go); set once when the rules are loaded.
	helpline bool
	// wordI marks a term that begins with the word I ("i overdosed"),
	// which an elided French article is not (matcher_written.go).
	wordI bool
	// anyCount marks a term whose repeat counts pass every match: each
	// rune written once, no digit, not exact (set by newMatcher), so
	// accept skips reading the view's counts for it.
	anyCount bool
}

// categoryCode is a category of the taxonomy in a byte: 0 for none, i+1
// for models.Categories[i].
type categoryCode uint8

// categoryCodeOf returns the code of c; false when c is in no taxonomy
// position a byte can name.
func categoryCodeOf(c models.Category) (categoryCode, bool) {
	if c == "" {
		return 0, true
	}
	i := slices.Index(models.Categories, c)
	if i < 0 || i >= 255 {
		return 0, false
	}
	return categoryCode(i + 1), true
}

// category returns the category of a lexicon pattern ("" for none).
func (p *pattern) category() models.Category {
	if p.cat == 0 {
		return ""
	}
	return models.Categories[p.cat-1]
}

// Bits of pattern.feeds.
const (
	feedsAges uint8 = 1 << iota
	feedsPrices
	feedsMentions
	feedsCashtags
)

// match is one accepted match of pattern p on skeleton runes [i, j).
type match struct {
	p    *pattern
	i, j int
	weak bool // a misspelling of a short term (rules_typo.go)
}

// matcher finds all patterns in a skeleton in one pass (Aho-Corasick over
// runes). It is immutable after construction and safe for concurrent use.
//
// Transitions are stored for lookup speed, since every rune of every field
// takes one or more of them: the root's are also a dense table over the
// runes up to the largest first rune of a term (within the Basic
// Multilingual Plane; Han, kana and Hangul all start there), and every
// state's are a run of runes sorted in one shared slice (most states have
// one). States are numbered breadth-first, each state's children in the
// order of their runes, so the edge labels[e] leads to state e+1 and needs
// no target stored (2.5 MB of the rules' 620,000 states).
type matcher struct {
	patterns []pattern
	root     []int32 // root transitions by rune, dense; 0: none
	// states[s] holds what a step through state s reads besides the edge
	// labels, side by side so that a step costs one cache line, not
	// three (a rune's step on the rules' 10 MB of tables is mostly
	// waiting for memory); states[len-1] is a sentinel whose first ends
	// the last state's edges.
	states []matcherState
	labels []rune // labels[e]: the rune of the edge into state e+1
	// ends are the states where a pattern ends, a fifth of them; the
	// patterns ending at the k-th are outList[outStart[k]:outStart[k+1]],
	// in the order given: one slice for all states rather than a slice
	// header (24 bytes) for each of the ~620,000 states of the rules, and
	// offsets for those states only.
	ends     *rankedBits
	outStart []int32
	outList  []int32
}

// matcherState is one state of a matcher.
type matcherState struct {
	first int32 // the state's edges are labels[first:states[s+1].first]
	fail  int32
	link  int32 // nearest proper suffix state with output, or -1
}

// edge is one transition: on rune r to state next.
type edge struct {
	r    rune
	next int32
}

// maxDenseRoot bounds the root's dense table (256 KiB of int32).
const maxDenseRoot = 0x10000

// outs returns the patterns ending at state s.
func (m *matcher) outs(s int32) []int32 {
	k := m.ends.index(uint32(s))
	if k < 0 {
		return nil
	}
	return m.outList[m.outStart[k]:m.outStart[k+1]]
}

func transKey(state int32, r rune) uint64 { return uint64(state)<<32 | uint64(uint32(r)) }

// trieBuilder holds the trie while terms are added; newMatcher then lays
// its transitions out as the matcher's tables.
type trieBuilder struct {
	trans  map[uint64]int32
	states int32
}

func (b *trieBuilder) child(s int32, r rune) int32 {
	k := transKey(s, r)
	if next, ok := b.trans[k]; ok {
		return next
	}
	b.states++
	b.trans[k] = b.states
	return b.states
}

func newMatcher(patterns []pattern) *matcher {
	m := &matcher{patterns: patterns}
	for pi := range patterns {
		p := &patterns[pi]
		p.anyCount = !p.exact && !slices.ContainsFunc(p.counts, func(c uint16) bool { return c != 1 }) &&
			!slices.ContainsFunc(p.runes, isASCIIDigit)
	}
	b := trieBuilder{trans: make(map[uint64]int32)}
	ends := make([]int32, len(patterns)) // the state where each pattern ends; 0: none
	for pi := range patterns {
		if patterns[pi].recognizer {
			continue
		}
		s := int32(0)
		for _, r := range patterns[pi].runes {
			s = b.child(s, r)
		}
		ends[pi] = s
	}
	renumber := m.layout(&b)
	for pi, s := range ends {
		if s != 0 {
			ends[pi] = renumber[s]
		}
	}
	n := int(b.states) + 1
	// Counting sort of the patterns by end state, stable.
	m.ends = newRankedBits(n)
	for _, s := range ends {
		if s != 0 {
			m.ends.add(int(s))
		}
	}
	m.outStart = make([]int32, m.ends.rank()+1)
	for _, s := range ends {
		if s != 0 {
			m.outStart[m.ends.index(uint32(s))+1]++
		}
	}
	for i := 1; i < len(m.outStart); i++ {
		m.outStart[i] += m.outStart[i-1]
	}
	m.outList = make([]int32, m.outStart[len(m.outStart)-1])
	fill := slices.Clone(m.outStart)
	for pi, s := range ends {
		if s != 0 {
			k := m.ends.index(uint32(s))
			m.outList[fill[k]] = int32(pi)
			fill[k]++
		}
	}
	// Failure links breadth-first, which is the states' order: a state's
	// failure is shallower, so it is known when the state is reached.
	st := m.states
	st[0].link = -1
	for e := st[0].first; e < st[1].first; e++ {
		st[e+1].link = -1 // the root's children fail to the root
	}
	for s := int32(1); s < int32(n); s++ {
		for e := st[s].first; e < st[s+1].first; e++ {
			c, r := e+1, m.labels[e]
			f := st[s].fail
			for {
				if next, ok := m.get(f, r); ok {
					st[c].fail = next
					break
				}
				if f == 0 {
					st[c].fail = 0
					break
				}
				f = st[f].fail
			}
			fs := st[c].fail
			if m.ends.has(uint32(fs)) {
				st[c].link = fs
			} else {
				st[c].link = st[fs].link
			}
		}
	}
	return m
}

// layout turns the builder's map into the matcher's edge runs and root
// table, numbering the states breadth-first; it returns the new number of
// each of the builder's states.
func (m *matcher) layout(b *trieBuilder) (renumber []int32) {
	n := int(b.states) + 1
	// The builder's edges by parent, each parent's sorted by rune.
	start := make([]int32, n+1)
	for k := range b.trans {
		start[int32(k>>32)+1]++
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	edges := make([]edge, start[n])
	fill := slices.Clone(start[:n])
	for k, next := range b.trans {
		parent := int32(k >> 32)
		edges[fill[parent]] = edge{rune(uint32(k)), next}
		fill[parent]++
	}
	for s := range n {
		if run := edges[start[s]:start[s+1]]; len(run) > 1 {
			slices.SortFunc(run, func(a, b edge) int { return int(a.r - b.r) })
		}
	}
	// Breadth-first: the children of the i-th state reached are the next
	// ones numbered, in rune order, so the edge into new state c is
	// labels[c-1] and a state's edges are one run.
	renumber = make([]int32, n)
	order := make([]int32, 1, n) // builder states by new number
	m.states = make([]matcherState, n+1)
	m.labels = make([]rune, 0, n-1)
	for i := 0; i < len(order); i++ {
		s := order[i]
		m.states[i].first = int32(len(m.labels))
		for _, e := range edges[start[s]:start[s+1]] {
			renumber[e.next] = int32(len(order))
			order = append(order, e.next)
			m.labels = append(m.labels, e.r)
		}
	}
	m.states[n].first = int32(len(m.labels))
	// The root's children by rune, dense over the runes of the first
	// plane that terms start with.
	rootRun := m.labels[m.states[0].first:m.states[1].first]
	dense := 128
	for _, r := range rootRun {
		if r < maxDenseRoot && int(r)+1 > dense {
			dense = int(r) + 1
		}
	}
	m.root = make([]int32, dense)
	for e, r := range rootRun {
		if int(r) < dense {
			m.root[r] = int32(e) + 1
		}
	}
	return renumber
}

// get returns the transition out of state s on rune r.
func (m *matcher) get(s int32, r rune) (int32, bool) {
	if s == 0 && r >= 0 && int(r) < len(m.root) {
		next := m.root[r]
		return next, next != 0
	}
	lo := m.states[s].first
	if e := findLabel(m.labels[lo:m.states[s+1].first], r); e >= 0 {
		return lo + e + 1, true
	}
	return 0, false
}

// findLabel returns the index of r in a run of runes sorted, or -1.
func findLabel(run []rune, r rune) int32 {
	if len(run) <= 8 {
		for i, x := range run {
			if x == r {
				return int32(i)
			}
		}
		return -1
	}
	lo, hi := 0, len(run)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if run[mid] < r {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(run) && run[lo] == r {
		return int32(lo)
	}
	return -1
}

// scan appends to dst every accepted match in v. hasHan tells whether the
// field holds Han characters, for hanOnly patterns.
func (m *matcher) scan(v *View, hasHan bool, dst []match) []match {
	if m == nil || len(m.patterns) == 0 {
		return dst
	}
	s := int32(0)
	for j, r := range v.Runes {
		for {
			if next, ok := m.get(s, r); ok {
				s = next
				break
			}
			if s == 0 {
				break
			}
			s = m.states[s].fail
		}
		for o := s; o > 0; o = m.states[o].link {
			for _, pi := range m.outs(o) {
				p := &m.patterns[pi]
				i := j + 1 - len(p.runes)
				if accept(p, v, i, j+1, hasHan) {
					end := j + 1
					if p.kind == kindAllow && !p.wordEnd && wordRune(p.runes[len(p.runes)-1]) {
						// An allowed prefix ("great tit*") covers the
						// whole word it starts ("great tits"), so a term
						// inside that word is allowed too.
						for end < len(v.Runes) && wordRune(v.Runes[end]) {
							end++
						}
					}
					dst = append(dst, match{p: p, i: i, j: end})
				}
			}
			if m.states[o].link < 0 {
				break
			}
		}
	}
	return dst
}

// accept applies the rules a raw match must pass: repeat counts, word
// boundaries and script.
func accept(p *pattern, v *View, i, j int, hasHan bool) bool {
	if p.hanOnly && !hasHan {
		return false
	}
	if !p.anyCount {
		for k, c := range p.counts {
			// Repeats fold for letters ("fuuuck"), never for digits: 188 is
			// not 18, nor 1000 100.
			if v.Counts[i+k] < c || (p.exact || isASCIIDigit(p.runes[k])) && v.Counts[i+k] != c {
				return false
			}
		}
	}
	if p.spacedDigits && !v.Spaced[i] {
		return false
	}
	if p.wordStart && i > 0 && continuesWord(v.Runes[i-1], v.Runes[i]) && !(v.Spaced[i-1] && v.Spaced[i]) {
		return false
	}
	if p.wordEnd && j < len(v.Runes) && continuesWord(v.Runes[j], v.Runes[j-1]) && !(v.Spaced[j-1] && v.Spaced[j]) {
		return false
	}
	if p.prohibitive && j < len(v.Runes) && continuesProhibitive(v.Runes[j]) {
		return false
	}
	return true
}

// wordRune reports skeleton runes that continue a Latin-style word.
func wordRune(r rune) bool {
	c := classify(r)
	return c == classLatin || c == classOther
}

// continuesWord reports whether the skeleton rune r, beside a match's
// edge rune edge, continues the same word: a change of script is a word
// boundary. Japanese and Korean glue Latin words to their own
// (今月はMoby Dickを読了, まじでFUCK, 진짜fuck), so kana before "moby" does
// not make "moby dick" part of a longer word, nor does kana after "fuck".
func continuesWord(r, edge rune) bool {
	c := classify(r)
	if c != classLatin && c != classOther {
		return false
	}
	switch e := classify(edge); e {
	case classLatin, classOther:
		return c == e
	}
	return true
}

// dropAllowed removes hits lying inside an allow match and returns the
// remaining hits and the allow matches separately.
func dropAllowed(ms []match) (hits, allows []match) {
	for _, m := range ms {
		if m.p.kind == kindAllow {
			allows = append(allows, m)
		}
	}
	for _, m := range ms {
		if m.p.kind == kindAllow {
			continue
		}
		covered := false
		for _, a := range allows {
			if a.i <= m.i && m.j <= a.j {
				covered = true
				break
			}
		}
		if !covered {
			hits = append(hits, m)
		}
	}
	return hits, allows
}
