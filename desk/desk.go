package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/notegate/notegate/internal/httpjson"
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
// (rules.DecisionWriter); it returns once the broker has them.
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
	// Authors reads authors' standings (rules.AuthorStore) for the
	// author panel, and AuthorActions changes them through the author
	// actions topic. Without Authors the panel shows no standing and no
	// actions; with either nil the author actions route answers 503.
	Authors       AuthorStandings
	AuthorActions AuthorPublisher
	// SharedStateHealth is told the outcome of every call to the shared
	// state in Redis (nil: it answered), so that the service's readiness
	// can list the desk's condition; nil tells nobody. Unused without
	// Redis.
	SharedStateHealth func(error)
}

// Desk serves the reviewer desk: the page and its API.
type Desk struct {
	cfg    Config
	opts   Options
	notes  Notes
	pub    Publisher
	audit  *Audit
	auth   *authenticator
	limit  loginThrottle
	claims claimStore
	// shared is the state in Redis, nil when it is in this process.
	shared *redisState
	log    *slog.Logger
}

// New builds a Desk. With review.shared_state.redis.addr set, claims,
// sessions and failed-login counts live in that Redis (New does not
// connect: until it answers, the desk answers 503); otherwise in this
// process. Close releases it.
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
	d := &Desk{cfg: cfg, opts: opts, notes: notes, pub: pub, audit: audit, log: opts.Logger.With("component", "review")}
	var sessions sessionStore
	if cfg.SharedState.Redis.Enabled() {
		d.shared = newRedisState(cfg, opts.Clock, opts.SharedStateHealth, opts.Logger)
		d.claims, d.limit, sessions = d.shared, d.shared, d.shared
	} else {
		d.claims = newClaims(cfg.Claims, opts.Clock)
		d.limit = newLoginLimiter(cfg.Login, opts.Clock)
		sessions = newSessionMap(cfg.MaxSessions, opts.Clock)
	}
	auth, err := newAuthenticator(cfg, opts.Markets, sessions, opts.Clock)
	if err != nil {
		_ = d.Close()
		return nil, fmt.Errorf("review: %w", err)
	}
	d.auth = auth
	return d, nil
}

// Close closes the connections to the shared state, if any.
func (d *Desk) Close() error {
	if d.shared == nil {
		return nil
	}
	return d.shared.Close()
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
			h = d.auth.require(r.Role, d.unavailable, h)
		}
		mux.HandleFunc(r.Method+" "+r.Pattern, h)
	}
}

// IsReviewer reports whether r carries a reviewer's or admin's
// credentials; false when the sessions cannot be read.
func (d *Desk) IsReviewer(r *http.Request) bool {
	p, ok, err := d.auth.authenticate(r)
	return err == nil && ok && p.allows(RoleReviewer)
}

// unavailable answers 503 with Retry-After for a request that needs the
// shared state while it cannot be reached.
func (d *Desk) unavailable(w http.ResponseWriter, err error) {
	d.log.Warn("shared state unavailable", "err", err)
	wait := time.Second
	if d.shared != nil {
		wait = d.shared.retryAfter()
	}
	secs := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeError(w, http.StatusServiceUnavailable, "the desk's shared state (claims, sessions) is unavailable; nothing was decided, try again in "+
		(time.Duration(secs)*time.Second).String())
}

// writeJSON answers with v; the desk's answers are never cached (they
// carry notes under review and reviewers' sessions).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Cache-Control", "no-store")
	httpjson.Write(w, status, v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Cache-Control", "no-store")
	httpjson.Error(w, status, msg)
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
