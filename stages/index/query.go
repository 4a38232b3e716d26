package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query is a search text parsed into what both backends match: the one
// parser of the query syntax, so that Embedded and Elasticsearch read a
// query the same way. See ParseQuery for the syntax.
type Query struct {
	// Words are the unquoted words, in order. A note must contain every
	// one of them somewhere in its texts, as analysed (stemmed; a CJK word
	// as every pair of its adjacent characters):
	// the backends match them joined by spaces, as they matched the whole
	// text before the syntax existed.
	Words []string
	// Phrases must each occur in one text of the note (its title, body, a
	// tag, a translation's title or body), their words adjacent and in
	// that order.
	Phrases []string
	// NotWords and NotPhrases exclude a note that contains any one of
	// them, matched as Words (each alone) and Phrases are.
	NotWords   []string
	NotPhrases []string
}

// maxQueryClauses bounds the phrases and exclusions of one query, each of
// which is a clause of the backend's query; later ones are ignored. The
// server's 512 bytes allow fewer anyway.
const maxQueryClauses = 64

// quoteMarks open and close a phrase: the ASCII quote, the curly quotes
// and the full-width quote that Chinese input methods type.
const quoteMarks = "\"“”＂"

// excludeMarks before a word or phrase exclude it: the ASCII hyphen-minus
// and its full-width form.
const excludeMarks = "-－"

func isQuote(r rune) bool   { return strings.ContainsRune(quoteMarks, r) }
func isExclude(r rune) bool { return strings.ContainsRune(excludeMarks, r) }

// ParseQuery parses the text of a search. It accepts any text and never
// fails:
//
//   - words separated by spaces must all match (Query.Words);
//   - "a phrase" in quotes must match as a phrase; a quote left open runs
//     to the end of the text, and a quote inside a word ends the word and
//     opens a phrase;
//   - -word and -"a phrase" exclude notes that contain them; more than
//     one leading '-' counts as one, and a '-' followed by a space or the
//     end of the text is punctuation, a word the analysers drop;
//   - a '-' inside a word (e-mail) is part of the word; empty phrases
//     are ignored; OR, AND and NOT are ordinary words.
//
// Invalid UTF-8 is read as spaces. Beyond maxQueryClauses phrases and
// exclusions together, further ones are ignored.
func ParseQuery(text string) Query {
	text = strings.ToValidUTF8(text, " ")
	var q Query
	clauses := 0
	add := func(list *[]string, s string) {
		if clauses < maxQueryClauses {
			*list = append(*list, s)
			clauses++
		}
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
			continue
		case isQuote(r):
			phrase, next := readPhrase(text, i+n)
			if phrase != "" {
				add(&q.Phrases, phrase)
			}
			i = next
			continue
		}
		// A word, possibly excluded.
		start := i
		excluded := false
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isExclude(r) {
				break
			}
			excluded = true
			i += n
		}
		if excluded {
			if i == len(text) || startsWithSpace(text[i:]) {
				// A lone '-': punctuation.
				q.Words = append(q.Words, text[start:i])
				continue
			}
			if r, n := utf8.DecodeRuneInString(text[i:]); isQuote(r) {
				phrase, next := readPhrase(text, i+n)
				if phrase != "" {
					add(&q.NotPhrases, phrase)
				}
				i = next
				continue
			}
		}
		wordStart := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) || isQuote(r) {
				break
			}
			i += n
		}
		if excluded {
			add(&q.NotWords, text[wordStart:i])
		} else {
			q.Words = append(q.Words, text[wordStart:i])
		}
	}
	return q
}

// readPhrase returns the phrase that starts at text[from:], up to the next
// quote mark or the end of the text, with its spaces collapsed, and the
// offset after its closing quote.
func readPhrase(text string, from int) (string, int) {
	end := len(text)
	next := len(text)
	for i := from; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if isQuote(r) {
			end, next = i, i+n
			break
		}
		i += n
	}
	return strings.Join(strings.Fields(text[from:end]), " "), next
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// Empty reports whether q matches on nothing but the filters: no words,
// phrases or exclusions.
func (q Query) Empty() bool {
	return len(q.Words) == 0 && len(q.Phrases) == 0 && len(q.NotWords) == 0 && len(q.NotPhrases) == 0
}

// wordText is the words as one text, which the backends analyse and match
// with every term required.
func (q Query) wordText() string { return strings.Join(q.Words, " ") }

// positiveText is the words and the phrases as one text: what ranks title
// matches higher.
func (q Query) positiveText() string {
	return strings.Join(append(append([]string(nil), q.Words...), q.Phrases...), " ")
}
