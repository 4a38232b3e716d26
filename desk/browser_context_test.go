package desk_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/models"
)

// TestBrowserCommentShowsItsParentAndTheAuthorsNotes opens a spam comment
// in the queue from its link and reads its context as a reviewer does: the
// Chinese note it answers, with the English translation and its decisions,
// the other comments around it, and its author's panel, whose notes h
// shows with their decisions (a reviewer's rejection among them) and the
// account's standing. p then opens the parent, and a click on a comment of
// the thread opens that comment. The screenshot goes to
// NOTEGATE_SCREENSHOT_DIR when set.
func TestBrowserCommentShowsItsParentAndTheAuthorsNotes(t *testing.T) {
	t.Parallel()
	ctx := reviewtest.Browser(t)
	// carol struck u-flood and muted them in intl.
	standings := rules.NewAuthorStore(10, []string{"cn", "intl"})
	for _, a := range []models.AuthorAction{
		{ID: "a-1", AuthorID: "u-flood", Action: models.AuthorStrike, Actor: "carol", Reason: "follower spam"},
		{ID: "a-2", AuthorID: "u-flood", Action: models.AuthorMute, Markets: []string{"intl"}, Actor: "carol", Reason: "follower spam"},
	} {
		standings.Apply(a)
	}
	d := newDeskWith(t, func(_ *desk.Config, o *desk.Options) { o.Authors = standings }, contextNotes()...)
	dirs := screenshotDirs(t)
	reviewtest.Login(t, ctx, d.URL, "alice", "correct horse battery")
	text := func(selector string) string {
		return reviewtest.Eval[string](t, ctx, `(document.querySelector(`+"`"+selector+"`"+`) || {textContent: "<missing>"}).textContent`)
	}
	texts := func(selector string) []string {
		return reviewtest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll(`+"`"+selector+"`"+`)).map((e) => e.textContent)`)
	}
	visible := func(selector string) bool {
		return reviewtest.Eval[bool](t, ctx, `(() => { const e = document.querySelector(`+"`"+selector+"`"+`); return !!e && e.getClientRects().length > 0; })()`)
	}
	open := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v (status %q)", what, err, text("#status"))
		}
	}

	open("open the comment from its link",
		chromedp.EmulateViewport(1400, 900),
		chromedp.Navigate(d.URL+"/review/#cmt-spam"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="cmt-spam"]`)))

	selected := func() string {
		return reviewtest.Eval[string](t, ctx, `Array.from(document.querySelectorAll("#queue li.selected")).map((li) => li.dataset.noteId).join(" ")`)
	}
	if got := selected(); got != "cmt-spam" {
		t.Errorf("the link opened cmt-spam with %q selected in the queue", got)
	}

	// The parent, in Chinese and in English, with its decisions.
	if !visible("#parent") || text("#parent-title") != "周末火锅推荐" || !strings.Contains(text("#parent-body"), "四川火锅") {
		t.Errorf("the parent shows %q / %q (visible %v)", text("#parent-title"), text("#parent-body"), visible("#parent"))
	}
	if got := text(`#parent-translations [data-lang="en"]`); !strings.Contains(got, "Weekend hotpot recommendation") || !strings.Contains(got, "an hour queue") {
		t.Errorf("the parent's English translation shows %q", got)
	}
	if got := texts("#parent-decisions .dec"); strings.Join(got, " | ") != "cn allow | intl allow" {
		t.Errorf("the parent's decisions %q", got)
	}
	if got := text("#thread-line"); got != "comment on post-1" {
		t.Errorf("thread line %q", got)
	}
	// The thread around the comment: the comment itself marked, the others
	// linked, newest first.
	if got := texts("#thread li"); len(got) != 4 || !strings.HasPrefix(got[0], "this note") || !strings.Contains(got[1], "去过，很好吃") {
		t.Errorf("thread %q", got)
	}
	if got := reviewtest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#thread a.note-link")).map((a) => a.dataset.noteId)`); strings.Join(got, " ") != "cmt-3 cmt-2 cmt-1" {
		t.Errorf("thread links %q", got)
	}

	// The author's panel at a glance, then their notes with h.
	if got := text("#author-summary"); !strings.Contains(got, "4 notes") || !strings.Contains(got, "2 waiting") {
		t.Errorf("author summary %q", got)
	}
	if got := text(`#author-counts li[data-market="intl"]`); !strings.Contains(got, "1 block") || !strings.Contains(got, "reviewers 1 reject") {
		t.Errorf("intl counts %q", got)
	}
	if got := text("#author-standing"); !strings.Contains(got, "1 strike") || !strings.Contains(got, "muted in intl by carol (follower spam)") {
		t.Errorf("standing %q", got)
	}
	if visible("#author-notes") {
		t.Error("the author's notes are shown before h")
	}
	open("press h", chromedp.KeyEvent("h"))
	if !visible("#author-notes") || text("#author-toggle") != "Hide the author's 4 most recent notes (h)" {
		t.Fatalf("after h the author's notes are not shown (%q)", text("#author-toggle"))
	}
	notes := reviewtest.Eval[map[string]string](t, ctx, `Object.fromEntries(Array.from(document.querySelectorAll("#author-notes li")).map((li) => [li.dataset.noteId, li.textContent]))`)
	for id, want := range map[string][]string{
		"cmt-spam": {"this note", "cn review", "intl review"},
		"flood-1":  {"spam", "cn review", "intl review→block (rejected by bob)", "free coins"},
		"flood-2":  {"cn block", "intl allow", "buy followers now"},
		"flood-3":  {"cn allow", "intl allow", "hello everyone"},
	} {
		for _, w := range want {
			if !strings.Contains(notes[id], w) {
				t.Errorf("the author's note %s reads %q, without %q", id, notes[id], w)
			}
		}
	}
	open("scroll the context into view", chromedp.Evaluate[chromedp.Void](`document.getElementById("context").scrollIntoView({ block: "start" })`))
	screenshot(ctx, t, dirs, "desk-1400x900-context.png")
	open("press h again", chromedp.KeyEvent("h"))
	if visible("#author-notes") {
		t.Error("a second h leaves the author's notes shown")
	}

	// p opens the parent, which lists its comments.
	open("press p",
		chromedp.KeyEvent("p"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="post-1"]`)))
	if got := reviewtest.Eval[string](t, ctx, `location.hash`); got != "#post-1" {
		t.Errorf("after p the address ends in %q", got)
	}
	if got := text("#thread-title"); got != "Comments on this note: 4" || visible("#parent") {
		t.Errorf("the parent's thread reads %q (a parent shown: %v)", got, visible("#parent"))
	}
	if got := text("#author-id"); got != "u-poster" {
		t.Errorf("the parent's author %q", got)
	}
	if got := selected(); got != "" {
		t.Errorf("the parent is not queued but %q is selected in the queue", got)
	}
	// A click on a comment of the thread opens it.
	open("click cmt-2 in the thread",
		chromedp.Click(chromedp.CSS(`#thread a[data-note-id="cmt-2"]`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="cmt-2"]`)))
	if got := text("#orig-body"); got != "the queue is worth it" {
		t.Errorf("cmt-2 shows %q", got)
	}
	reviewtest.AssertInert(t, ctx)
}
