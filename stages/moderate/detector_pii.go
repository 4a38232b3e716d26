package moderate

import (
	"context"
	"regexp"
	"strings"

	"github.com/notegate/notegate/models"
)

// PIIDetector finds personal data that should not be published: mainland
// resident ID numbers (with checksum), payment cards (Luhn), US social
// security numbers, CN mobile and US phone numbers and e-mail addresses.
// Crisis hotlines are never reported.
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
	if countDigits(s) < 9 {
		return out, nil
	}
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
	for _, m := range phoneNumbers(s) {
		if !tollFree(m.digits) {
			add(m.start, m.end, scorePhone, "phone")
		}
	}
	return out, nil
}

// phoneNumbers finds CN mobile and US phone numbers, crisis lines excepted.
func phoneNumbers(s string) []numberMatch {
	var out []numberMatch
	for _, re := range []*regexp.Regexp{reCNMobile, reUSPhone} {
		for _, m := range findNumbers(re, s) {
			if !isHotline(m.digits) && !overlapsAny(out, m) {
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
