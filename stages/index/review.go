package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/notegate/notegate/models"
)

// reviewFields are what the review queue filters and sorts on. A note is
// in the queue while ReviewMarkets (models.Moderation.QueueMarkets: the
// markets in review, every market of an urgent note, an appeal's markets
// and the markets users' reports queued it in) is not empty. The queue
// sorts by urgency (an author at risk, then zero-tolerance content about
// minors), then escalated, then reported (the distinct reporters of a
// note that reports queued: models.Moderation.Reported), then severity,
// then oldest.
//
// The embedded index builds its search index from the notes it stores, so
// an index made by an earlier release has these fields once converted (see
// OpenEmbedded). An Elasticsearch index created before needs the seven fields added to its mapping (PUT ALIAS/_mapping
// with the properties of indexTemplate; adding fields is always allowed),
// then an update by query or a replay; until then the queue sorts as if
// no note were urgent or reported.
type reviewFields struct {
	ReviewMarkets []string  `json:"review_markets,omitempty"`
	Categories    []string  `json:"categories,omitempty"`
	Urgency       int       `json:"urgency"`
	Severity      float64   `json:"severity"`
	QueuedAt      time.Time `json:"queued_at,omitzero"`
	Escalated     bool      `json:"escalated"`
	Reported      int       `json:"reported"`
}

func newReviewFields(n *models.Note) reviewFields {
	f := reviewFields{
		ReviewMarkets: n.Moderation.QueueMarkets(),
		Urgency:       n.Moderation.Urgency(),
		Severity:      n.Moderation.Severity(),
		QueuedAt:      n.QueuedAt().UTC(),
		Escalated:     n.Moderation.Review != nil && n.Moderation.Review.Escalated,
		Reported:      n.Moderation.Reported(),
	}
	seen := map[models.Category]bool{}
	for _, l := range n.Moderation.Labels {
		if !seen[l.Category] {
			seen[l.Category] = true
			f.Categories = append(f.Categories, string(l.Category))
		}
	}
	sort.Strings(f.Categories)
	return f
}

func addReviewMappings(doc *mapping.DocumentMapping, keyword, sortKey, numeric, flag func() *mapping.FieldMapping) {
	doc.AddFieldMappingsAt("review_markets", keyword())
	doc.AddFieldMappingsAt("categories", keyword())
	doc.AddFieldMappingsAt("urgency", sortKey())
	doc.AddFieldMappingsAt("severity", sortKey())
	doc.AddFieldMappingsAt("queued_at", sortKey())
	doc.AddFieldMappingsAt("escalated", flag())
	doc.AddFieldMappingsAt("reported", sortKey())
	doc.AddFieldMappingsAt(queuedRangeField, numeric())
}

// queuedRangeField holds queued_at again as a number, for the queue's
// time filter (QueuedAfter, QueuedBefore), and only for notes in the
// queue: a numeric value costs 16 terms, a sort key one.
const queuedRangeField = "queued_range"

// Queue lists the review queue from the search index; see Index and
// Embedded.
func (e *Embedded) Queue(ctx context.Context, q models.QueueQuery) (out models.SearchResult, err error) {
	limit, offset := page(models.SearchQuery{Limit: q.Limit, Offset: q.Offset})
	req := bleve.NewSearchRequestOptions(embeddedQueueQuery(q), limit, offset, false)
	req.Fields = []string{noteField}
	if q.Oldest {
		req.SortBy([]string{"queued_at", "_id"})
	} else {
		req.SortBy([]string{"-urgency", "-escalated", "-reported", "-severity", "queued_at", "_id"})
	}
	err = e.search.read("queue", func(idx bleve.Index) error {
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("index: queue: %w", err)
		}
		notes, err := storedNotes("queue", res.Hits)
		if err != nil {
			return err
		}
		out = models.SearchResult{Total: int(res.Total), Hits: make([]models.SearchHit, 0, len(notes))}
		for _, n := range notes {
			out.Hits = append(out.Hits, models.SearchHit{Note: n, Score: n.Moderation.Severity()})
		}
		return nil
	})
	return out, err
}

func embeddedQueueQuery(q models.QueueQuery) query.Query {
	term := func(field, value string) query.Query {
		t := bleve.NewTermQuery(value)
		t.SetField(field)
		return t
	}
	var must []query.Query
	if q.Market != "" {
		must = append(must, term("review_markets", q.Market))
	}
	if len(q.Markets) > 0 {
		var either []query.Query
		for _, m := range q.Markets {
			either = append(either, term("review_markets", m))
		}
		must = append(must, bleve.NewDisjunctionQuery(either...))
	}
	if q.Market == "" && len(q.Markets) == 0 {
		// Any market in review: review_markets holds at least one term.
		w := bleve.NewWildcardQuery("*")
		w.SetField("review_markets")
		must = append(must, w)
	}
	if q.Category != "" {
		must = append(must, term("categories", string(q.Category)))
	}
	if q.Language != "" {
		must = append(must, term("language_code", q.Language))
	}
	if q.AuthorID != "" {
		must = append(must, term("author_id", q.AuthorID))
	}
	if !q.QueuedAfter.IsZero() || !q.QueuedBefore.IsZero() {
		var lo, hi *float64
		if !q.QueuedAfter.IsZero() {
			v := float64(q.QueuedAfter.Unix())
			lo = &v
		}
		if !q.QueuedBefore.IsZero() {
			v := float64(q.QueuedBefore.Unix())
			hi = &v
		}
		incl := true
		r := bleve.NewNumericRangeInclusiveQuery(lo, hi, &incl, &incl)
		r.SetField(queuedRangeField)
		must = append(must, r)
	}
	return bleve.NewConjunctionQuery(must...)
}

