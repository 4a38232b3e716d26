package desk_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/httpapi"
	"github.com/notegate/notegate/internal/breaker"
	"github.com/notegate/notegate/internal/redistest"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
)

// replicas are two desks, each with its own HTTP server and readiness, as
// two notegate replicas behind a load balancer: one index, one decisions
// path (the applying publisher stands for the topic and its consumer) and
// one Redis for their shared state, on one hand clock.
type replicas struct {
	A, B   *replica
	clock  *handClock
	pub    *applyingPublisher
	notes  []string
	prefix string
}

type replica struct {
	URL    string
	Desk   *desk.Desk
	Health *pipeline.Health
}

// newReplicas starts two replicas over srv with notes in review. Their
// breaker opens after 2 failures for a minute of the hand clock.
func newReplicas(t *testing.T, srv *redistest.Server, notes ...*models.Note) *replicas {
	t.Helper()
	dir := t.TempDir()
	idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: filepath.Join(dir, "index"), Refresh: index.RefreshWaitFor})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	if _, err := idx.Apply(context.Background(), notes); err != nil {
		t.Fatal(err)
	}
	audit, err := desk.OpenAudit(filepath.Join(dir, "audit.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = audit.Close() })
	hashOnce.Do(func() { hash, hashErr = desk.HashPassword("correct horse battery") })
	if hashErr != nil {
		t.Fatal(hashErr)
	}
	r := &replicas{clock: &handClock{now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}, pub: &applyingPublisher{idx: idx, audit: audit},
		prefix: "replicas:" + t.Name() + ":"}
	for _, n := range notes {
		r.notes = append(r.notes, n.NoteID)
	}
	cfg := desk.Config{
		Accounts: []desk.Account{{Name: "alice", Role: desk.RoleReviewer, PasswordHash: hash}},
		Tokens: []desk.Token{
			{Name: "reviewer", Role: desk.RoleReviewer, Secret: ReviewerToken},
			{Name: "reviewer2", Role: desk.RoleReviewer, Secret: Reviewer2Token},
		},
		Claims:       desk.ClaimsConfig{Idle: 90 * time.Second, MaxHold: 10 * time.Minute},
		Login:        desk.LoginConfig{MaxFailures: 3},
		DecisionWait: 2 * time.Second,
		SharedState: desk.SharedStateConfig{Redis: desk.SharedRedisConfig{
			Addr: srv.Addr, KeyPrefix: r.prefix, Breaker: breaker.Config{Failures: 2, Cooldown: time.Minute},
		}},
	}
	for _, dst := range []**replica{&r.A, &r.B} {
		health := pipeline.NewHealth(pipeline.HealthConfig{})
		desk, err := desk.New(cfg, idx, r.pub, audit, desk.Options{
			Markets: []string{"cn", "intl"}, IsNotFound: func(err error) bool { return errors.Is(err, index.ErrNotFound) },
			Logger: slog.New(slog.DiscardHandler), Clock: r.clock.Now,
			SharedStateHealth: func(err error) {
				if err != nil {
					health.Fail(pipeline.ConditionReviewState, err)
				} else {
					health.OK(pipeline.ConditionReviewState)
				}
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = desk.Close() })
		hs := httptest.NewServer(httpapi.New(idx, httpapi.Config{Markets: []string{"cn", "intl"}, Review: desk, Health: health}))
		t.Cleanup(hs.Close)
		*dst = &replica{URL: hs.URL, Desk: desk, Health: health}
	}
	return r
}

// call sends a request as auth ("Bearer TOKEN" or "cookie TOKEN") and
// decodes the JSON answer; it returns the response for its headers.
func (rp *replica) call(t *testing.T, method, path, auth, body string) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, rp.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token, ok := strings.CutPrefix(auth, "cookie "); ok {
		req.AddCookie(&http.Cookie{Name: "notegate_session", Value: token})
	} else if auth != "" {
		req.Header.Set("Authorization", "Bearer "+auth)
	}
	req.Header.Set(desk.CSRFHeader, "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: %d, body not JSON: %v", method, path, resp.StatusCode, err)
	}
	return resp, out
}

// status is call's status code alone.
func (rp *replica) status(t *testing.T, method, path, auth, body string) int {
	t.Helper()
	resp, _ := rp.call(t, method, path, auth, body)
	return resp.StatusCode
}

