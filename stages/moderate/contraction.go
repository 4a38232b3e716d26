package moderate

// English contractions are written with and without their apostrophe
// ("don't want to be here anymore", "dont want to be here anymore"), and
// people in distress, in a hurry or on a phone drop it most. The skeleton
// writes the negations alike: the apostrophe of n't joins its two halves
// into one word (dont, cant, wont, didnt), in notes and in the terms of
// lexicons and rules, so one listed spelling covers both; "can't" no
// longer reads as "can" either. Other contractions keep their apostrophe
// as a space: a term "if you" must go on covering "if you're", "i've"
// would read as "live" (the skeleton reads l as i and writes repeats
// once), "we're" as "were", "he'll" as "hell", and a possessive "'s" would
// hide the listed word before it. "i'm" was one word already (single
// letters join).

// isApostrophe reports the runes written as an apostrophe: ASCII, the
// right single quotation mark and the modifier letter.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// joinContractions marks, in the skeleton's working runes, each apostrophe
// of n't (a Latin word ending in n, then a lone t) as classJoin.
func joinContractions(runes []rune, class []uint8) {
	n := len(runes)
	for k := 1; k+1 < n; k++ {
		if !isApostrophe(runes[k]) || runes[k-1] != 'n' || runes[k+1] != 't' || class[k-1] != classLatin {
			continue
		}
		if k+2 < n && class[k+2] == classLatin {
			continue // not a lone t
		}
		class[k] = classJoin
	}
}
