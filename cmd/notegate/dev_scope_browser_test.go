package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/internal/samples"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// pageMarketRows is evaluated in the desk page: the open note's market
// rows as "market|ticked|enabled|now|reviewer".
const pageMarketRows = `Array.from(document.querySelectorAll("#markets-rows tr")).map((tr) => {
  const cb = tr.querySelector("input.decide-market");
  return [tr.dataset.market, cb.checked, !cb.disabled, tr.querySelector(".now").textContent, tr.querySelector(".reviewer").textContent].join("|");
})`

// TestDevDeskDecidesPerMarketInTheBrowser is the acceptance test of
// market-scoped decisions on `notegate dev`: reviewer-intl opens, in
// Chromium, a sample note blocked in cn and in review in intl and
// approves it with a; the feed (notes.approved) gets it approved for intl
// only and cn stays blocked, in every message it ever carried for the
// note. reviewer-cn then opens the note from a link (it waits in no cn
// queue), sees it approved in intl by reviewer-intl and blocked in cn,
// and may still decide cn: a rejection there leaves intl's approval.
func TestDevDeskDecidesPerMarketInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage and drives Chromium")
	}
	ctx := reviewtest.Browser(t) // skips (or fails in CI) without Chromium
	const password = "browser-test-password"
	dev := startDev(t, password)
	base := dev.base
	admin := apiLogin(t, base, "admin", password)

	// A sample with one event only (no later edit can race the
	// decision), blocked in cn and in review in intl.
	events, err := samples.Notes()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, ev := range events {
		count[ev.NoteID]++
	}
	var id string
	poll(t, "a sample blocked in cn and in review in intl", func() bool {
		var q struct {
			Items []struct {
				Note models.Note `json:"note"`
			} `json:"items"`
		}
		if apiGet(base+"/api/review/queue?market=intl&sort=age&limit=100", admin, &q) != http.StatusOK {
			return false
		}
		var ids []string
		for _, it := range q.Items {
			m := it.Note.Moderation
			if count[it.Note.NoteID] == 1 && m.Markets["cn"] == models.DecisionBlock && m.Markets["intl"] == models.DecisionReview && m.Urgent == "" {
				ids = append(ids, it.Note.NoteID)
			}
		}
		slices.Sort(ids)
		if len(ids) > 0 {
			id = ids[0]
		}
		return id != ""
	})
	before := reviewerNote(t, base, admin, id)

	rows := func(who string, want ...string) {
		t.Helper()
		if got := reviewtest.Eval[[]string](t, ctx, pageMarketRows); !slices.Equal(got, want) {
			t.Errorf("%s sees the market rows\n %q\nwant\n %q", who, got, want)
		}
	}

	// reviewer-intl: the note is in the intl queue; cn's row has no box.
	reviewtest.Login(t, ctx, base, "reviewer-intl", password)
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`#queue li[data-note-id="`+id+`"]`)),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#queue li[data-note-id="`+id+`"]').click()`),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+id+`"] #markets-rows tr`)),
	); err != nil {
		t.Fatalf("reviewer-intl opens %s: %v", id, err)
	}
	rows("reviewer-intl", "cn|false|false|block|no reviewer yet", "intl|true|true|review|no reviewer yet")
	decideInPage(t, ctx, "approve", id, chromedp.KeyEvent("a"))

	intl := apiLogin(t, base, "reviewer-intl", password)
	approval := lastDecision(t, base, intl, id, 1)
	if approval.Reviewer != "reviewer-intl" || approval.Action != models.ReviewApprove || !slices.Equal(approval.Markets, []string{"intl"}) {
		t.Fatalf("the audit trail records %s by %s in %v, want approve by reviewer-intl in [intl]", approval.Action, approval.Reviewer, approval.Markets)
	}

	// The feed: the decision's message approves intl only, and no
	// message for the note ever approved cn.
	feed := feedFor(t, dev.brokers, id, approval.ID)
	fromFeed := feed[len(feed)-1]
	if got := headerValue(fromFeed, pipeline.HeaderMarkets); got != "intl" {
		t.Errorf("the feed's %s header is %q, want intl", pipeline.HeaderMarkets, got)
	}
	var published models.Note
	if err := json.Unmarshal(fromFeed.Value, &published); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(published.ApprovedMarkets, []string{"intl"}) || published.Moderation.Markets["cn"] != models.DecisionBlock || published.Moderation.Markets["intl"] != models.DecisionAllow {
		t.Errorf("the feed got %s approved in %v with markets %v; want intl only, cn blocked", id, published.ApprovedMarkets, published.Moderation.Markets)
	}
	for _, m := range feed {
		var n models.Note
		if err := json.Unmarshal(m.Value, &n); err == nil && slices.Contains(n.ApprovedMarkets, "cn") {
			t.Errorf("a message on the feed at offset %d approved %s in cn: %v", m.Offset, id, n.ApprovedMarkets)
		}
	}
	if w := searchWord(before); w != "" {
		poll(t, "public search in intl for the approved note", func() bool { return slices.Contains(publicSearch(t, base, w, "intl"), id) })
		if slices.Contains(publicSearch(t, base, w, "cn"), id) {
			t.Errorf("public search in cn for %q finds %s, blocked there", w, id)
		}
	}

	// reviewer-cn: blocked in cn, the note waits in no cn queue; a link
	// opens it, with intl's approval and who made it.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("logout")), chromedp.WaitVisible(chromedp.ID("login-name"))); err != nil {
		t.Fatal(err)
	}
	reviewtest.Login(t, ctx, base, "reviewer-cn", password)
	if n := reviewtest.Eval[int](t, ctx, `document.querySelectorAll('#queue li[data-note-id="`+id+`"]').length`); n != 0 {
		t.Errorf("reviewer-cn's queue lists %s, which is blocked in cn and decided in intl", id)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/review/#"+url.PathEscape(id)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+id+`"] #markets-rows tr`)),
	); err != nil {
		t.Fatalf("reviewer-cn opens %s from a link: %v", id, err)
	}
	rows("reviewer-cn", "cn|true|true|block|no reviewer yet", "intl|false|false|allow|approved by reviewer-intl")
	const reason = "crypto giveaway spam"
	decideInPage(t, ctx, "reject", id,
		chromedp.KeyEvent("r"),
		chromedp.WaitVisible(chromedp.ID("reason-dialog")),
		chromedp.SetValue(chromedp.ID("reason-category"), string(models.CategorySpam)),
		chromedp.SendKeys(chromedp.ID("reason-text"), reason),
		chromedp.Click(chromedp.CSS(`#reason-form button[value="ok"]`)),
	)
	reviewtest.AssertInert(t, ctx)
	rejection := lastDecision(t, base, intl, id, 2)
	if rejection.Reviewer != "reviewer-cn" || !slices.Equal(rejection.Markets, []string{"cn"}) {
		t.Errorf("the audit trail records %s by %s in %v, want reject by reviewer-cn in [cn]", rejection.Action, rejection.Reviewer, rejection.Markets)
	}
	after := feedFor(t, dev.brokers, id, rejection.ID)
	var last models.Note
	if err := json.Unmarshal(after[len(after)-1].Value, &last); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(last.ApprovedMarkets, []string{"intl"}) || last.Moderation.Markets["cn"] != models.DecisionBlock {
		t.Errorf("after reviewer-cn's rejection the feed has %s approved in %v, markets %v; want intl still, cn blocked", id, last.ApprovedMarkets, last.Moderation.Markets)
	}
	t.Logf("%s (cn block, intl review): reviewer-intl approved in intl (%d feed messages for the note, approved_markets %v, %s=%q); reviewer-cn saw %q and rejected in cn; feed still approves %v",
		id, len(feed), published.ApprovedMarkets, pipeline.HeaderMarkets, headerValue(fromFeed, pipeline.HeaderMarkets),
		"approved by reviewer-intl", last.ApprovedMarkets)
}