// queueClaims maps the queue's notes to who holds them, as rp shows them.
func (rp *replica) queueClaims(t *testing.T, token string) map[string]string {
	t.Helper()
	resp, page := rp.call(t, "GET", "/api/review/queue", token, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("queue: %d %v", resp.StatusCode, page)
	}
	out := map[string]string{}
	items, _ := page["items"].([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		n, _ := m["note"].(map[string]any)
		id, _ := n["note_id"].(string)
		out[id] = owner(m, "claim")
	}
	return out
}

const approveRevision0 = `{"action":"approve","note_revision":0}`

// TestTwoReplicasShareClaimsAndSessions runs two desks on one Redis, as
// two replicas behind a load balancer: whatever replica a request lands
// on, it sees the sessions, claims and login counts of the other.
func TestTwoReplicasShareClaimsAndSessions(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	notes := func(n int) []*models.Note {
		var out []*models.Note
		for i := range n {
			out = append(out, InReview(fmt.Sprint("n-", i), "t", "b"))
		}
		return out
	}
	for _, c := range []struct {
		name  string
		notes int
		run   func(t *testing.T, r *replicas)
	}{
		{"a_session_opened_on_one_replica_works_on_the_other_until_it_ends_on_either", 1, func(t *testing.T, r *replicas) {
			resp, login := r.A.call(t, "POST", "/api/review/login", "", `{"name":"alice","password":"correct horse battery"}`)
			token, _ := login["token"].(string)
			if resp.StatusCode != http.StatusOK || token == "" {
				t.Fatalf("login on A: %d %v", resp.StatusCode, login)
			}
			if resp, me := r.B.call(t, "GET", "/api/review/me", "cookie "+token, ""); resp.StatusCode != http.StatusOK || me["name"] != "alice" {
				t.Errorf("A's session on B: %d %v, want alice", resp.StatusCode, me)
			}
			if got := r.B.status(t, "POST", "/api/review/logout", "cookie "+token, ""); got != http.StatusOK {
				t.Fatalf("logout on B: %d", got)
			}
			if got := r.A.status(t, "GET", "/api/review/me", "cookie "+token, ""); got != http.StatusUnauthorized {
				t.Errorf("the session ended on B, used on A: %d, want 401", got)
			}
		}},
		{"a_claim_on_one_replica_refuses_the_other_reviewer_on_the_other_naming_the_holder", 2, func(t *testing.T, r *replicas) {
			if resp, cl := r.A.call(t, "POST", "/api/review/notes/n-0/claim", ReviewerToken, ""); resp.StatusCode != http.StatusOK || cl["owner"] != "reviewer" {
				t.Fatalf("claim on A: %d %v", resp.StatusCode, cl)
			}
			if got := r.B.queueClaims(t, Reviewer2Token); got["n-0"] != "reviewer" || got["n-1"] != "" {
				t.Errorf("B's queue shows claims %v, want n-0 by reviewer alone", got)
			}
			for _, try := range []struct{ method, path, body string }{
				{"POST", "/api/review/notes/n-0/decisions", approveRevision0},
				{"POST", "/api/review/notes/n-0/claim", ""},
				{"POST", "/api/review/notes/n-0/claim/heartbeat", ""},
			} {
				resp, body := r.B.call(t, try.method, try.path, Reviewer2Token, try.body)
				msg, _ := body["error"].(string)
				if resp.StatusCode != http.StatusConflict || owner(body, "claim") != "reviewer" || !strings.Contains(msg, "claimed by reviewer") {
					t.Errorf("%s %s by reviewer2 on B: %d %v, want 409 naming reviewer", try.method, try.path, resp.StatusCode, body)
				}
			}
			// The holder's heartbeat may land on either replica.
			r.clock.Advance(time.Minute)
			if got := r.B.status(t, "POST", "/api/review/notes/n-0/claim/heartbeat", ReviewerToken, ""); got != http.StatusOK {
				t.Fatalf("reviewer's heartbeat on B: %d", got)
			}
			r.clock.Advance(time.Minute) // past A's idle time, within the heartbeat's
			if got := r.A.status(t, "POST", "/api/review/notes/n-0/decisions", Reviewer2Token, approveRevision0); got != http.StatusConflict {
				t.Errorf("reviewer2's decision on A after reviewer's heartbeat on B: %d, want 409", got)
			}
		}},
		{"a_claim_that_goes_idle_or_is_released_on_one_replica_is_free_on_the_other", 2, func(t *testing.T, r *replicas) {
			for _, id := range []string{"n-0", "n-1"} {
				if got := r.A.status(t, "POST", "/api/review/notes/"+id+"/claim", ReviewerToken, ""); got != http.StatusOK {
					t.Fatalf("claim %s on A: %d", id, got)
				}
			}
			if got := r.A.status(t, "DELETE", "/api/review/notes/n-1/claim", ReviewerToken, ""); got != http.StatusOK {
				t.Fatalf("release on A: %d", got)
			}
			if got := r.B.queueClaims(t, Reviewer2Token); got["n-0"] != "reviewer" || got["n-1"] != "" {
				t.Errorf("after the release on A, B shows claims %v, want n-0 alone", got)
			}
			if resp, body := r.B.call(t, "POST", "/api/review/notes/n-1/claim", Reviewer2Token, ""); resp.StatusCode != http.StatusOK {
				t.Errorf("claim of the released note on B: %d %v", resp.StatusCode, body)
			}
			r.clock.Advance(89 * time.Second)
			if got := r.B.status(t, "POST", "/api/review/notes/n-0/claim", Reviewer2Token, ""); got != http.StatusConflict {
				t.Errorf("claim on B a second before A's claim goes idle: %d, want 409", got)
			}
			r.clock.Advance(time.Second)
			if got := r.B.queueClaims(t, Reviewer2Token); got["n-0"] != "" {
				t.Errorf("at the idle time B shows n-0 held by %q", got["n-0"])
			}
			if resp, body := r.B.call(t, "POST", "/api/review/notes/n-0/decisions", Reviewer2Token, approveRevision0); resp.StatusCode != http.StatusOK {
				t.Errorf("decision on B on the note gone idle on A: %d %v", resp.StatusCode, body)
			}
		}},
		{"two_reviewers_deciding_one_note_at_once_on_two_replicas_exactly_one_wins", 30, func(t *testing.T, r *replicas) {
			sides := []struct {
				rp    *replica
				token string
				name  string
			}{{r.A, ReviewerToken, "reviewer"}, {r.B, Reviewer2Token, "reviewer2"}}
			for _, id := range r.notes {
				var wg sync.WaitGroup
				start := make(chan struct{})
				codes := make([]int, len(sides))
				bodies := make([]map[string]any, len(sides))
				for i, s := range sides {
					wg.Go(func() {
						<-start
						resp, body := s.rp.call(t, "POST", "/api/review/notes/"+id+"/decisions", s.token, approveRevision0)
						codes[i], bodies[i] = resp.StatusCode, body
					})
				}
				close(start)
				wg.Wait()
				won := 0
				for i, code := range codes {
					switch code {
					case http.StatusOK:
						won++
					case http.StatusConflict: // claimed, decided meanwhile, or the revision changed
					default:
						t.Errorf("%s, %s: %d %v, want 200 or 409", id, sides[i].name, code, bodies[i])
					}
				}
				if won != 1 {
					t.Errorf("%s: %d decisions won (reviewer %d %v, reviewer2 %d %v), want exactly 1",
						id, won, codes[0], bodies[0]["error"], codes[1], bodies[1]["error"])
				}
			}
			r.pub.mu.Lock()
			defer r.pub.mu.Unlock()
			if r.pub.n != len(r.notes) {
				t.Errorf("%d decisions published for %d notes, want one each", r.pub.n, len(r.notes))
			}
		}},
		{"wrong_passwords_count_once_whichever_replica_they_land_on", 0, func(t *testing.T, r *replicas) {
			wrong := `{"name":"alice","password":"wrong password"}`
			for i, rp := range []*replica{r.A, r.B, r.A} {
				if got := rp.status(t, "POST", "/api/review/login", "", wrong); got != http.StatusUnauthorized {
					t.Fatalf("wrong password %d: %d, want 401", i+1, got)
				}
			}
			resp, body := r.B.call(t, "POST", "/api/review/login", "", `{"name":"alice","password":"correct horse battery"}`)
			if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" {
				t.Errorf("4th attempt, on B after 3 failures on A and B: %d %v (Retry-After %q), want 429 for 1s",
					resp.StatusCode, body, resp.Header.Get("Retry-After"))
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, newReplicas(t, srv, notes(c.notes)...))
		})
	}
}

