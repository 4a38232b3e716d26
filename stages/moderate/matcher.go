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
type pattern struct {
	term     string
	runes    []rune
	counts   []uint16 // minimum repeat count per rune ("ass" needs two s)
	category models.Category
	score    float64
	kind     patternKind
	// wordStart and wordEnd require a word boundary before and after:
	// Latin terms match whole words unless written with a '*' there.
	wordStart, wordEnd bool
	// hanOnly restricts the term to fields that contain Han characters
	// (pinyin abbreviations such as "sb" mean other things in English).
	hanOnly bool
	// pinyin marks spellings generated from a Chinese term; they are
	// already spaced and joined, so split-word matching skips them.
	pinyin bool
	// refs are the intent rules and groups a rule term belongs to (one
	// compiled term serves every rule that lists it).
	refs []ruleRef
	// exact requires the repeat counts to be equal, not at least: a
	// one-letter word ("i", "u") is not a doubled letter ("you'll" folds
	// to "you ii").
	exact bool
	// recognizer marks a rule pseudo-term found by code rather than by
	// the automaton (<minor_age>, rules_age.go); it has no runes.
	recognizer bool
}

// match is one accepted match of pattern p on skeleton runes [i, j).
type match struct {
	p    *pattern
	i, j int
}

// matcher finds all patterns in a skeleton in one pass (Aho-Corasick over
// runes). It is immutable after construction and safe for concurrent use.
type matcher struct {
	patterns []pattern
	root     [128]int32 // transitions out of the root for ASCII runes
	trans    map[uint64]int32
	fail     []int32
	// The patterns ending at state s are outList[outStart[s]:outStart[s+1]],
	// in the order given: one slice for all states rather than a slice
	// header (24 bytes) for each of the ~340,000 states of the rules.
	outStart []int32
	outList  []int32
	link     []int32 // nearest proper suffix state with output, or -1
}

// outs returns the patterns ending at state s.
func (m *matcher) outs(s int32) []int32 { return m.outList[m.outStart[s]:m.outStart[s+1]] }

func transKey(state int32, r rune) uint64 { return uint64(state)<<32 | uint64(uint32(r)) }

func newMatcher(patterns []pattern) *matcher {
	m := &matcher{patterns: patterns, trans: make(map[uint64]int32)}
	m.fail = []int32{0}
	ends := make([]int32, len(patterns)) // the state where each pattern ends; 0: none
	for pi := range patterns {
		if patterns[pi].recognizer {
			continue
		}
		s := int32(0)
		for _, r := range patterns[pi].runes {
			next, ok := m.get(s, r)
			if !ok {
				next = int32(len(m.fail))
				m.fail = append(m.fail, 0)
				m.set(s, r, next)
			}
			s = next
		}
		ends[pi] = s
	}
	m.fail = slices.Clip(m.fail)
	// Counting sort of the patterns by end state, stable.
	m.outStart = make([]int32, len(m.fail)+1)
	for _, s := range ends {
		if s != 0 {
			m.outStart[s+1]++
		}
	}
	for i := 1; i < len(m.outStart); i++ {
		m.outStart[i] += m.outStart[i-1]
	}
	m.outList = make([]int32, m.outStart[len(m.fail)])
	fill := slices.Clone(m.outStart[:len(m.fail)])
	for pi, s := range ends {
		if s != 0 {
			m.outList[fill[s]] = int32(pi)
			fill[s]++
		}
	}
	// Breadth-first failure links. Children of a state are found by
	// iterating the map once and grouping by parent.
	children := make([][]struct {
		r    rune
		next int32
	}, len(m.fail))
	for k, next := range m.trans {
		parent := int32(k >> 32)
		children[parent] = append(children[parent], struct {
			r    rune
			next int32
		}{rune(uint32(k)), next})
	}
	for r := 0; r < 128; r++ {
		if next := m.root[r]; next != 0 {
			children[0] = append(children[0], struct {
				r    rune
				next int32
			}{rune(r), next})
		}
	}
	m.link = make([]int32, len(m.fail))
	m.link[0] = -1
	queue := make([]int32, 0, len(m.fail))
	for _, c := range children[0] {
		m.fail[c.next] = 0
		m.link[c.next] = -1
		queue = append(queue, c.next)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, c := range children[s] {
			f := m.fail[s]
			for {
				if next, ok := m.get(f, c.r); ok {
					m.fail[c.next] = next
					break
				}
				if f == 0 {
					m.fail[c.next] = 0
					break
				}
				f = m.fail[f]
			}
			fs := m.fail[c.next]
			if m.outStart[fs+1] > m.outStart[fs] {
				m.link[c.next] = fs
			} else {
				m.link[c.next] = m.link[fs]
			}
			queue = append(queue, c.next)
		}
	}
	return m
}

func (m *matcher) get(s int32, r rune) (int32, bool) {
	if s == 0 && r >= 0 && r < 128 {
		next := m.root[r]
		return next, next != 0
	}
	next, ok := m.trans[transKey(s, r)]
	return next, ok
}

func (m *matcher) set(s int32, r rune, next int32) {
	if s == 0 && r >= 0 && r < 128 {
		m.root[r] = next
		return
	}
	m.trans[transKey(s, r)] = next
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
			s = m.fail[s]
		}
		for o := s; o > 0; o = m.link[o] {
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
			if m.link[o] < 0 {
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
	for k, c := range p.counts {
		if v.Counts[i+k] < c || p.exact && v.Counts[i+k] != c {
			return false
		}
	}
	if p.wordStart && i > 0 && wordRune(v.Runes[i-1]) && !(v.Spaced[i-1] && v.Spaced[i]) {
		return false
	}
	if p.wordEnd && j < len(v.Runes) && wordRune(v.Runes[j]) && !(v.Spaced[j-1] && v.Spaced[j]) {
		return false
	}
	return true
}

// wordRune reports skeleton runes that continue a Latin-style word.
func wordRune(r rune) bool {
	c := classify(r)
	return c == classLatin || c == classOther
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
