package moderate

// English contractions are written with and without their apostrophe
// ("don't want to be here anymore", "dont want to be here anymore"), and
// people in distress, in a hurry or on a phone drop it most. The skeleton
// writes both alike: the apostrophe of a contraction joins its two halves
// into one word (dont, cant, ive, youre), in notes and in the terms of
// lexicons and rules, so one listed spelling covers both. Only the forms
// that make no other English word are joined: "i've" would read as
// "live" (see contractionAfter), "we're" as "were", "he'll" as "hell",
// "she'd" as "shed", and a possessive "'s" would hide the listed word
// before it.

// isApostrophe reports the runes written as an apostrophe: ASCII, the
// right single quotation mark and the modifier letter.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// contractionAfter lists, for each second half, the first halves it joins
// (in skeleton letters: l reads as i, so "could" is "couid"); "t" takes
// any first half that ends in n.
var contractionAfter = map[string][]string{
	"t": nil, // n't: don't, can't, won't, isn't, didn't, ain't
	"m": {"i"},
	// not "i've": the skeleton reads l as i and writes repeats once, so
	// "ive" would be every "live".
	"ve": {"you", "we", "they", "couid", "wouid", "shouid", "might", "must", "who"},
	"re": {"you", "they"},
}

// joinContractions marks, in the skeleton's working runes, each apostrophe
// that joins a contraction as classJoin.
func joinContractions(runes []rune, class []uint8) {
	n := len(runes)
	for k := 1; k+1 < n; k++ {
		if !isApostrophe(runes[k]) || class[k-1] != classLatin || class[k+1] != classLatin {
			continue
		}
		lo := k
		for lo > 0 && class[lo-1] == classLatin {
			lo--
		}
		hi := k + 1
		for hi < n && class[hi] == classLatin {
			hi++
		}
		if hi-(k+1) > 2 {
			continue
		}
		if contraction(runes[lo:k], string(runes[k+1:hi])) {
			class[k] = classJoin
		}
	}
}

// contraction reports whether first + "'" + second is a contraction that
// joinContractions joins.
func contraction(first []rune, second string) bool {
	firsts, ok := contractionAfter[second]
	if !ok {
		return false
	}
	if second == "t" {
		return first[len(first)-1] == 'n'
	}
	for _, f := range firsts {
		if string(first) == f {
			return true
		}
	}
	return false
}
