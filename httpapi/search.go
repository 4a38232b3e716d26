package httpapi

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/notegate/notegate/internal/httpjson"
	"github.com/notegate/notegate/models"
)

const (
	// maxQueryBytes bounds a search query.
	maxQueryBytes = 512
	// defaultLimit and maxLimit are the page sizes of a search.
	defaultLimit = 20
	maxLimit     = 100
)

// searchPage is the body of a search's answer.
type searchPage struct {
	Total int `json:"total"`
	// TotalRelation is "eq" when Total counts every matching note, "gte"
	// when at least Total match: the index counts exactly up to
	// Search.TrackTotalHits hits, then only what it must to be sure of
	// the page.
	TotalRelation string             `json:"total_relation"`
	Hits          []models.SearchHit `json:"hits"`
	// NextCursor asks for the next page (the parameter cursor) when this
	// page is full; the page after the last one is empty.
	NextCursor string `json:"next_cursor,omitempty"`
}

// search answers GET /api/search?q=&market=&limit=&offset=&cursor= over
// approved notes only: approved in market when given, in any market
// otherwise. It never lets more than Search.MaxConcurrent searches into
// the index nor more than Search.MaxQueued wait (429 beyond), and answers
// within Search.Timeout (503 past it), whatever the index does.
func (h *handler) search(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	q, msg := h.searchQuery(r)
	if msg != "" {
		h.answered(SearchBadRequest, started)
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.searchCfg.Timeout)
	defer cancel()
	release, err := h.gate.enter(ctx)
	if err != nil {
		h.refuse(w, r, err, started)
		return
	}
	h.cfg.SearchMetrics.waited(time.Since(started).Seconds())
	// The search runs beside the handler, holding its slot until the
	// index gives it up, so the answer comes at the deadline even from an
	// index that ignores ctx, and abandoned searches still count against
	// MaxConcurrent.
	type answer struct {
		res models.SearchResult
		err error
	}
	done := make(chan answer, 1)
	go func() {
		defer release()
		res, err := h.notes.Search(ctx, q)
		done <- answer{res, err}
	}()
	var a answer
	select {
	case a = <-done:
	case <-ctx.Done():
		select {
		case a = <-done:
		default:
			h.refuse(w, r, ctx.Err(), started)
			return
		}
	}
	if a.err != nil {
		if ctx.Err() != nil {
			h.refuse(w, r, ctx.Err(), started)
			return
		}
		h.cfg.Logger.Error("search failed", "err", a.err)
		h.answered(SearchFailed, started)
		writeError(w, http.StatusServiceUnavailable, "search is unavailable")
		return
	}
	page := searchPage{Total: a.res.Total, TotalRelation: a.res.TotalRelation, Hits: a.res.Hits}
	if page.TotalRelation == "" {
		page.TotalRelation = models.TotalEqual
	}
	if page.Hits == nil {
		page.Hits = []models.SearchHit{}
	}
	if len(page.Hits) > 0 && len(page.Hits) >= q.Limit {
		page.NextCursor = encodeCursor(page.Hits[len(page.Hits)-1].Position(), q.Text, q.Market)
	}
	h.answered(SearchOK, started)
	writeJSON(w, http.StatusOK, page)
}

// searchQuery reads the query, or says what is wrong with it.
func (h *handler) searchQuery(r *http.Request) (models.SearchQuery, string) {
	p := r.URL.Query()
	text := strings.TrimSpace(p.Get("q"))
	if text == "" {
		return models.SearchQuery{}, "q is required"
	}
	if len(text) > maxQueryBytes || !utf8.ValidString(text) {
		return models.SearchQuery{}, "q must be valid UTF-8 of at most 512 bytes"
	}
	market := p.Get("market")
	if market != "" && !contains(h.cfg.Markets, market) {
		return models.SearchQuery{}, "unknown market " + strconv.Quote(market) + "; configured: " + strings.Join(h.cfg.Markets, ", ")
	}
	limit, err := httpjson.IntParam(p.Get("limit"), defaultLimit, 1, maxLimit)
	if err != nil {
		return models.SearchQuery{}, "limit: " + err.Error()
	}
	q := models.SearchQuery{Text: text, Market: market, Limit: limit, TrackTotalHits: h.searchCfg.TrackTotalHits}
	if c := p.Get("cursor"); c != "" {
		if p.Get("offset") != "" {
			return models.SearchQuery{}, "offset and cursor cannot be combined: the cursor says where the page starts"
		}
		if q.After, err = decodeCursor(c, text, market); err != nil {
			return models.SearchQuery{}, err.Error()
		}
		return q, ""
	}
	window := h.searchCfg.MaxWindow
	if q.Offset, err = httpjson.IntParam(p.Get("offset"), 0, 0, math.MaxInt32); err != nil {
		return models.SearchQuery{}, "offset: " + err.Error()
	}
	if q.Offset+limit > window {
		return models.SearchQuery{}, "offset+limit may be at most " + strconv.Itoa(window) +
			"; page further with the cursor: pass the next_cursor of each page as the parameter cursor"
	}
	return q, ""
}

// refuse answers a search that was not served: 429 when the queue is full,
// 503 when the deadline passed; both with Retry-After.
func (h *handler) refuse(w http.ResponseWriter, r *http.Request, err error, started time.Time) {
	w.Header().Set("Retry-After", strconv.Itoa(int((h.searchCfg.RetryAfter+time.Second-1)/time.Second)))
	switch {
	case errors.Is(err, errQueueFull):
		h.answered(SearchRejected, started)
		writeError(w, http.StatusTooManyRequests, "too many searches at once; retry later")
	case r.Context().Err() != nil:
		h.answered(SearchCanceled, started)
		writeError(w, http.StatusServiceUnavailable, "search canceled")
	default:
		h.answered(SearchTimeout, started)
		writeError(w, http.StatusServiceUnavailable, "search took too long; retry later")
	}
}

func (h *handler) answered(outcome string, started time.Time) {
	h.cfg.SearchMetrics.answered(outcome, time.Since(started).Seconds())
}
