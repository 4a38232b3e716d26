package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/notegate/notegate/models"
)

// The context of a note for the review desk: the comments of a thread
// (parent_id) and an author's notes (author_id), counted by the terms of
// decision_terms.
//
// The embedded index builds its search index from the notes it stores, so
// an index made by an earlier release answers both once converted (see
// OpenEmbedded). An Elasticsearch index created before needs the two keyword fields added to
// its mapping (PUT ALIAS/_mapping with the properties of indexTemplate),
// then an update by query or a replay.

// maxDecisionTerms bounds the (market, decision) terms an author's notes
// are counted by: 8 per market, so 32 markets.
const maxDecisionTerms = 256

// Kinds of decision terms: "now:cn:block", "machine:cn:review",
// "reviewer:cn:approve".
const (
	termNow      = "now"
	termMachine  = "machine"
	termReviewer = "reviewer"
)

// decisionTerms lists, for each market of m, the decision standing now,
// the machine's, and the reviewer's that stands there, if any.
func decisionTerms(m *models.Moderation) []string {
	markets := make([]string, 0, len(m.Markets))
	for market := range m.Markets {
		markets = append(markets, market)
	}
	sort.Strings(markets)
	out := make([]string, 0, 3*len(markets))
	for _, market := range markets {
		out = append(out, termNow+":"+market+":"+string(m.Markets[market]))
		if d := m.MachineDecision(market); d != "" {
			out = append(out, termMachine+":"+market+":"+string(d))
		}
		if r, ok := m.StandingReview(market); ok {
			out = append(out, termReviewer+":"+market+":"+string(r.Action))
		}
	}
	return out
}

// countDecisionTerms turns term counts into counts per market; terms of
// another shape are ignored.
func countDecisionTerms(terms map[string]int) map[string]models.AuthorCounts {
	out := map[string]models.AuthorCounts{}
	for term, count := range terms {
		kind, rest, ok := strings.Cut(term, ":")
		i := strings.LastIndexByte(rest, ':')
		if !ok || i <= 0 || i == len(rest)-1 {
			continue
		}
		market, value := rest[:i], rest[i+1:]
		c := out[market]
		switch kind {
		case termNow:
			c.Now = add(c.Now, models.Decision(value), count)
		case termMachine:
			c.Machine = add(c.Machine, models.Decision(value), count)
		case termReviewer:
			c.Reviewer = add(c.Reviewer, models.ReviewAction(value), count)
		default:
			continue
		}
		out[market] = c
	}
	return out
}

func add[K comparable](m map[K]int, k K, n int) map[K]int {
	if m == nil {
		m = map[K]int{}
	}
	m[k] += n
	return m
}

// Thread lists the comments of a note from the search index; see Index
// and Embedded.
func (e *Embedded) Thread(ctx context.Context, q models.ThreadQuery) (out models.SearchResult, err error) {
	if q.ParentID == "" {
		return models.SearchResult{Hits: []models.SearchHit{}}, nil
	}
	limit, offset := page(models.SearchQuery{Limit: q.Limit, Offset: q.Offset})
	req := bleve.NewSearchRequestOptions(keywordQuery("parent_id", q.ParentID), limit, offset, false)
	req.Fields = []string{noteField}
	req.SortBy([]string{"-queued_at", "_id"})
	err = e.search.read("thread", func(idx bleve.Index) error {
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("index: thread: %w", err)
		}
		notes, err := storedNotes("thread", res.Hits)
		if err != nil {
			return err
		}
		out = models.SearchResult{Total: int(res.Total), Hits: hitsOf(notes)}
		return nil
	})
	return out, err
}

