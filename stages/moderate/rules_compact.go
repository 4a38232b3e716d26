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
// of their length, puts the patterns' refs (refs[i] for pattern i) in one
// table (refTable), and their runes in one array and their terms in one
// string (packPatterns). It is called once, when compileRules is done; the
// set is read-only afterwards but for the refs of the copies of patterns
// that NewRulesDetector's indexes make.
func (s *ruleSet) compact(refs [][]ruleRef) {
	s.rules = trimmed(s.rules)
	s.patterns = trimmed(s.patterns)
	var t refTable
	for i := range s.patterns {
		s.patterns[i].refs = t.add(refs[i])
	}
	s.refs = t.done()
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

// refTable collects the rule set's ref lists into one array, each
// distinct list once, and returns where each is. A term of a set that a
// hundred rules list ($reporting, $first_person) is one pattern per
// spelling, each spelling with the same hundred refs: of the embedded
// rules' 1.3 million refs, 0.55 million are distinct lists' own.
type refTable struct {
	all  []ruleRef
	seen map[string]refSpan // a list as bytes → where it is
	buf  []byte
}

// add returns where refs are in the table, adding them if no equal list
// is there yet.
func (t *refTable) add(refs []ruleRef) refSpan {
	if len(refs) == 0 {
		return refSpan{}
	}
	t.buf = t.buf[:0]
	for _, r := range refs {
		t.buf = binary.LittleEndian.AppendUint32(t.buf, uint32(r))
	}
	if sp, ok := t.seen[string(t.buf)]; ok {
		return sp
	}
	if t.seen == nil {
		t.seen = map[string]refSpan{}
	}
	sp := refSpan{off: uint32(len(t.all)), n: uint32(len(refs))}
	t.all = append(t.all, refs...)
	t.seen[string(t.buf)] = sp
	return sp
}

// done returns the table's array, trimmed; add must not be called after.
func (t *refTable) done() []ruleRef {
	all := trimmed(t.all)
	*t = refTable{}
	return all
}
