package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/models"
)

// TestDevDeskApprovesAndRejectsInTheBrowser is the reviewer desk's
// acceptance test: it runs `notegate dev` with its bundled samples, logs in
// through the page in headless Chromium, approves one note of the queue
// and rejects another with the keyboard, and then checks from the outside
// that public search finds the approved note and not the rejected one, and
// that the audit trail holds both decisions.
func TestDevDeskApprovesAndRejectsInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage and drives Chromium")
	}
	ctx := reviewtest.Browser(t) // skips (or fails in CI) without Chromium
	const password = "browser-test-password"
	base := startDev(t, password).base
	admin := apiLogin(t, base, "admin", password)
	// The samples are published at start; wait until the pipeline has put
	// at least two of them in review.
	var queue struct {
		Total int `json:"total"`
	}
	poll(t, "a review queue of two notes", func() bool {
		return apiGet(base+"/api/review/queue", admin, &queue) == http.StatusOK && queue.Total >= 2
	})

	started := time.Now()
	reviewtest.Login(t, ctx, base, "reviewer", password)
	// Open the queue: the page selects its first note once listed.
	detailShown := func(id string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="` + id + `"]`))
	}
	var ids []string
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #queue li[data-note-id]`)),
	); err != nil {
		t.Fatalf("open the queue: %v", err)
	}
	ids = reviewtest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#queue li")).map(li => li.dataset.noteId)`)
	if len(ids) < 2 {
		t.Fatalf("the page lists %d notes, want at least 2", len(ids))
	}
	approveID := ids[1]
	approveBefore := reviewerNote(t, base, admin, approveID)
	if w := searchWord(approveBefore); w != "" && slices.Contains(publicSearch(t, base, w, ""), approveID) {
		t.Fatalf("public search for %q finds %s before any reviewer approved it", w, approveID)
	}
	// j selects the next note; a approves it.
	if err := chromedp.Do(ctx, detailShown(ids[0]), chromedp.KeyEvent("j"), detailShown(approveID)); err != nil {
		t.Fatalf("select %s with j: %v", approveID, err)
	}
	decideInPage(t, ctx, "approve", approveID, chromedp.KeyEvent("a"))

	// After the decision the page reloads the queue and selects a note
	// again; reject that one.
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#detail[data-note-id]`))); err != nil {
		t.Fatalf("no note selected after the approval: %v", err)
	}
	rejectID := reviewtest.Eval[string](t, ctx, `document.getElementById("detail").dataset.noteId`)
	if rejectID == approveID {
		t.Fatalf("the approved note %s is still selected in the queue (status %q, queue lines marked decided %v)", approveID,
			reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`),
			reviewtest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#queue li.sent")).map(li => li.dataset.noteId)`))
	}
	rejectBefore := reviewerNote(t, base, admin, rejectID)
	const reason = "contact details for off-platform selling"
	decideInPage(t, ctx, "reject", rejectID,
		chromedp.KeyEvent("r"),
		chromedp.WaitVisible(chromedp.ID("reason-dialog")),
		chromedp.SetValue(chromedp.ID("reason-category"), string(models.CategorySpam)),
		chromedp.SendKeys(chromedp.ID("reason-text"), reason),
		chromedp.Click(chromedp.CSS(`#reason-form button[value="ok"]`)),
	)
	reviewtest.AssertInert(t, ctx)
	browserTook := time.Since(started)

	// Public search: the approved note is found by a word of its text in a
	// market it is now approved in; the rejected one is found nowhere.
	// A decision the pipeline had not applied within the desk's wait was
	// answered "sent" (202); wait until both are applied.
	var approved, rejected models.Note
	poll(t, "the pipeline applies both decisions", func() bool {
		approved, rejected = reviewerNote(t, base, admin, approveID), reviewerNote(t, base, admin, rejectID)
		return approved.Moderation.Review != nil && rejected.Moderation.Review != nil
	})
	if approved.Moderation.Review == nil || approved.Moderation.Review.Action != models.ReviewApprove || len(approved.ApprovedMarkets) == 0 {
		t.Fatalf("%s after the approval: review %+v, approved in %v", approveID, approved.Moderation.Review, approved.ApprovedMarkets)
	}
	if approved.Revision <= approveBefore.Revision {
		t.Errorf("%s: revision %d after the approval, was %d", approveID, approved.Revision, approveBefore.Revision)
	}
	market := approved.ApprovedMarkets[0]
	approveWord, rejectWord := searchWord(approveBefore), searchWord(rejectBefore)
	if approveWord == "" || rejectWord == "" {
		t.Fatalf("no searchable word in %q or %q", approveBefore.Text(), rejectBefore.Text())
	}
	var found []string
	poll(t, "public search for the approved note", func() bool {
		found = publicSearch(t, base, approveWord, market)
		return slices.Contains(found, approveID)
	})
	if got := publicSearch(t, base, rejectWord, ""); slices.Contains(got, rejectID) {
		t.Errorf("public search for %q finds the rejected note %s", rejectWord, rejectID)
	}
	if got := publicSearch(t, base, rejectWord, market); slices.Contains(got, rejectID) {
		t.Errorf("public search for %q in %s finds the rejected note %s", rejectWord, market, rejectID)
	}
	if len(rejected.ApprovedMarkets) != 0 || rejected.Moderation.Decision != models.DecisionBlock {
		t.Errorf("%s after the rejection: decision %s, approved in %v", rejectID, rejected.Moderation.Decision, rejected.ApprovedMarkets)
	}
	for id, want := range map[string]int{approveID: http.StatusOK, rejectID: http.StatusNotFound} {
		if got := apiGet(base+"/api/notes/"+url.PathEscape(id), "", nil); got != want {
			t.Errorf("public GET /api/notes/%s answered %d, want %d", id, got, want)
		}
	}

	// The audit trail: one applied entry per note, by the reviewer, with
	// the action and the policy the note was decided under.
	reviewer := apiLogin(t, base, "reviewer", password)
	for _, c := range []struct {
		id     string
		before models.Note
		action models.ReviewAction
	}{{approveID, approveBefore, models.ReviewApprove}, {rejectID, rejectBefore, models.ReviewReject}} {
		var trail struct {
			Entries []models.AuditEntry `json:"entries"`
		}
		if code := apiGet(base+"/api/review/notes/"+url.PathEscape(c.id)+"/audit", reviewer, &trail); code != http.StatusOK {
			t.Fatalf("audit of %s answered %d", c.id, code)
		}
		if len(trail.Entries) != 1 {
			t.Fatalf("audit of %s has %d entries, want 1: %+v", c.id, len(trail.Entries), trail.Entries)
		}
		e := trail.Entries[0]
		d := e.Decision
		if d.Reviewer != "reviewer" || d.Action != c.action || e.Outcome != models.AuditApplied ||
			d.PolicyVersion == "" || d.PolicyVersion != c.before.Moderation.PolicyVersion || e.Revision != c.before.Revision+1 {
			t.Errorf("audit of %s: %s by %q under policy %q, outcome %s at revision %d; want %s by reviewer under %q, applied at revision %d",
				c.id, d.Action, d.Reviewer, d.PolicyVersion, e.Outcome, e.Revision, c.action, c.before.Moderation.PolicyVersion, c.before.Revision+1)
		}
		if c.action == models.ReviewReject && (d.Category != models.CategorySpam || d.Reason != reason) {
			t.Errorf("audit of the rejection: category %q reason %q", d.Category, d.Reason)
		}
	}
	t.Logf("browser: logged in, approved %s and rejected %s in %s; search %q in %s finds %s (%d hits), %q does not find %s; audit has both",
		approveID, rejectID, browserTook.Round(time.Millisecond), approveWord, market, approveID, len(found), rejectWord, rejectID)
}

