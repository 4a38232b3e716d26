package index

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
)

// embeddedHighlighter finds where a query matched a text the way the
// embedded index matched it: the text through the index's analyzer, the
// query through the query analyzer, terms compared after analysis. So a
// stemmed word marks its other forms, a Traditional query marks Simplified
// text (both are folded), and a Chinese word marks its bigrams, which
// renderHighlight merges into the whole word. Exclusions mark nothing.
type embeddedHighlighter struct {
	text analysis.Analyzer
	// words holds the terms of the query's words; any occurrence is
	// marked.
	words map[string]bool
	// phrases holds, per phrase, the terms allowed at each position after
	// its first (nil where the analyzer dropped a word): an occurrence is
	// marked only where all of them follow in order, as bleve's phrase
	// search requires.
	phrases [][][]string
}

// newEmbeddedHighlighter analyses q with the analyzers of m.
func newEmbeddedHighlighter(m mapping.IndexMapping, q Query) (*embeddedHighlighter, error) {
	text, query := m.AnalyzerNamed(textAnalyzer), m.AnalyzerNamed(queryAnalyzer)
	if text == nil || query == nil {
		return nil, fmt.Errorf("index: the search index has no analyzers %s and %s", textAnalyzer, queryAnalyzer)
	}
	h := &embeddedHighlighter{text: text, words: map[string]bool{}}
	for _, t := range query.Analyze([]byte(q.wordText())) {
		h.words[string(t.Term)] = true
	}
	for _, p := range q.Phrases {
		tokens := query.Analyze([]byte(p))
		if len(tokens) == 0 {
			continue
		}
		first, last := tokens[0].Position, tokens[0].Position
		for _, t := range tokens {
			first, last = min(first, t.Position), max(last, t.Position)
		}
		phrase := make([][]string, last-first+1)
		for _, t := range tokens {
			phrase[t.Position-first] = append(phrase[t.Position-first], string(t.Term))
		}
		h.phrases = append(h.phrases, phrase)
	}
	return h, nil
}

// spans returns the matches of the query in text, in its first
// highlightAnalyzed bytes.
func (h *embeddedHighlighter) spans(text string) []span {
	if len(h.words) == 0 && len(h.phrases) == 0 {
		return nil
	}
	if len(text) > highlightAnalyzed {
		cut := highlightAnalyzed
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	tokens := h.text.Analyze([]byte(text))
	var out []span
	atPosition := map[int][]*analysis.Token{}
	for _, t := range tokens {
		if h.words[string(t.Term)] {
			out = append(out, span{t.Start, t.End})
		}
		atPosition[t.Position] = append(atPosition[t.Position], t)
	}
	for _, phrase := range h.phrases {
		for _, t := range tokens {
			if !slices.Contains(phrase[0], string(t.Term)) {
				continue
			}
			matched := []span{{t.Start, t.End}}
			for i := 1; i < len(phrase) && matched != nil; i++ {
				if phrase[i] == nil {
					continue // a word the analyzer dropped matches anything
				}
				found := false
				for _, next := range atPosition[t.Position+i] {
					if slices.Contains(phrase[i], string(next.Term)) {
						matched = append(matched, span{next.Start, next.End})
						found = true
						break
					}
				}
				if !found {
					matched = nil
				}
			}
			out = append(out, matched...)
		}
	}
	return out
}
