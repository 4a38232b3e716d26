package moderate

import (
	"context"
	"regexp"
	"strings"

	"github.com/notegate/notegate/models"
)

// PIIDetector finds personal data that should not be published: national
// identity numbers with their check characters (mainland resident IDs,
// Taiwan 身分證, Hong Kong 身份證, Spanish DNI/NIE, Brazilian CPF, Korean 주민등록번호), payment
// cards (Luhn), US social security numbers, mobile numbers (CN, US, TW,
// HK, ES, BR, FR, DE, JP, KR) and e-mail addresses. Crisis hotlines, toll-free
// and role addresses are never reported. Beside a call to expose or visit
// the person (肉搜, 晒しとく, 퍼뜨려, "allez lui rendre visite"), a phone,
// an e-mail or a street address is doxxing and reviewed in every market;
// so is a street address said to be a third person's home
// (pii_residence.go). An identity number whose check fails counts after
// its document's name (pii_labelled.go).
type PIIDetector struct{}

// Name implements Detector.
func (PIIDetector) Name() string { return "pii" }

// Scores of PII findings: identity documents and cards are severe, a
// phone number or address less so.
const (
	scoreCNID  = 1.0
	scoreCard  = 0.9
	scoreSSN   = 0.9
	scorePhone = 0.6
	scoreEmail = 0.5
	// scoreNationalID: an identity number whose check is weaker than the
	// mainland's (one letter or digit): reviewed, not blocked unseen.
	scoreNationalID = 0.9
	// scoreDoxxing: contact details or an address published with a call
	// to go after the person: reviewed in every market.
	scoreDoxxing = 0.85
)

// Detect implements Detector; it never fails.
func (PIIDetector) Detect(_ context.Context, t *Text) ([]Finding, error) {
	s := t.Folded.String()
	var out []Finding
	add := func(start, end int, score float64, rule string) {
		out = append(out, Finding{
			Category: models.CategoryPII,
			Score:    score,
			Span:     t.Folded.OriginalSpan(start, end),
			Rule:     rule,
		})
	}
	if strings.IndexByte(s, '@') >= 0 {
		for _, m := range reEmail.FindAllStringIndex(s, -1) {
			if !roleEmail(s[m[0]:m[1]]) {
				add(m[0], m[1], scoreEmail, "email")
			}
		}
	}
	digits := countDigits(s)
	if digits == 0 {
		// A number spelled in words has no digit: only an address beside
		// it makes the field worth reading for doxxing.
		if len(out) > 0 || addressCue(s) {
			out = doxxing(t, s, out)
		}
		return out, nil
	}
	if digits >= 7 {
		nationalIDs(s, add)
		americasIDs(s, add)
		namedIDs(s, add)
	}
	if digits >= 5 {
		passportNumbers(s, add)
	}
	// Phones are read with letters standing in for digits (O1O-2345-6789);
	// identity numbers are not: their check letters would be read too.
	phones, lookalikes := s, false
	if digits >= 5 {
		phones, lookalikes = digitLookalikes(s)
	}
	if digits >= 8 || lookalikes && countDigits(phones) >= 8 {
		numbersPII(s, phones, add)
	}
	if digits >= 5 {
		for _, m := range spacedPhones(s) {
			if !overlapsFinding(out, t, m) {
				add(m.start, m.end, scorePhone, "spaced-phone")
			}
		}
	}
	if len(out) > 0 || addressCue(s) {
		out = doxxing(t, s, out)
	}
	return out, nil
}

// nationalIDs adds the identity numbers outside mainland China.
func nationalIDs(s string, add func(int, int, float64, string)) {
	for _, m := range findNumbers(reTWID, s) {
		if letterBounded(s, m.end) && validTWID(s[m.start:m.end]) {
			add(m.start, m.end, scoreNationalID, "tw-national-id")
		}
	}
	// Typed one character at a time (round 24: "身分證 A 1 2 3 4 5 6 7 8 9").
	for _, m := range reTWIDSpaced.FindAllStringSubmatchIndex(s, -1) {
		id := strings.NewReplacer(" ", "", "-", "").Replace(s[m[2]:m[3]])
		if len(id) != m[3]-m[2] && letterBounded(s, m[3]) && validTWID(id) {
			add(m[2], m[3], scoreNationalID, "tw-national-id")
		}
	}
	for _, m := range reHKID.FindAllStringSubmatchIndex(s, -1) {
		body, check := s[m[2]:m[3]], s[m[4]]
		if letterBounded(s, m[1]) && (validHKID(body, check) || labelledBefore(s, m[2], hkIDLabels)) {
			add(m[2], m[5], scoreNationalID, "hk-identity-card")
		}
	}
	for _, re := range []*regexp.Regexp{reDNI, reNIE} {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if letterBounded(s, m[3]) && validDNI(s[m[2]:m[3]]) {
				add(m[2], m[3], scoreNationalID, "es-dni")
			}
		}
	}
	if countDigits(s) < 11 {
		return
	}
	cpfNamed := strings.Contains(s, "cpf")
	for _, m := range findNumbers(reCPF, s) {
		// Eleven bare digits are a CPF only when the note says so: a CN
		// mobile has eleven digits too.
		if (m.end-m.start == 14 || cpfNamed) && validCPF(m.digits) {
			add(m.start, m.end, scoreNationalID, "br-cpf")
		}
	}
	for _, m := range findNumbers(reKRRN, s) {
		if validKRRN(s[m.start:m.end]) {
			add(m.start, m.end, scoreNationalID, "kr-resident-id")
		}
	}
}

