package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// embeddedMatches finds where q matched each of the notes ids (a page of
// hits) as the embedded index matched them: it searches those notes again
// for any of q's words and each of its phrases, asking bleve for the
// locations of the matches, which allField keeps (term vectors). So a
// stemmed word marks its other forms, a Traditional query marks
// Simplified text (both were folded), a Chinese word marks its bigrams,
// which renderHighlight merges into the whole word, and a phrase marks
// only where it occurs. Exclusions mark nothing. It returns, per note id,
// the matches in each value of allField, by position in the array
// (allTexts); nothing when q has no word or phrase. Its cost grows with
// the page, not with the hits of the search.
func embeddedMatches(ctx context.Context, idx bleve.Index, q Query, ids []string) (map[string]map[int][]span, error) {
	var clauses []query.Query
	if len(q.Words) > 0 {
		m := bleve.NewMatchQuery(q.wordText())
		m.SetField(allField)
		m.Analyzer = queryAnalyzer
		clauses = append(clauses, m) // any word: each is marked wherever it occurs
	}
	for _, p := range q.Phrases {
		m := bleve.NewMatchPhraseQuery(p)
		m.SetField(allField)
		m.Analyzer = queryAnalyzer
		clauses = append(clauses, m)
	}
	if len(clauses) == 0 || len(ids) == 0 {
		return nil, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), bleve.NewDisjunctionQuery(clauses...)), len(ids), 0, false)
	req.IncludeLocations = true
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search: highlights: %w", err)
	}
	out := make(map[string]map[int][]span, len(res.Hits))
	for _, h := range res.Hits {
		byText := map[int][]span{}
		for _, locations := range h.Locations[allField] {
			for _, l := range locations {
				if len(l.ArrayPositions) != 1 || l.End > highlightAnalyzed {
					continue // marks only the start of a huge text, as Elasticsearch does
				}
				i := int(l.ArrayPositions[0])
				byText[i] = append(byText[i], span{int(l.Start), int(l.End)})
			}
		}
		out[h.ID] = byText
	}
	return out, nil
}

// textSpans returns the lookup of matches by text for noteHighlights, from
// matches by position in texts (allTexts).
func textSpans(texts []string, byPosition map[int][]span) func(string) []span {
	byText := map[string][]span{}
	for i, spans := range byPosition {
		if i >= 0 && i < len(texts) {
			byText[texts[i]] = append(byText[texts[i]], spans...)
		}
	}
	return func(text string) []span { return byText[text] }
}
