package moderate

import "strings"

// A Japanese prohibition is a verb's plain form followed by な: 入れるな
// ("don't let them in"), 来るな, 貸すな. Rules list it as a substring
// ("*入れるな*") so that よ, って or a sentence's end may follow, but the
// same characters begin other words: 入れるなら ("if we let them in"),
// 来るなり ("as soon as they came"), 来るなんて ("that they'd come").
// jaProhibitive marks such terms, and accept refuses a match of one that
// one of those characters continues.

// prohibitiveVerbEnds are the last kana of a verb's plain form (on the
// skeleton, which drops voicing marks) and ん of colloquial 来んな.
const prohibitiveVerbEnds = "るすうくむふぬつん"

// notProhibitive are the kana after な that make it a conditional
// (なら), "as soon as" (なり) or an exclamation (なんて), not a
// prohibition.
const notProhibitive = "らりん"

// jaProhibitive reports whether a term's skeleton ends in a Japanese
// prohibition.
func jaProhibitive(runes []rune) bool {
	n := len(runes)
	return n >= 2 && runes[n-1] == 'な' && strings.ContainsRune(prohibitiveVerbEnds, runes[n-2])
}

// continuesProhibitive reports whether r, the rune after a match of a
// prohibition term, makes the match another word.
func continuesProhibitive(r rune) bool {
	return strings.ContainsRune(notProhibitive, r)
}
