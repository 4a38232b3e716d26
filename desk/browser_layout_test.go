package desk_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index/indextest"
)

// layoutProblems is evaluated in the page and lists, in sentences, what a
// person would see wrong: an element with the hidden attribute that
// still takes room, the login form after login, two visible interactive
// elements (buttons, inputs, selects, queue items, the note panel, the
// key bar, the context's links) on top of each other, content cut off at
// the right edge or sticking out of a pane that then scrolls sideways, and
// text too small to read. An element counts as visible where it is not
// clipped away by a scrolling ancestor or the viewport.
const layoutProblems = `(() => {
  const out = [];
  const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (e.dataset && e.dataset.noteId ? "[" + e.dataset.noteId + "]" : "") +
    (e.tagName === "BUTTON" ? "(" + e.textContent.trim().slice(0, 30) + ")" : "");
  // shown is the part of e's box a person can see, or null.
  const shown = (e) => {
    const cs = getComputedStyle(e);
    if (cs.display === "none" || cs.visibility !== "visible" || Number(cs.opacity) === 0) return null;
    let r = e.getBoundingClientRect();
    let box = { l: r.left, t: r.top, r: r.right, b: r.bottom };
    const cut = (c) => { box = { l: Math.max(box.l, c.left), t: Math.max(box.t, c.top), r: Math.min(box.r, c.right), b: Math.min(box.b, c.bottom) }; };
    if (cs.position !== "fixed") {
      for (let a = e.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const acs = getComputedStyle(a);
        if (acs.overflowX !== "visible" || acs.overflowY !== "visible") cut(a.getBoundingClientRect());
        if (acs.position === "fixed") break;
      }
    }
    cut({ left: 0, top: 0, right: vw, bottom: vh });
    return box.r - box.l > 0 && box.b - box.t > 0 ? box : null;
  };
  for (const e of document.querySelectorAll("[hidden]")) {
    const r = e.getBoundingClientRect();
    if (r.width !== 0 || r.height !== 0 || getComputedStyle(e).display !== "none") {
      out.push(name(e) + " has the hidden attribute but is displayed " + getComputedStyle(e).display + ", " + r.width + "x" + r.height);
    }
  }
  if (shown(document.getElementById("login-form"))) out.push("the login form is visible after login");
  const items = Array.from(document.querySelectorAll("button, input, select, #queue li, #detail, footer, #context a"))
    .map((e) => ({ e, box: shown(e) })).filter((x) => x.box);
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
      const w = Math.min(a.box.r, b.box.r) - Math.max(a.box.l, b.box.l);
      const h = Math.min(a.box.b, b.box.b) - Math.max(a.box.t, b.box.t);
      if (w > 1 && h > 1) out.push(name(a.e) + " overlaps " + name(b.e) + " by " + Math.round(w) + "x" + Math.round(h) + " px");
    }
  }
  if (document.documentElement.scrollWidth > vw + 1) out.push("the page is " + document.documentElement.scrollWidth + " px wide in a " + vw + " px viewport");
  // A pane that scrolls sideways hides what sticks out past its edge.
  for (const e of document.querySelectorAll("body *")) {
    const cs = getComputedStyle(e);
    if ((cs.overflowX === "auto" || cs.overflowX === "scroll") && shown(e) && e.scrollWidth > e.clientWidth + 1) {
      out.push(name(e) + " scrolls sideways: " + e.scrollWidth + " px of content in " + e.clientWidth + " px");
    }
  }
  for (const e of document.querySelectorAll("body *")) {
    const r = e.getBoundingClientRect();
    if (!shown(e) || r.width === 0) continue;
    if (e.matches("button, input, select, #queue li, #detail, header, footer, #desk, #queue-pane, #context, #context a") && r.right > vw + 1) {
      out.push(name(e) + " is cut off at the right edge (" + Math.round(r.right) + " > " + vw + ")");
    }
    const own = Array.from(e.childNodes).some((c) => c.nodeType === 3 && c.textContent.trim() !== "");
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (own && size < 11) out.push(name(e) + " text is " + size + " px");
  }
  return out;
})()`

// uncovered is evaluated in the page: the names of the elements matching
// the selector that are not what a click at their centre reaches.
func uncovered(selector string) string {
	return `Array.from(document.querySelectorAll(` + "`" + selector + "`" + `)).filter((e) => {
  const r = e.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !(hit && (hit === e || e.contains(hit)));
}).map((e) => {
  const r = e.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return e.textContent.trim() + " (under " + (hit ? hit.tagName.toLowerCase() + (hit.id ? "#" + hit.id : "") : "nothing") + ")";
})`
}

