package desk_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/models"
)

// TestBrowserADecisionNotAppliedYetIsNotShownAgain has the pipeline fall
// behind the desk: decisions are accepted (202) but not applied, so the
// queue still lists the notes they decided. The page marks those notes and
// moves on to one nobody decided, never back to the one just approved;
// once the pipeline applies them, they leave the queue.
func TestBrowserADecisionNotAppliedYetIsNotShownAgain(t *testing.T) {
	t.Parallel()
	var notes []*models.Note
	for i := range 4 {
		notes = append(notes, InReview(fmt.Sprintf("n-%d", i), fmt.Sprintf("garden swap %d", i), "seedlings for trade, add my v x"))
	}
	d := newDeskWith(t, func(c *desk.Config, _ *desk.Options) { c.DecisionWait = 50 * time.Millisecond }, notes...)
	d.Pub.Hold()
	ctx := reviewtest.Browser(t)
	reviewtest.Login(t, ctx, d.URL, "alice", "correct horse battery")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id]`))); err != nil {
		t.Fatalf("open the queue: %v", err)
	}
	shown := func() string {
		return reviewtest.Eval[string](t, ctx, `document.getElementById("detail").dataset.noteId`)
	}
	approve := func() {
		t.Helper()
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx,
			chromedp.Evaluate[chromedp.Void](`document.body.dataset.state = "pressed"`),
			chromedp.KeyEvent("a"),
			reviewtest.WaitState("decided"),
		); err != nil {
			t.Fatalf("approve: %v (state %q, status %q)", err,
				reviewtest.Eval[string](t, ctx, `document.body.dataset.state`), reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`))
		}
	}
	marked := func() []string {
		return reviewtest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#queue li.sent")).map(li => li.dataset.noteId)`)
	}

	var decided []string
	for range 2 {
		id := shown()
		approve()
		decided = append(decided, id)
		if st := reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`); !strings.HasPrefix(st, "sent: approve "+id) {
			t.Fatalf("after approving %s the page says %q, want it sent and not yet applied", id, st)
		}
		if now := shown(); now == "" || slices.Contains(decided, now) {
			t.Fatalf("after approving %v the page shows %q, want a note nobody decided", decided, now)
		}
		if got := marked(); !sameSet(got, decided) {
			t.Errorf("the queue marks %v as sent, want %v", got, decided)
		}
	}
	screenshot(ctx, t, screenshotDirs(t), "decision-sent.png")
	meta := reviewtest.Eval[string](t, ctx, `document.querySelector('#queue li[data-note-id="`+decided[0]+`"] .meta').textContent`)
	if !strings.Contains(meta, "decision sent, not applied yet") {
		t.Errorf("the queue line of %s reads %q, want it to say the decision is sent", decided[0], meta)
	}

	// The pipeline catches up: reloading the queue drops both notes.
	if err := d.Pub.Release(context.Background()); err != nil {
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
			t.Errorf("after the pipeline applied the approvals the queue still lists %s: %v", id, listed)
		}
	}
	if len(listed) != len(notes)-len(decided) {
		t.Errorf("the queue lists %v, want the %d undecided notes", listed, len(notes)-len(decided))
	}
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
