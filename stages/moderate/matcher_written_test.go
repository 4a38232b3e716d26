package moderate

import (
	"strings"
	"testing"
)

// A term written with a number tag matches only text written so; leet
// inside a word still matches the word however written.
func TestTermsMatchAsWritten(t *testing.T) {
	rules := newTestRules(t, map[string]string{"sexual_minors.en.yaml": `
rules:
  - id: tag
    score: 0.9
    all: [[m37, "37m"], [discreet]]
  - id: leet-inside
    score: 0.9
    all: [[k1ll], [tonight]]
`})
	checkFires(t, rules, []fireCase{
		{"a number tag written as one", "M37 here, discreet", true},
		{"a number tag written first", "37m, discreet only", true},
		{"a full-width number tag", "Ｍ３７ here, discreet", true},
		{"a word the tag folds to is not the tag", "I met him once, very discreet man", false},
		{"leet inside a word matches the word", "i will kill him tonight", true},
		{"leet inside a word matches the leet", "i will k1ll him tonight", true},
	})
}

func FuzzWrittenDigits(f *testing.F) {
	for _, s := range []string{"m37", "Ｍ３７", "ł", "\xff", ""} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		if i < 0 || i >= len(s) {
			return
		}
		_ = digitAt(s, i)
		v := NewText("", s)
		sk := &v.Skeleton
		d := writtenDigits(s, sk, 0, len(sk.Runes))
		if len(sk.Runes) < 16 && d>>len(sk.Runes) != 0 {
			t.Fatalf("mask %b beyond %d runes of %q", d, len(sk.Runes), s)
		}
	})
}

// A French article elided before a vowel is no English I to a term that
// begins with the word, nor an elided article a term of one letter; a term
// written with the article matches it.
func TestElidedWordsAreNoTerm(t *testing.T) {
	rules := newTestRules(t, map[string]string{"self_harm.en.yaml": `
rules:
  - id: own-means
    score: 0.75
    window: 8 words
    all: [[i, "i'm"], [overdose, overdosed]]
  - id: article
    score: 0.75
    all: [["de l acide"]]
  - id: one-letter
    score: 0.75
    all: [[c], [dispo]]
  - id: pronoun
    score: 0.75
    all: [[t], [aime]]
`})
	checkFires(t, rules, []fireCase{
		{"the English I fires", "I overdosed last week and nobody noticed", true},
		{"an I typed as l fires", "l overdosed last week", true},
		{"an I'm typed as l'm fires", "l'm going to overdose tonight", true},
		{"an elided article does not", "La scène de l'overdose est filmée avec pudeur", false},
		{"a capital elided article does not", "L'overdose du personnage arrive trop tôt", false},
		{"a term written with the article matches it", "je lui balance de l'acide", true},
		{"a one-letter term matches the letter alone", "c dispo ce soir", true},
		{"a one-letter term is no elided word", "c'est dispo ce soir", false},
		{"an elided pronoun is still the pronoun", "personne ne t'aime", true},
	})
}

func FuzzElidedAt(f *testing.F) {
	for _, s := range []string{"l'overdose", "de l’homme", "al'a", "l'", "L'\xff", ""} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		if elidedAt(s, i, true) && (i < 0 || i >= len(s) || s[i] != 'l' && s[i] != 'L') {
			t.Fatalf("article at %d of %q, which holds no l", i, s)
		}
		if elidedAt(s, i, false) && (i+1 >= len(s) || !isApostrophe(rune(s[i+1])) && !strings.HasPrefix(s[i+1:], "’") && !strings.HasPrefix(s[i+1:], "ʼ")) {
			t.Fatalf("elision at %d of %q without an apostrophe after it", i, s)
		}
	})
}
