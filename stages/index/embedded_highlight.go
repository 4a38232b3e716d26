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
// Simplified text (both were folded), a Chinese word marks each
// pair of its characters, which renderHighlight merges into the whole word, and a phrase marks
// only where it occurs. Exclusions mark nothing. It returns, per note id,
// the matches as byte spans of allField's joined texts (joinTexts);
// nothing when q has no word or phrase. Its cost grows with the page, not
// with the hits of the search.
func embeddedMatches(ctx context.Context, idx bleve.Index, q Query, ids []string) (map[string][]span, error) {
	var clauses []query.Query
	if len(q.Words) > 0 {
		// Any word: each is marked wherever it occurs, a Chinese word
		// wherever two of its characters are.
		clauses = append(clauses, &wordsQuery{text: q.wordText(), field: allField, any: true})
	}
	for _, p := range q.Phrases {
		clauses = append(clauses, phraseQuery(p))
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
	out := make(map[string][]span, len(res.Hits))
	for _, h := range res.Hits {
		for _, locations := range h.Locations[allField] {
			for _, l := range locations {
				out[h.ID] = append(out[h.ID], span{int(l.Start), int(l.End)})
			}
		}
	}
	return out, nil
}

// textSpans returns the lookup of matches by text for noteHighlights, from
// matches in the joined texts that allField indexed. A match beyond
// highlightAnalyzed bytes of its text is left out: only the start of a
// huge text is marked, as Elasticsearch does.
func textSpans(joined joinedTexts, matches []span) func(string) []span {
	byText := map[string][]span{}
	for _, m := range matches {
		i, s, ok := joined.locate(m.start, m.end)
		if !ok || s.end > highlightAnalyzed {
			continue
		}
		text := joined.texts[i]
		byText[text] = append(byText[text], s)
	}
	return func(text string) []span { return byText[text] }
}
