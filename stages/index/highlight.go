package index

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// HighlightOriginal is the key of models.SearchHit.Highlights that holds the
// note's own texts; the others are the language codes of its translations.
const HighlightOriginal = "original"

const (
	// markOpen and markClose surround a match in a highlight.
	markOpen, markClose = "<mark>", "</mark>"
	// highlightRunes is the longest highlight returned whole; a longer
	// text is cut to about that many characters around its first match.
	highlightRunes = 240
	// highlightLead is how much of the text before the first match a cut
	// highlight keeps.
	highlightLead = 40
	// highlightAnalyzed bounds how much of a text is searched for matches
	// to mark (bytes in the embedded index, characters in Elasticsearch's
	// max_analyzed_offset), so that one huge note cannot make every search
	// that finds it slow, or, in Elasticsearch, fail.
	highlightAnalyzed = 100_000
)

// span is the byte range [start, end) of a text that a query matched.
type span struct{ start, end int }

// noteHighlights returns the highlights of n (models.SearchHit.Highlights):
// for the original (title, body, tags) and for each translation (title,
// body), in that order, every text in which spans finds a match, marked by
// renderHighlight. Texts without a match are left out, and so are keys
// without any; nil when nothing matched. Both backends build their
// highlights here, from the matches each found.
func noteHighlights(n *models.Note, spans func(text string) []span) map[string][]string {
	var out map[string][]string
	add := func(key, text string) {
		if text == "" {
			return
		}
		if s := spans(text); len(s) > 0 {
			if out == nil {
				out = map[string][]string{}
			}
			out[key] = append(out[key], renderHighlight(text, s))
		}
	}
	add(HighlightOriginal, n.Title)
	add(HighlightOriginal, n.Body)
	for _, tag := range n.Tags {
		add(HighlightOriginal, tag)
	}
	langs := make([]string, 0, len(n.Translations))
	for lang := range n.Translations {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	for _, lang := range langs {
		t := n.Translations[lang]
		add(lang, t.Title)
		add(lang, t.Body)
	}
	return out
}

// renderHighlight returns text as HTML: every character escaped
// (html.EscapeString), the matched spans wrapped in <mark></mark> and
// nothing else added, so it is safe to insert into a page as it is. Spans
// that overlap or touch, or are separated only by spaces, are marked as
// one ("<mark>hot pot</mark>"). A text longer than highlightRunes is cut
// to about that many characters from a little before its first match,
// with "…" where it was cut, never inside a mark. Spans out of range or
// not on UTF-8 boundaries are ignored.
func renderHighlight(text string, spans []span) string {
	spans = mergeSpans(text, spans)
	from, to := 0, len(text)
	if len(spans) > 0 && utf8.RuneCountInString(text) > highlightRunes {
		from = backRunes(text, spans[0].start, highlightLead)
		to = forwardRunes(text, from, highlightRunes)
		for _, s := range spans {
			if s.start < to && s.end > to {
				to = s.end // never cut a mark
			}
		}
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	at := from
	for _, s := range spans {
		if s.start < from || s.start >= to {
			continue
		}
		b.WriteString(html.EscapeString(text[at:s.start]))
		b.WriteString(markOpen)
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString(markClose)
		at = s.end
	}
	b.WriteString(html.EscapeString(text[at:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// mergeSpans returns the valid spans of text in order, those that
// overlap, touch or are separated only by spaces merged.
func mergeSpans(text string, spans []span) []span {
	valid := make([]span, 0, len(spans))
	for _, s := range spans {
		if s.start >= 0 && s.start < s.end && s.end <= len(text) &&
			utf8.RuneStart(text[s.start]) && (s.end == len(text) || utf8.RuneStart(text[s.end])) {
			valid = append(valid, s)
		}
	}
	slices.SortFunc(valid, func(a, b span) int { return a.start - b.start })
	out := valid[:0]
	for _, s := range valid {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if s.start <= last.end || strings.TrimFunc(text[last.end:s.start], unicode.IsSpace) == "" {
				last.end = max(last.end, s.end)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// backRunes returns the offset n runes before at in text, or 0.
func backRunes(text string, at, n int) int {
	for ; n > 0 && at > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:at])
		at -= size
	}
	return at
}

// forwardRunes returns the offset n runes after at in text, or len(text).
func forwardRunes(text string, at, n int) int {
	for ; n > 0 && at < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[at:])
		at += size
	}
	return at
}
