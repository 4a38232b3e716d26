package moderate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Phone numbers spelled out in words with no platform named: "seis uno
// dos, tres cuatro cinco…", "null eins fünf eins…", "공일공 일이삼사
// 오육칠팔", "ぜろきゅうぜろ、いちにさんよん…", "〇九一二 三四五 六七八", or digits
// spaced one by one ("1 3 8 - 0 0 1 3 - 8 8 0 0"). Nobody writes a number
// so except to get it past a filter; readHandle reads such numbers only
// after a platform name, these runs count alone (scoreSpelled,
// "spelled-number", which capPlainContact reads as a dodge).
//
// Innocent runs of number words are counting ("uno, dos, tres, cuatro…",
// a countdown, a times table read aloud): a run whose digits rise or fall
// by one all along is no number. The Korean, Japanese and Chinese runs
// must also have the shape of a mobile number (010…, 090…, 13…, 09…),
// since their digit syllables are everyday syllables too.

// minMobileDigits is the fewest digits mobileShaped accepts.
const minMobileDigits = 10

// minSpelledDigits and maxSpelledDigits bound a spelled phone number.
const (
	minSpelledDigits = 7
	maxSpelledDigits = 15
)

// latinDigitWords are the digit names of English, Spanish, Portuguese,
// French and German as the folded view writes them (lower case, accents
// removed), and the numbers from ten to nineteen, which people read a
// number in too ("onze, nove, oito…" for 11 9 8…).
var latinDigitWords = func() map[string]int8 {
	m := map[string]int8{
		"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
		"cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
		"um": 1, "dois": 2, "duas": 2, "quatro": 4, "meia": 6, "sete": 7, "oito": 8, "nove": 9,
		"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
		"null": 0, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
	}
	for i, words := range [][]string{
		{"ten", "diez", "dez", "dix", "zehn"},
		{"eleven", "once", "onze", "elf"},
		{"twelve", "doce", "doze", "douze", "zwolf"},
		{"thirteen", "trece", "treze", "treize", "dreizehn"},
		{"fourteen", "catorce", "catorze", "quatorze", "vierzehn"},
		{"fifteen", "quince", "quinze", "funfzehn"},
		{"sixteen", "dieciseis", "dezesseis", "dezasseis", "seize", "sechzehn"},
		{"seventeen", "diecisiete", "dezessete", "dezassete", "siebzehn"},
		{"eighteen", "dieciocho", "dezoito", "achtzehn"},
		{"nineteen", "diecinueve", "dezenove", "dezanove", "neunzehn"},
	} {
		for _, w := range words {
			m[w] = int8(10 + i)
		}
	}
	return m
}()

