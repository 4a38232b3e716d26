package index

import "strings"

// esMarkOpen and esMarkClose are the tags Elasticsearch's highlighter is
// asked to put around matches: private-use characters, not HTML, so the
// highlighted values can be read back into matches (esMarked) and rendered
// by renderHighlight like the embedded index's. A text that itself holds
// one of them gets no highlight.
const (
	esMarkOpen  = "\ue000"
	esMarkClose = "\ue001"
)

// esHighlightFields are the fields whose matches are highlighted: every
// text of the note, each value of the arrays apart.
var esHighlightFields = []string{"title", "body", "tags", "translations"}

// esHighlight is the highlight section of a search for q, or nil when q
// has no word or phrase to mark. Each field is highlighted whole
// (number_of_fragments 0: renderHighlight cuts long texts, as it does for
// the embedded index) by a highlight query of q's words and phrases on the
// field itself, analysed by its search analyzer.
func esHighlight(q Query) map[string]any {
	var should []any
	if len(q.Words) > 0 {
		should = append(should, map[string]any{"multi_match": map[string]any{
			"query": q.wordText(), "fields": esHighlightFields,
		}})
	}
	for _, p := range q.Phrases {
		should = append(should, map[string]any{"multi_match": map[string]any{
			"query": p, "type": "phrase", "fields": esHighlightFields,
		}})
	}
	if should == nil {
		return nil
	}
	fields := map[string]any{}
	for _, f := range esHighlightFields {
		fields[f] = map[string]any{}
	}
	return map[string]any{
		"type":                "unified",
		"pre_tags":            []string{esMarkOpen},
		"post_tags":           []string{esMarkClose},
		"number_of_fragments": 0,
		// Marks only the first characters of a longer text, where the
		// index's limit (1,000,000) would fail the whole search.
		"max_analyzed_offset": highlightAnalyzed,
		"highlight_query":     map[string]any{"bool": map[string]any{"should": should}},
		"fields":              fields,
	}
}

// esMarked reads the highlight section of a hit (field → highlighted
// values) into the matches of each text: a value with its tags removed is
// the text it highlights. Values whose tags do not pair up are ignored.
func esMarked(highlight map[string][]string) func(text string) []span {
	byText := map[string][]span{}
	for _, values := range highlight {
		for _, v := range values {
			if text, spans, ok := esUnmark(v); ok {
				byText[text] = append(byText[text], spans...)
			}
		}
	}
	return func(text string) []span { return byText[text] }
}

// esUnmark splits a highlighted value into its text and the matches the
// tags surrounded, or reports false when they do not pair up.
func esUnmark(v string) (string, []span, bool) {
	var b strings.Builder
	var spans []span
	open := -1
	for len(v) > 0 {
		i := strings.IndexAny(v, esMarkOpen+esMarkClose)
		if i < 0 {
			b.WriteString(v)
			break
		}
		b.WriteString(v[:i])
		if strings.HasPrefix(v[i:], esMarkOpen) {
			if open >= 0 {
				return "", nil, false
			}
			open = b.Len()
			v = v[i+len(esMarkOpen):]
			continue
		}
		if open < 0 {
			return "", nil, false
		}
		spans = append(spans, span{open, b.Len()})
		open = -1
		v = v[i+len(esMarkClose):]
	}
	if open >= 0 {
		return "", nil, false
	}
	return b.String(), spans, true
}