// TestTwoReplicasWithoutRedisAnswer503AndRecoverByThemselves: while the
// shared state is down the desk refuses what needs it with 503 and
// Retry-After (never deciding on state the other replica cannot see),
// reports itself degraded, still lists the queue, and works again once
// Redis is back, without a restart.
func TestTwoReplicasWithoutRedisAnswer503AndRecoverByThemselves(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	r := newReplicas(t, srv, InReview("n-0", "t", "b"), InReview("n-1", "t", "b"))
	resp, login := r.A.call(t, "POST", "/api/review/login", "", `{"name":"alice","password":"correct horse battery"}`)
	token, _ := login["token"].(string)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login: %d %v", resp.StatusCode, login)
	}
	if got := r.A.status(t, "POST", "/api/review/notes/n-0/claim", ReviewerToken, ""); got != http.StatusOK {
		t.Fatalf("claim before the outage: %d", got)
	}

	srv.Kill()
	for _, try := range []struct {
		rp                 *replica
		method, path, auth string
		body               string
	}{
		{r.A, "POST", "/api/review/notes/n-1/claim", ReviewerToken, ""},
		{r.B, "POST", "/api/review/notes/n-1/decisions", Reviewer2Token, approveRevision0},
		{r.A, "POST", "/api/review/notes/n-0/claim/heartbeat", ReviewerToken, ""},
		{r.B, "DELETE", "/api/review/notes/n-0/claim", ReviewerToken, ""},
		{r.A, "POST", "/api/review/bulk", Reviewer2Token, `{"action":"approve","note_ids":["n-0","n-1"]}`},
		{r.B, "GET", "/api/review/me", "cookie " + token, ""},
		{r.A, "POST", "/api/review/login", "", `{"name":"alice","password":"correct horse battery"}`},
	} {
		resp, body := try.rp.call(t, try.method, try.path, try.auth, try.body)
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "60" {
			t.Errorf("%s %s with Redis down: %d %v (Retry-After %q), want 503 with Retry-After 60",
				try.method, try.path, resp.StatusCode, body, resp.Header.Get("Retry-After"))
		}
	}
	r.pub.mu.Lock()
	published := r.pub.n
	r.pub.mu.Unlock()
	if published != 0 {
		t.Errorf("%d decisions published with Redis down, want none", published)
	}
	// Bearer tokens need no session: the queue is still listed, saying
	// that who holds what is unknown.
	if resp, page := r.B.call(t, "GET", "/api/review/queue", Reviewer2Token, ""); resp.StatusCode != http.StatusOK || page["claims_unavailable"] != true {
		t.Errorf("queue with Redis down: %d %v, want 200 with claims_unavailable", resp.StatusCode, page)
	}
	for name, rp := range map[string]*replica{"A": r.A, "B": r.B} {
		failing := rp.Health.Failing()
		if len(failing) != 1 || failing[0].Condition != pipeline.ConditionReviewState {
			t.Errorf("replica %s's failing conditions: %+v, want review_state", name, failing)
		}
		if ready, problems := rp.Health.Ready(); !ready {
			t.Errorf("replica %s is unready (%+v); the desk's state only degrades it", name, problems)
		}
	}

	// A new, empty Redis on the same address; once the breaker's minute
	// has passed, the next request probes it and the desk works again.
	srv.Restart(t)
	if got := r.A.status(t, "POST", "/api/review/notes/n-1/claim", ReviewerToken, ""); got != http.StatusServiceUnavailable {
		t.Errorf("claim within the breaker's cool-down: %d, want 503", got)
	}
	r.clock.Advance(time.Minute)
	if resp, body := r.A.call(t, "POST", "/api/review/notes/n-1/claim", ReviewerToken, ""); resp.StatusCode != http.StatusOK {
		t.Errorf("claim once Redis is back: %d %v", resp.StatusCode, body)
	}
	if failing := r.A.Health.Failing(); len(failing) != 0 {
		t.Errorf("replica A still failing once Redis is back: %+v", failing)
	}
	if resp, body := r.B.call(t, "POST", "/api/review/notes/n-1/decisions", Reviewer2Token, approveRevision0); resp.StatusCode != http.StatusConflict || owner(body, "claim") != "reviewer" {
		t.Errorf("reviewer2 on B after the recovery: %d %v, want 409 naming reviewer (the claim taken on A)", resp.StatusCode, body)
	}
	// The sessions were in the Redis that was lost: their holders log in
	// again (401, not 503).
	if got := r.B.status(t, "GET", "/api/review/me", "cookie "+token, ""); got != http.StatusUnauthorized {
		t.Errorf("a session of the lost Redis: %d, want 401", got)
	}
}
