package httpapi

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/notegate/notegate/models"
)

// gatedNotes is an index whose searches block until release is closed,
// whatever their context says: the worst an index can do.
type gatedNotes struct {
	// entered receives one value per search that reached the index.
	entered  chan struct{}
	release  chan struct{}
	searches atomic.Int64
}

func newGatedNotes() *gatedNotes {
	return &gatedNotes{entered: make(chan struct{}, 1000), release: make(chan struct{})}
}

func (g *gatedNotes) Get(context.Context, string) (*models.Note, error) { return nil, io.EOF }

func (g *gatedNotes) Search(_ context.Context, q models.SearchQuery) (models.SearchResult, error) {
	g.searches.Add(1)
	g.entered <- struct{}{}
	<-g.release
	return models.SearchResult{Total: 1, Hits: []models.SearchHit{{Note: &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1"}}, Score: 1}}}, nil
}

// saturated is a handler whose slots and queue are all taken by searches
// blocked in a gatedNotes.
type saturated struct {
	h       http.Handler
	ops     http.Handler
	notes   *gatedNotes
	metrics *SearchMetrics
	reg     *prometheus.Registry
	handler *handler
	// answers receives the status of every search started by fill.
	answers chan int
}

// newSaturated starts searches until every slot is taken and queued of
// them wait in the queue (all the queue holds when queued is negative).
func newSaturated(t *testing.T, cfg SearchConfig, queued int) *saturated {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	m, err := NewSearchMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	notes := newGatedNotes()
	c := Config{Markets: []string{"cn", "intl"}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Health: health(false, false), Gatherer: reg, Search: cfg, SearchMetrics: m}
	s := &saturated{ops: NewOps(c), notes: notes, metrics: m, reg: reg, handler: newHandler(notes, c), answers: make(chan int, 1000)}
	s.h = s.handler.routes() // New's handler, with a gate the test can see
	cfg = cfg.WithDefaults()
	if queued < 0 {
		queued = cfg.MaxQueued
	}
	t.Cleanup(func() {
		select {
		case <-notes.release:
		default:
			close(notes.release)
		}
	})
	for range cfg.MaxConcurrent {
		go func() { s.answers <- get(s.h, "/api/search?q=x").Code }()
		<-notes.entered
	}
	for range queued {
		go func() { s.answers <- get(s.h, "/api/search?q=x").Code }()
	}
	for s.handler.gate.waiting.Load() < int64(queued) {
		if len(notes.entered) > 0 {
			t.Fatalf("a search beyond the %d slots reached the index", cfg.MaxConcurrent)
		}
		time.Sleep(time.Millisecond) // waiting for the goroutines above, not timing anything
	}
	return s
}

// oneMore sends one more search to a saturated handler and returns its
// answer; it fails the test when the search gets into the index or the
// queue instead.
func (s *saturated) oneMore(t *testing.T) *httptest.ResponseRecorder {
	t.Helper()
	done := make(chan *httptest.ResponseRecorder, 1)
	go func() { done <- get(s.h, "/api/search?q=x") }()
	limit := int64(s.handler.searchCfg.MaxQueued)
	for {
		select {
		case rec := <-done:
			return rec
		case <-s.notes.entered:
			t.Fatal("a search beyond the slots reached the index")
		default:
		}
		if s.handler.gate.waiting.Load() > limit {
			t.Fatalf("%d searches wait in a queue of %d", s.handler.gate.waiting.Load(), limit)
		}
		time.Sleep(time.Millisecond) // waiting for the answer, not timing anything
	}
}

func get(h http.Handler, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	return rec
}

// metric returns the value of the counter or gauge name in reg, of the
// series whose labels include label (name=value), or of the only series.
func metric(t *testing.T, reg prometheus.Gatherer, name, label string) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			match := label == ""
			for _, l := range m.GetLabel() {
				match = match || l.GetName()+"="+l.GetValue() == label
			}
			if !match {
				continue
			}
			if m.GetCounter() != nil {
				return m.GetCounter().GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	t.Fatalf("no metric %s{%s}", name, label)
	return 0
}

func counter(t *testing.T, s *saturated, outcome string) float64 {
	t.Helper()
	return metric(t, s.reg, "notegate_search_requests_total", "outcome="+outcome)
}

func TestSearchAdmission(t *testing.T) {
	t.Parallel()
	t.Run("the search after every slot and the queue are taken is refused with 429 and Retry-After", func(t *testing.T) {
		t.Parallel()
		s := newSaturated(t, SearchConfig{MaxConcurrent: 3, MaxQueued: 4, Timeout: time.Hour, RetryAfter: 1500 * time.Millisecond}, -1)
		rec := s.oneMore(t)
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "2" {
			t.Fatalf("status %d, Retry-After %q; want 429 and 2: %s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
		}
		if got := s.notes.searches.Load(); got != 3 {
			t.Errorf("%d searches reached the index, want 3", got)
		}
		close(s.notes.release)
		for range 3 + 4 {
			if code := <-s.answers; code != http.StatusOK {
				t.Errorf("an admitted or queued search got %d, want 200", code)
			}
		}
		if got := metric(t, s.reg, "notegate_search_admitted_total", ""); got != 7 {
			t.Errorf("admitted %v, want 7", got)
		}
		if ok, rejected := counter(t, s, SearchOK), counter(t, s, SearchRejected); ok != 7 || rejected != 1 {
			t.Errorf("ok %v, rejected %v; want 7 and 1", ok, rejected)
		}
	})
	t.Run("without a queue the (N+1)th concurrent search is refused with 429", func(t *testing.T) {
		t.Parallel()
		s := newSaturated(t, SearchConfig{MaxConcurrent: 2, MaxQueued: -1, Timeout: time.Hour}, -1)
		rec := s.oneMore(t)
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
			t.Fatalf("status %d, Retry-After %q; want 429 and 1", rec.Code, rec.Header().Get("Retry-After"))
		}
	})
	t.Run("a search past its deadline in the index gets 503 with Retry-After and keeps its slot until the index gives it up", func(t *testing.T) {
		t.Parallel()
		s := newSaturated(t, SearchConfig{MaxConcurrent: 1, MaxQueued: -1, Timeout: 20 * time.Millisecond}, -1)
		if code := <-s.answers; code != http.StatusServiceUnavailable {
			t.Fatalf("status %d, want 503", code)
		}
		if got := counter(t, s, SearchTimeout); got != 1 {
			t.Errorf("timeouts %v, want 1", got)
		}
		// The abandoned search still runs in the index: no new one gets in.
		if rec := s.oneMore(t); rec.Code != http.StatusTooManyRequests {
			t.Errorf("status %d while the abandoned search holds the slot, want 429", rec.Code)
		}
		close(s.notes.release)
		for s.handler.gate.running() > 0 {
			time.Sleep(time.Millisecond) // waiting for the slot to come back, not timing anything
		}
		if got := metric(t, s.reg, "notegate_search_in_flight", ""); got != 0 {
			t.Errorf("in flight %v after the index gave up, want 0", got)
		}
	})
	t.Run("a search past its deadline in the queue gets 503 with Retry-After and never reaches the index", func(t *testing.T) {
		t.Parallel()
		s := newSaturated(t, SearchConfig{MaxConcurrent: 1, MaxQueued: 5, Timeout: time.Hour}, 4)
		// A handler of the same gate whose searches have a short deadline
		// takes the last place in the queue.
		short := *s.handler
		short.searchCfg.Timeout = 10 * time.Millisecond
		rec := get(http.HandlerFunc(short.search), "/api/search?q=x")
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "too long") {
			t.Fatalf("status %d, Retry-After %q: %s; want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
		}
		if got := s.notes.searches.Load(); got != 1 {
			t.Errorf("%d searches reached the index, want 1", got)
		}
	})
	t.Run("health, readiness, liveness and metrics answer while every slot and the queue are taken", func(t *testing.T) {
		t.Parallel()
		s := newSaturated(t, SearchConfig{MaxConcurrent: 2, MaxQueued: 8, Timeout: time.Hour}, -1)
		for _, h := range []struct {
			name string
			h    http.Handler
		}{{"main", s.h}, {"ops", s.ops}} {
			for _, path := range []string{"/healthz", "/readyz", "/livez", "/metrics"} {
				if rec := get(h.h, path); rec.Code != http.StatusOK {
					t.Errorf("%s %s: status %d, want 200", h.name, path, rec.Code)
				}
			}
		}
		body := get(s.ops, "/metrics").Body.String()
		for _, want := range []string{"notegate_search_in_flight 2", "notegate_search_queued 8"} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %q", want)
			}
		}
		if rec := get(s.ops, "/api/search?q=x"); rec.Code != http.StatusNotFound {
			t.Errorf("the ops handler answered a search with %d, want 404", rec.Code)
		}
	})
}

// echoNotes answers every search with limit hits named after the query's
// position, and remembers the queries.
type echoNotes struct {
	mu      sync.Mutex
	queries []models.SearchQuery
	hits    int
}

func (e *echoNotes) Get(context.Context, string) (*models.Note, error) { return nil, io.EOF }

func (e *echoNotes) Search(_ context.Context, q models.SearchQuery) (models.SearchResult, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.queries = append(e.queries, q)
	var res models.SearchResult
	for i := range min(q.Limit, e.hits) {
		res.Hits = append(res.Hits, models.SearchHit{Note: &models.Note{NoteEvent: models.NoteEvent{NoteID: "n" + string(rune('a'+i))}}, Score: 0.1 + float64(i)/3})
	}
	res.Total = len(res.Hits)
	return res, nil
}

func TestSearchPaging(t *testing.T) {
	t.Parallel()
	newEcho := func(hits int) (*echoNotes, http.Handler) {
		e := &echoNotes{hits: hits}
		return e, New(e, Config{Markets: []string{"cn", "intl"}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	}
	page := func(t *testing.T, h http.Handler, target string) searchPage {
		t.Helper()
		rec := get(h, target)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", target, rec.Code, rec.Body)
		}
		var p searchPage
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("a full page carries a cursor that asks for the hits after its last hit", func(t *testing.T) {
		t.Parallel()
		e, h := newEcho(10)
		p := page(t, h, "/api/search?q=hot+pot&market=intl&limit=3")
		if p.NextCursor == "" {
			t.Fatal("no next_cursor on a full page")
		}
		page(t, h, "/api/search?q=hot+pot&market=intl&limit=5&cursor="+url.QueryEscape(p.NextCursor))
		got := e.queries[1]
		third := 2
		want := models.SearchPosition{Score: 0.1 + float64(third)/3, NoteID: "nc"} // exactly, not rounded
		if got.After == nil || *got.After != want || got.Offset != 0 || got.Limit != 5 {
			t.Errorf("second query %+v (after %+v), want after %+v, limit 5", got, got.After, want)
		}
	})
	t.Run("a page that is not full carries no cursor", func(t *testing.T) {
		t.Parallel()
		_, h := newEcho(2)
		if p := page(t, h, "/api/search?q=x&limit=3"); p.NextCursor != "" || len(p.Hits) != 2 {
			t.Errorf("page %+v, want 2 hits and no cursor", p)
		}
	})
	_, h := newEcho(10)
	first := page(t, h, "/api/search?q=x&market=cn&limit=1").NextCursor
	tests := []struct {
		name, target, want string
	}{
		{"offset plus limit beyond 1000 is refused with a pointer to the cursor", "/api/search?q=x&offset=950&limit=51", "offset+limit may be at most 1000; page further with the cursor"},
		{"an offset beyond 1000 is refused", "/api/search?q=x&offset=10000&limit=100", "offset+limit may be at most 1000; page further with the cursor"},
		{"a negative offset is refused", "/api/search?q=x&offset=-1", "offset: must be an integer"},
		{"offset and cursor together are refused", "/api/search?q=x&market=cn&offset=0&cursor=" + first, "cannot be combined"},
		{"a cursor of another market is refused", "/api/search?q=x&market=intl&cursor=" + first, "another query"},
		{"a cursor of another text is refused", "/api/search?q=y&market=cn&cursor=" + first, "another query"},
		{"a made-up cursor is refused", "/api/search?q=x&cursor=bm90LWEtY3Vyc29y", "not one this server returned"},
		{"an oversized cursor is refused", "/api/search?q=x&cursor=" + strings.Repeat("A", 2000), "not one this server returned"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := get(h, tt.target)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("status %d: %s; want 400 saying %q", rec.Code, rec.Body, tt.want)
			}
		})
	}
	t.Run("offset plus limit of exactly 1000 is served", func(t *testing.T) {
		t.Parallel()
		e, h := newEcho(10)
		page(t, h, "/api/search?q=x&offset=900&limit=100")
		if q := e.queries[0]; q.Offset != 900 || q.After != nil {
			t.Errorf("query %+v", q)
		}
	})
}

// relationNotes answers every search with a total of 10000 and relation,
// and remembers the last query.
type relationNotes struct {
	echoNotes
	relation string
}

func (r *relationNotes) Search(ctx context.Context, q models.SearchQuery) (models.SearchResult, error) {
	res, err := r.echoNotes.Search(ctx, q)
	res.Total, res.TotalRelation = 10000, r.relation
	return res, err
}

func TestSearchTotalRelation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		relation     string
		track        int
		wantRelation string
		wantTrack    int
	}{
		{"a lower bound from the index is answered gte", models.TotalAtLeast, 0, "gte", models.DefaultTrackTotalHits},
		{"an exact total is answered eq", models.TotalEqual, 0, "eq", models.DefaultTrackTotalHits},
		{"an index that says nothing counted exactly", "", 0, "eq", models.DefaultTrackTotalHits},
		{"the configured cap reaches the index", models.TotalAtLeast, 500, "gte", 500},
		{"a negative cap asks the index to count every hit", models.TotalEqual, -1, "eq", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			notes := &relationNotes{echoNotes: echoNotes{hits: 3}, relation: tt.relation}
			h := New(notes, Config{Markets: []string{"cn"}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
				Search: SearchConfig{TrackTotalHits: tt.track}})
			rec := get(h, "/api/search?q=x")
			var p struct {
				Total         int    `json:"total"`
				TotalRelation string `json:"total_relation"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s (%v)", rec.Code, rec.Body, err)
			}
			if p.Total != 10000 || p.TotalRelation != tt.wantRelation {
				t.Errorf("total %d %q, want 10000 %q", p.Total, p.TotalRelation, tt.wantRelation)
			}
			if got := notes.queries[0].TrackTotalHits; got != tt.wantTrack {
				t.Errorf("the index was asked to count %d hits exactly, want %d", got, tt.wantTrack)
			}
		})
	}
}
