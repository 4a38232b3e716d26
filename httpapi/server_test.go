package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
)

// fakeNotes answers from a map; Search echoes the query it got.
type fakeNotes struct {
	notes   map[string]*models.Note
	lastQ   models.SearchQuery
	failing bool
}

func (f *fakeNotes) Get(_ context.Context, id string) (*models.Note, error) {
	if f.failing {
		return nil, errors.New("down")
	}
	n, ok := f.notes[id]
	if !ok {
		return nil, index.ErrNotFound
	}
	return n, nil
}

func (f *fakeNotes) Search(_ context.Context, q models.SearchQuery) (models.SearchResult, error) {
	if f.failing {
		return models.SearchResult{}, errors.New("down")
	}
	f.lastQ = q
	return models.SearchResult{Total: 1, Hits: []models.SearchHit{{Note: f.notes["ok"], Score: 1}}}, nil
}

func TestHandler(t *testing.T) {
	t.Parallel()
	notes := map[string]*models.Note{
		"ok":     {NoteEvent: models.NoteEvent{NoteID: "ok", Body: "<script>alert(1)</script>"}, ApprovedMarkets: []string{"intl"}},
		"review": {NoteEvent: models.NoteEvent{NoteID: "review"}, Moderation: models.Moderation{Decision: models.DecisionReview}},
	}
	tests := []struct {
		name     string
		url      string
		failing  bool
		notReady bool
		degraded bool
		status   int
		contains string
		query    *models.SearchQuery
	}{
		{name: "health is ok when ready", url: "/healthz", status: 200, contains: `"ok"`},
		{name: "health is 503 with the reason when starting", url: "/healthz", notReady: true, status: 503, contains: "waiting for topics"},
		{name: "readiness is 503 with the reason when starting", url: "/readyz", notReady: true, status: 503, contains: `"condition":"startup"`},
		{name: "readiness is 200 and degraded while the desk's shared state fails", url: "/readyz", degraded: true, status: 200, contains: `"status":"degraded","degraded":[{"condition":"review_state"`},
		{name: "liveness stays ok when not ready", url: "/livez", notReady: true, status: 200, contains: "alive"},
		{name: "metrics are served", url: "/metrics", status: 200, contains: "go_goroutines"},
		{name: "search passes the query and market through", url: "/api/search?q=hot+pot&market=intl&limit=5&offset=10", status: 200, contains: `"note_id":"ok"`,
			query: &models.SearchQuery{Text: "hot pot", Market: "intl", Limit: 5, Offset: 10, TrackTotalHits: models.DefaultTrackTotalHits}},
		{name: "search without q is a bad request", url: "/api/search?market=intl", status: 400, contains: "q is required"},
		{name: "search in an unknown market is a bad request", url: "/api/search?q=x&market=mars", status: 400, contains: "unknown market"},
		{name: "a limit out of range is a bad request", url: "/api/search?q=x&limit=1000", status: 400, contains: "limit"},
		{name: "an oversized query is a bad request", url: "/api/search?q=" + strings.Repeat("a", 600), status: 400},
		{name: "search failure is 503, not a leak of the error", url: "/api/search?q=x", failing: true, status: 503, contains: "unavailable"},
		{name: "an approved note is served", url: "/api/notes/ok", status: 200, contains: `\u003cscript\u003e`},
		{name: "a note under review is not public", url: "/api/notes/review", status: 404},
		{name: "a missing note is 404", url: "/api/notes/nope", status: 404},
		{name: "writes are not allowed", url: "POST /api/search?q=x", status: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &fakeNotes{notes: notes, failing: tt.failing}
			h := New(f, Config{
				Markets: []string{"cn", "intl"},
				Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
				Health:  health(tt.notReady, tt.degraded),
			})
			method, target := "GET", tt.url
			if m, u, ok := strings.Cut(tt.url, " "); ok {
				method, target = m, u
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.contains != "" && !strings.Contains(rec.Body.String(), tt.contains) {
				t.Errorf("body %s lacks %s", rec.Body, tt.contains)
			}
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Error("nosniff header missing")
			}
			if tt.query != nil && f.lastQ != *tt.query {
				t.Errorf("search got %+v, want %+v", f.lastQ, *tt.query)
			}
			if strings.HasPrefix(tt.url, "/api/") && rec.Code < 300 && !json.Valid(rec.Body.Bytes()) {
				t.Error("not JSON")
			}
		})
	}
}

// health is ready, or starting, or degraded by the desk's shared state.
func health(starting, degraded bool) *pipeline.Health {
	// A failure counts from the next nanosecond on, so a degraded health
	// is degraded by the time it is asked.
	h := pipeline.NewHealth(pipeline.HealthConfig{UnreadyAfter: time.Nanosecond})
	if starting {
		h.Fail(pipeline.ConditionStartup, errors.New("waiting for topics"))
	}
	if degraded {
		h.Fail(pipeline.ConditionReviewState, errors.New("redis: connection refused"))
	}
	return h
}
