// Package httpapi is notegate's HTTP surface: liveness and readiness, Prometheus metrics,
// public search over approved notes, and note lookup.
package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/notegate/notegate/internal/httpjson"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
)

// Notes is what the HTTP API reads: the index.
type Notes interface {
	Get(ctx context.Context, noteID string) (*models.Note, error)
	Search(ctx context.Context, q models.SearchQuery) (models.SearchResult, error)
}

// Config configures the HTTP handler.
type Config struct {
	// Markets are the configured markets; a search for another is refused.
	Markets []string
	// Health answers readiness (/readyz, and /healthz for older probes)
	// from what the service has seen, without I/O, so that no load on the
	// service can make it slow; nil means always ready.
	Health *pipeline.Health
	// Gatherer serves /metrics; nil serves the default registry. Its
	// collectors must answer from memory: a scrape that queried the index
	// would let scrapes compete with searches (see review.QueueGauges).
	Gatherer prometheus.Gatherer
	// Search bounds public search; zero fields take their defaults.
	Search SearchConfig
	// SearchMetrics records searches; nil records nothing.
	SearchMetrics *SearchMetrics
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Review is the reviewer desk, mounted on the same mux; nil mounts
	// none. IsReviewer also opens /api/notes/{id} to reviewers for notes
	// that are not approved.
	Review interface {
		Register(mux *http.ServeMux)
		IsReviewer(r *http.Request) bool
	}
}

// New returns the handler of every route.
func New(notes Notes, cfg Config) http.Handler {
	return newHandler(notes, cfg).routes()
}

func (h *handler) routes() http.Handler {
	mux := http.NewServeMux()
	h.registerOps(mux)
	mux.HandleFunc("GET /api/search", h.search)
	mux.HandleFunc("GET /api/notes/{id}", h.note)
	if h.cfg.Review != nil {
		h.cfg.Review.Register(mux)
	}
	return securityHeaders(mux)
}

// NewOps returns the handler of the operations routes alone: /livez,
// /readyz, /healthz and /metrics, for a listener of their own that search
// traffic never shares (http.ops_addr). None of them touches the index or
// waits for a search slot.
func NewOps(cfg Config) http.Handler {
	h := newHandler(nil, cfg)
	mux := http.NewServeMux()
	h.registerOps(mux)
	return securityHeaders(mux)
}

func newHandler(notes Notes, cfg Config) *handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Gatherer == nil {
		cfg.Gatherer = prometheus.DefaultGatherer
	}
	sc := cfg.Search.WithDefaults()
	return &handler{notes: notes, cfg: cfg, searchCfg: sc, gate: newGate(sc.MaxConcurrent, sc.MaxQueued, cfg.SearchMetrics)}
}

func (h *handler) registerOps(mux *http.ServeMux) {
	mux.HandleFunc("GET /livez", h.livez)
	mux.HandleFunc("GET /readyz", h.readyz)
	mux.HandleFunc("GET /healthz", h.readyz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(h.cfg.Gatherer, promhttp.HandlerOpts{}))
}

type handler struct {
	notes     Notes
	cfg       Config
	searchCfg SearchConfig
	gate      *gate
}

// livez answers liveness: the process serves HTTP. It never depends on
// the broker or the index, so an orchestrator restarts only a process that
// is really stuck, not one waiting out a broker outage.
func (h *handler) livez(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "alive"})
}

// readiness is the body of /readyz.
type readiness struct {
	Status string `json:"status"`
	// Problems make the service unready.
	Problems []pipeline.Problem `json:"problems,omitempty"`
	// Degraded are conditions failing for long that never make the
	// service unready (the reviewer desk's shared state): the service
	// works, a part of it answers 503.
	Degraded []pipeline.Problem `json:"degraded,omitempty"`
	// Failing are conditions failing now, not yet for long enough to make
	// the service unready.
	Failing []pipeline.Problem `json:"failing,omitempty"`
}

// readyz answers 200 when the service can do its work ("degraded" when a
// part of it cannot), else 503 with every problem; all list the conditions
// failing at the moment.
func (h *handler) readyz(w http.ResponseWriter, _ *http.Request) {
	ok, problems := h.cfg.Health.Ready()
	body := readiness{Status: "ok", Problems: problems, Degraded: h.cfg.Health.Degraded(), Failing: h.cfg.Health.Failing()}
	if len(body.Degraded) > 0 {
		body.Status = "degraded"
	}
	if !ok {
		body.Status = "unavailable"
		w.Header().Set("Retry-After", "5")
		writeJSON(w, http.StatusServiceUnavailable, body)
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// note answers GET /api/notes/{id}?market=: to the public only a note
// approved in market (in some market when none is given), like search; to
// an authenticated reviewer any stored note.
func (h *handler) note(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	n, err := h.notes.Get(r.Context(), id)
	switch {
	case errors.Is(err, index.ErrNotFound):
		writeError(w, http.StatusNotFound, "no note "+strconv.Quote(id))
		return
	case err != nil:
		h.cfg.Logger.Error("get note failed", "note_id", id, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the index is unavailable")
		return
	}
	market := r.URL.Query().Get("market")
	public := len(n.ApprovedMarkets) > 0 && (market == "" || contains(n.ApprovedMarkets, market))
	if !public && (h.cfg.Review == nil || !h.cfg.Review.IsReviewer(r)) {
		writeError(w, http.StatusNotFound, "no note "+strconv.Quote(id))
		return
	}
	writeJSON(w, http.StatusOK, n)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

var (
	writeJSON  = httpjson.Write
	writeError = httpjson.Error
)

// securityHeaders keeps user text inert if a browser opens an API response.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
		next.ServeHTTP(w, r)
	})
}
