package desk_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/notegate/notegate/desk"
)

// TestQueueAgeCountsFromFirstSeen: the desk's age of a note (its queue
// item, its note view, the min_age and max_age filters) counts from when
// notegate first saw it, not from the created_at its author's service
// supplied, which here claims two years.
func TestQueueAgeCountsFromFirstSeen(t *testing.T) {
	t.Parallel()
	clock := &handClock{now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	fresh := InReview("fresh", "t", "b")
	fresh.CreatedAt = clock.Now().Add(-2 * 365 * 24 * time.Hour)
	fresh.FirstSeenAt = clock.Now().Add(-10 * time.Minute)
	old := InReview("old", "t", "b")
	old.CreatedAt = clock.Now().Add(time.Hour) // an author's clock ahead
	old.FirstSeenAt = clock.Now().Add(-3 * time.Hour)
	d := newDeskWith(t, func(_ *desk.Config, o *desk.Options) { o.Clock = clock.Now }, fresh, old)

	ages := func(query string) map[string]float64 {
		t.Helper()
		status, page := claimCall(t, "GET", d.URL+"/api/review/queue"+query, ReviewerToken, "")
		if status != http.StatusOK {
			t.Fatalf("queue%s: %d %v", query, status, page)
		}
		out := map[string]float64{}
		items, _ := page["items"].([]any)
		for _, it := range items {
			m, _ := it.(map[string]any)
			n, _ := m["note"].(map[string]any)
			id, _ := n["note_id"].(string)
			out[id], _ = m["age_seconds"].(float64)
		}
		return out
	}
	for _, c := range []struct {
		name, query string
		want        map[string]float64
	}{
		{"every_note", "", map[string]float64{"fresh": 600, "old": 3 * 3600}},
		{"older_than_an_hour", "?min_age=1h", map[string]float64{"old": 3 * 3600}},
		{"younger_than_an_hour", "?max_age=1h", map[string]float64{"fresh": 600}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ages(c.query)
			if len(got) != len(c.want) {
				t.Errorf("queue%s ages %v, want %v", c.query, got, c.want)
			}
			for id, age := range c.want {
				if got[id] != age {
					t.Errorf("queue%s: %s is %v s old, want %v", c.query, id, got[id], age)
				}
			}
		})
	}
	if _, view := claimCall(t, "GET", d.URL+"/api/review/notes/fresh", ReviewerToken, ""); view["age_seconds"] != float64(600) {
		t.Errorf("the note view's age of fresh is %v s, want 600", view["age_seconds"])
	}
}