// Author summarizes an author's notes from the search index; see Index
// and Embedded. It answers with two searches: the most recent notes with
// the decision terms counted, and the oldest note.
func (e *Embedded) Author(ctx context.Context, q models.AuthorQuery) (models.AuthorHistory, error) {
	out := models.AuthorHistory{Recent: []*models.Note{}, Markets: map[string]models.AuthorCounts{}}
	if q.AuthorID == "" {
		return out, nil
	}
	limit, _ := page(models.SearchQuery{Limit: q.Limit})
	byAuthor := keywordQuery("author_id", q.AuthorID)
	req := bleve.NewSearchRequestOptions(byAuthor, limit, 0, false)
	req.Fields = []string{noteField}
	req.SortBy([]string{"-queued_at", "_id"})
	req.AddFacet("decision_terms", bleve.NewFacetRequest("decision_terms", maxDecisionTerms))
	first := bleve.NewSearchRequestOptions(byAuthor, 1, 0, false)
	first.Fields = []string{noteField}
	first.SortBy([]string{"queued_at", "_id"})
	err := e.search.read("author", func(idx bleve.Index) error {
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("index: author: %w", err)
		}
		if out.Recent, err = storedNotes("author", res.Hits); err != nil {
			return err
		}
		out.Total = int(res.Total)
		if f := res.Facets["decision_terms"]; f != nil && f.Terms != nil {
			terms := map[string]int{}
			for _, t := range f.Terms.Terms() {
				terms[t.Term] = t.Count
			}
			out.Markets = countDecisionTerms(terms)
		}
		if len(out.Recent) == 0 {
			return nil
		}
		out.LastSeen = out.Recent[0].QueuedAt()
		res, err = idx.SearchInContext(ctx, first)
		if err != nil {
			return fmt.Errorf("index: author: %w", err)
		}
		oldest, err := storedNotes("author", res.Hits)
		if err != nil {
			return err
		}
		if len(oldest) > 0 {
			out.FirstSeen = oldest[0].QueuedAt()
		}
		return nil
	})
	if err != nil {
		return models.AuthorHistory{}, err
	}
	return out, nil
}

func keywordQuery(field, value string) query.Query {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
	return t
}

