package moderate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Standalone exclamations: 幹 written alone (幹！, 幹，熱死了, 幹幹幹) is the
// everyday Taiwanese swear, but folded to 干 and without its punctuation it
// is the 干 of 干净, 干杯, 能干, 幹嘛, 树干 and 饼干. The lexicons cannot see
// punctuation, so the exclamation is read here on the original text: a run
// of the Traditional character with no Han character or letter on either
// side. Simplified 干！ stays innocent: it is also "let's do it". 淦, its
// homophone written to slip past filters (淦，又遲到), is read the same way:
// alone it is the swear, inside a word the river and the surname (淦江, 新淦).

// exclaimed are the characters read as a swear when they stand alone.
var exclaimed = []rune{'幹', '淦'}

// exclaimScore: cn reviews profanity from 0.3; intl allows below 0.75.
const exclaimScore = 0.5

// exclamations returns a profanity finding for every standalone run of
// one of the exclaimed characters.
func exclamations(t *Text) []Finding {
	if !t.HasHan {
		return nil
	}
	var out []Finding
	for _, c := range exclaimed {
		out = append(out, exclamationsOf(t.Original, c)...)
	}
	return out
}

// exclamationsOf returns a finding for every run of c in s with no Han
// character, letter or digit on either side.
func exclamationsOf(s string, c rune) []Finding {
	if !strings.ContainsRune(s, c) {
		return nil
	}
	var out []Finding
	for i := 0; i < len(s); {
		j := strings.IndexRune(s[i:], c)
		if j < 0 {
			break
		}
		start := i + j
		end := start
		for end < len(s) && strings.HasPrefix(s[end:], string(c)) {
			end += utf8.RuneLen(c)
		}
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !wordLike(before)) && (end == len(s) || !wordLike(after)) {
			out = append(out, Finding{Category: models.CategoryProfanity, Score: exclaimScore,
				Span: Span{start, end}, Rule: string(c)})
		}
		i = end
	}
	return out
}

// wordLike reports runes that would make 幹 part of a word: Han, letters
// and digits (幹嘛, 樹幹, 幹部, 幹2).
func wordLike(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r)
}
