package moderate

import (
	"regexp"
	"strings"
)

// Patterns of contact details shared by the contact and PII detectors. They
// run on a field's folded view: lower-case, full-width folded, invisible
// runes removed. Each has its number or address in group 1; a leading
// group keeps numbers from starting inside longer digit runs.
var (
	reCNMobile = regexp.MustCompile(`(?:^|[^0-9+])((?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2})`)
	reUSPhone  = regexp.MustCompile(`(?:^|[^0-9+])((?:\+?1[ .-]?)?(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[ .-]?)[2-9][0-9]{2}[ .-]?[0-9]{4})`)
	reEmail    = regexp.MustCompile(`()[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}`)
	reCNID     = regexp.MustCompile(`(?:^|[^0-9])([1-9][0-9]{16}[0-9x])`)
	reSSN      = regexp.MustCompile(`(?:^|[^0-9])([0-9]{3}-[0-9]{2}-[0-9]{4})`)
	reCard     = regexp.MustCompile(`(?:^|[^0-9])([0-9](?:[ -]?[0-9]){12,18})`)
)

// hotlines are crisis and public-service numbers that are never treated
// as personal or off-platform contact details (digits only).
var hotlines = map[string]bool{
	"4001619995":  true, // 全国心理援助热线
	"01082951332": true, // 北京心理危机研究与干预中心
	"8002738255":  true, // US National Suicide Prevention Lifeline (legacy)
	"18002738255": true,
	"8009506264":  true, // US Crisis Text Line support
	"8006564673":  true, // RAINN
	"18006564673": true,
	"717003717":   true, // Teléfono de la Esperanza (Spain), which reads as a Spanish mobile
	"34717003717": true,
	"91012012":    true, // Open Up (Hong Kong youth crisis line, WhatsApp and SMS), which reads as a mobile
	"85291012012": true,
}

// numberMatch is a match of a number pattern: byte range of the folded
// string and the digits it holds.
type numberMatch struct {
	start, end int
	digits     string
}

// findNumbers runs a number pattern and keeps matches not followed by
// another digit, so a number is never cut out of a longer one.
func findNumbers(re *regexp.Regexp, s string) []numberMatch {
	var out []numberMatch
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		start, end := m[2], m[3]
		if start < 0 {
			start, end = m[0], m[1]
		}
		if end < len(s) && isDigit(s[end]) {
			continue
		}
		out = append(out, numberMatch{start, end, digitsOf(s[start:end])})
	}
	return out
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) || s[i] == 'x' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// countDigits is a cheap prefilter for the number patterns.
func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

// tollFree reports US and Canadian toll-free numbers (800, 888, 877, 866,
// 855, 844, 833) and Chinese 400/800 service lines: a business's desk, not
// a person's number.
func tollFree(digits string) bool {
	d := strings.TrimPrefix(digits, "86")
	if len(d) == 10 && (strings.HasPrefix(d, "400") || strings.HasPrefix(d, "800")) {
		return true
	}
	d = strings.TrimPrefix(digits, "1")
	if len(d) != 10 {
		return false
	}
	switch d[:3] {
	case "800", "888", "877", "866", "855", "844", "833":
		return true
	}
	return false
}

// isHotline reports crisis lines, with or without a country prefix.
func isHotline(digits string) bool {
	return hotlines[digits] || hotlines[strings.TrimPrefix(digits, "86")] || hotlines[strings.TrimPrefix(digits, "1")]
}

// validCNID checks a mainland resident ID (GB 11643): a plausible birth
// date and the ISO 7064 MOD 11-2 check character.
func validCNID(id string) bool {
	if len(id) != 18 {
		return false
	}
	year := atoi(id[6:10])
	month := atoi(id[10:12])
	day := atoi(id[12:14])
	if year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(id[i]-'0') * w
	}
	return id[17] == "10x98765432"[sum%11]
}

// validSSN rejects numbers the US never issues.
func validSSN(d string) bool {
	if len(d) != 9 {
		return false
	}
	area, group, serial := d[:3], d[3:5], d[5:]
	return area != "000" && area != "666" && area[0] != '9' && group != "00" && serial != "0000"
}

// cardNumber returns the longest prefix of digits that is a plausible
// payment card: a known issuer prefix, a card length, and the Luhn sum.
func cardNumber(digits string) (string, bool) {
	for n := min(len(digits), 19); n >= 13; n-- {
		d := digits[:n]
		if (n == 13 || n >= 15) && cardIssuer(d) && luhn(d) {
			return d, true
		}
	}
	return "", false
}

func cardIssuer(d string) bool {
	two := atoi(d[:2])
	four := atoi(d[:4])
	switch {
	case d[0] == '4': // Visa
		return true
	case two >= 51 && two <= 55, four >= 2221 && four <= 2720: // Mastercard
		return true
	case two == 34 || two == 37: // American Express
		return true
	case two == 62: // UnionPay
		return true
	case four == 6011 || two == 65: // Discover
		return true
	case four >= 3528 && four <= 3589: // JCB
		return true
	}
	return false
}

func luhn(d string) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum%10 == 0
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// digitLookalikes returns s with the letters that stand in for digits
// inside a number (o for 0; l and i for 1: "O1O-2345-6789", "l38 l234
// 5678") replaced by those digits, and whether it replaced any. Only a
// token made of digits and those letters alone, with at least one digit,
// not touching another letter, is read as a number: "lol", "oil 10w40" and
// "taxi1" stay. Every replacement is one byte for one byte, so
// the byte ranges of the result are those of s.
func digitLookalikes(s string) (string, bool) {
	var b []byte
	for i := 0; i < len(s); {
		if !isLookalikeOrDigit(s[i]) {
			i++
			continue
		}
		if i > 0 && isASCIILetter(rune(s[i-1])) {
			// Inside a word (x1234567l, taxi1): skip the rest of it.
			for i < len(s) && (isLookalikeOrDigit(s[i]) || isASCIILetter(rune(s[i]))) {
				i++
			}
			continue
		}
		j, digits, letters := i, 0, 0
		for ; j < len(s) && isLookalikeOrDigit(s[j]); j++ {
			if isDigit(s[j]) {
				digits++
			} else {
				letters++
			}
		}
		if digits > 0 && letters > 0 && (j == len(s) || !isASCIILetter(rune(s[j]))) {
			if b == nil {
				b = []byte(s)
			}
			for k := i; k < j; k++ {
				switch s[k] {
				case 'o':
					b[k] = '0'
				case 'l', 'i':
					b[k] = '1'
				}
			}
		}
		i = j
	}
	if b == nil {
		return s, false
	}
	return string(b), true
}

func isLookalikeOrDigit(c byte) bool { return isDigit(c) || c == 'o' || c == 'l' || c == 'i' }
