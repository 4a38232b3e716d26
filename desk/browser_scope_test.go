package desk_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/models"
)

// marketRows is evaluated in the page: the note's market rows as
// "market|ticked|enabled|now|reviewer|effect".
const marketRows = `Array.from(document.querySelectorAll("#markets-rows tr")).map((tr) => {
  const cb = tr.querySelector("input.decide-market");
  return [tr.dataset.market, cb.checked, !cb.disabled, tr.querySelector(".now").textContent,
    tr.querySelector(".reviewer").textContent, tr.querySelector(".effect").textContent].join("|");
})`

// TestBrowserDecidesInTheChosenMarkets drives the market choice as a
// reviewer does: a reviewer of both markets sees both ticked, unticks cn
// with the key 1 and approves with a, which decides intl only; the note
// stays in cn's queue showing who approved it in intl; with nothing
// ticked, a is refused on the page. An intl reviewer sees cn's row
// without a box and approves in intl only, leaving cn's block, and u
// undoes that approval in intl only.
func TestBrowserDecidesInTheChosenMarkets(t *testing.T) {
	t.Parallel()
	ctx := reviewtest.Browser(t)
	split := withMarkets("split-1", map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionReview})
	both := withMarkets("both-1", map[string]models.Decision{"cn": models.DecisionReview, "intl": models.DecisionReview})
	hashOnce.Do(func() { hash, hashErr = desk.HashPassword("correct horse battery") })
	if hashErr != nil {
		t.Fatal(hashErr)
	}
	d := newDeskWith(t, func(c *desk.Config, _ *desk.Options) {
		c.Accounts = append(c.Accounts,
			desk.Account{Name: "desk-both", PasswordHash: hash, Markets: []string{"cn", "intl"}},
			desk.Account{Name: "desk-intl", PasswordHash: hash, Markets: []string{"intl"}})
	}, split, both)
	dirs := screenshotDirs(t)

	open := func(id string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS(`#queue li[data-note-id="`+id+`"]`)),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#queue li[data-note-id="`+id+`"]').click()`),
			chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+id+`"] #markets-rows tr`)),
		); err != nil {
			t.Fatalf("open %s: %v", id, err)
		}
	}
	rows := func(want ...string) {
		t.Helper()
		if got := reviewtest.Eval[[]string](t, ctx, marketRows); !slices.Equal(got, want) {
			t.Errorf("market rows:\n %q\nwant\n %q", got, want)
		}
	}
	press := func(keys ...string) {
		t.Helper()
		for _, k := range keys {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
				t.Fatalf("press %s: %v", k, err)
			}
		}
	}
	decided := func(id string, want []string) {
		t.Helper()
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx, reviewtest.WaitState("decided")); err != nil {
			t.Fatalf("%s not decided: %v (status %q)", id, err, reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`))
		}
		entries, err := d.Audit.ByNote(id, 10)
		if err != nil || len(entries) == 0 {
			t.Fatalf("audit of %s: %v, %v", id, entries, err)
		}
		if got := entries[len(entries)-1].Decision.Markets; !slices.Equal(got, want) {
			t.Errorf("%s was decided in %v, want %v", id, got, want)
		}
	}
	markets := func(id, want string) {
		t.Helper()
		n, err := d.Index.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmtDecisions(n.Moderation.Markets); got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
	}

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 900)); err != nil {
		t.Fatal(err)
	}
	reviewtest.Login(t, ctx, d.URL, "desk-both", "correct horse battery")
	open("both-1")
	rows("cn|true|true|review|no reviewer yet|a: review → allow · r: review → block",
		"intl|true|true|review|no reviewer yet|a: review → allow · r: review → block")
	press("1")
	rows("cn|false|true|review|no reviewer yet|left as review",
		"intl|true|true|review|no reviewer yet|a: review → allow · r: review → block")
	// The rows are in view as the note opens, above its text.
	if hidden := reviewtest.Eval[[]string](t, ctx, uncovered(`#markets-rows label`)); len(hidden) > 0 {
		t.Errorf("market boxes out of view or covered: %q", hidden)
	}
	screenshot(ctx, t, dirs, "desk-markets-chosen.png")
	press("a")
	decided("both-1", []string{"intl"})
	markets("both-1", "cn:review intl:allow")

	// Still in the queue for cn, with intl's approval and who made it;
	// both boxes ticked again.
	open("both-1")
	rows("cn|true|true|review|no reviewer yet|a: review → allow · r: review → block",
		"intl|true|true|allow|approved by desk-both|a: stays allow · r: allow → block")
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.body.dataset.state = "deciding"`)); err != nil {
		t.Fatal(err)
	}
	press("1", "2", "a")
	if err := chromedp.Do(ctx, reviewtest.WaitState("decision-refused")); err != nil {
		t.Fatal(err)
	}
	if status := reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(status, "tick at least one of your markets") {
		t.Errorf("a with nothing ticked says %q", status)
	}
	if entries, _ := d.Audit.ByNote("both-1", 10); len(entries) != 1 {
		t.Errorf("a with nothing ticked was sent: %d decisions in the audit trail, want 1", len(entries))
	}

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("logout")), chromedp.WaitVisible(chromedp.ID("login-name"))); err != nil {
		t.Fatal(err)
	}
	reviewtest.Login(t, ctx, d.URL, "desk-intl", "correct horse battery")
	if who := reviewtest.Eval[string](t, ctx, `document.getElementById("who").textContent`); !strings.Contains(who, "decides intl") {
		t.Errorf("the header says %q, want the reviewer's markets", who)
	}
	open("split-1")
	rows("cn|false|false|block|no reviewer yet|not yours: stays block",
		"intl|true|true|review|no reviewer yet|a: review → allow · r: review → block")
	press("a")
	decided("split-1", []string{"intl"})
	markets("split-1", "cn:block intl:allow")
	// u undoes it in the markets it decided.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.body.dataset.state = "deciding"`)); err != nil {
		t.Fatal(err)
	}
	press("u")
	decided("split-1", []string{"intl"})
	markets("split-1", "cn:block intl:review")
	reviewtest.AssertInert(t, ctx)
}

func fmtDecisions(m map[string]models.Decision) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+":"+string(m[k]))
	}
	return strings.Join(parts, " ")
}