// Queue lists the review queue; see Index.
func (es *Elasticsearch) Queue(ctx context.Context, q models.QueueQuery) (models.SearchResult, error) {
	es.closeMu.RLock()
	defer es.closeMu.RUnlock()
	if es.closed {
		return models.SearchResult{}, ErrClosed
	}
	body, err := json.Marshal(esQueueBody(q))
	if err != nil {
		return models.SearchResult{}, fmt.Errorf("index: queue: %w", err)
	}
	res, err := esapi.SearchRequest{Index: []string{es.cfg.Alias}, Body: bytes.NewReader(body)}.Do(ctx, es.client)
	if err := responseError("index: queue", res, err); err != nil {
		return models.SearchResult{}, err
	}
	defer closeBody(res)
	var parsed struct {
		Hits struct {
			Total struct {
				Value int `json:"value"`
			} `json:"total"`
			Hits []struct {
				ID     string   `json:"_id"`
				Source esStored `json:"_source"`
			} `json:"hits"`
		} `json:"hits"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 64<<20)).Decode(&parsed); err != nil {
		return models.SearchResult{}, fmt.Errorf("index: queue: decode response: %w", err)
	}
	out := models.SearchResult{Total: parsed.Hits.Total.Value, Hits: make([]models.SearchHit, 0, len(parsed.Hits.Hits))}
	for _, h := range parsed.Hits.Hits {
		if len(h.Source.Note) == 0 {
			return models.SearchResult{}, fmt.Errorf("index: queue: hit %s has no stored note", h.ID)
		}
		n, err := decodeNote(h.Source.Note)
		if err != nil {
			return models.SearchResult{}, err
		}
		out.Hits = append(out.Hits, models.SearchHit{Note: n, Score: n.Moderation.Severity()})
	}
	return out, nil
}

func esQueueBody(q models.QueueQuery) map[string]any {
	limit, offset := page(models.SearchQuery{Limit: q.Limit, Offset: q.Offset})
	filter := []any{map[string]any{"term": map[string]any{"deleted": false}}}
	if q.Market != "" {
		filter = append(filter, map[string]any{"term": map[string]any{"review_markets": q.Market}})
	}
	if len(q.Markets) > 0 {
		filter = append(filter, map[string]any{"terms": map[string]any{"review_markets": q.Markets}})
	}
	if q.Market == "" && len(q.Markets) == 0 {
		filter = append(filter, map[string]any{"exists": map[string]any{"field": "review_markets"}})
	}
	if q.Category != "" {
		filter = append(filter, map[string]any{"term": map[string]any{"categories": string(q.Category)}})
	}
	if q.Language != "" {
		filter = append(filter, map[string]any{"term": map[string]any{"language.code": q.Language}})
	}
	if q.AuthorID != "" {
		filter = append(filter, map[string]any{"term": map[string]any{"author_id": q.AuthorID}})
	}
	if !q.QueuedAfter.IsZero() || !q.QueuedBefore.IsZero() {
		r := map[string]any{}
		if !q.QueuedAfter.IsZero() {
			r["gte"] = q.QueuedAfter.UTC().Format(time.RFC3339Nano)
		}
		if !q.QueuedBefore.IsZero() {
			r["lte"] = q.QueuedBefore.UTC().Format(time.RFC3339Nano)
		}
		filter = append(filter, map[string]any{"range": map[string]any{"queued_at": r}})
	}
	sortBy := []any{
		// unmapped_type: an index whose mapping predates urgency (or
		// reported) sorts as if no note were urgent (or reported)
		// instead of failing.
		map[string]any{"urgency": map[string]any{"order": "desc", "unmapped_type": "byte"}},
		map[string]any{"escalated": "desc"},
		map[string]any{"reported": map[string]any{"order": "desc", "unmapped_type": "integer"}},
		map[string]any{"severity": "desc"},
		map[string]any{"queued_at": "asc"}, map[string]any{"note_id": "asc"},
	}
	if q.Oldest {
		sortBy = []any{map[string]any{"queued_at": "asc"}, map[string]any{"note_id": "asc"}}
	}
	return map[string]any{
		"from":             offset,
		"size":             limit,
		"track_total_hits": true,
		"_source":          []string{"note"},
		"query":            map[string]any{"bool": map[string]any{"filter": filter}},
		"sort":             sortBy,
	}
}