// TestBrowserLayoutWhatAPersonSees logs in with a queue longer than the
// screen, at a desktop size and at a phone size, clicks the last queued
// note, finds its near-duplicates and scrolls the bulk buttons as far
// down as they go, takes a screenshot and checks what a person sees:
// hidden things take no room, the login form is gone, nothing
// interactive overlaps anything else, the key bar covers no button, the
// note stays in view, nothing is cut off and text is readable.
// Screenshots go to the test's temporary folder and, when set, to
// NOTEGATE_SCREENSHOT_DIR.
func TestBrowserLayoutWhatAPersonSees(t *testing.T) {
	t.Parallel()
	ctx := reviewtest.Browser(t)
	var notes []*models.Note
	for i := range 6 {
		n := InReview(fmt.Sprintf("campaign-%d", i), "cheap followers for your account",
			fmt.Sprintf("buy 1000 real followers now, dm me on telegram @followerz%d, fast delivery guaranteed", i))
		n.AuthorID = "u-campaign"
		notes = append(notes, n)
	}
	for i := range 10 {
		notes = append(notes, InReview(fmt.Sprintf("note-%02d", i), fmt.Sprintf("weekend trip to the lake, day %d", i),
			"We rented a cabin by the water. The mornings were cold but the coffee was good and the view was worth it."))
	}
	// A comment in the queue, on a long Chinese note that is not, by the
	// campaign's author: its context has a parent, a thread and an
	// author with six more notes.
	lake := indextest.Note("lake-post", 1, "zh", "湖边小屋周末", strings.Repeat("我们在湖边租了一间小屋，早上很冷但是咖啡很好喝，风景也值得。", 8), "cn", "intl")
	lake.Translations = map[string]models.Translation{"en": {Title: "A weekend in a lakeside cabin",
		Body: strings.Repeat("We rented a cabin by the lake; the mornings were cold but the coffee was good and the view was worth it. ", 8), Provider: "test", Status: models.TranslationOK}}
	notes = append(notes, lake)
	comment := InReview("comment-1", "", "nice view! get 1000 followers for your cabin photos, dm me on telegram @followerz")
	comment.Kind, comment.ParentID, comment.AuthorID = models.KindComment, "lake-post", "u-campaign"
	notes = append(notes, comment)
	for i := range 3 {
		c := indextest.Note(fmt.Sprintf("lake-comment-%d", i), 1, "en", "", strings.Repeat("what a lovely place, which lake is it? ", i+1), "cn", "intl")
		c.Kind, c.ParentID = models.KindComment, "lake-post"
		notes = append(notes, c)
	}
	long := InReview("long-url", "https://example.com/"+strings.Repeat("averyveryverylongpathsegment/", 8),
		strings.Repeat("unbroken", 40)+" and then some ordinary words that wrap as usual.")
	zh := InReview("zh-1", "加V信看更多", "加V信 abc123 领取福利，每天都有新内容。")
	zh.Language = models.Language{Code: "zh", Script: "Hans", Confidence: 0.98}
	zh.Translations = map[string]models.Translation{"en": {Title: "add WeChat to see more", Body: "add WeChat abc123 to get benefits, new content every day.", Provider: "cedict-gloss", Status: models.TranslationOK}}
	risk := InReview("risk-1", "i can't do this anymore", "nobody would notice if i was gone")
	risk.Moderation.Labels = []models.Label{{Category: models.CategorySelfHarm, Score: 0.8, Source: "test"}}
	risk.Moderation.Support = &models.Support{Category: models.CategorySelfHarm, ShowResources: true}
	risk.Moderation.Urgent = models.CategorySelfHarm
	notes = append(notes, long, zh, risk)
	d := newDesk(t, notes...)

	dirs := screenshotDirs(t)
	reviewtest.Login(t, ctx, d.URL, "alice", "correct horse battery")

	for _, size := range []struct {
		name          string
		width, height int64
		opts          []chromedp.EmulateViewportOption
	}{{"desktop", 1400, 900, nil}, {"phone", 390, 844, []chromedp.EmulateViewportOption{chromedp.EmulateMobile}}} {
		t.Run(size.name, func(t *testing.T) {
			wctx, cancel := context.WithTimeout(ctx, time.Minute)
			defer cancel()
			last := reviewtest.Eval[string](t, ctx, `Array.from(document.querySelectorAll("#queue li")).pop().dataset.noteId`)
			first := reviewtest.Eval[string](t, ctx, `document.querySelector("#queue li").dataset.noteId`)
			// A real click, as a person makes it: chromedp scrolls the
			// item into view first, and fails if something covers it.
			if err := chromedp.Do(wctx,
				chromedp.EmulateViewport(size.width, size.height, size.opts...),
				chromedp.Evaluate[chromedp.Void](`document.querySelector('#queue li[data-note-id="`+first+`"]').click()`),
				chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+first+`"]`)),
				chromedp.Click(chromedp.CSS(`#queue li[data-note-id="`+last+`"]`)),
				chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+last+`"]`)),
			); err != nil {
				t.Fatalf("click the last queued note %s: %v", last, err)
			}
			screenshot(wctx, t, dirs, fmt.Sprintf("desk-%dx%d-note.png", size.width, size.height))
			if hidden := reviewtest.Eval[[]string](t, ctx, uncovered(`#orig-title, #claim-line`)); len(hidden) > 0 {
				t.Errorf("after clicking the last queued note, its panel is out of view or covered: %q", hidden)
			}
			if err := chromedp.Do(wctx,
				chromedp.Evaluate[chromedp.Void](`document.querySelector('#queue li[data-note-id="campaign-5"]').click()`),
				chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="campaign-5"]`)),
				chromedp.Click(chromedp.ID("find-similar")),
				chromedp.WaitVisible(chromedp.CSS(`#similar button`)),
				// As far down as the bulk buttons go: where a fixed bar
				// would cover them.
				chromedp.Evaluate[chromedp.Void](`Array.from(document.querySelectorAll("#similar button")).pop().scrollIntoView({ block: "end" })`),
				chromedp.Sleep(100*time.Millisecond),
			); err != nil {
				t.Fatalf("find near-duplicates of campaign-5: %v", err)
			}
			screenshot(wctx, t, dirs, fmt.Sprintf("desk-%dx%d-bulk.png", size.width, size.height))
			if covered := reviewtest.Eval[[]string](t, ctx, uncovered(`#similar button`)); len(covered) > 0 {
				t.Errorf("bulk buttons a click cannot reach: %q", covered)
			}
			for _, p := range reviewtest.Eval[[]string](t, ctx, layoutProblems) {
				t.Error(p)
			}

			// The context of a comment, with the author's notes shown
			// (h) and hidden again (h).
			if err := chromedp.Do(wctx,
				chromedp.Evaluate[chromedp.Void](`document.querySelector('#queue li[data-note-id="comment-1"]').click()`),
				chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="comment-1"] #parent`)),
				chromedp.KeyEvent("h"),
				chromedp.WaitVisible(chromedp.ID("author-notes")),
				chromedp.Evaluate[chromedp.Void](`document.getElementById("context").scrollIntoView({ block: "start" })`),
			); err != nil {
				t.Fatalf("open the context of comment-1: %v", err)
			}
			screenshot(wctx, t, dirs, fmt.Sprintf("desk-%dx%d-context.png", size.width, size.height))
			for _, control := range []string{"parent-link", "author-toggle"} {
				if err := chromedp.Do(wctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("`+control+`").scrollIntoView({ block: "center" })`)); err != nil {
					t.Fatal(err)
				}
				if covered := reviewtest.Eval[[]string](t, ctx, uncovered(`#`+control)); len(covered) > 0 {
					t.Errorf("a context control a click cannot reach: %q", covered)
				}
			}
			for _, p := range reviewtest.Eval[[]string](t, ctx, layoutProblems) {
				t.Error("author's notes shown: " + p)
			}
			if err := chromedp.Do(wctx, chromedp.KeyEvent("h"), chromedp.WaitNotVisible(chromedp.ID("author-notes"))); err != nil {
				t.Fatalf("hide the author's notes: %v", err)
			}
			for _, p := range reviewtest.Eval[[]string](t, ctx, layoutProblems) {
				t.Error("author's notes hidden: " + p)
			}
		})
	}
	reviewtest.AssertInert(t, ctx)
}

// screenshotDirs are the folders screenshots go to: the test's temporary
// folder and, when set, NOTEGATE_SCREENSHOT_DIR.
func screenshotDirs(t *testing.T) []string {
	t.Helper()
	dirs := []string{t.TempDir()}
	if dir := os.Getenv("NOTEGATE_SCREENSHOT_DIR"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	return dirs
}

// screenshot writes what the page shows now to file in every folder of dirs.
func screenshot(ctx context.Context, t *testing.T, dirs []string, file string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", file, err)
	}
	for _, dir := range dirs {
		path := filepath.Join(dir, file)
		if err := os.WriteFile(path, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s", path)
	}
}
