package desk_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
)

// TestBrowserADecidedNoteStillListedIsNotShownAgain has the queue trail
// the decisions: the pipeline falls behind the desk, so decisions are
// accepted (202) and not applied, or the pipeline applies them (200) but
// the index has not listed what it wrote. Either way the queue still lists
// the notes just decided. The page marks those notes and moves on to one
// nobody decided, never back to the one just approved; once the queue
// catches up, they leave it.
func TestBrowserADecidedNoteStillListedIsNotShownAgain(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		// behind makes the queue trail the decisions; catchUp ends that.
		behind, catchUp func(*Desk) error
		status, mark    string
		shot            string
	}{
		{
			name:    "the pipeline has not applied the decisions",
			behind:  func(d *Desk) error { d.Pub.Hold(); return nil },
			catchUp: func(d *Desk) error { return d.Pub.Release(context.Background()) },
			status:  "sent: approve ", mark: "decision sent, not applied yet", shot: "decision-sent.png",
		},
		{
			name:    "the pipeline applied the decisions but the queue does not list them yet",
			behind:  func(d *Desk) error { d.trailing.freeze(); return nil },
			catchUp: func(d *Desk) error { d.trailing.thaw(); return nil },
			status:  "done: approve ", mark: "decided, leaving the queue", shot: "decided-still-listed.png",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var notes []*models.Note
			for i := range 4 {
				notes = append(notes, InReview(fmt.Sprintf("n-%d", i), fmt.Sprintf("garden swap %d", i), "seedlings for trade, add my v x"))
			}
			trailing := &trailingQueue{}
			d := newDeskReading(t, index.EmbeddedConfig{Refresh: index.RefreshWaitFor}, trailing.over,
				func(c *desk.Config, _ *desk.Options) { c.DecisionWait = 300 * time.Millisecond }, notes...)
			d.trailing = trailing
			ctx := reviewtest.Browser(t)
			reviewtest.Login(t, ctx, d.URL, "alice", "correct horse battery")
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id]`))); err != nil {
				t.Fatalf("open the queue: %v", err)
			}
			if err := c.behind(d); err != nil {
				t.Fatal(err)
			}
			decided := approveTwice(t, ctx, c.status)
			screenshot(ctx, t, screenshotDirs(t), c.shot)
			meta := reviewtest.Eval[string](t, ctx, `document.querySelector('#queue li[data-note-id="`+decided[0]+`"] .meta').textContent`)
			if !strings.Contains(meta, c.mark) {
				t.Errorf("the queue line of %s reads %q, want %q", decided[0], meta, c.mark)
			}

			// The queue catches up: reloading it drops both notes.
			if err := c.catchUp(d); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx,
				chromedp.Evaluate[chromedp.Void](`document.getElementById("filters").requestSubmit()`),
				chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id]`)),
			); err != nil {
				t.Fatalf("reload the queue: %v", err)
			}
			listed := reviewtest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#queue li")).map(li => li.dataset.noteId)`)
			for _, id := range decided {
				if slices.Contains(listed, id) {
					t.Errorf("after the queue caught up it still lists %s: %v", id, listed)
				}
			}
			if len(listed) != len(notes)-len(decided) {
				t.Errorf("the queue lists %v, want the %d undecided notes", listed, len(notes)-len(decided))
			}
		})
	}
}

// approveTwice approves the note shown, twice, checking each time that the
// status line starts with status and the id, that the page then shows a
// note nobody decided, and that the queue marks the decided ones. It
// returns the notes approved.
func approveTwice(t *testing.T, ctx context.Context, status string) []string {
	t.Helper()
	shown := func() string {
		return reviewtest.Eval[string](t, ctx, `document.getElementById("detail").dataset.noteId`)
	}
	var decided []string
	for range 2 {
		id := shown()
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(wctx,
			chromedp.Evaluate[chromedp.Void](`document.body.dataset.state = "pressed"`),
			chromedp.KeyEvent("a"),
			reviewtest.WaitState("decided"),
		)
		cancel()
		st := reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`)
		if err != nil {
			t.Fatalf("approve %s: %v (state %q, status %q)", id, err, reviewtest.Eval[string](t, ctx, `document.body.dataset.state`), st)
		}
		decided = append(decided, id)
		if !strings.HasPrefix(st, status+id) {
			t.Fatalf("after approving %s the page says %q, want %q", id, st, status+id+"…")
		}
		if now := shown(); now == "" || slices.Contains(decided, now) {
			t.Fatalf("after approving %v the page shows %q, want a note nobody decided", decided, now)
		}
		if got := reviewtest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#queue li.sent")).map(li => li.dataset.noteId)`); !sameSet(got, decided) {
			t.Errorf("the queue marks %v as decided, want %v", got, decided)
		}
	}
	return decided
}

// trailingQueue is an index whose queue trails its writes while frozen:
// Queue answers what it last answered for the same query, and Refresh
// waits until thawed (the desk's DecisionWait ends it first), as an index
// too busy to list what it wrote.
type trailingQueue struct {
	index.Index
	mu     sync.Mutex
	frozen bool
	last   map[string]models.SearchResult
	thawed chan struct{}
}

func (q *trailingQueue) over(idx index.Index) desk.Notes {
	q.Index, q.last, q.thawed = idx, map[string]models.SearchResult{}, make(chan struct{})
	return q
}

func (q *trailingQueue) freeze() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.frozen = true
}

func (q *trailingQueue) thaw() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.frozen {
		q.frozen = false
		close(q.thawed)
	}
}

func (q *trailingQueue) Queue(ctx context.Context, query models.QueueQuery) (models.SearchResult, error) {
	key := fmt.Sprintf("%+v", query)
	q.mu.Lock()
	if r, ok := q.last[key]; ok && q.frozen {
		q.mu.Unlock()
		return r, nil
	}
	q.mu.Unlock()
	r, err := q.Index.Queue(ctx, query)
	if err == nil {
		q.mu.Lock()
		q.last[key] = r
		q.mu.Unlock()
	}
	return r, err
}

func (q *trailingQueue) Refresh(ctx context.Context) error {
	q.mu.Lock()
	frozen, thawed := q.frozen, q.thawed
	q.mu.Unlock()
	if frozen {
		select {
		case <-thawed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if r, ok := q.Index.(index.Refresher); ok {
		return r.Refresh(ctx)
	}
	return nil
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		if seen[x]--; seen[x] < 0 {
			return false
		}
	}
	return true
}
