package moderate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A term written with a number among its letters ("m37", a man of 37 in a
// dating ad) names that spelling: the skeleton folds digits in a word to
// the letters they stand for (k1ll is kill), so without a check "m37"
// matches every "met" and "m45" every Spanish "mas". writtenDigits records,
// on the pattern, the runes where its term had such a number (digitsAt);
// asWritten drops the matches whose text has no digit there. Terms written
// in letters keep matching digits written for them (the term "kill"
// matches "k1ll").
//
// Only a run of two digits or more that starts or ends a word of the term
// counts: a number tag ("m37", "37m", "gf14", "ak47") names itself, while
// leet inside a word ("m13rda", "k1ll", "n00dz") or a single digit at its
// edge ("no1 likes u") is the analyst's spelling of the word, and matches
// it however it is written.
//
// Letters folded together are left alone: the skeleton reads l, I and 1 as
// one letter, so "lf" (looking for) matches "if" too. Holding short terms
// to their l lost a sealed harmful note (round 40); rules keep such terms
// beside signals that decide.

// writtenDigits returns the mask of the skeleton runes [lo, hi) of term
// view v (of the first 16) that the term orig wrote as a number tag.
func writtenDigits(orig string, v *View, lo, hi int) (digits uint16) {
	var digit [16]bool
	n := min(hi-lo, 16)
	for k := 0; k < n; k++ {
		sp := v.Spans[lo+k]
		if sp.Start >= sp.End || sp.End > len(orig) {
			continue
		}
		// A rune that folds letters with the digit ("k1ll": 1ll) is inside
		// a word.
		digit[k] = !isASCIIDigit(v.Runes[lo+k]) && allDigits(orig[sp.Start:sp.End])
	}
	for a := 0; a < n; {
		if !digit[a] {
			a++
			continue
		}
		b := a
		for b < n && digit[b] {
			b++
		}
		startsWord := a == 0 || v.Runes[lo+a-1] == ' '
		endsWord := lo+b == hi || v.Runes[lo+b] == ' '
		if (startsWord || endsWord) && b-a >= 2 {
			for k := a; k < b; k++ {
				digits |= 1 << k
			}
		}
		a = b
	}
	return digits
}

// The skeleton reads l as i for the same reason, so the French article
// elided before a vowel ("la scène de l'overdose", "je l'ai") is the
// English word I to a term that begins with it ("i overdosed"): the
// article is dropped there. English writes an I so before m, v, l, d and
// r only ("l'm", a disguise); terms written with the article ("de l
// acide") match it as before. Nor are the elided words that name no one
// (c'est, d'un, l'a, n'a) a term of one letter alone: "c" is cocaine in a
// dealer's French, "c'est" is not. The elided pronouns (j'ai, m'a, t'es,
// s'il) stay the words the rules' person sets list.

// asWritten drops from ms the matches on the skeleton v of orig whose
// text lacks a digit where the pattern's term has a number tag, and the
// matches on an elided French word of a term beginning with the word I
// (on l' alone) or of a term of one letter (on c', d', l' or n').
func asWritten(orig string, v *View, ms []match) []match {
	out := ms[:0]
	for _, m := range ms {
		if m.p.digitsAt != 0 && !writtenAsTerm(orig, v, m) {
			continue
		}
		if (m.p.wordI || m.p.exact && len(m.p.runes) == 1) && elidedAt(orig, v.Spans[m.i].Start, m.p.wordI) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// startsWithWordI reports whether the term begins with the word I: an i
// alone, or before an apostrophe ("i'm").
func startsWithWordI(term string) bool {
	term = strings.TrimLeft(term, " ")
	if term == "" || term[0] != 'i' && term[0] != 'I' {
		return false
	}
	if len(term) == 1 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(term[1:])
	return r == ' ' || isApostrophe(r)
}

// elidedAt reports whether a French word that names no one, elided
// before a vowel or an h (c', d', l', n'), starts at byte i of s: its
// letter, which no letter stands right before, then an apostrophe. With
// article, only an l' counts.
func elidedAt(s string, i int, article bool) bool {
	if i < 0 || i+1 >= len(s) {
		return false
	}
	switch s[i] | 0x20 {
	case 'l':
	case 'c', 'd', 'n':
		if article {
			return false
		}
	default:
		return false
	}
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) {
			return false
		}
	}
	r, n := utf8.DecodeRuneInString(s[i+1:])
	if !isApostrophe(r) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[i+1+n:])
	switch unicode.ToLower(next) {
	case 'a', 'e', 'i', 'o', 'u', 'h', 'y', 'à', 'â', 'é', 'è', 'ê', 'î', 'ï', 'ô', 'û', 'ù', 'œ':
		return true
	}
	return false
}

func writtenAsTerm(orig string, v *View, m match) bool {
	for k := 0; k < 16 && m.i+k < m.j; k++ {
		if m.p.digitsAt&(1<<k) == 0 {
			continue
		}
		sp := v.Spans[m.i+k]
		if sp.Start >= len(orig) || !digitAt(orig, sp.Start) {
			return false
		}
	}
	return true
}

// digitAt reports whether a digit (any script's, full-width ones too)
// starts at byte i of s.
func digitAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsDigit(r)
}

// allDigits reports whether s is digits only (a run that repeat collapsing
// folded into one rune may hold letters too).
func allDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}
