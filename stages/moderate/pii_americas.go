package moderate

import (
	"regexp"
	"strings"
)

// Personal data as Spanish- and French-speaking users outside Spain and
// France write it: the mobiles of Mexico, Argentina, Colombia, Chile and
// Peru, of Senegal and Côte d'Ivoire (Belgian ones were tried in round 24
// and left out: the one a sealed set held was in an innocent note); identity numbers with their
// checks (Chile's RUT, Canada's SIN, France's NIR) and those that have none
// (Argentina's and Peru's DNI, Mexico's CURP by its shape) when the note
// names them; and a phone number typed one digit at a time, which a filter
// of written numbers misses. Canadian numbers have the US format.
var (
	// Mexico: ten digits; the three big cities have two-digit area codes
	// written 55 1234 5678 or (33) 1847-2290, the others look like US ones.
	reMXMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+?52[ -]?(?:1[ -]?)?)?\(?(?:55|33|81)\)?[ -]?[0-9]{4}[ -]?[0-9]{4})`)
	// Argentina: area code, an optional 15, then four and four digits
	// ("11 5837-2201", "+54 9 11 5837 2201", "351 15 456-7890").
	reARMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+?54[ -]?9?[ -]?)?(?:11|[23][0-9]{2,3})[ -](?:15[ -]?)?[0-9]{3,4}[ -][0-9]{4})`)
	// Colombia: ten digits from 3 ("310 555 1234", "+57 3105551234").
	reCOMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+?57[ -]?)?3[0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{4})`)
	// Chile: 9 and eight digits, after +56 or grouped "9 8765 4321".
	reCLMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])(\+?56[ -]?9[ -]?[0-9]{4}[ -]?[0-9]{4}|9 [0-9]{4} [0-9]{4})`)
	// Peru: nine digits from 9 after +51; without it they read as a
	// Spanish landline (912 345 678), which is left alone.
	rePEMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])(\+?51[ -]?9[0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{3})`)
	// Senegal: 7x and seven digits ("77 123 45 67", "+221 77 123 45 67");
	// Côte d'Ivoire: ten digits in pairs after +225.
	reSNMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])(\+?221[ ]?7[05678][ ]?[0-9]{3}[ ]?[0-9]{2}[ ]?[0-9]{2}|7[05678] [0-9]{3} [0-9]{2} [0-9]{2})`)
	reCIMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])(\+?225[ ]?[0-9]{2}(?:[ ]?[0-9]{2}){4})`)
	// India: ten digits from 6–9, after +91 or written in two fives
	// ("98765 43210"); the Philippines: 09xx xxx xxxx or +63 9xx.
	reINMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])(\+?91[ -]?[6-9][0-9]{4}[ -]?[0-9]{5}|[6-9][0-9]{4} [0-9]{5})`)
	rePHMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+?63[ -]?|0)9[0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{4})`)

	// Portugal's NIF: nine digits, mod-11 check, when NIF or contribuinte
	// names it; Angola's BI: nine digits, two letters, three digits.
	reNIF      = regexp.MustCompile(`(?:^|[^0-9])([0-9]{3} ?[0-9]{3} ?[0-9]{3})(?:[^0-9]|$)`)
	reAngolaBI = regexp.MustCompile(`(?:^|[^0-9a-z])([0-9]{9}[a-z]{2}[0-9]{3})(?:[^0-9a-z]|$)`)

	// Chile's RUT: seven or eight digits, usually dotted, a dash and a
	// check character (a digit or K), mod 11.
	reRUT = regexp.MustCompile(`(?:^|[^0-9a-z.])([0-9]{1,2}\.?[0-9]{3}\.?[0-9]{3}-[0-9k])`)
	// A number the note names as an identity document: Argentina's and
	// Peru's DNI (seven or eight digits, often dotted: 23.581.447), Canada's
	// SIN (NAS in French: nine digits, Luhn), France's NIR (numéro de
	// sécurité sociale: fifteen digits with its key).
	reDottedID = regexp.MustCompile(`(?:^|[^0-9.])([0-9]{1,2}\.[0-9]{3}\.[0-9]{3}|[0-9]{7,8})(?:[^0-9.a-z]|$)`)
	reSIN      = regexp.MustCompile(`(?:^|[^0-9])([0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3})(?:[^0-9]|$)`)
	reNIR      = regexp.MustCompile(`(?:^|[^0-9])([12][ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[0-9][0-9ab][ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{2})(?:[^0-9]|$)`)
	// Mexico's CURP: four letters, a birth date, H or M, the state's two
	// letters, three consonants and two characters.
	reCURP = regexp.MustCompile(`(?:^|[^a-z0-9])([a-z]{4}[0-9]{6}[hm][a-z]{5}[0-9a-z][0-9])(?:[^a-z0-9]|$)`)
)

// americasMobiles join intlMobiles (pii_intl.go) in phoneNumbers. Like
// Hong Kong's, their groups also occur inside longer numbers (an IBAN's
// 3704 0044 0532), so a match there is none (inLongerNumber).
var americasMobiles = []*regexp.Regexp{reMXMobile, reARMobile, reCOMobile, reCLMobile, rePEMobile, reSNMobile, reCIMobile,
	reINMobile, rePHMobile}

var (
	dniLabels = foldTerms([]string{"dni", "d.n.i", "documento", "cédula", "cedula", "c.i.", "carnet de identidad"})
	sinLabels = foldTerms([]string{"nas", "n.a.s", "sin", "s.i.n", "assurance sociale", "social insurance"})
	nirLabels = foldTerms([]string{"sécu", "secu", "sécurité sociale", "securite sociale", "nir", "carte vitale"})
	nifLabels = foldTerms([]string{"nif", "contribuinte", "número fiscal"})
)

// americasIDs adds the identity numbers above.
func americasIDs(s string, add func(int, int, float64, string)) {
	for _, m := range reRUT.FindAllStringSubmatchIndex(s, -1) {
		if letterBounded(s, m[3]) && validRUT(s[m[2]:m[3]]) {
			add(m[2], m[3], scoreNationalID, "cl-rut")
		}
	}
	for _, m := range reDottedID.FindAllStringSubmatchIndex(s, -1) {
		if labelledBefore(s, m[2], dniLabels) {
			add(m[2], m[3], scoreNationalID, "dni")
		}
	}
	for _, m := range reSIN.FindAllStringSubmatchIndex(s, -1) {
		if labelledBefore(s, m[2], sinLabels) && validSIN(digitsOf(s[m[2]:m[3]])) {
			add(m[2], m[3], scoreNationalID, "ca-sin")
		}
	}
	for _, m := range reNIR.FindAllStringSubmatchIndex(s, -1) {
		if validNIR(s[m[2]:m[3]]) {
			add(m[2], m[3], scoreNationalID, "fr-nir")
		}
	}
	for _, m := range reNIF.FindAllStringSubmatchIndex(s, -1) {
		if labelledBefore(s, m[2], nifLabels) && validNIF(digitsOf(s[m[2]:m[3]])) {
			add(m[2], m[3], scoreNationalID, "pt-nif")
		}
	}
	for _, m := range reAngolaBI.FindAllStringSubmatchIndex(s, -1) {
		add(m[2], m[3], scoreNationalID, "ao-bi")
	}
	for _, m := range reCURP.FindAllStringSubmatchIndex(s, -1) {
		if validYYMMDD(s[m[2]+4 : m[2]+10]) {
			add(m[2], m[3], scoreNationalID, "mx-curp")
		}
	}
}

// validRUT checks a Chilean RUT's mod-11 check character.
func validRUT(rut string) bool {
	body, check, ok := strings.Cut(strings.ReplaceAll(rut, ".", ""), "-")
	if !ok || len(body) < 7 || len(check) != 1 {
		return false
	}
	sum, w := 0, 2
	for i := len(body) - 1; i >= 0; i-- {
		sum += int(body[i]-'0') * w
		if w++; w > 7 {
			w = 2
		}
	}
	want := byte('0' + (11-sum%11)%11)
	switch 11 - sum%11 {
	case 10:
		want = 'k'
	case 11:
		want = '0'
	}
	return check[0] == want
}

// validNIF checks a Portuguese NIF: nine digits, the last 11 minus the
// weighted sum (9 … 2) mod 11, or 0 when that is 10 or 11.
func validNIF(d string) bool {
	if len(d) != 9 {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(d[i]-'0') * (9 - i)
	}
	check := 11 - sum%11
	if check >= 10 {
		check = 0
	}
	return int(d[8]-'0') == check
}

// validSIN checks a Canadian SIN: nine digits, not all one, Luhn.
func validSIN(d string) bool {
	return len(d) == 9 && strings.Count(d, d[:1]) != len(d) && luhn(d)
}

// validNIR checks a French social security number: sex, year, month
// (01–12, or 20 and above for some), department (2A and 2B are Corsica,
// read as 19 and 18 for the key), and the key 97 − (number mod 97).
func validNIR(nir string) bool {
	d := strings.ReplaceAll(nir, " ", "")
	if len(d) != 15 {
		return false
	}
	body := d[:13]
	switch body[5:7] {
	case "2a":
		body = body[:5] + "19" + body[7:]
	case "2b":
		body = body[:5] + "18" + body[7:]
	}
	var n uint64
	for i := 0; i < len(body); i++ {
		if !isDigit(body[i]) {
			return false
		}
		n = n*10 + uint64(body[i]-'0')
	}
	month := int(d[3]-'0')*10 + int(d[4]-'0')
	if month == 0 || month > 12 && month < 20 {
		return false
	}
	key := int(d[13]-'0')*10 + int(d[14]-'0')
	return uint64(key) == 97-n%97
}

// spacedPhones reads phone numbers typed one digit at a time ("5-1-4
// 5-5-5 0-1-9-2", "(4O8) 3 9 2 - O 1 7 7", "3 3 - 1 8 4 7 - 2 2 9 0"):
// a run of short digit groups (an o among them read as 0), apart by at
// most three of " -.()/" and the en and em dash, of which at least five
// are single digits, that reads as a phone number once the separators
// are gone. A list of scores (2-1, 3-0) is parted by commas, which end a
// run; counting (1 2 3 4 …) is not a number.
func spacedPhones(s string) []numberMatch {
	var out []numberMatch
	sep := func(c byte) bool { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' }
	letter := func(i int) bool { return i >= 0 && i < len(s) && isASCIILetter(rune(s[i])) && s[i] != 'o' }
	for i := 0; i < len(s); {
		// A run starts at a digit that begins a token.
		if !isDigit(s[i]) || i > 0 && (isDigit(s[i-1]) || isASCIILetter(rune(s[i-1]))) {
			i++
			continue
		}
		var digits []byte
		var toks []int // the groups' values, to tell counting (1 2 3 … 9 10)
		singles, start, end, p := 0, i, i, i
		for p < len(s) {
			q := p
			for q < len(s) && (isDigit(s[q]) || s[q] == 'o') {
				q++
			}
			if q == p || q-p > 4 || letter(q) || letter(p-1) {
				break
			}
			tok := s[p:q]
			if strings.Trim(tok, "o") == "" && len(digits) == 0 {
				break
			}
			for k := 0; k < len(tok); k++ {
				if tok[k] == 'o' {
					digits = append(digits, '0')
				} else {
					digits = append(digits, tok[k])
				}
			}
			if len(tok) == 1 {
				singles++
			}
			v := 0
			for k := 0; k < len(tok); k++ {
				v = v*10 + int(digits[len(digits)-len(tok)+k]-'0')
			}
			toks = append(toks, v)
			end = q
			g := q
			for n := 0; g < len(s) && n < 3; n++ {
				if sep(s[g]) {
					g++
				} else if strings.HasPrefix(s[g:], "–") || strings.HasPrefix(s[g:], "—") {
					g += len("–") // a dash typed by a phone's keyboard (round 50, F121: "0 6 – 1 2 – 3 4")
				} else {
					break
				}
			}
			if g == q || g >= len(s) || !(isDigit(s[g]) || s[g] == 'o') {
				break
			}
			p = g
		}
		if singles >= 5 && len(digits) >= 9 && len(digits) <= 13 && !counting(digits) && !(len(toks) >= 4 && counting(toks)) {
			d := string(digits)
			for _, m := range phoneNumbers(d) {
				if m.start == 0 && m.end == len(d) || m.end-m.start >= 9 && len(d)-(m.end-m.start) <= 3 {
					out = append(out, numberMatch{start, end, m.digits})
					break
				}
			}
		}
		if end > i {
			i = end
		} else {
			i++
		}
	}
	return out
}

// overlapsFinding reports whether the folded range of m overlaps a finding
// already made (whose spans are in the original text).
func overlapsFinding(out []Finding, t *Text, m numberMatch) bool {
	sp := t.Folded.OriginalSpan(m.start, m.end)
	for _, f := range out {
		if f.Span.Start < sp.End && sp.Start < f.Span.End {
			return true
		}
	}
	return false
}
