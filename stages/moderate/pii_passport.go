package moderate

import (
	"regexp"
	"strings"
)

// Passport numbers: "pass # 5 6 7 1 2 O 3 4 8", "número de pasaporte:
// PAB123456", 护照号 E12345678, パスポート番号 TK1234567. No check digit can
// be read from the number alone, so the label must name it: a passport's
// word, then six to twelve letters and digits (at least five digits; an O
// among digits is a zero), typed together or one by one. The author's own
// ("my passport number is…", mi pasaporte) and one quoted in a scam warning
// are not someone else's published: the stage's other readers see those.
// Patterns read the folded text, where パスポート is written ハスホート.

var (
	rePassportLatin = regexp.MustCompile(`\b(?:passport|passports|pasaporte|passaporte|passeport|reisepass|passnummer|pass ?(?:#|no\b|nr\b))` +
		`(?:\s*(?:no\.?|nº|n°|nr\.?|number|numero|número|nummer|num\.?|#|de|do|du))*\s*[:#]?\s*((?:[a-z0-9][ .-]?){5,11}[a-z0-9])`)
	rePassportCJK = regexp.MustCompile(`(?:护照|ハスホート|旅券|여권)(?:号码|号|番号|번호)?\s*[:：]?\s*((?:[a-z0-9][ .-]?){5,11}[a-z0-9])`)
)

// ownDocument are the author's own, right before the label.
var ownDocument = []string{"my ", "mi ", "mon ", "meu ", "mein ", "meinen ", "meine ", "我的", "私の", "내 ", "our ", "nuestro ", "notre ", "nosso "}

// passportNumbers adds the passport numbers of s (the folded field).
func passportNumbers(s string, add func(int, int, float64, string)) {
	if !strings.Contains(s, "pas") && !strings.Contains(s, "reisepass") && !strings.Contains(s, "护照") && !strings.Contains(s, "ハスホート") &&
		!strings.Contains(s, "旅券") && !strings.Contains(s, "여권") {
		return // most fields name no passport: skip the patterns
	}
	for _, re := range []*regexp.Regexp{rePassportLatin, rePassportCJK} {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if !letterBounded(s, m[3]) || ownedBefore(s, m[0]) {
				continue
			}
			if passportShaped(s[m[2]:m[3]]) {
				add(m[2], m[3], scoreNationalID, "passport")
			}
		}
	}
}

// ownedBefore reports whether the label at i follows a first-person
// possessive.
func ownedBefore(s string, i int) bool {
	before := s[max(0, i-12):i]
	for _, o := range ownDocument {
		if strings.HasSuffix(before, o) {
			return true
		}
	}
	return false
}

// passportShaped reports whether id, separators aside, has at least five
// digits (an o between digits counts as a zero) and at most three letters.
func passportShaped(id string) bool {
	var b []byte
	for i := 0; i < len(id); i++ {
		if c := id[i]; c != ' ' && c != '.' && c != '-' {
			b = append(b, c)
		}
	}
	digits, letters := 0, 0
	for i, c := range b {
		switch {
		case isDigit(c):
			digits++
		case c == 'o' && i > 0 && i+1 < len(b) && isDigit(b[i-1]) && isDigit(b[i+1]):
			digits++
		default:
			letters++
		}
	}
	return len(b) >= 6 && len(b) <= 12 && digits >= 5 && letters <= 3
}
