package desk_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/models"
)

// TestBrowserTwoReviewersBrowseTheSameQueue has two reviewers, each in a
// browser context of their own, browse one queue: each opens the notes
// the other opened, and neither is locked out of a note the other only
// viewed (each approves one). Once one of them acts on a note (starts
// the reject dialog), the other sees it claimed by the first, in the note
// and in the queue, with the keys off, and cannot decide it; when the
// first moves on (opens another note, or leaves the page), the second
// can.
func TestBrowserTwoReviewersBrowseTheSameQueue(t *testing.T) {
	t.Parallel()
	var notes []*models.Note
	for i := range 6 {
		notes = append(notes, InReview(fmt.Sprintf("n-%d", i), fmt.Sprintf("weekend market %d", i), "fresh bread and cheap followers, dm me"))
	}
	d := newDeskWith(t, func(c *desk.Config, _ *desk.Options) {
		c.Accounts = append(c.Accounts, desk.Account{Name: "reviewer-2", Role: desk.RoleReviewer, PasswordHash: hash})
	}, notes...)
	first := reviewtest.Browser(t)
	second := reviewtest.Another(t, first)
	reviewtest.Login(t, first, d.URL, "alice", "correct horse battery")
	reviewtest.Login(t, second, d.URL, "reviewer-2", "correct horse battery")
	who := map[context.Context]string{first: "alice", second: "reviewer-2"}

	open := func(ctx context.Context, id string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS(`#queue li[data-note-id="`+id+`"]`)),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#queue li[data-note-id="`+id+`"]').click()`),
			chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+id+`"]`)),
		); err != nil {
			t.Fatalf("%s opens %s: %v", who[ctx], id, err)
		}
	}
	press := func(ctx context.Context, key, wantState string) {
		t.Helper()
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx,
			chromedp.Evaluate[chromedp.Void](`document.body.dataset.state = "pressed"`),
			chromedp.KeyEvent(key),
			reviewtest.WaitState(wantState),
		); err != nil {
			t.Fatalf("%s presses %s: %v (state %q, status %q)", who[ctx], key, err,
				reviewtest.Eval[string](t, ctx, `document.body.dataset.state`), reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`))
		}
	}
	// claims is who holds which note, as the API tells anyone.
	claims := func() map[string]string {
		t.Helper()
		held := map[string]string{}
		for id, owner := range queueClaims(t, d, ReviewerToken) {
			if owner != "" {
				held[id] = owner
			}
		}
		return held
	}
	decidedBy := func(id string) string {
		t.Helper()
		entries, err := d.Audit.ByNote(id, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 {
			t.Fatalf("audit of %s: %d entries, want 1", id, len(entries))
		}
		return entries[0].Decision.Reviewer
	}
	shown := func(ctx context.Context, expr string) string {
		t.Helper()
		return reviewtest.Eval[string](t, ctx, expr)
	}
	const (
		claimState = `document.getElementById("claim-line").dataset.claim`
		claimLine  = `document.getElementById("claim-line").textContent`
		keysOff    = `Array.from(document.querySelectorAll("#keys .off")).map(k => k.textContent.trim()).join(", ")`
	)
	listClaim := func(id string) string {
		return `(() => { const c = document.querySelector('#queue li[data-note-id="` + id + `"] .claim'); return c && !c.hidden ? c.textContent : ""; })()`
	}

	// Both browse the same notes, each opening what the other opened:
	// reading claims nothing.
	for _, step := range []struct {
		ctx context.Context
		id  string
	}{
		{first, "n-1"}, {second, "n-1"}, {first, "n-2"}, {second, "n-3"}, {first, "n-3"},
		{second, "n-2"}, {first, "n-1"}, {second, "n-0"}, {first, "n-0"}, {second, "n-1"},
	} {
		open(step.ctx, step.id)
		if got := shown(step.ctx, claimState); got != "free" {
			t.Errorf("%s opens %s, which the other only viewed, and the page says %q (%s)", who[step.ctx], step.id, got, shown(step.ctx, claimLine))
		}
		if held := claims(); len(held) > 0 {
			t.Errorf("after %s opened %s, notes are claimed: %v; reading must claim nothing", who[step.ctx], step.id, held)
		}
	}
	// Neither is locked out: each approves a note both viewed.
	open(second, "n-2")
	press(second, "a", "decided")
	open(first, "n-1")
	press(first, "a", "decided")
	if by1, by2 := decidedBy("n-1"), decidedBy("n-2"); by1 != "alice" || by2 != "reviewer-2" {
		t.Errorf("n-1 decided by %q, n-2 by %q; want alice and reviewer-2", by1, by2)
	}

	// The first acts on n-3: starting the reject dialog claims it.
	open(first, "n-3")
	open(second, "n-3")
	rctx, cancel := context.WithTimeout(first, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(rctx, chromedp.KeyEvent("r"), chromedp.WaitVisible(chromedp.ID("reason-dialog"))); err != nil {
		t.Fatalf("alice presses r: %v (status %q)", err, shown(first, `document.getElementById("status").textContent`))
	}
	if got := shown(first, claimState); got != "mine" {
		t.Errorf("alice started the reject dialog and her page says %q (%s)", got, shown(first, claimLine))
	}
	if err := chromedp.Do(first, chromedp.Click(chromedp.ID("reason-cancel")), chromedp.WaitNotVisible(chromedp.ID("reason-dialog"))); err != nil {
		t.Fatal(err)
	}
	if held := claims(); held["n-3"] != "alice" || len(held) != 1 {
		t.Errorf("claims after alice started the dialog: %v, want n-3 by alice", held)
	}
	// The second sees it claimed (the decision key asks the server again)
	// and cannot decide it.
	press(second, "a", "decision-refused")
	if line, status := shown(second, claimLine), shown(second, `document.getElementById("status").textContent`); shown(second, claimState) != "other" ||
		!strings.Contains(line, "Claimed by alice") || !strings.Contains(status, "alice") {
		t.Errorf("reviewer-2's note view says %q, status %q; want n-3 claimed by alice", line, status)
	}
	if got := shown(second, listClaim("n-3")); got != "claimed by alice" {
		t.Errorf("reviewer-2's queue line of n-3 says %q, want claimed by alice", got)
	}
	if got := shown(second, keysOff); !strings.Contains(got, "a approve") || !strings.Contains(got, "r reject") || !strings.Contains(got, "c claim") {
		t.Errorf("keys off on reviewer-2's key bar: %q; want c, a, r, e and l", got)
	}
	dirs := screenshotDirs(t)
	screenshot(second, t, dirs, "desk-claimed-by-another.png")
	for _, p := range reviewtest.Eval[[]string](t, second, layoutProblems) {
		t.Error(p)
	}
	press(second, "r", "decision-refused")
	if shown(second, `String(document.getElementById("reason-dialog").open)`) != "false" {
		t.Error("r opened the reject dialog on a note alice holds")
	}
	if entries, err := d.Audit.ByNote("n-3", 10); err != nil || len(entries) != 0 {
		t.Errorf("reviewer-2 decided a note alice holds: %v %v", entries, err)
	}
	// A new page load shows the claim in the queue list as well.
	if err := chromedp.Do(second, chromedp.Navigate(d.URL+"/review/"), reviewtest.WaitState("detail")); err != nil {
		t.Fatalf("reviewer-2 reloads the page: %v", err)
	}
	if got := shown(second, listClaim("n-3")); got != "claimed by alice" {
		t.Errorf("after a reload reviewer-2's queue line of n-3 says %q, want claimed by alice", got)
	}

	// The first moves on: the claim goes, and the second decides n-3.
	open(first, "n-4")
	if held := claims(); len(held) != 0 {
		t.Errorf("alice opened n-4 and still holds %v", held)
	}
	open(second, "n-3")
	press(second, "a", "decided")
	if by := decidedBy("n-3"); by != "reviewer-2" {
		t.Errorf("n-3 decided by %q, want reviewer-2", by)
	}

	// The second claims n-5 with c and leaves the page: the claim goes at
	// once, not after the idle time.
	open(second, "n-5")
	press(second, "c", "claimed")
	if got := shown(second, claimState); got != "mine" {
		t.Errorf("c on n-5: reviewer-2's page says %q (%s)", got, shown(second, claimLine))
	}
	if held := claims(); held["n-5"] != "reviewer-2" {
		t.Fatalf("after c, claims are %v; want n-5 by reviewer-2", held)
	}
	if err := chromedp.Do(second, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	released := false
	for range 100 {
		if claims()["n-5"] == "" {
			released = true
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !released {
		t.Fatalf("reviewer-2 left the page and still holds n-5: %v", claims())
	}
	open(first, "n-5")
	press(first, "a", "decided")
	if by := decidedBy("n-5"); by != "alice" {
		t.Errorf("n-5 decided by %q, want alice", by)
	}
	reviewtest.AssertInert(t, first)
}
