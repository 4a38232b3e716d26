package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/notegate/notegate/models"
)

// esStored is the part of a document's source that Get and Search read.
type esStored struct {
	Deleted bool            `json:"deleted"`
	Note    json.RawMessage `json:"note"`
}

// Get reads the document by id, in real time (no refresh needed).
func (es *Elasticsearch) Get(ctx context.Context, noteID string) (*models.Note, error) {
	es.closeMu.RLock()
	defer es.closeMu.RUnlock()
	if es.closed {
		return nil, ErrClosed
	}
	res, err := esapi.GetRequest{
		Index:          es.cfg.Alias,
		DocumentID:     noteID,
		SourceIncludes: []string{"deleted", "note"},
	}.Do(ctx, es.client)
	if err != nil {
		return nil, fmt.Errorf("index: get %s: %w", noteID, err)
	}
	defer closeBody(res)
	var doc struct {
		Found  bool     `json:"found"`
		Source esStored `json:"_source"`
		Error  *struct {
			Type string `json:"type"`
		} `json:"error"`
	}
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotFound {
		return nil, responseError("index: get "+noteID, res, nil)
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		return nil, fmt.Errorf("index: get %s: decode response: %w", noteID, err)
	}
	switch {
	case doc.Error != nil: // 404 for a missing index, not a missing note
		return nil, fmt.Errorf("index: get %s: %s", noteID, doc.Error.Type)
	case !doc.Found || doc.Source.Deleted:
		return nil, ErrNotFound
	case len(doc.Source.Note) == 0:
		return nil, fmt.Errorf("index: get %s: stored note missing", noteID)
	}
	return decodeNote(doc.Source.Note)
}

// Search runs q as one bool query; see Index.
func (es *Elasticsearch) Search(ctx context.Context, q models.SearchQuery) (models.SearchResult, error) {
	es.closeMu.RLock()
	defer es.closeMu.RUnlock()
	if es.closed {
		return models.SearchResult{}, ErrClosed
	}
	body, err := json.Marshal(esSearchBody(q))
	if err != nil {
		return models.SearchResult{}, fmt.Errorf("index: search: %w", err)
	}
	res, err := esapi.SearchRequest{Index: []string{es.cfg.Alias}, Body: bytes.NewReader(body)}.Do(ctx, es.client)
	if err := responseError("index: search", res, err); err != nil {
		return models.SearchResult{}, err
	}
	defer closeBody(res)
	var parsed struct {
		Hits struct {
			Total struct {
				Value    int    `json:"value"`
				Relation string `json:"relation"`
			} `json:"total"`
			Hits []struct {
				ID        string              `json:"_id"`
				Score     *float64            `json:"_score"`
				Source    esStored            `json:"_source"`
				Highlight map[string][]string `json:"highlight"`
			} `json:"hits"`
		} `json:"hits"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 64<<20)).Decode(&parsed); err != nil {
		return models.SearchResult{}, fmt.Errorf("index: search: decode response: %w", err)
	}
	out := models.SearchResult{Total: parsed.Hits.Total.Value, TotalRelation: models.TotalEqual, Hits: make([]models.SearchHit, 0, len(parsed.Hits.Hits))}
	if parsed.Hits.Total.Relation == models.TotalAtLeast {
		out.TotalRelation = models.TotalAtLeast
	}
	for _, h := range parsed.Hits.Hits {
		if len(h.Source.Note) == 0 {
			return models.SearchResult{}, fmt.Errorf("index: search: hit %s has no stored note", h.ID)
		}
		n, err := decodeNote(h.Source.Note)
		if err != nil {
			return models.SearchResult{}, err
		}
		hit := models.SearchHit{Note: n, Highlights: noteHighlights(n, esMarked(h.Highlight))}
		if h.Score != nil {
			hit.Score = *h.Score
		}
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}

// esSearchBody requires every word of the parsed text and each of its
// phrases in all_text, excludes notes with any of its exclusions, ranks
// title and tag matches higher, keeps live notes approved in the market,
// and asks for the highlights of the words and phrases (esHighlight). The
// words are one match query, as the whole text was before phrases.
// Offset plus limit beyond index.max_result_window (10000) is refused by
// the cluster; search_after (q.After) has no such bound.
func esSearchBody(q models.SearchQuery) map[string]any {
	limit, offset := page(q)
	parsed := ParseQuery(q.Text)
	filter := []any{map[string]any{"term": map[string]any{"deleted": false}}}
	if q.Market != "" {
		filter = append(filter, map[string]any{"term": map[string]any{"approved_markets": q.Market}})
	} else {
		filter = append(filter, map[string]any{"term": map[string]any{"approved": true}})
	}
	boolQuery := map[string]any{"filter": filter}
	words := func(text string) any {
		return map[string]any{"match": map[string]any{esAllField: map[string]any{"query": text, "operator": "and"}}}
	}
	phrase := func(text string) any {
		return map[string]any{"match_phrase": map[string]any{esAllField: map[string]any{"query": text}}}
	}
	var must, mustNot []any
	if len(parsed.Words) > 0 {
		must = append(must, words(parsed.wordText()))
	}
	for _, p := range parsed.Phrases {
		must = append(must, phrase(p))
	}
	for _, w := range parsed.NotWords {
		mustNot = append(mustNot, words(w))
	}
	for _, p := range parsed.NotPhrases {
		mustNot = append(mustNot, phrase(p))
	}
	if must != nil {
		boolQuery["must"] = must
	}
	if mustNot != nil {
		boolQuery["must_not"] = mustNot
	}
	if text := parsed.positiveText(); text != "" {
		boolQuery["should"] = []any{
			map[string]any{"match": map[string]any{"title": map[string]any{"query": text, "boost": 2}}},
			map[string]any{"match": map[string]any{"tags": map[string]any{"query": text}}},
		}
	}
	body := map[string]any{
		"size":             limit,
		"track_total_hits": esTrackTotalHits(q),
		"_source":          []string{"note"},
		"query":            map[string]any{"bool": boolQuery},
		// note_id breaks ties, so the order is total and search_after
		// neither skips nor repeats a hit.
		"sort": []any{map[string]any{"_score": "desc"}, map[string]any{"note_id": "asc"}},
	}
	if h := esHighlight(parsed); h != nil {
		body["highlight"] = h
	}
	if q.After != nil {
		body["search_after"] = []any{q.After.Score, q.After.NoteID}
	} else {
		body["from"] = offset
	}
	return body
}

// esTrackTotalHits is q.TrackTotalHits as the cluster takes it: a number
// of hits to count exactly, or true to count them all.
func esTrackTotalHits(q models.SearchQuery) any {
	if n := trackTotalHits(q); n >= 0 {
		return n
	}
	return true
}