// numbersPII adds resident IDs, cards and SSNs read in s, and phone
// numbers read in phones (s with look-alike letters read as digits, of the
// same byte ranges).
func numbersPII(s, phones string, add func(int, int, float64, string)) {
	for _, m := range findNumbers(reCNID, s) {
		if validCNID(m.digits) {
			add(m.start, m.end, scoreCNID, "cn-resident-id")
		}
	}
	for _, m := range findNumbers(reCard, s) {
		if d, ok := cardNumber(m.digits); ok {
			add(m.start, spanOfDigits(s, m.start, len(d)), scoreCard, "payment-card")
		}
	}
	for _, m := range findNumbers(reSSN, s) {
		if validSSN(m.digits) {
			add(m.start, m.end, scoreSSN, "us-ssn")
		}
	}
	business := -1 // businessNumber(s), read at the first phone number
	for _, m := range phoneNumbers(phones) {
		if tollFree(m.digits) || gameID(s, m.start) {
			continue
		}
		if business < 0 {
			business = 0
			if businessNumber(s) {
				business = 1
			}
		}
		if business == 1 {
			add(m.start, m.end, scoreBusinessPhone, "business-phone")
		} else {
			add(m.start, m.end, scorePhone, "phone")
		}
	}
}

// addressCue is a cheap check for a word the address patterns need (a
// street word, or a Han, Kana or Hangul unit of an address), so that most
// fields skip the exposure-intent scan.
func addressCue(s string) bool {
	return addressWordSet.in(s)
}

// addressWordSet holds the Latin street words of reAddress, folded, and
// the Han and Hangul characters of its streets, districts and buildings.
var addressWordSet = newTermSet(strings.Split("路街道巷弄区區市町村都府県号號楼樓로길동", ""), foldTerms([]string{"calle", "c/", "avenida", "avda", "av.", "plaza", "paseo", "camino", "carretera", "ronda", "rua ", "travessa",
	"alameda", "praça", "praca", "estrada", "rodovia", "rue ", "boulevard", "bd ", "place ", "allée", "allee", "impasse", "chemin", "quai ", "route ",
	"cours ", "straße", "strasse", "str.", "weg", "allee", "platz", "gasse", "ring", "damm", "ufer", "street", "st ", "avenue", "ave ", "road",
	"rd ", "lane", "ln ", "drive", "dr ", "blvd", "court", "ct "}))

// ownListingVoice is a business speaking of itself: while it warns of those
// who use its name ("we will never ask you to pay … it's a scammer using
// our name"), the scammer it names is not the person at its address; when it
// asks readers to visit (大家有空去拜访一下我们的新店), the address is its own.
var ownListingVoice = newTermSet(foldTerms([]string{
	"using our name", "use our name", "our website", "our only account", "our official account", "we will never ask",
	"we'll never ask", "we never ask", "usan nuestro nombre", "nuestro nombre", "nunca pedimos", "nunca te pediremos",
	"usam nosso nome", "nosso nome", "nunca pedimos", "notre nom", "nous ne demandons jamais", "unseren namen", "wir fragen nie",
	"冒充我们", "冒充本店", "我们不会", "本店不会", "当店の名前", "当店は", "저희 가게 이름", "저희는 절대",
	// Round 31: a shop inviting visits to its own new address (大家有空去拜访一下我们的新店).
	"我们的新店", "我们新店", "我们的店", "新店开业", "欢迎光临",
	// Round 40 (N33): a shop's own account warning of prize scams in its name ("Soy la cuenta oficial de
	// Carnicería …, en la calle Mayor 23 … si os escribe alguien por privado … es un estafador").
	"cuenta oficial de", "perfil oficial", "conta oficial", "compte officiel", "official account of", "offizieller account",
	"官方账号", "公式アカウント", "공식 계정",
}))

