package desk_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/httpapi"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/index/indextest"
)

// applyingPublisher applies decisions at once, as the decisions consumer
// would, so handler tests need no broker.
type applyingPublisher struct {
	idx   index.Index
	audit *desk.Audit
	mu    sync.Mutex
	n     int
	// hold, when set, keeps published decisions in held without applying
	// them, as a pipeline that has fallen behind: the desk then answers 202.
	hold bool
	held []models.ReviewDecision
}

// Hold makes the publisher keep decisions until Release.
func (p *applyingPublisher) Hold() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hold = true
}

// Release applies the held decisions and applies later ones at once.
func (p *applyingPublisher) Release(ctx context.Context) error {
	p.mu.Lock()
	held := p.held
	p.hold, p.held = false, nil
	p.mu.Unlock()
	return p.Publish(ctx, held...)
}

func (p *applyingPublisher) Publish(ctx context.Context, ds ...models.ReviewDecision) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.hold {
		p.held = append(p.held, ds...)
		return nil
	}
	for _, d := range ds {
		n, err := p.idx.Get(ctx, d.NoteID)
		if err != nil {
			return err
		}
		next := rules.ApplyDecision(n, d)
		if _, err := p.idx.Apply(ctx, []*models.Note{next}); err != nil {
			return err
		}
		if err := p.audit.Record(ctx, models.AuditEntry{Decision: d, Outcome: models.AuditApplied, Revision: next.Revision, Overturns: rules.Overturned(n.Moderation.Review, d)}); err != nil {
			return err
		}
		p.n++
	}
	return nil
}

// Desk is a desk over an embedded index with notes in review, served with
// the HTTP API, and bearer tokens for each role.
type Desk struct {
	*desk.Desk
	URL   string
	Index index.Index
	Audit *desk.Audit
	Pub   *applyingPublisher
	// trailing, when set, is the index view whose queue a test freezes.
	trailing *trailingQueue
}

const (
	ReviewerToken  = "reviewer-token-0123456789"
	Reviewer2Token = "reviewer2-token-0123456789"
	AdminToken     = "admin-token-0123456789abcd"
)

// InReview builds a note in review in intl with a spam label on its body.
func InReview(id, title, body string) *models.Note {
	n := indextest.Note(id, 1, "en", title, body)
	n.Moderation.Decision = models.DecisionReview
	n.Moderation.Markets = map[string]models.Decision{"cn": models.DecisionReview, "intl": models.DecisionReview}
	n.Moderation.Labels = []models.Label{{Category: models.CategorySpam, Score: 0.9, Source: "test"}}
	return n
}

var (
	hashOnce sync.Once
	hash     string
	hashErr  error
)

func newDesk(t testing.TB, notes ...*models.Note) *Desk {
	t.Helper()
	return newDeskWith(t, nil, notes...)
}

// newDeskWith is newDesk with its configuration and options changed by
// change, when not nil.
func newDeskWith(t testing.TB, change func(*desk.Config, *desk.Options), notes ...*models.Note) *Desk {
	t.Helper()
	// The tests read the queue and search right after the decisions they
	// send: Apply waits until the notes are searchable, as in
	// Elasticsearch tests.
	return newDeskOver(t, index.EmbeddedConfig{Refresh: index.RefreshWaitFor}, change, notes...)
}

// newDeskOver is newDeskWith over an embedded index configured by icfg
// (its Dir set here); notes are searchable when it returns.
func newDeskOver(t testing.TB, icfg index.EmbeddedConfig, change func(*desk.Config, *desk.Options), notes ...*models.Note) *Desk {
	t.Helper()
	return newDeskReading(t, icfg, nil, change, notes...)
}

