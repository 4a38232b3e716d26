package review_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/review/reviewtest"
)

// payloads are strings that would run script if the page ever parsed user
// text as markup; the tripwire counts them.
var payloads = []string{
	`<script>window.__pwned=1</script>`,
	`<img src=x onerror="window.__pwned=1">`,
	`"><svg onload=window.__pwned=1>`,
	`</span><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
	`<a href="javascript:window.__pwned=1">click</a>`,
}

// TestPageRendersNaughtyStringsInert indexes every string of the Big List
// of Naughty Strings (plus script payloads) as the title and body of a
// note in review, with its whole body as evidence, renders them in the
// page (queue list and note detail) and proves they show as text and no
// script runs.
func TestPageRendersNaughtyStringsInert(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../shared/evaldata/robustness/blns.json")
	if err != nil {
		t.Skipf("BLNS is absent: %v", err)
	}
	var blns []string
	if err := json.Unmarshal(raw, &blns); err != nil {
		t.Fatal(err)
	}
	ctx := reviewtest.Browser(t)
	strs := append(blns, payloads...)
	want := map[string]string{}
	var notes []*models.Note
	batches := 0
	for i, s := range strs {
		if strings.TrimSpace(s) == "" {
			continue
		}
		id := fmt.Sprintf("blns-%d", i)
		n := InReview(id, s, s)
		n.Language.Code = fmt.Sprintf("b%d", len(notes)/100)
		batches = len(notes)/100 + 1
		n.Moderation.Labels[0].Evidence = []models.Evidence{{Field: "body", Start: 0, End: len(s), Text: s}}
		notes = append(notes, n)
		want[id] = s
	}
	d := newDesk(t, notes...)
	reviewtest.Login(t, ctx, d.URL, "alice", "correct horse battery")

	checkedDetail := 0
	for b := range batches {
		code := fmt.Sprintf("b%d", b)
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(wctx,
			chromedp.SetValue(chromedp.ID("f-language"), code),
			chromedp.Evaluate[chromedp.Void](`document.body.dataset.state = "filtering"`),
			chromedp.Click(chromedp.CSS(`#filters button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #queue li[data-note-id]`)),
		)
		cancel()
		if err != nil {
			t.Fatalf("batch %s: %v (page state %q, status %q)", code, err,
				reviewtest.Eval[string](t, ctx, `document.body.dataset.state`), reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`))
		}
		shown := reviewtest.Eval[map[string]string](t, ctx, `Object.fromEntries(Array.from(document.querySelectorAll("#queue li")).map(li => [li.dataset.noteId, li.querySelector(".title").textContent]))`)
		for id, text := range shown {
			if text != want[id] {
				t.Errorf("queue shows %s as %q, want %q", id, text, want[id])
			}
		}
		for id := range shown {
			s := want[id]
			if !strings.ContainsAny(s, "<>&\"'\\") && !strings.Contains(strings.ToLower(s), "script") {
				continue
			}
			if err := chromedp.Do(ctx,
				// A script click: the fixed key bar may cover the row.
				chromedp.Evaluate[chromedp.Void](`document.querySelector('#queue li[data-note-id="`+id+`"]').click()`),
				chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+id+`"]`)),
			); err != nil {
				t.Fatalf("open %s: %v", id, err)
			}
			body := reviewtest.Eval[string](t, ctx, `document.getElementById("orig-body").textContent`)
			marked := reviewtest.Eval[string](t, ctx, `Array.from(document.querySelectorAll("#orig-body mark")).map(m => m.textContent).join("")`)
			title := reviewtest.Eval[string](t, ctx, `document.getElementById("orig-title").textContent`)
			if body != s || title != s || marked != s {
				t.Errorf("detail of %s: body %q title %q marked %q, want %q", id, body, title, marked, s)
			}
			checkedDetail++
		}
	}
	reviewtest.AssertInert(t, ctx)
	t.Logf("%d naughty strings rendered in the queue, %d opened in the detail view; no script ran", len(notes), checkedDetail)
	if len(notes) < 400 || checkedDetail < 50 {
		t.Errorf("too few strings checked: %d listed, %d opened", len(notes), checkedDetail)
	}
}
