package moderate

import (
	"strings"
	"unicode/utf8"
)

// Words with a symbol slipped between their letters: "Schwu.chteln",
// "nig.gers", "Schwu*chteln", "put_ain". No letter is missing, so the
// masked reading (rules_masked.go, a mask for a letter) does not apply,
// and the fragments are too long for the joined reading (rules_typo.go,
// fragments parted by spaces). Two or three Latin fragments of the
// skeleton parted only by one such symbol each, with no space in the
// original, that spell a one-word Latin rule term of five letters or more
// (the join index) count as that term. The join is exact, so ordinary
// dotted writing ("z.B.", "node.js", "St.Gallen") spells a term only if
// it is one.

// insertedSymbols are the symbols evaders slip into a word.
const insertedSymbols = ".*·•-_'`~^+=|/\\#@"

// insertedSymbolSet finds insertedSymbols in a field (runeset.go).
var insertedSymbolSet = newRuneSet(insertedSymbols)

// maxInsertedFragments bounds the fragments one word may be cut into.
const maxInsertedFragments = 3

// insertedMatches adds a match for every word cut by inserted symbols
// (from the field's latinFragments) that spells a rule term. Detect calls
// it when the original holds one of insertedSymbols.
func (d *RulesDetector) insertedMatches(t *Text, frags []latinFrag, ms []match) []match {
	v := &t.Skeleton
	var joined []byte
	for a := 0; a+1 < len(frags); a++ {
		joined = joined[:0]
		for _, r := range v.Runes[frags[a].i:frags[a].j] {
			joined = append(joined, byte(r))
		}
		for b := a + 1; b < len(frags) && b < a+maxInsertedFragments; b++ {
			if frags[b].i != frags[b-1].j+1 || !insertedSymbolGap(t.Original, v.Spans[frags[b].i-1]) {
				break
			}
			for _, r := range v.Runes[frags[b].i:frags[b].j] {
				joined = append(joined, byte(r))
			}
			if len(joined) < minJoinedTerm {
				continue
			}
			for _, pi := range d.joined.get(joined) {
				ms = append(ms, match{p: &d.m.patterns[pi], i: frags[a].i, j: frags[b].j})
			}
		}
	}
	return ms
}

// insertedSymbolGap reports whether the original bytes of a gap between
// two fragments are exactly one inserted symbol.
func insertedSymbolGap(s string, sp Span) bool {
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return false
	}
	g := s[sp.Start:sp.End]
	r, n := utf8.DecodeRuneInString(g)
	return n == len(g) && strings.ContainsRune(insertedSymbols, r)
}