// storedNotes decodes the stored note of every hit.
func storedNotes(op string, hits search.DocumentMatchCollection) ([]*models.Note, error) {
	out := make([]*models.Note, 0, len(hits))
	for _, h := range hits {
		raw, ok := h.Fields[noteField].(string)
		if !ok {
			return nil, fmt.Errorf("index: %s: hit %s has no stored note", op, h.ID)
		}
		n, err := decodeNote([]byte(raw))
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func hitsOf(notes []*models.Note) []models.SearchHit {
	out := make([]models.SearchHit, 0, len(notes))
	for _, n := range notes {
		out = append(out, models.SearchHit{Note: n})
	}
	return out
}

// Thread lists the comments of a note; see Index.
func (es *Elasticsearch) Thread(ctx context.Context, q models.ThreadQuery) (models.SearchResult, error) {
	if q.ParentID == "" {
		return models.SearchResult{Hits: []models.SearchHit{}}, nil
	}
	res, err := es.contextSearch(ctx, "thread", esThreadBody(q))
	if err != nil {
		return models.SearchResult{}, err
	}
	return models.SearchResult{Total: res.total, Hits: hitsOf(res.notes)}, nil
}

// Author summarizes an author's notes in one search; see Index.
func (es *Elasticsearch) Author(ctx context.Context, q models.AuthorQuery) (models.AuthorHistory, error) {
	if q.AuthorID == "" {
		return models.AuthorHistory{Recent: []*models.Note{}, Markets: map[string]models.AuthorCounts{}}, nil
	}
	res, err := es.contextSearch(ctx, "author", esAuthorBody(q))
	if err != nil {
		return models.AuthorHistory{}, err
	}
	return res.authorHistory(), nil
}

// esContextFilter keeps the live notes whose field is value.
func esContextFilter(field, value string) map[string]any {
	return map[string]any{"bool": map[string]any{"filter": []any{
		map[string]any{"term": map[string]any{"deleted": false}},
		map[string]any{"term": map[string]any{field: value}},
	}}}
}

// esNewestFirst is the order of a thread and of an author's notes, as the
// embedded index sorts them.
var esNewestFirst = []any{map[string]any{"queued_at": "desc"}, map[string]any{"note_id": "asc"}}

func esThreadBody(q models.ThreadQuery) map[string]any {
	limit, offset := page(models.SearchQuery{Limit: q.Limit, Offset: q.Offset})
	return map[string]any{
		"from":             offset,
		"size":             limit,
		"track_total_hits": true,
		"_source":          []string{"note"},
		"query":            esContextFilter("parent_id", q.ParentID),
		"sort":             esNewestFirst,
	}
}

func esAuthorBody(q models.AuthorQuery) map[string]any {
	limit, _ := page(models.SearchQuery{Limit: q.Limit})
	return map[string]any{
		"size":             limit,
		"track_total_hits": true,
		"_source":          []string{"note"},
		"query":            esContextFilter("author_id", q.AuthorID),
		"sort":             esNewestFirst,
		"aggs": map[string]any{
			"decision_terms": map[string]any{"terms": map[string]any{"field": "decision_terms", "size": maxDecisionTerms}},
			"first_seen":     map[string]any{"min": map[string]any{"field": "queued_at"}},
			"last_seen":      map[string]any{"max": map[string]any{"field": "queued_at"}},
		},
	}
}

// esContextResponse is what contextSearch reads of a search response.
type esContextResponse struct {
	Hits struct {
		Total struct {
			Value int `json:"value"`
		} `json:"total"`
		Hits []struct {
			ID     string   `json:"_id"`
			Source esStored `json:"_source"`
		} `json:"hits"`
	} `json:"hits"`
	Aggregations struct {
		DecisionTerms struct {
			Buckets []struct {
				Key      string `json:"key"`
				DocCount int    `json:"doc_count"`
			} `json:"buckets"`
		} `json:"decision_terms"`
		// Epoch milliseconds; null without notes.
		FirstSeen struct {
			Value *float64 `json:"value"`
		} `json:"first_seen"`
		LastSeen struct {
			Value *float64 `json:"value"`
		} `json:"last_seen"`
	} `json:"aggregations"`

	total int
	notes []*models.Note
}

// parseContextResponse decodes a search response and its stored notes.
func parseContextResponse(op string, body io.Reader) (*esContextResponse, error) {
	var r esContextResponse
	if err := json.NewDecoder(io.LimitReader(body, 64<<20)).Decode(&r); err != nil {
		return nil, fmt.Errorf("index: %s: decode response: %w", op, err)
	}
	r.total = r.Hits.Total.Value
	r.notes = make([]*models.Note, 0, len(r.Hits.Hits))
	for _, h := range r.Hits.Hits {
		if len(h.Source.Note) == 0 {
			return nil, fmt.Errorf("index: %s: hit %s has no stored note", op, h.ID)
		}
		n, err := decodeNote(h.Source.Note)
		if err != nil {
			return nil, err
		}
		r.notes = append(r.notes, n)
	}
	return &r, nil
}

func (r *esContextResponse) authorHistory() models.AuthorHistory {
	terms := map[string]int{}
	for _, b := range r.Aggregations.DecisionTerms.Buckets {
		terms[b.Key] = b.DocCount
	}
	out := models.AuthorHistory{Total: r.total, Recent: r.notes, Markets: countDecisionTerms(terms)}
	ms := func(v *float64) time.Time {
		if v == nil {
			return time.Time{}
		}
		return time.UnixMilli(int64(*v)).UTC()
	}
	out.FirstSeen, out.LastSeen = ms(r.Aggregations.FirstSeen.Value), ms(r.Aggregations.LastSeen.Value)
	return out
}

func (es *Elasticsearch) contextSearch(ctx context.Context, op string, body map[string]any) (*esContextResponse, error) {
	es.closeMu.RLock()
	defer es.closeMu.RUnlock()
	if es.closed {
		return nil, ErrClosed
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("index: %s: %w", op, err)
	}
	res, err := esapi.SearchRequest{Index: []string{es.cfg.Alias}, Body: bytes.NewReader(raw)}.Do(ctx, es.client)
	if err := responseError("index: "+op, res, err); err != nil {
		return nil, err
	}
	defer closeBody(res)
	return parseContextResponse(op, res.Body)
}
