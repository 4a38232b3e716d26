package moderate

import (
	"strings"
	"unicode/utf8"
)

// runeSet answers strings.ContainsAny(s, chars) for a fixed chars, faster
// when chars holds runes outside ASCII: strings.ContainsAny then decodes
// every rune of s and looks it up in chars, where its ASCII runes alone
// are found through a byte table. A runeSet asks for those through
// strings.ContainsAny and for each other rune with strings.Contains, a
// byte search. The fields of a note are asked for a handful of such sets
// (masks, inserted symbols, age and price hints) on every note.
type runeSet struct {
	ascii  string   // the ASCII runes of chars
	others []string // each other rune of chars, encoded
}

func newRuneSet(chars string) runeSet {
	var rs runeSet
	var ascii strings.Builder
	for _, r := range chars {
		if r < utf8.RuneSelf {
			ascii.WriteRune(r)
		} else {
			rs.others = append(rs.others, string(r))
		}
	}
	rs.ascii = ascii.String()
	return rs
}

// in reports whether s contains any rune of the set, as
// strings.ContainsAny does (FuzzRuneSet; no set here holds U+FFFD, which
// strings.ContainsAny would find at an invalid byte).
func (rs runeSet) in(s string) bool {
	if rs.ascii != "" && strings.ContainsAny(s, rs.ascii) {
		return true
	}
	for _, o := range rs.others {
		if strings.Contains(s, o) {
			return true
		}
	}
	return false
}
