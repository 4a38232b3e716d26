package desk_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/translate"
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
				// A script click is enough here; TestBrowserLayoutWhatAPersonSees
				// clicks as a person does.
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

// TestBrowserRejectDialogPreselectsTheTopLabel presses r and Enter on a
// spam note that also carries a weaker hate label, and on a note with no
// label: the first is rejected as spam, its top label's category; the
// second is refused with a visible message until a category is chosen.
func TestBrowserRejectDialogPreselectsTheTopLabel(t *testing.T) {
	t.Parallel()
	ctx := reviewtest.Browser(t)
	spam := InReview("spam-1", "cheap followers", "buy 1000 followers now, dm me")
	spam.Moderation.Labels = []models.Label{
		{Category: models.CategoryHate, Score: 0.3, Source: "test"},
		{Category: models.CategorySpam, Score: 0.9, Source: "test"},
	}
	bare := InReview("bare-1", "a plain note", "nothing flagged here")
	bare.Moderation.Labels = nil
	d := newDesk(t, spam, bare)
	reviewtest.Login(t, ctx, d.URL, "alice", "correct horse battery")

	open := func(id string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS(`#queue li[data-note-id="`+id+`"]`)),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#queue li[data-note-id="`+id+`"]').click()`),
			chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+id+`"]`)),
			chromedp.KeyEvent("r"),
			chromedp.WaitVisible(chromedp.ID("reason-dialog")),
		); err != nil {
			t.Fatalf("open %s and press r: %v", id, err)
		}
	}
	enter := func() {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatalf("press Enter: %v", err)
		}
	}
	decided := func(id string) models.ReviewDecision {
		t.Helper()
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(wctx, reviewtest.WaitState("decided")); err != nil {
			t.Fatalf("%s not decided: %v (status %q)", id, err, reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`))
		}
		entries, err := d.Audit.ByNote(id, 10)
		if err != nil || len(entries) != 1 {
			t.Fatalf("audit of %s: %v, %v; want one decision", id, entries, err)
		}
		return entries[0].Decision
	}

	refusal := func(want string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("reason-error"))); err != nil {
			t.Fatalf("Enter shows no message: %v", err)
		}
		msg := reviewtest.Eval[string](t, ctx, `document.getElementById("reason-error").textContent`)
		stillOpen := reviewtest.Eval[bool](t, ctx, `document.getElementById("reason-dialog").open`)
		if !stillOpen || !strings.Contains(msg, want) {
			t.Errorf("dialog open %v, message %q; want it open, saying %q", stillOpen, msg, want)
		}
	}

	// r + Enter: the top label's category is chosen; the reason (which a
	// rejection needs) is asked for, and then Enter decides.
	open("spam-1")
	if got := reviewtest.Eval[string](t, ctx, `document.getElementById("reason-category").value`); got != string(models.CategorySpam) {
		t.Errorf("the reject dialog on a spam note preselects %q, want spam (its top label)", got)
	}
	enter()
	refusal("Give a reason")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("reason-text"), "follower selling")); err != nil {
		t.Fatal(err)
	}
	if got := reviewtest.Eval[string](t, ctx, `document.getElementById("reason-category").value`); got != string(models.CategorySpam) {
		t.Errorf("after the refusal the category is %q, want spam still", got)
	}
	enter()
	if dec := decided("spam-1"); dec.Action != models.ReviewReject || dec.Category != models.CategorySpam {
		t.Errorf("r + Enter on the spam note recorded %s %q, want reject spam", dec.Action, dec.Category)
	}

	open("bare-1")
	if got := reviewtest.Eval[string](t, ctx, `document.getElementById("reason-category").value`); got != "" {
		t.Errorf("the reject dialog on a note without labels preselects %q, want no category", got)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("reason-text"), "abuse")); err != nil {
		t.Fatal(err)
	}
	enter()
	refusal("Choose a category")
	if entries, err := d.Audit.ByNote("bare-1", 10); err != nil || len(entries) != 0 {
		t.Errorf("Enter without a category recorded %v (%v), want nothing", entries, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("reason-category"), string(models.CategoryHarassment)),
		chromedp.Focus(chromedp.ID("reason-category")),
	); err != nil {
		t.Fatal(err)
	}
	enter()
	if dec := decided("bare-1"); dec.Category != models.CategoryHarassment {
		t.Errorf("after choosing harassment, recorded %q", dec.Category)
	}
	reviewtest.AssertInert(t, ctx)
}

// TestBrowserQueuedChineseNoteShowsItsTranslationWithEvidence opens, in
// the page, a Chinese spam note blocked in cn and in review in intl, as
// the translate stage leaves it (glossed into English for the reviewers),
// and a second one translated by another provider: the English shows
// beside the original, with the evidence marked in both, word for word
// through the gloss and by sentence otherwise. A screenshot goes to the
// test's folder and, when set, to NOTEGATE_SCREENSHOT_DIR.
func TestBrowserQueuedChineseNoteShowsItsTranslationWithEvidence(t *testing.T) {
	t.Parallel()
	ctx := reviewtest.Browser(t)
	gloss, err := translate.NewCedictGloss()
	if err != nil {
		t.Fatal(err)
	}
	stage, err := translate.New(translate.Config{}, []translate.Provider{gloss}, nil)
	if err != nil {
		t.Fatal(err)
	}
	spam := func(id string) *models.Note {
		const title, body = "加V信看更多", "今天天气很好。加V信 abc123 领取福利！"
		n := InReview(id, title, body)
		n.Language = models.Language{Code: "zh", Script: "Hans", Confidence: 0.98}
		n.Moderation.Decision = models.DecisionBlock
		n.Moderation.Markets = map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionReview}
		at := strings.Index(body, "加V信 abc123")
		n.Moderation.Labels = []models.Label{{Category: models.CategorySpam, Score: 0.95, Source: "contact", Evidence: []models.Evidence{
			{Field: "title", Start: 0, End: len("加V信"), Text: "加V信"},
			{Field: "body", Start: at, End: at + len("加V信 abc123"), Text: "加V信 abc123"}}}}
		return n
	}
	glossed := spam("zh-glossed")
	if err := stage.Process(context.Background(), []*models.Note{glossed}); err != nil {
		t.Fatal(err)
	}
	en := glossed.Translations["en"]
	if en.Status != models.TranslationOK {
		t.Fatalf("the translate stage left the queued note with %+v", en)
	}
	other := spam("zh-other")
	other.Translations = map[string]models.Translation{"en": {Title: "Add WeChat to see more",
		Body: "The weather is nice today. Add WeChat abc123 for benefits!", Provider: "libretranslate", Status: models.TranslationOK}}
	d := newDeskWith(t, func(_ *desk.Config, o *desk.Options) { o.Aligner = gloss }, glossed, other)
	dirs := []string{t.TempDir()}
	if dir := os.Getenv("NOTEGATE_SCREENSHOT_DIR"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	reviewtest.Login(t, ctx, d.URL, "alice", "correct horse battery")

	marks := func(selector string) []string {
		return reviewtest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll(`+"`"+selector+" mark`"+`)).map((m) => m.textContent)`)
	}
	for _, c := range []struct {
		id                    string
		title, body, tag, how string
		wantTitle, wantBody   []string
	}{
		{"zh-glossed", en.Title, en.Body, "cedict-gloss", "evidence by term", []string{"add V letter"}, []string{"add V letter abc123"}},
		{"zh-other", "Add WeChat to see more", "The weather is nice today. Add WeChat abc123 for benefits!", "libretranslate", "evidence by sentence",
			[]string{"Add WeChat to see more"}, []string{"Add WeChat abc123 for benefits!"}},
	} {
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(1400, 900),
			chromedp.WaitVisible(chromedp.CSS(`#queue li[data-note-id="`+c.id+`"]`)),
			chromedp.Click(chromedp.CSS(`#queue li[data-note-id="`+c.id+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+c.id+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#translations [data-lang="en"] .tr-body`)),
		); err != nil {
			t.Fatalf("open %s: %v", c.id, err)
		}
		box := `#translations [data-lang="en"]`
		gotTitle := reviewtest.Eval[string](t, ctx, `document.querySelector('`+box+` .tr-title').textContent`)
		gotBody := reviewtest.Eval[string](t, ctx, `document.querySelector('`+box+` .tr-body').textContent`)
		tag := reviewtest.Eval[string](t, ctx, `document.querySelector('`+box+` .tag').textContent`)
		if gotTitle != c.title || gotBody != c.body {
			t.Errorf("%s: the page shows the English %q / %q, want %q / %q", c.id, gotTitle, gotBody, c.title, c.body)
		}
		if !strings.Contains(tag, c.tag) || !strings.Contains(tag, c.how) {
			t.Errorf("%s: the translation is labelled %q, want %s and %q", c.id, tag, c.tag, c.how)
		}
		if got := marks(box + " .tr-title"); fmt.Sprint(got) != fmt.Sprint(c.wantTitle) {
			t.Errorf("%s: marked in the translated title %q, want %q", c.id, got, c.wantTitle)
		}
		if got := marks(box + " .tr-body"); fmt.Sprint(got) != fmt.Sprint(c.wantBody) {
			t.Errorf("%s: marked in the translated body %q, want %q", c.id, got, c.wantBody)
		}
		if got := marks("#orig-body"); fmt.Sprint(got) != fmt.Sprint([]string{"加V信 abc123"}) {
			t.Errorf("%s: marked in the original %q, want the contact", c.id, got)
		}
		if c.id == "zh-glossed" {
			screenshot(ctx, t, dirs, "desk-1400x900-translation-evidence.png")
		}
	}
	reviewtest.AssertInert(t, ctx)
}