// doxxing raises contact details to scoreDoxxing and adds street
// addresses when the field calls readers to go after the person.
func doxxing(t *Text, s string, out []Finding) []Finding {
	// A lost-and-found notice asks readers to spread it (求扩散, "please
	// share"): the number is the owner's, there to be found, and where the
	// author's own pet "lives" (住在…, vive conmigo en …) is the author's home.
	// Without a call to act, a street address the note says someone else
	// lives at is theirs, published (pii_residence.go).
	var addrs [][2]int
	if hasExposureIntent(s) {
		addrs = streetAddresses(s)
	} else if !residencePhrases.in(s) {
		return out
	} else if addrs = residentAddresses(s, streetAddresses(s)); len(addrs) == 0 {
		return out
	}
	if ownListingVoice.in(s) ||
		lostNotice(s) && (!containsWordAny(s, thirdParty) || ownPet.anyTerm(s) && !pointsAtSomeone(s)) {
		return out
	}
	for i := range out {
		if out[i].Score < scoreDoxxing {
			out[i].Score = scoreDoxxing
			out[i].Rule = "doxxing-" + out[i].Rule
		}
	}
	for _, a := range addrs {
		out = append(out, Finding{
			Category: models.CategoryPII,
			Score:    scoreDoxxing,
			Span:     t.Folded.OriginalSpan(a[0], a[1]),
			Rule:     "doxxing-address",
		})
	}
	// A phone spelled in words ("null eins sieben sechs…", ぜろきゅうぜろ…)
	// beside the call to go after its owner is theirs, published.
	for _, r := range spelledDigitRuns(s) {
		sp := t.Folded.OriginalSpan(r[0], r[1])
		if !overlapsSpan(sp, findingSpans(out)) {
			out = append(out, Finding{Category: models.CategoryPII, Score: scoreDoxxing, Span: sp, Rule: "doxxing-spelled-phone"})
		}
	}
	return out
}

// findingSpans returns the spans of fs.
func findingSpans(fs []Finding) []Span {
	out := make([]Span, len(fs))
	for i := range fs {
		out[i] = fs[i].Span
	}
	return out
}

// phoneNumbers finds CN mobile and US phone numbers, then mobile numbers
// in the local formats of pii_intl.go, crisis lines excepted.
func phoneNumbers(s string) []numberMatch {
	var out []numberMatch
	for _, re := range []*regexp.Regexp{reCNMobile, reUSPhone} {
		for _, m := range findNumbers(re, s) {
			if !isHotline(m.digits) && !overlapsAny(out, m) {
				out = append(out, m)
			}
		}
	}
	for _, re := range intlMobiles {
		for _, m := range findNumbers(re, s) {
			if plausibleMobile(re, m.digits) && !isHotline(m.digits) && !overlapsAny(out, m) &&
				!(standalonePattern[re] && inLongerNumber(s, m)) && !(re == reKRMobile && beijingLandline(s, m)) {
				out = append(out, m)
			}
		}
	}
	return out
}

func overlapsAny(ms []numberMatch, m numberMatch) bool {
	for _, o := range ms {
		if m.start < o.end && o.start < m.end {
			return true
		}
	}
	return false
}

// spanOfDigits returns the end byte of the first n digits from start.
func spanOfDigits(s string, start, n int) int {
	for i := start; i < len(s); i++ {
		if isDigit(s[i]) {
			n--
			if n == 0 {
				return i + 1
			}
		}
	}
	return len(s)
}

// roleAccounts are the local parts of addresses that belong to an
// organisation's desk rather than a person (info@, support@ …).
var roleAccounts = map[string]bool{
	"info": true, "contact": true, "contactus": true, "support": true, "help": true, "service": true,
	"services": true, "admin": true, "office": true, "sales": true, "press": true, "media": true,
	"news": true, "enquiries": true, "enquiry": true, "inquiries": true, "inquiry": true, "hello": true,
	"team": true, "jobs": true, "careers": true, "admissions": true, "webmaster": true, "marketing": true,
	"events": true, "feedback": true, "customerservice": true, "noreply": true, "no-reply": true,
	"reception": true, "booking": true, "bookings": true, "reservations": true, "editor": true,
	"editors": true, "membership": true, "secretary": true, "hr": true, "privacy": true,
	// The same desks in the markets' other languages, and hiring desks
	// ("currículo para rh@…", "CV à recrutement@…", "이력서는 recruit@…").
	"rh": true, "rrhh": true, "recruit": true, "recruiting": true, "recruitment": true, "hiring": true, "career": true,
	"talent": true, "empleo": true, "vagas": true, "emploi": true, "recrutement": true, "recrutamento": true,
	"karriere": true, "bewerbung": true, "kontakt": true, "contato": true, "contacto": true, "atendimento": true,
	"secretaria": true, "secretariat": true, "sekretariat": true, "academy": true, "school": true, "escola": true,
	"escuela": true, "ecole": true, "schule": true, "pedidos": true, "reservas": true, "commandes": true,
	// Parents' associations of schools (round 51, F147: "Correo oficial: ampa@colegio…").
	"ampa": true, "afa": true, "apa": true, "pta": true, "pto": true, "apel": true, "fcpe": true, "elternbeirat": true,
	"elternrat": true, "apm": true,
}

// roleEmail reports whether an e-mail address is an organisation's desk
// (info@…, support@…, possibly with a prefix such as nsac_info@): not
// personal data, and not a person asking to be reached off the platform.
func roleEmail(addr string) bool {
	local, _, ok := strings.Cut(strings.ToLower(addr), "@")
	if !ok {
		return false
	}
	if roleAccounts[local] {
		return true
	}
	for _, sep := range []string{"_", ".", "-"} {
		if i := strings.LastIndex(local, sep); i >= 0 && roleAccounts[local[i+1:]] {
			return true
		}
	}
	return false
}