// latinTensWords are the tens people read a number in by pairs, as the
// French do ("zéro six, douze, trente-quatre, cinquante-six,
// soixante-dix-huit" is 06 12 34 56 78) and as Spanish, Portuguese and
// English speakers sometimes do ("treinta y cuatro"). A unit after a tens
// word joins it (trente-quatre, "treinta y cuatro"); after soixante and
// quatre-vingt, so do dix to dix-neuf (soixante-dix-huit is 78).
var latinTensWords = map[string]int8{
	"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
	"veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
	"vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60, "oitenta": 80,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// tensJoiners stand between a tens word and its unit: "vingt et un",
// "treinta y cuatro", "trinta e quatro".
var tensJoiners = map[string]bool{"et": true, "y": true, "e": true, "and": true}

// digitCount is how many digits a number word stands for.
func digitCount(v int8) int {
	if v >= 10 {
		return 2
	}
	return 1
}

// hangulDigits are the Sino-Korean digit syllables.
var hangulDigits = map[rune]int8{'공': 0, '영': 0, '일': 1, '이': 2, '삼': 3, '사': 4, '오': 5, '육': 6, '륙': 6, '칠': 7, '팔': 8, '구': 9}

// kanaDigits are the Japanese digit readings as the folded view writes
// them (voiced marks removed: ぜろ reads せろ, ご reads こ), longest first
// for a greedy read.
var kanaDigits = []struct {
	s string
	d int8
}{
	{"きゅう", 9}, {"キュウ", 9}, {"せろ", 0}, {"セロ", 0}, {"れい", 0}, {"レイ", 0}, {"いち", 1}, {"イチ", 1},
	{"さん", 3}, {"サン", 3}, {"よん", 4}, {"ヨン", 4}, {"ろく", 6}, {"ロク", 6}, {"なな", 7}, {"ナナ", 7},
	{"しち", 7}, {"シチ", 7}, {"はち", 8}, {"ハチ", 8}, {"に", 2}, {"ニ", 2}, {"し", 4}, {"シ", 4},
	{"こ", 5}, {"コ", 5}, {"く", 9}, {"ク", 9},
}

// cjkDigitValue gives the value of a Chinese numeral (cjkDigit).
func cjkDigitValue(r rune) int8 {
	switch r {
	case '〇', '零':
		return 0
	case '一', '壹', '壱', '幺':
		return 1
	case '二', '贰', '貳', '弐':
		return 2
	case '三', '叁', '參', '参':
		return 3
	case '四', '肆':
		return 4
	case '五', '伍':
		return 5
	case '六', '陆', '陸':
		return 6
	case '七', '柒':
		return 7
	case '八', '捌':
		return 8
	}
	return 9
}

// digitSeparator reports a character people put between the digits of a
// spelled number: spaces, commas, dashes, dots, slashes.
func digitSeparator(r rune) bool {
	switch r {
	case ' ', ',', '.', '-', '/', '–', '—', '·', '、', '，', '。', 'ー', '・', '_':
		return true
	}
	return false
}

// counting reports whether digits (or groups of them: 1 2 … 9 10) rise or
// fall by one all along (1 2 3 4…, 9 8 7 6…): someone counting, not a number.
func counting[T ~int8 | ~byte | ~int](ds []T) bool {
	if len(ds) < 2 {
		return false
	}
	up := ds[1] == ds[0]+1
	if !up && ds[0] != ds[1]+1 {
		return false
	}
	for i := 2; i < len(ds); i++ {
		if up && ds[i] != ds[i-1]+1 || !up && ds[i-1] != ds[i]+1 {
			return false
		}
	}
	return true
}

// spelledDigitRuns returns the byte ranges of the folded string s that
// hold a phone number spelled in words or spaced digit by digit.
func spelledDigitRuns(s string) [][2]int {
	var out [][2]int
	out = append(out, latinDigitRuns(unleetDigits(s))...) // "f1ve-f1ve-f1ve", byte offsets kept
	out = append(out, spacedDigitRuns(s)...)
	// The readers below are tried at every rune, so only where the text
	// holds enough runes of their script to spell a mobile number (ten
	// digits at least: a Hangul digit syllable, a kana, a Chinese numeral
	// each); most notes hold one script, many none but ASCII.
	var hangul, kana, han, ascii int
	for _, r := range s {
		switch {
		case r < 0x3000:
			if isASCIIDigit(r) {
				ascii++
			}
		case r >= 0xAC00 && r <= 0xD7A3:
			if _, ok := hangulDigits[r]; ok {
				hangul++
			}
		case r >= 0x3040 && r <= 0x30FF:
			kana++
		case cjkDigit(r):
			han++
		}
	}
	for _, read := range [...]struct {
		runes int
		read  func(string, int) (int, []int8)
	}{{hangulMixed(hangul, ascii), readHangulDigits}, {kana, readKanaDigits}, {han, readHanDigits}} {
		if read.runes < minMobileDigits {
			continue
		}
		for i := 0; i < len(s); {
			end, ds := read.read(s, i)
			if end > i && mobileShaped(ds) && !counting(ds) {
				out = append(out, [2]int{i, end})
				i = end
				continue
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	}
	return out
}

// latinDigitRuns finds runs of number words (latinDigitWords) joined
// only by separators.
func latinDigitRuns(s string) [][2]int {
	var out [][2]int
	var vals []int8
	digits, start, end := 0, -1, -1
	open, lastWord := false, "" // open: the last value is a tens a unit may join
	flush := func() {
		if digits >= minSpelledDigits && digits <= maxSpelledDigits && !counting(vals) {
			out = append(out, [2]int{start, end})
		}
		vals, digits, start, open = vals[:0], 0, -1, false
	}
	for i := 0; i < len(s); {
		if !isASCIILetter(rune(s[i])) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !digitSeparator(r) {
				flush()
			}
			i += n
			continue
		}
		j := i
		for j < len(s) && isASCIILetter(rune(s[j])) {
			j++
		}
		w := s[i:j]
		switch v, unit := latinDigitWords[w]; {
		case open && tensJoiners[w]:
		case open && unit && v >= 1 && v <= 9:
			vals[len(vals)-1] += v
			open, end = false, j
		case open && unit && v >= 10 && (vals[len(vals)-1] == 60 || vals[len(vals)-1] == 80):
			vals[len(vals)-1] += v
			open, end = v == 10, j // soixante-dix takes a unit: soixante-dix-huit
		case (w == "vingt" || w == "vingts") && len(vals) > 0 && vals[len(vals)-1] == 4 && lastWord == "quatre":
			vals[len(vals)-1], digits, open, end = 80, digits+1, true, j // quatre-vingt
		case latinTensWords[w] != 0:
			if start < 0 {
				start = i
			}
			vals, digits, open, end = append(vals, latinTensWords[w]), digits+2, true, j
		case unit:
			if start < 0 {
				start = i
			}
			vals, digits, open, end = append(vals, v), digits+digitCount(v), false, j
		default:
			flush()
		}
		lastWord = w
		i = j
	}
	flush()
	return out
}

// spacedDigitRuns finds numbers typed one digit at a time with a space
// after each ("1 3 8 - 0 0 1 3 - 8 8 0 0"): nine or more single digits,
// six or more of them apart by spaces alone. Dates, times and prices group
// their digits, and a list of scores (2-1, 3-0, 1-1 …) joins them with
// dashes and commas.
func spacedDigitRuns(s string) [][2]int {
	var out [][2]int
	var ds []int8
	start, end, spaced := -1, -1, 0
	flush := func() {
		if len(ds) >= 9 && len(ds) <= maxSpelledDigits && spaced >= 6 && !counting(ds) {
			out = append(out, [2]int{start, end})
		}
		ds, start, spaced = ds[:0], -1, 0
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isASCIIDigit(rune(c)):
			single := (i == 0 || !isASCIIDigit(rune(s[i-1]))) && (i+1 == len(s) || !isASCIIDigit(rune(s[i+1])))
			if !single {
				flush()
				for i+1 < len(s) && isASCIIDigit(rune(s[i+1])) {
					i++
				}
				continue
			}
			if start < 0 {
				start = i
			} else if strings.Trim(s[end:i], " ") == "" {
				spaced++
			}
			ds, end = append(ds, int8(c-'0')), i+1
		case c < utf8.RuneSelf && digitSeparator(rune(c)):
		default:
			flush()
		}
	}
	flush()
	return out
}

// readDigits reads digits from s at i with digit(s, p) returning the
// length and value of the digit at p (0 for none), skipping separators
// between them; ASCII digits count too. It returns the end of the last
// digit and the digits, or i when none was read.
func readDigits(s string, i int, digit func(string, int) (int, int8)) (int, []int8) {
	return readDigitsSep(s, i, digit, digitSeparator)
}

// readDigitsSep is readDigits with its own separators.
func readDigitsSep(s string, i int, digit func(string, int) (int, int8), sep func(rune) bool) (int, []int8) {
	var ds []int8
	end := i
	for p := i; p < len(s) && len(ds) <= maxSpelledDigits; {
		if n, d := digit(s, p); n > 0 {
			ds = append(ds, d)
			p += n
			end = p
			continue
		}
		if isASCIIDigit(rune(s[p])) {
			ds = append(ds, int8(s[p]-'0'))
			p++
			end = p
			continue
		}
		r, n := utf8.DecodeRuneInString(s[p:])
		if !sep(r) {
			break
		}
		p += n
	}
	return end, ds
}

// kanaSeparator is digitSeparator and the の Japanese reads a phone
// number's groups with (ぜろきゅうぜろ の よんよん…).
func kanaSeparator(r rune) bool { return r == 'の' || digitSeparator(r) }

// readHangulDigits reads Sino-Korean digit syllables at the start of a
// word.
func readHangulDigits(s string, i int) (int, []int8) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if _, ok := hangulDigits[r]; !ok {
		return i, nil
	}
	if prev, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && unicode.Is(unicode.Hangul, prev) {
		return i, nil
	}
	return readDigits(s, i, func(s string, p int) (int, int8) {
		r, n := utf8.DecodeRuneInString(s[p:])
		d, ok := hangulDigits[r]
		if !ok {
			return 0, 0
		}
		// After a gap, a digit syllable that begins a longer Hangul word
		// is the word's: "칠팔구공 이에요" ends at 공 (round 50, F129).
		if prev, _ := utf8.DecodeLastRuneInString(s[:p]); p > i && !unicode.Is(unicode.Hangul, prev) {
			if next, _ := utf8.DecodeRuneInString(s[p+n:]); unicode.Is(unicode.Hangul, next) {
				if _, digit := hangulDigits[next]; !digit {
					return 0, 0
				}
			}
		}
		return n, d
	})
}