// newDeskReading is newDeskOver with the desk reading notes through
// read(index) when read is not nil.
func newDeskReading(t testing.TB, icfg index.EmbeddedConfig, read func(index.Index) desk.Notes, change func(*desk.Config, *desk.Options), notes ...*models.Note) *Desk {
	t.Helper()
	dir := t.TempDir()
	icfg.Dir = filepath.Join(dir, "index")
	idx, err := index.OpenEmbedded(icfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	if len(notes) > 0 {
		if _, err := idx.Apply(context.Background(), notes); err != nil {
			t.Fatal(err)
		}
		if err := idx.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	audit, err := desk.OpenAudit(filepath.Join(dir, "audit.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = audit.Close() })
	pub := &applyingPublisher{idx: idx, audit: audit}
	hashOnce.Do(func() { hash, hashErr = desk.HashPassword("correct horse battery") })
	if hashErr != nil {
		t.Fatal(hashErr)
	}
	cfg := desk.Config{
		Accounts: []desk.Account{{Name: "alice", Role: desk.RoleReviewer, PasswordHash: hash}},
		Tokens: []desk.Token{
			{Name: "reviewer", Role: desk.RoleReviewer, Secret: ReviewerToken},
			{Name: "reviewer2", Role: desk.RoleReviewer, Secret: Reviewer2Token},
			{Name: "admin", Role: desk.RoleAdmin, Secret: AdminToken},
		},
		DecisionWait: 2 * time.Second,
	}
	opts := desk.Options{Markets: []string{"cn", "intl"}, IsNotFound: func(err error) bool { return errors.Is(err, index.ErrNotFound) },
		Logger: slog.New(slog.DiscardHandler)}
	if change != nil {
		change(&cfg, &opts)
	}
	var from desk.Notes = idx
	if read != nil {
		from = read(idx)
	}
	dk, err := desk.New(cfg, from, pub, audit, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.New(idx, httpapi.Config{Markets: []string{"cn", "intl"}, Review: dk}))
	t.Cleanup(srv.Close)
	return &Desk{Desk: dk, URL: srv.URL, Index: idx, Audit: audit, Pub: pub}
}

func do(t *testing.T, method, url, token, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set(desk.CSRFHeader, "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// TestRouteTable walks every route of the desk: anonymous callers get 401
// on every non-public route, reviewers 403 on admin routes, and the public
// routes are exactly the login call and the page's assets.
func TestRouteTable(t *testing.T) {
	t.Parallel()
	d := newDesk(t, InReview("n-1", "t", "b"))
	dk, _ := desk.New(desk.Config{}, d.Index, d.Pub, d.Audit, desk.Options{IsNotFound: func(error) bool { return false }})
	public := map[string]bool{"GET /review/": true, "GET /review/assets/{file}": true, "POST /api/review/login": true}
	admin := 0
	for _, r := range dk.Routes() {
		key := r.Method + " " + r.Pattern
		t.Run(key, func(t *testing.T) {
			url := d.URL + strings.NewReplacer("{id}", "n-1", "{name}", "reviewer", "{file}", "app.js", "{author}", "author-n-1").Replace(r.Pattern)
			if r.Role == "" {
				if !public[key] {
					t.Fatalf("%s is public but not on the list of public routes", key)
				}
				return
			}
			if got := do(t, r.Method, url, "", "{}").StatusCode; got != http.StatusUnauthorized {
				t.Errorf("anonymous: %d, want 401", got)
			}
			if got := do(t, r.Method, url, "not-a-token", "{}").StatusCode; got != http.StatusUnauthorized {
				t.Errorf("bad token: %d, want 401", got)
			}
			if r.Role == desk.RoleAdmin {
				admin++
				if got := do(t, r.Method, url, ReviewerToken, "{}").StatusCode; got != http.StatusForbidden {
					t.Errorf("reviewer on an admin route: %d, want 403", got)
				}
				if got := do(t, r.Method, url, AdminToken, "{}").StatusCode; got == http.StatusUnauthorized || got == http.StatusForbidden {
					t.Errorf("admin: %d", got)
				}
			}
		})
	}
	if admin == 0 {
		t.Error("no admin route was walked")
	}
	// A note in review is not public; reviewers may read it.
	if got := do(t, "GET", d.URL+"/api/notes/n-1", "", "").StatusCode; got != http.StatusNotFound {
		t.Errorf("anonymous GET of a note in review: %d, want 404", got)
	}
	if got := do(t, "GET", d.URL+"/api/notes/n-1", ReviewerToken, "").StatusCode; got != http.StatusOK {
		t.Errorf("reviewer GET of a note in review: %d, want 200", got)
	}
}

// TestCookieSessionsNeedTheCSRFHeader: a cookie-authenticated POST without
// the custom header is refused.
func TestCookieSessionsNeedTheCSRFHeader(t *testing.T) {
	t.Parallel()
	d := newDesk(t, InReview("n-1", "t", "b"))
	resp := do(t, "POST", d.URL+"/api/review/login", "", `{"name":"alice","password":"wrong"}`)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	resp = do(t, "POST", d.URL+"/api/review/login", "", `{"name":"alice","password":"correct horse battery"}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "notegate_session" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("session cookie %+v: want HttpOnly and SameSite=Strict", cookie)
	}
	for _, c := range []struct {
		name   string
		header bool
		want   int
	}{{"without_the_header_refused", false, http.StatusForbidden}, {"with_the_header_accepted", true, http.StatusOK}} {
		req, _ := http.NewRequest("POST", d.URL+"/api/review/notes/n-1/claim", nil)
		req.AddCookie(cookie)
		if c.header {
			req.Header.Set(desk.CSRFHeader, "1")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s: %d, want %d", c.name, resp.StatusCode, c.want)
		}
	}
}

// TestTwoReviewersRaceForOneNote: both decide at once, one after
// claiming and one straight away (a decision takes the claim itself), many
// times over; exactly one decision wins each time and the other reviewer
// is told who has the note (409).
func TestTwoReviewersRaceForOneNote(t *testing.T) {
	t.Parallel()
	const rounds = 20
	var notes []*models.Note
	for i := range rounds {
		notes = append(notes, InReview("race-"+string(rune('a'+i)), "t", "b"))
	}
	d := newDesk(t, notes...)
	names := []string{"reviewer", "reviewer2"}
	for round, n := range notes {
		var wg sync.WaitGroup
		codes := make([]int, 2)
		bodies := make([]map[string]any, 2)
		for i, token := range []string{ReviewerToken, Reviewer2Token} {
			wg.Go(func() {
				if (round+i)%2 == 0 {
					if c, body := claimCall(t, "POST", d.URL+"/api/review/notes/"+n.NoteID+"/claim", token, ""); c != http.StatusOK {
						codes[i], bodies[i] = c, body
						return
					}
				}
				// note_revision is what the reviewer saw when the page opened.
				codes[i], bodies[i] = claimCall(t, "POST", d.URL+"/api/review/notes/"+n.NoteID+"/decisions", token, `{"action":"approve","note_revision":0}`)
			})
		}
		wg.Wait()
		won := -1
		for i, c := range codes {
			switch c {
			case http.StatusOK:
				if won >= 0 {
					t.Errorf("%s: both reviewers won", n.NoteID)
				}
				won = i
			case http.StatusConflict:
			default:
				t.Errorf("%s: unexpected status %d", n.NoteID, c)
			}
		}
		if won < 0 {
			t.Errorf("%s: no decision won (%v), want exactly 1", n.NoteID, codes)
			continue
		}
		loser := bodies[1-won]
		if msg, _ := loser["error"].(string); owner(loser, "claim") != names[won] && !strings.Contains(msg, "by "+names[won]) {
			t.Errorf("%s: the loser was told %v, which does not name %s", n.NoteID, loser, names[won])
		}
		entries, err := d.Audit.ByNote(n.NoteID, 10)
		if err != nil || len(entries) != 1 {
			t.Errorf("%s: audit has %d entries (%v), want 1", n.NoteID, len(entries), err)
		}
	}
	t.Logf("%d races, each with exactly one winner", rounds)
}

// TestDecisionsReachSearchAndAudit: approve makes a note public in its
// markets, reject keeps it out, undo restores the machine decision, and
// every step is in the audit trail per note and per reviewer.
// TestADecisionAnswersOnceTheQueueNoLongerListsIt decides over an index
// whose queue trails its writes by more than the test lasts: the desk
// answers the decision only once the queue shows it, as the page lists
// the queue again at once.
func TestADecisionAnswersOnceTheQueueNoLongerListsIt(t *testing.T) {
	t.Parallel()
	d := newDeskOver(t, index.EmbeddedConfig{RefreshInterval: time.Hour}, nil,
		InReview("decided", "tea", "tea"), InReview("waiting", "tea", "tea"))
	queued := func() []string {
		var page struct {
			Items []struct {
				Note models.Note `json:"note"`
			} `json:"items"`
		}
		if code := call(t, "GET", d.URL+"/api/review/queue", ReviewerToken, "", &page); code != http.StatusOK {
			t.Fatalf("queue answered %d", code)
		}
		var ids []string
		for _, it := range page.Items {
			ids = append(ids, it.Note.NoteID)
		}
		slices.Sort(ids)
		return ids
	}
	if got := queued(); !slices.Equal(got, []string{"decided", "waiting"}) {
		t.Fatalf("queue before the decision: %v", got)
	}
	if c := do(t, "POST", d.URL+"/api/review/notes/decided/decisions", ReviewerToken, `{"action":"approve"}`).StatusCode; c != http.StatusOK {
		t.Fatalf("approve: %d", c)
	}
	if got := queued(); !slices.Equal(got, []string{"waiting"}) {
		t.Errorf("queue right after the decision: %v, want [waiting]", got)
	}
}

func TestDecisionsReachSearchAndAudit(t *testing.T) {
	t.Parallel()
	d := newDesk(t, InReview("ok-1", "lovely tea house", "quiet tea house"), InReview("bad-1", "tea spam", "buy tea now"))
	decide := func(id, token, body string) int {
		if c := do(t, "POST", d.URL+"/api/review/notes/"+id+"/claim", token, "").StatusCode; c != http.StatusOK {
			return c
		}
		return do(t, "POST", d.URL+"/api/review/notes/"+id+"/decisions", token, body).StatusCode
	}
	if c := decide("ok-1", ReviewerToken, `{"action":"approve"}`); c != http.StatusOK {
		t.Fatalf("approve: %d", c)
	}
	if c := decide("bad-1", ReviewerToken, `{"action":"reject","category":"spam","reason":"tea spam campaign"}`); c != http.StatusOK {
		t.Fatalf("reject: %d", c)
	}
	if c := decide("bad-1", ReviewerToken, `{"action":"reject"}`); c != http.StatusBadRequest {
		t.Errorf("reject without category: %d, want 400", c)
	}
	res, err := d.Index.Search(context.Background(), models.SearchQuery{Text: "tea", Market: "intl"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Note.NoteID != "ok-1" {
		t.Fatalf("search after decisions: %+v, want only ok-1", res.Hits)
	}
	if n, _ := d.Index.Get(context.Background(), "ok-1"); n.Revision != 1 || n.Moderation.Review == nil || n.Moderation.Review.Reviewer != "reviewer" {
		t.Errorf("approved note: revision %d review %+v", n.Revision, n.Moderation.Review)
	}
	if c := decide("ok-1", Reviewer2Token, `{"action":"undo"}`); c != http.StatusOK {
		t.Fatalf("undo: %d", c)
	}
	if n, _ := d.Index.Get(context.Background(), "ok-1"); n.Revision != 2 || len(n.ApprovedMarkets) != 0 || n.Moderation.Decision != models.DecisionReview {
		t.Errorf("after undo: revision %d approved %v decision %s", n.Revision, n.ApprovedMarkets, n.Moderation.Decision)
	}
	entries, err := d.Audit.ByNote("ok-1", 10)
	if err != nil || len(entries) != 2 || entries[1].Overturns != entries[0].Decision.ID {
		t.Errorf("audit of ok-1: %+v %v; want approve then an undo that overturns it", entries, err)
	}
	mine, err := d.Audit.ByReviewer("reviewer", 10)
	if err != nil || len(mine) != 2 || mine[0].Decision.NoteID != "bad-1" {
		t.Errorf("audit of reviewer: %+v %v; want 2, newest first", mine, err)
	}
}

// TestQueuePutsUrgentNotesFirst: the desk's page order keeps the index's:
// an author at risk first, then zero-tolerance content about minors
// (blocked everywhere, still queued), then escalated notes, then the rest.
func TestQueuePutsUrgentNotesFirst(t *testing.T) {
	t.Parallel()
	escalated := InReview("escalated", "t", "b")
	escalated.Moderation.Review = &models.Review{DecisionID: "d1", Action: models.ReviewEscalate, Reviewer: "r", Escalated: true}
	plain := InReview("plain", "t", "b")
	atRisk := InReview("at-risk", "t", "I want to die")
	atRisk.Moderation.Labels = []models.Label{{Category: models.CategorySelfHarm, Score: 0.7, Source: "rules"}}
	atRisk.Moderation.Support = &models.Support{Category: models.CategorySelfHarm, ShowResources: true}
	atRisk.Moderation.Urgent = models.CategorySelfHarm
	minors := indextest.Note("minors", 1, "en", "t", "b")
	minors.Moderation.Labels = []models.Label{{Category: models.CategorySexualMinors, Score: 0.95, Source: "rules"}}
	minors.Moderation.Urgent = models.CategorySexualMinors
	d := newDesk(t, plain, escalated, minors, atRisk)

	req, err := http.NewRequest(http.MethodGet, d.URL+"/api/review/queue", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+ReviewerToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct {
		Items []struct {
			Note     models.Note `json:"note"`
			Priority float64     `json:"priority"`
		} `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range page.Items {
		got = append(got, it.Note.NoteID)
	}
	if want := []string{"at-risk", "minors", "escalated", "plain"}; !slices.Equal(got, want) {
		t.Fatalf("queue %v, want %v", got, want)
	}
	if s := page.Items[0].Note.Moderation.Support; s == nil || !s.ShowResources {
		t.Errorf("the at-risk note lost its support field: %+v", page.Items[0].Note.Moderation)
	}
}
