package detect

import "unicode"

// scriptOfRune classifies one rune. Non-letters (digits, punctuation,
// symbols, emoji, marks, spaces) are scriptNone; combining marks are
// reported as scriptNone too and stay attached to the word around them.
func scriptOfRune(r rune) script {
	if r < 0x80 {
		if (r|0x20) >= 'a' && (r|0x20) <= 'z' {
			return scriptLatin
		}
		return scriptNone
	}
	if !unicode.IsLetter(r) {
		return scriptNone
	}
	switch {
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Han, r):
		return scriptHan
	case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r), r == 'ー':
		return scriptKana
	case unicode.Is(unicode.Hangul, r):
		return scriptHangul
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Thai, r):
		return scriptThai
	case unicode.Is(unicode.Devanagari, r):
		return scriptDevanagari
	case unicode.Is(unicode.Greek, r):
		return scriptGreek
	case unicode.Is(unicode.Hebrew, r):
		return scriptHebrew
	case unicode.Is(unicode.Armenian, r):
		return scriptArmenian
	case unicode.Is(unicode.Georgian, r):
		return scriptGeorgian
	case unicode.Is(unicode.Bengali, r):
		return scriptBengali
	case unicode.Is(unicode.Gujarati, r):
		return scriptGujarati
	case unicode.Is(unicode.Gurmukhi, r):
		return scriptGurmukhi
	case unicode.Is(unicode.Tamil, r):
		return scriptTamil
	case unicode.Is(unicode.Telugu, r):
		return scriptTelugu
	}
	return scriptOther
}

// isWordMark reports runes that belong inside a word without being letters:
// combining marks (Thai vowels, Devanagari matras, Vietnamese accents in
// decomposed form) and the Latin apostrophe.
func isWordMark(r rune) bool {
	return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}