// hangulMixed is how many digits the Hangul reader may find: Hangul digit
// syllables, with the ASCII digits when a few syllables stand among them
// (공1공-일2삼4-오6칠8, a number half spelt to slip past a filter). Korean
// prose holds many of the syllables (이, 사, 오, 일), so a note with two or
// fewer is not read for a mixed number.
func hangulMixed(hangul, ascii int) int {
	if hangul >= 3 {
		return hangul + ascii
	}
	return hangul
}

// readKanaDigits reads Japanese digit readings.
func readKanaDigits(s string, i int) (int, []int8) {
	digit := func(s string, p int) (int, int8) {
		for _, k := range kanaDigits {
			if strings.HasPrefix(s[p:], k.s) {
				return len(k.s), k.d
			}
		}
		return 0, 0
	}
	// A mobile number starts with zero: most positions end here.
	if !strings.HasPrefix(s[i:], "せろ") && !strings.HasPrefix(s[i:], "セロ") && !strings.HasPrefix(s[i:], "れい") &&
		!strings.HasPrefix(s[i:], "レイ") {
		return i, nil
	}
	return readDigitsSep(s, i, digit, kanaSeparator)
}

// readHanDigits reads Chinese numerals with no ASCII digit among them
// (spelledNumbers reads the mixed ones).
func readHanDigits(s string, i int) (int, []int8) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if !cjkDigit(r) {
		return i, nil
	}
	end, ds := readDigits(s, i, func(s string, p int) (int, int8) {
		r, n := utf8.DecodeRuneInString(s[p:])
		if cjkDigit(r) {
			return n, cjkDigitValue(r)
		}
		return 0, 0
	})
	if strings.ContainsAny(s[i:end], "0123456789") || unitAfter([]rune(s[end:min(len(s), end+8)]), 0) {
		return i, nil
	}
	return end, ds
}

// mobileShaped reports whether digits have the shape of a mobile number
// of the markets whose digit syllables are everyday words: Korea (010,
// eleven digits), Japan (090, 080, 070, eleven), mainland China (1[3-9],
// eleven) and Taiwan (09, ten).
func mobileShaped(ds []int8) bool {
	n := len(ds)
	switch {
	case n == 11 && ds[0] == 0 && ds[1] == 1 && ds[2] == 0:
		return true
	case n == 11 && ds[0] == 0 && ds[1] >= 7 && ds[2] == 0:
		return true
	case n == 11 && ds[0] == 1 && ds[1] >= 3:
		return true
	case n == 10 && ds[0] == 0 && ds[1] == 9:
		return true
	}
	return false
}
