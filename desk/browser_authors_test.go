package desk_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/models"
)

// TestBrowserShowsReportsAppealsAndActsOnAuthors drives the page with
// the keyboard over a queue holding a note users reported, a note whose
// author appealed alice's rejection, and a flood of one author's notes:
// the reported note is listed first with its reporters and reasons; the
// appeal shows the author's words, the decision under appeal and who
// made it, and alice's approval is refused by the server with its
// reason on the page; x suspends the flooding author in the ticked
// markets and b rejects the author's waiting notes. Screenshots of the
// appeal at 1400×900 and 390×844 go where TestBrowserLayoutWhatAPersonSees
// puts its own, and the layout checks hold on both.
func TestBrowserShowsReportsAppealsAndActsOnAuthors(t *testing.T) {
	t.Parallel()
	ctx := reviewtest.Browser(t)
	const rev, allow = models.DecisionReview, models.DecisionAllow
	reported := byAuthor("reported", "poster", map[string]models.Decision{"cn": allow, "intl": allow})
	reported.Title, reported.Body = "my new bakery in town", "come try the sourdough, open every day"
	reported.ApprovedMarkets = []string{"cn", "intl"}
	reported.Moderation.Labels = nil
	reported.Moderation.Reports = &models.Reports{Reporters: 12, Reasons: map[string]int{"spam": 10, "harassment": 2},
		QueuedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), Since: map[string]string{"cn": "", "intl": ""}}
	rejected := rules.ApplyDecision(byAuthor("appealed", "writer", map[string]models.Decision{"cn": rev, "intl": rev}),
		models.ReviewDecision{ID: "d-alice", NoteID: "appealed", NoteVersion: 1, Action: models.ReviewReject, Markets: []string{"cn"},
			Category: models.CategorySpam, Reason: "advertising", Reviewer: "alice", At: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)})
	appealed, outcome := rules.ApplyAppeal(rejected, models.AppealEvent{AppealID: "ap-1", NoteID: "appealed", AuthorID: "writer",
		Message: "this is my own shop, not an ad for others", At: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)})
	if outcome != rules.AppealOpened {
		t.Fatalf("appeal: %s", outcome)
	}
	notes := []*models.Note{reported, appealed}
	for i := range 3 {
		notes = append(notes, byAuthor(fmt.Sprintf("flood-%d", i), "flooder", map[string]models.Decision{"cn": rev, "intl": rev}))
	}
	d, store := authorsDesk(t, notes...)
	dirs := screenshotDirs(t)
	reviewtest.Login(t, ctx, d.URL, "alice", "correct horse battery")
	open := func(id string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#queue li[data-note-id="`+id+`"]').click()`),
			chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+id+`"]`)),
		); err != nil {
			t.Fatalf("open %s: %v", id, err)
		}
	}
	text := func(id string) string {
		return reviewtest.Eval[string](t, ctx, `document.getElementById("`+id+`").textContent`)
	}

	// Reports: first in the queue, with reporters and reasons.
	ids := reviewtest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#queue li")).map(li => li.dataset.noteId)`)
	if len(ids) == 0 || ids[0] != "reported" {
		t.Fatalf("the queue lists %v, want the reported note first", ids)
	}
	if meta := reviewtest.Eval[string](t, ctx, `document.querySelector('#queue li[data-note-id="reported"] .meta').textContent`); !strings.Contains(meta, "reported by 12 (spam 10, harassment 2)") {
		t.Errorf("the queue says %q of the reported note", meta)
	}
	open("reported")
	if got := text("reports"); !strings.Contains(got, "Reported by 12 people: spam 10, harassment 2") || !strings.Contains(got, "still shown until a reviewer decides") {
		t.Errorf("the reported note says %q", got)
	}

	// The appeal: what is under appeal, by whom; alice is refused.
	open("appealed")
	banner := text("appeal")
	for _, want := range []string{"Appeal by the author", "this is my own shop, not an ad for others", "cn: rejected by alice (spam: advertising)",
		"You made the decision under appeal in cn: another reviewer decides the appeal there."} {
		if !strings.Contains(banner, want) {
			t.Errorf("the appeal banner %q does not say %q", banner, want)
		}
	}
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.body.dataset.state = "deciding"`),
		chromedp.KeyEvent("a"),
		reviewtest.WaitState("decision-refused"),
	); err != nil {
		t.Fatalf("a on the appealed note: %v", err)
	}
	if got := text("status"); !strings.Contains(got, "the author appealed your decision in cn; another reviewer decides the appeal") {
		t.Errorf("the refusal reads %q", got)
	}
	if n, _ := d.Index.Get(context.Background(), "appealed"); n.Moderation.Markets["cn"] != models.DecisionBlock || !n.Moderation.AppealWaitsIn("cn") {
		t.Errorf("after the refusal the note is %v, appeal waiting %v", n.Moderation.Markets, n.Moderation.AppealWaitsIn("cn"))
	}
	for _, size := range []struct {
		width, height int64
		opts          []chromedp.EmulateViewportOption
	}{{1400, 900, nil}, {390, 844, []chromedp.EmulateViewportOption{chromedp.EmulateMobile}}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height, size.opts...),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("detail").scrollTop = 0`)); err != nil {
			t.Fatal(err)
		}
		screenshot(ctx, t, dirs, fmt.Sprintf("desk-%dx%d-appeal.png", size.width, size.height))
		for _, p := range reviewtest.Eval[[]string](t, ctx, layoutProblems) {
			t.Errorf("%dx%d: %s", size.width, size.height, p)
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 900)); err != nil {
		t.Fatal(err)
	}

	// The flooding author: x suspends in the ticked markets, b rejects
	// the author's waiting notes.
	open("flood-0")
	if err := chromedp.Do(ctx,
		chromedp.KeyEvent("x"),
		chromedp.WaitVisible(chromedp.ID("author-dialog")),
		chromedp.SendKeys(chromedp.ID("author-reason"), "posts the same ad every minute"+kb.Enter),
		reviewtest.WaitState("author-acted"),
	); err != nil {
		t.Fatalf("x on flood-0: %v (status %q)", err, text("status"))
	}
	if st, _ := store.Standing("flooder"); st.StateIn("cn") != models.AuthorSuspended || st.StateIn("intl") != models.AuthorSuspended {
		t.Errorf("after x the author's standing is %+v, want suspended in cn and intl", st)
	}
	if got := text("author-state"); !strings.Contains(got, "suspended in cn, suspended in intl") {
		t.Errorf("the author panel says %q", got)
	}
	if err := chromedp.Do(ctx,
		chromedp.KeyEvent("b"),
		chromedp.WaitVisible(chromedp.ID("reason-dialog")),
		chromedp.SendKeys(chromedp.ID("reason-text"), "flood of ads"),
		chromedp.Click(chromedp.CSS(`#reason-form button[value="ok"]`)),
		reviewtest.WaitState("decided"),
	); err != nil {
		t.Fatalf("b on flood-0: %v (status %q)", err, text("status"))
	}
	if got := text("status"); !strings.Contains(got, "rejected 3 waiting notes of flooder") {
		t.Errorf("after b the page says %q", got)
	}
	for i := range 3 {
		n, _ := d.Index.Get(context.Background(), fmt.Sprintf("flood-%d", i))
		if n.Moderation.Decision != models.DecisionBlock || n.Moderation.Review == nil || n.Moderation.Review.Category != models.CategorySpam {
			t.Errorf("flood-%d after b: %s, review %+v", i, n.Moderation.Decision, n.Moderation.Review)
		}
	}
	left := reviewtest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#queue li")).map(li => li.dataset.noteId)`)
	if slices.ContainsFunc(left, func(id string) bool { return strings.HasPrefix(id, "flood-") }) {
		t.Errorf("the queue still lists %v", left)
	}
	reviewtest.AssertInert(t, ctx)
}
