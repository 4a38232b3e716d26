package moderate

import "unicode"

// Mixed script: "соntасtеz-mоi sur WhаtsАрр" types Cyrillic а, о, с, е, р
// inside Latin words so that a filter reading letters misses "WhatsApp".
// The folded view reads them as Latin, so the request is found; that the
// author wrote them so is itself a dodge, as full-width letters are
// (disguisedContact). No one who writes Russian, Ukrainian or Greek mixes
// its letters into one word with Latin ones; words wholly in Cyrillic
// ("Привет, add me on WeChat") are no sign.

// mixedScriptWord reports whether s holds a word with both Latin and
// Cyrillic or Greek letters.
func mixedScriptWord(s string) bool {
	latin, other := false, false
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r):
			latin, other = false, false
			continue
		case unicode.Is(unicode.Latin, r):
			latin = true
		case unicode.Is(unicode.Cyrillic, r), unicode.Is(unicode.Greek, r):
			other = true
		}
		if latin && other {
			return true
		}
	}
	return false
}
