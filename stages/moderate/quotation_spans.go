package moderate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quotations across sentences: a pasted message quoted whole ("'쇼핑몰 재택
// 알바 하루 10만원, 좋아요만 누르면 돼요. 텔레그램 @cp_job_kr 문의' 이거 전형적인
// 부업 사기예요") holds sentence ends, where the sentence-bound tests
// (quotedWords, inQuotation) see no quotation. Paired marks are found
// across sentences by insidePairedQuotes (reported.go); quotationSpans
// finds the field's straight quotations whole: between straight quotes (' or
// ") of which the opening one starts a word (after the field's start, a
// space, a colon, a bracket or a CJK character) and the closing one ends
// one; an apostrophe inside a word ("can't", "l'été") neither opens nor
// closes. hasQuotation and quotedEvidence below serve the caps that read
// quotations (character_line.go, court_quote.go, scam_quote.go,
// scam_warning.go).

// quotationSpans returns the spans of s's straight quotations, marks
// excluded.
func quotationSpans(s string) []Span {
	var out []Span
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == '\'' || r == '"') && opensQuote(s, i, n) {
			if j := closingStraight(s, i+n, r); j >= 0 {
				out = append(out, Span{i + n, j})
				i = j + 1
				continue
			}
		}
		i += n
	}
	return out
}

// inFieldQuotation reports whether sp lies inside one of s's quotations,
// paired or straight, across sentences.
func inFieldQuotation(s string, sp Span) bool {
	if insidePairedQuotes(s, sp) {
		return true
	}
	for _, q := range quotationSpans(s) {
		if sp.Start >= q.Start && sp.End <= q.End {
			return true
		}
	}
	return false
}

// opensQuote reports whether the straight quote at s[i:i+n] starts a
// word: what comes before it is nothing, a space, a colon, a bracket, a
// dash or a CJK character, and what follows is no space.
func opensQuote(s string, i, n int) bool {
	if i+n >= len(s) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	if unicode.IsSpace(next) {
		return false
	}
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(prev) || prev == ':' || prev == '：' || prev == '(' || prev == '（' || prev == '-' || prev == '—' ||
		prev == '–' || isCJK(prev)
}

// closingStraight returns where the straight quote q that closes a
// quotation opened before from stands: one followed by the field's end, a
// space, a punctuation mark or a CJK character, and not inside a word.
func closingStraight(s string, from int, q rune) int {
	for i := from; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == q && i > from {
			if i+n == len(s) {
				return i
			}
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			if unicode.IsSpace(next) || unicode.IsPunct(next) || isCJK(next) {
				return i
			}
		}
		i += n
	}
	return -1
}

// hasQuotation reports whether s quotes anything: an opening paired mark of
// any script, or a straight quotation as quotationSpans finds it; an
// apostrophe ("can't") quotes nothing.
func hasQuotation(s string) bool {
	return strings.ContainsAny(s, "「『“„«《") || len(quotationSpans(s)) > 0
}

// quotedEvidence reports whether the evidence at sp is words in a
// quotation: inside one (across sentences too), or, where the evidence runs
// across a quotation mark, by its first or last word.
func quotedEvidence(s string, sp Span) bool {
	if quotedWords(s, sp) || inFieldQuotation(s, sp) {
		return true
	}
	f, l := firstWord(s, sp), lastWord(s, sp)
	return f != sp && quotedWords(s, f) || l != sp && quotedWords(s, l)
}

// firstWord and lastWord return the span of the first and the last word of
// sp in s (up to a space or a punctuation mark): evidence that starts inside
// a quotation and runs on past its closing mark ("sudaca' a la víctima"), or
// that runs from the sentence into the quotation ("besprochen, 'Ich stech
// dich ab"), is quoted by that word.
func firstWord(s string, sp Span) Span {
	for i, r := range s[sp.Start:sp.End] {
		if i > 0 && (unicode.IsSpace(r) || unicode.IsPunct(r)) {
			return Span{sp.Start, sp.Start + i}
		}
	}
	return sp
}

func lastWord(s string, sp Span) Span {
	w := s[sp.Start:sp.End]
	end := len(w)
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(w[:end])
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			break
		}
		end -= n
	}
	start := end
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(w[:start])
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			break
		}
		start -= n
	}
	if start == end {
		return sp
	}
	return Span{sp.Start + start, sp.Start + end}
}