// lastDecision reads the note's audit trail as token, wants n applied
// entries, and returns the last decision.
func lastDecision(t *testing.T, base, token, id string, n int) models.ReviewDecision {
	t.Helper()
	var trail struct {
		Entries []models.AuditEntry `json:"entries"`
	}
	if code := apiGet(base+"/api/review/notes/"+url.PathEscape(id)+"/audit", token, &trail); code != http.StatusOK {
		t.Fatalf("audit of %s answered %d", id, code)
	}
	if len(trail.Entries) != n {
		t.Fatalf("audit of %s has %d entries, want %d: %+v", id, len(trail.Entries), n, trail.Entries)
	}
	for _, e := range trail.Entries {
		if e.Outcome != models.AuditApplied {
			t.Errorf("decision %s of %s was %s", e.Decision.ID, id, e.Outcome)
		}
	}
	return trail.Entries[n-1].Decision
}

// feedFor reads notes.approved from the start, as a feed does, until it
// holds the message of decision for note id, and returns the note's
// messages up to that one.
func feedFor(t *testing.T, brokers []string, id, decision string) []kafka.Message {
	t.Helper()
	var out []kafka.Message
	poll(t, "decision "+decision+" on the feed", func() bool {
		out = out[:0]
		for _, m := range readTopics(t, brokers, []string{pipeline.DefaultTopics().Approved}) {
			if string(m.Key) != id {
				continue
			}
			out = append(out, m)
			if headerValue(m, rules.HeaderReviewDecision) == decision {
				return true
			}
		}
		return false
	})
	if route := headerValue(out[len(out)-1], pipeline.HeaderRoute); route != string(pipeline.RouteApproved) {
		t.Errorf("the message of decision %s is routed %q, want approved", decision, route)
	}
	return out
}
