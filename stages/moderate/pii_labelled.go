package moderate

import "strings"

// Identity numbers named as such: a number of a document's shape whose
// check character fails, written just after the document's name ("CPF do
// professor: 345.678.901-23", "身份证号：110101199003071235", "DNI del
// profe: 12345678A"), is published as the person's all the same — typed
// wrong, or made up to frighten. Reviewed (scoreNationalID), never
// blocked unseen. A number of one repeated digit is a placeholder.

// idLabelReach is how far before the number, in bytes of the folded text,
// its document's name may stand.
const idLabelReach = 48

// labelledIDs lists, per pattern of an identity number, the names of its
// document (folded) and the check it fails to be read here.
var labelledIDs = []struct {
	rule   string
	find   func(s string) []numberMatch
	labels *termSet
	valid  func(s string, m numberMatch) bool
}{
	{"cn-resident-id-named", func(s string) []numberMatch { return findNumbers(reCNID, s) },
		// sfz: 身份证 in pinyin initials (round 45: "ｓｆｚ：３７０２０２…").
		newTermSet(foldTerms([]string{"身份证", "身分证", "身份證", "身分證", "resident id", "id number", "sfz", "shenfenzheng"})),
		func(_ string, m numberMatch) bool { return validCNID(m.digits) }},
	{"tw-national-id-named", func(s string) []numberMatch { return findNumbers(reTWID, s) },
		newTermSet(foldTerms([]string{"身分證", "身份證", "身分证", "身份证", "id number"})),
		func(s string, m numberMatch) bool { return validTWID(s[m.start:m.end]) }},
	{"es-dni-named", func(s string) []numberMatch { return findNumbers(reDNI, s) },
		newTermSet(foldTerms([]string{"dni", "documento de identidad", "nif"})),
		func(s string, m numberMatch) bool { return validDNI(s[m.start:m.end]) }},
	{"br-cpf-named", func(s string) []numberMatch { return findNumbers(reCPF, s) },
		newTermSet([]string{"cpf"}),
		func(_ string, m numberMatch) bool { return validCPF(m.digits) }},
	{"kr-resident-id-named", func(s string) []numberMatch { return findNumbers(reKRRN, s) },
		newTermSet([]string{"주민등록번호", "주민번호", "주민 번호"}),
		func(s string, m numberMatch) bool { return validKRRN(s[m.start:m.end]) }},
	{"us-ssn-named", func(s string) []numberMatch { return findNumbers(reSSN, s) },
		newTermSet([]string{"ssn", "social security"}),
		func(_ string, m numberMatch) bool { return validSSN(m.digits) }},
}

// namedIDs adds the identity numbers of s that fail their check but stand
// after their document's name.
func namedIDs(s string, add func(int, int, float64, string)) {
	for _, id := range labelledIDs {
		for _, m := range id.find(s) {
			if id.valid(s, m) || placeholder(m.digits) {
				continue
			}
			from := max(0, m.start-idLabelReach)
			if id.labels.any(s[from:m.start], termEdge) {
				add(m.start, m.end, scoreNationalID, id.rule)
			}
		}
	}
}

// placeholder reports whether digits are one digit repeated (000.000.000-00).
func placeholder(digits string) bool {
	d := strings.TrimRight(digits, "x")
	return d == "" || strings.Count(d, d[:1]) == len(d)
}