// devStack is a running `notegate dev` with its bundled samples.
type devStack struct {
	base    string   // the HTTP server's URL
	brokers []string // the embedded broker
}

// startDev runs `notegate dev` on free ports with the dev accounts'
// password until the test ends, and waits until it is healthy.
func startDev(t *testing.T, password string) devStack {
	t.Helper()
	httpAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	kafkaPort := freePort(t)
	devCtx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(devCtx, []string{"dev", "--kafka-port", fmt.Sprint(kafkaPort), "--http", httpAddr,
			"--data", t.TempDir(), "--review-password", password, "--log-level", "warn"}, nil, io.Discard, io.Discard)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("dev: %v", err)
		}
	})
	base := "http://" + httpAddr
	poll(t, "healthz", func() bool {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return devStack{base: base, brokers: []string{fmt.Sprintf("127.0.0.1:%d", kafkaPort)}}
}

// decideInPage runs the keys of one decision on the selected note id and
// waits until the page reports it decided.
func decideInPage(t *testing.T, ctx context.Context, action, id string, keys ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	// The page sets data-state to "decided" or "decision-refused" at the
	// end of a decision; clear it first so an earlier one does not count.
	steps := []chromedp.Action[chromedp.Void]{
		// After an earlier decision the page rests in "decided".
		chromedp.WaitVisible(chromedp.CSS(`body:is([data-state="detail"], [data-state="decided"]) #detail[data-note-id="` + id + `"]`)),
		chromedp.Evaluate[chromedp.Void](`document.body.dataset.state = "deciding"`),
	}
	steps = append(steps, keys...)
	steps = append(steps, chromedp.WaitVisible(chromedp.CSS(`body[data-state="decided"], body[data-state="decision-refused"]`)))
	for _, s := range steps {
		if err := chromedp.Do(wctx, s); err != nil {
			t.Fatalf("%s %s: %v (page state %q, status %q)", action, id, err,
				reviewtest.Eval[string](t, ctx, `document.body.dataset.state`), reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`))
		}
	}
	state := reviewtest.Eval[string](t, ctx, `document.body.dataset.state`)
	status := reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`)
	if state != "decided" || !strings.Contains(status, action+" "+id) {
		t.Fatalf("%s %s: the page says %q (state %s)", action, id, status, state)
	}
}

// searchWord picks a word of n's text that public search can match: its
// longest word of plain ASCII letters, else the first two characters of
// its first run of Chinese characters.
func searchWord(n models.Note) string {
	latin, han := "", ""
	for _, w := range strings.FieldsFunc(n.Text(), func(r rune) bool { return !unicode.IsLetter(r) }) {
		rs := []rune(w)
		switch {
		case !strings.ContainsFunc(w, func(r rune) bool { return r > unicode.MaxASCII }):
			if len(w) >= 4 && len(w) > len(latin) {
				latin = w
			}
		case han == "" && len(rs) >= 2 && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.Is(unicode.Han, r) }):
			han = string(rs[:2])
		}
	}
	if latin != "" {
		return latin
	}
	return han
}

func publicSearch(t *testing.T, base, q, market string) []string {
	t.Helper()
	v := url.Values{"q": {q}, "limit": {"100"}}
	if market != "" {
		v.Set("market", market)
	}
	var res models.SearchResult
	if code := apiGet(base+"/api/search?"+v.Encode(), "", &res); code != http.StatusOK {
		t.Fatalf("search %q answered %d", q, code)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.Note.NoteID)
	}
	return ids
}

// reviewerNote reads a note as a reviewer sees it (approved or not).
func reviewerNote(t *testing.T, base, token, id string) models.Note {
	t.Helper()
	var n models.Note
	if code := apiGet(base+"/api/notes/"+url.PathEscape(id), token, &n); code != http.StatusOK {
		t.Fatalf("GET /api/notes/%s as a reviewer answered %d", id, code)
	}
	return n
}

// apiLogin logs in through the API and returns the bearer token.
func apiLogin(t *testing.T, base, name, password string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"name": name, "password": password})
	req, err := http.NewRequest(http.MethodPost, base+"/api/review/login", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Notegate-Request", "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("log in as %s: %v", name, err)
	}
	defer resp.Body.Close()
	var out struct {
		Token string `json:"token"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&out) != nil || out.Token == "" {
		t.Fatalf("log in as %s answered %d", name, resp.StatusCode)
	}
	return out.Token
}

// apiGet GETs u with an optional bearer token, decodes a 200 answer into
// v (when not nil) and returns the status code, or 0 when the request
// failed.
func apiGet(u, token string, v any) int {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return 0
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK && v != nil && json.NewDecoder(resp.Body).Decode(v) != nil {
		return 0
	}
	return resp.StatusCode
}
