package desk_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notegate/notegate/desk"
)

// handClock is a clock the test moves by hand.
type handClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *handClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *handClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// call sends a request with token and decodes the JSON answer.
func claimCall(t *testing.T, method, url, token, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set(desk.CSRFHeader, "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: %d, body not JSON: %v", method, url, resp.StatusCode, err)
	}
	return resp.StatusCode, out
}

// owner is the owner of the claim object under key in m, or "".
func owner(m map[string]any, key string) string {
	c, _ := m[key].(map[string]any)
	s, _ := c["owner"].(string)
	return s
}

// queueClaims maps the queue's note ids to who holds them ("" for none),
// as token sees the queue.
func queueClaims(t *testing.T, d *Desk, token string) map[string]string {
	t.Helper()
	status, page := claimCall(t, "GET", d.URL+"/api/review/queue", token, "")
	if status != http.StatusOK {
		t.Fatalf("queue: %d %v", status, page)
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

// TestClaimsFollowWork walks the claim handlers as two reviewers use them:
// reading claims nothing, a claim shows in the queue and the note view and
// refuses the other reviewer's decision with 409 naming the holder, a
// release, going idle or reaching the longest hold frees the note, and the
// heartbeat extends only a claim its caller holds.
func TestClaimsFollowWork(t *testing.T) {
	t.Parallel()
	notes := func(d *Desk) string { return d.URL + "/api/review/notes/" }
	newClaimsDesk := func(t *testing.T) (*Desk, *handClock) {
		clock := &handClock{now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
		d := newDeskWith(t, func(c *desk.Config, o *desk.Options) {
			c.Claims = desk.ClaimsConfig{Idle: 90 * time.Second, MaxHold: 10 * time.Minute}
			o.Clock = clock.Now
		}, InReview("n-1", "t", "b"), InReview("n-2", "t", "b"))
		return d, clock
	}
	approve := `{"action":"approve","note_revision":0}`
	for _, c := range []struct {
		name string
		run  func(t *testing.T, d *Desk, clock *handClock)
	}{
		{"reading_a_note_and_the_queue_claims_nothing", func(t *testing.T, d *Desk, clock *handClock) {
			for _, path := range []string{"n-1", "n-2", "n-1/similar", "n-1/audit"} {
				if status, body := claimCall(t, "GET", notes(d)+path, ReviewerToken, ""); status != http.StatusOK {
					t.Fatalf("GET %s: %d %v", path, status, body)
				}
			}
			if got := queueClaims(t, d, Reviewer2Token); got["n-1"] != "" || got["n-2"] != "" {
				t.Errorf("after reading, the queue shows claims %v, want none", got)
			}
			if status, body := claimCall(t, "POST", notes(d)+"n-1/decisions", Reviewer2Token, approve); status != http.StatusOK {
				t.Errorf("decision on a note another reviewer read: %d %v, want 200", status, body)
			}
		}},
		{"a_claim_shows_everywhere_and_refuses_the_other_reviewers_decision", func(t *testing.T, d *Desk, clock *handClock) {
			if status, body := claimCall(t, "POST", notes(d)+"n-1/claim", ReviewerToken, ""); status != http.StatusOK || body["owner"] != "reviewer" {
				t.Fatalf("claim: %d %v", status, body)
			}
			if got := queueClaims(t, d, Reviewer2Token); got["n-1"] != "reviewer" || got["n-2"] != "" {
				t.Errorf("the queue shows claims %v, want n-1 by reviewer only", got)
			}
			if _, view := claimCall(t, "GET", notes(d)+"n-1", Reviewer2Token, ""); owner(view, "claim") != "reviewer" {
				t.Errorf("the note view shows claim %v, want reviewer's", view["claim"])
			}
			for _, try := range []struct{ method, path, body string }{
				{"POST", "n-1/decisions", approve},
				{"POST", "n-1/decisions", `{"action":"label","category":"spam"}`},
				{"POST", "n-1/claim", ""},
				{"POST", "n-1/claim/heartbeat", ""},
			} {
				status, body := claimCall(t, try.method, notes(d)+try.path, Reviewer2Token, try.body)
				msg, _ := body["error"].(string)
				if status != http.StatusConflict || owner(body, "claim") != "reviewer" || !strings.Contains(msg, "claimed by reviewer") {
					t.Errorf("%s %s by the other reviewer: %d %v, want 409 naming reviewer", try.method, try.path, status, body)
				}
			}
			status, body := claimCall(t, "POST", d.URL+"/api/review/bulk", Reviewer2Token, `{"action":"approve","note_ids":["n-1","n-2"]}`)
			if status != http.StatusOK || body["decided"] != float64(1) {
				t.Errorf("bulk over a claimed and a free note: %d %v, want n-2 alone decided", status, body)
			}
			// Releasing someone else's claim changes nothing.
			claimCall(t, "DELETE", notes(d)+"n-1/claim", Reviewer2Token, "")
			if got := queueClaims(t, d, Reviewer2Token); got["n-1"] != "reviewer" {
				t.Errorf("after the other reviewer's release, n-1 is held by %q", got["n-1"])
			}
			if status, _ := claimCall(t, "DELETE", notes(d)+"n-1/claim", ReviewerToken, ""); status != http.StatusOK {
				t.Fatalf("release: %d", status)
			}
			if status, body := claimCall(t, "POST", notes(d)+"n-1/decisions", Reviewer2Token, approve); status != http.StatusOK {
				t.Errorf("decision after the holder moved on: %d %v", status, body)
			}
		}},
		{"an_idle_claim_lapses_and_heartbeats_keep_it_up_to_the_longest_hold", func(t *testing.T, d *Desk, clock *handClock) {
			for _, id := range []string{"n-1", "n-2"} {
				if status, body := claimCall(t, "POST", notes(d)+id+"/claim", ReviewerToken, ""); status != http.StatusOK {
					t.Fatalf("claim %s: %d %v", id, status, body)
				}
			}
			// The reviewer stays on n-2 for 9 minutes and leaves n-1 alone.
			for range 9 {
				clock.Advance(time.Minute)
				if status, body := claimCall(t, "POST", notes(d)+"n-2/claim/heartbeat", ReviewerToken, ""); status != http.StatusOK {
					t.Fatalf("heartbeat at %v: %d %v", clock.Now(), status, body)
				}
			}
			if got := queueClaims(t, d, Reviewer2Token); got["n-1"] != "" || got["n-2"] != "reviewer" {
				t.Errorf("after 9 minutes the claims are %v, want n-1 idle and n-2 held", got)
			}
			if status, body := claimCall(t, "POST", notes(d)+"n-1/claim/heartbeat", ReviewerToken, ""); status != http.StatusConflict {
				t.Errorf("heartbeat on the idle claim: %d %v, want 409 (it never takes a claim)", status, body)
			}
			if status, body := claimCall(t, "POST", notes(d)+"n-1/decisions", Reviewer2Token, approve); status != http.StatusOK {
				t.Errorf("decision on the idle note: %d %v", status, body)
			}
			clock.Advance(time.Minute)
			if status, body := claimCall(t, "POST", notes(d)+"n-2/claim/heartbeat", ReviewerToken, ""); status != http.StatusConflict {
				t.Errorf("heartbeat at the longest hold: %d %v, want 409", status, body)
			}
			if status, body := claimCall(t, "POST", notes(d)+"n-2/decisions", Reviewer2Token, approve); status != http.StatusOK {
				t.Errorf("decision once the longest hold passed: %d %v", status, body)
			}
		}},
		{"a_label_keeps_the_claim_and_an_approval_ends_it", func(t *testing.T, d *Desk, clock *handClock) {
			if status, body := claimCall(t, "POST", notes(d)+"n-1/decisions", ReviewerToken, `{"action":"label","category":"spam"}`); status != http.StatusOK {
				t.Fatalf("label: %d %v", status, body)
			}
			if status, body := claimCall(t, "POST", notes(d)+"n-1/decisions", Reviewer2Token, `{"action":"approve"}`); status != http.StatusConflict || owner(body, "claim") != "reviewer" {
				t.Errorf("the other reviewer's approval after the label: %d %v, want 409 naming reviewer", status, body)
			}
			if status, body := claimCall(t, "POST", notes(d)+"n-1/decisions", ReviewerToken, `{"action":"approve"}`); status != http.StatusOK {
				t.Fatalf("approve: %d %v", status, body)
			}
			if got := queueClaims(t, d, Reviewer2Token); got["n-1"] != "" {
				t.Errorf("after the approval n-1 is held by %q", got["n-1"])
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d, clock := newClaimsDesk(t)
			c.run(t, d, clock)
		})
	}
}
