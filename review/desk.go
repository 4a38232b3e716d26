package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/notegate/notegate/models"
)

// Notes is what the desk reads notes from: the index (index.Index
// documents each method). Get returns an error for which
// Options.IsNotFound holds when there is no such note.
type Notes interface {
	Get(ctx context.Context, noteID string) (*models.Note, error)
	Queue(ctx context.Context, q models.QueueQuery) (models.SearchResult, error)
	Thread(ctx context.Context, q models.ThreadQuery) (models.SearchResult, error)
	Author(ctx context.Context, q models.AuthorQuery) (models.AuthorHistory, error)
}

// Publisher publishes decision events to the decisions topic
// (pipeline.DecisionWriter); it returns once the broker has them.
type Publisher interface {
	Publish(ctx context.Context, ds ...models.ReviewDecision) error
}

// Options are the desk's collaborators beyond its Config.
type Options struct {
	// Markets are the configured markets.
	Markets []string
	// IsNotFound tells Notes' "no such note" error. Required.
	IsNotFound func(error) bool
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Clock defaults to time.Now.
	Clock func() time.Time
	// Metrics counts login attempts; nil counts nothing.
	Metrics *Metrics
	// Aligner places evidence in translations word by word; nil: by
	// sentence only.
	Aligner Aligner
	// Authors reads authors' standings (pipeline.AuthorStore) for the
	// author panel, and AuthorActions changes them through the author
	// actions topic. Without Authors the panel shows no standing and no
	// actions; with either nil the author actions route answers 503.
	Authors       AuthorStandings
	AuthorActions AuthorPublisher
}

// Desk serves the reviewer desk: the page and its API.
type Desk struct {
	cfg    Config
	opts   Options
	notes  Notes
	pub    Publisher
	audit  *Audit
	auth   *authenticator
	limit  *loginLimiter
	claims *claims
	log    *slog.Logger
}

// New builds a Desk.
func New(cfg Config, notes Notes, pub Publisher, audit *Audit, opts Options) (*Desk, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("review config: %w", err)
	}
	if notes == nil || pub == nil || audit == nil || opts.IsNotFound == nil {
		return nil, errors.New("review: notes, publisher, audit and IsNotFound are required")
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	auth, err := newAuthenticator(cfg, opts.Markets, opts.Clock)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	return &Desk{
		cfg: cfg, opts: opts, notes: notes, pub: pub, audit: audit,
		auth:   auth,
		limit:  newLoginLimiter(cfg.Login, opts.Clock),
		claims: newClaims(cfg.Claims, opts.Clock),
		log:    opts.Logger.With("component", "review"),
	}, nil
}

// Route is one entry of the desk's route table. Role is "" for the public
// routes (the login call and the page's static assets, which hold no
// data); every other route refuses anonymous callers with 401 and callers
// without the role with 403.
type Route struct {
	Method, Pattern, Role string
	handler               http.HandlerFunc
}

// Routes is the desk's route table; Register mounts exactly these.
func (d *Desk) Routes() []Route {
	return []Route{
		{"GET", "/review/", "", d.page},
		{"GET", "/review/assets/{file}", "", d.asset},
		{"POST", "/api/review/login", "", d.login},
		{"POST", "/api/review/logout", RoleReviewer, d.logout},
		{"GET", "/api/review/me", RoleReviewer, d.me},
		{"GET", "/api/review/queue", RoleReviewer, d.queue},
		{"GET", "/api/review/notes/{id}", RoleReviewer, d.note},
		{"POST", "/api/review/notes/{id}/claim", RoleReviewer, d.claim},
		{"DELETE", "/api/review/notes/{id}/claim", RoleReviewer, d.release},
		{"POST", "/api/review/notes/{id}/claim/heartbeat", RoleReviewer, d.heartbeat},
		{"POST", "/api/review/notes/{id}/decisions", RoleReviewer, d.decide},
		{"GET", "/api/review/notes/{id}/similar", RoleReviewer, d.similar},
		{"GET", "/api/review/notes/{id}/audit", RoleReviewer, d.noteAudit},
		{"GET", "/api/review/notes/{id}/thread", RoleReviewer, d.thread},
		{"POST", "/api/review/bulk", RoleReviewer, d.bulk},
		{"GET", "/api/review/authors/{author}", RoleReviewer, d.author},
		{"POST", "/api/review/authors/{author}/actions", RoleReviewer, d.authorAction},
		{"GET", "/api/review/me/audit", RoleReviewer, d.myAudit},
		{"GET", "/api/review/reviewers/{name}/audit", RoleAdmin, d.reviewerAudit},
		{"GET", "/api/review/stats", RoleAdmin, d.stats},
	}
}

// Register mounts the route table on mux.
func (d *Desk) Register(mux *http.ServeMux) {
	for _, r := range d.Routes() {
		h := r.handler
		if r.Role != "" {
			h = d.auth.require(r.Role, h)
		}
		mux.HandleFunc(r.Method+" "+r.Pattern, h)
	}
}

// IsReviewer reports whether r carries a reviewer's or admin's credentials.
func (d *Desk) IsReviewer(r *http.Request) bool {
	p, ok := d.auth.authenticate(r)
	return ok && p.allows(RoleReviewer)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// readJSON decodes a small JSON body strictly.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "bad JSON body: "+err.Error())
		return false
	}
	return true
}
