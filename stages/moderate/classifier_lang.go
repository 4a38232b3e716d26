package moderate

import (
	"strings"
	"unicode"
)

// The classifier calibrates its scores per language, so it needs the
// language of each field, and a Detector sees one field, not the note's
// detected language (which is the note's, and absent on translations).
// fieldLanguage guesses it cheaply from the folded view: the script
// decides Chinese, Japanese and Korean; among Latin-script languages the
// most frequent function words decide; anything else is "und", which the
// classifier scores with its pooled calibration.

// Calibration languages, in the order of the languages table.
const (
	langUnd = iota
	langEn
	langZh
	langJa
	langKo
	langEs
	langPt
	langFr
	langDe
	numLangs
)

// classifierLangs names the calibration languages (ISO 639-1, "und").
var classifierLangs = [numLangs]string{"und", "en", "zh", "ja", "ko", "es", "pt", "fr", "de"}

// ClassifierLanguages are the languages the classifier calibrates for,
// "und" (any other, pooled) first.
func ClassifierLanguages() []string { return append([]string(nil), classifierLangs[:]...) }

// functionWords are frequent short words of each Latin-script language,
// lower-cased and without accents as the folded view has them. A word in
// several lists votes for each.
var functionWords = map[int]string{
	langEn: "the and you your are is was were this that with have has not what for of to it i my me be " +
		"they them will would can just like so if on in do dont im its at we he she his her or but " +
		"from about there their who how why when get got want all our an am been did does a as " +
		"go one out up by no yes here",
	langEs: "el la los las que de del y en un una es por para con no se lo al como pero mas muy esta este " +
		"eres soy estoy tu yo mi su sus le les ya porque todo todos hay tiene son fue ser nada cuando " +
		"donde quien eso esto usted ella ellos nos te a me ha han he hoy",
	langPt: "o a os as que de do da dos das e em um uma nao com para por voce eu no na nos nas mais mas " +
		"esta isso ele ela se me meu minha seu sua ta tem foi ser muito tudo quando porque vai sao ja " +
		"pra pro vc voces aqui",
	langFr: "le la les de des du et est es un une je tu il elle que qui pas ne en au aux pour avec ce cette " +
		"sur vous nous sont mais ou dans plus tout etre suis ces son sa ses leur on c j l d qu n s t",
	langDe: "der die das und ist nicht ich du er sie es ein eine einen zu mit auf den dem von fur sich auch " +
		"wir ihr sind war wie aber noch nur wenn oder was bei im am hat haben werden wird kann mehr " +
		"schon dass doch mal euch uns",
}

// functionWordLangs maps a function word to the languages (bit per
// language index) it belongs to.
var functionWordLangs = func() map[string]uint16 {
	m := map[string]uint16{}
	for lang, words := range functionWords {
		for _, w := range strings.Fields(words) {
			m[w] |= 1 << lang
		}
	}
	return m
}()

// latinOrder breaks ties between Latin-script languages: the platform's
// Latin-script writers are mostly English speakers.
var latinOrder = []int{langEn, langEs, langPt, langFr, langDe}

// fieldLanguage returns the calibration language index of a field. The
// script is read from the original text (the folded view maps Cyrillic
// and Greek look-alikes to Latin letters), the function words from the
// folded view (lower case, no accents).
func fieldLanguage(t *Text) int {
	t.langOnce.Do(func() { t.lang = readFieldLanguage(t) })
	return t.lang
}

// readFieldLanguage is fieldLanguage without the field's cache.
func readFieldLanguage(t *Text) int {
	var han, kana, hangul, latin, other int
	for _, r := range t.Original {
		switch {
		case r < 0x80:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				latin++
			}
		// The common blocks first, without table look-ups.
		case 0x4E00 <= r && r <= 0x9FFF:
			han++
		case 0x3040 <= r && r <= 0x30FF:
			kana++
		case 0xAC00 <= r && r <= 0xD7AF:
			hangul++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	// Latin letters count a third: a Chinese note with an English phrase
	// or a brand name is still Chinese.
	cjk := han + kana + hangul
	switch {
	case cjk == 0 && latin == 0:
		return langUnd
	case cjk > 0 && 3*cjk >= latin:
		switch {
		case kana > 0 && kana*10 >= han:
			return langJa
		case hangul >= han:
			return langKo
		}
		return langZh
	case other > latin:
		return langUnd
	}
	return latinLanguage(t.Folded.Runes)
}

// latinLanguage votes with the function words of a Latin-script text;
// without any it is "und".
func latinLanguage(runes []rune) int {
	var votes [numLangs]int
	var buf [8]byte
	for i := 0; i < len(runes); {
		if !isASCIILetter(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && isASCIILetter(runes[j]) {
			j++
		}
		if n := j - i; n <= len(buf) {
			for k := 0; k < n; k++ {
				buf[k] = byte(runes[i+k])
			}
			if langs := functionWordLangs[string(buf[:n])]; langs != 0 {
				for l := range numLangs {
					if langs&(1<<l) != 0 {
						votes[l]++
					}
				}
			}
		}
		i = j
	}
	best := langUnd
	for _, l := range latinOrder {
		if votes[l] > votes[best] {
			best = l
		}
	}
	return best
}
