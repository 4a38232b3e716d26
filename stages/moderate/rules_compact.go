package moderate

import (
	"encoding/binary"
	"slices"
	"strings"
)

// What the rules compile into is kept for the life of the process (issue
// 12: the moderation stage's start-up tables were the largest part of the
// service's live heap), so once every file is read the compiler lays its
// results out compactly. Nothing here changes what a rule matches.

// compact copies the rule set's slices, grown by append, to allocations
// of their length, makes the patterns' refs share storage (shareRefs) and
// puts their runes in one array and their terms in one string
// (packPatterns). It is called once, when compileRules is done; the set
// is read-only afterwards.
func (s *ruleSet) compact() {
	s.rules = trimmed(s.rules)
	s.patterns = trimmed(s.patterns)
	shareRefs(s.patterns)
	packPatterns(s.patterns)
}

// packPatterns moves the runes of every pattern into one array, each
// pattern's clipped, and their terms into one string: 140,000 small
// allocations of each, rounded up to their size classes, took 10–30 %
// more than their contents (and the terms were the YAML parser's).
func packPatterns(ps []pattern) {
	nr, nt := 0, 0
	for i := range ps {
		nr += len(ps[i].runes)
		nt += len(ps[i].term)
	}
	runes := make([]rune, 0, nr)
	var terms strings.Builder
	terms.Grow(nt)
	for i := range ps {
		start := len(runes)
		runes = append(runes, ps[i].runes...)
		ps[i].runes = runes[start:len(runes):len(runes)]
		terms.WriteString(ps[i].term)
	}
	all, at := terms.String(), 0
	for i := range ps {
		n := len(ps[i].term)
		ps[i].term = all[at : at+n]
		at += n
	}
}

// trimmed returns s in an allocation of its length, its cap clipped.
// slices.Clip alone frees nothing: the array append grew stays live.
func trimmed[S ~[]E, E any](s S) S {
	return slices.Clip(slices.Clone(s))
}

// shareRefs makes patterns whose refs are equal share one backing array,
// and puts all the distinct lists in a single allocation. A term of a set
// that a hundred rules list ($reporting, $first_person) is one pattern per
// spelling, each spelling with the same hundred refs: of the embedded
// rules' 1.3 million refs, 0.55 million are distinct lists' own. Each
// shared slice is clipped, so an append to it copies instead of writing
// over another pattern's refs; refs are not written after compile.
func shareRefs(ps []pattern) {
	first := map[string]int{} // refs as bytes → first pattern with them
	keys := make([]string, len(ps))
	total := 0
	var buf []byte
	for i := range ps {
		if len(ps[i].refs) == 0 {
			continue
		}
		buf = refsKey(buf[:0], ps[i].refs)
		if _, ok := first[string(buf)]; !ok {
			first[string(buf)] = i
			total += len(ps[i].refs)
		}
		keys[i] = string(buf)
	}
	all := make([]ruleRef, 0, total)
	shared := make(map[int][]ruleRef, len(first)) // first pattern → its list in all
	for i := range ps {
		if keys[i] == "" {
			continue
		}
		f := first[keys[i]]
		if f == i {
			start := len(all)
			all = append(all, ps[i].refs...)
			shared[i] = all[start:len(all):len(all)]
		}
		ps[i].refs = shared[f]
	}
}

// refsKey appends refs to b in a form that compares equal exactly when
// the refs do.
func refsKey(b []byte, refs []ruleRef) []byte {
	for _, r := range refs {
		b = binary.LittleEndian.AppendUint32(b, uint32(r))
	}
	return b
}
