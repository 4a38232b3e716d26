// Package reviewtest drives the reviewer desk's page in headless Chromium
// for the browser tests of package desk and of the dev command.
package reviewtest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPaths are where Debian and others install Chromium.
var chromiumPaths = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}

// Tripwire is evaluated in every document before the page's own script:
// anything that manages to call alert, confirm or prompt, or to set
// window.__pwned, is counted, and every CSP violation is recorded.
const Tripwire = `
window.__pwned = 0;
window.__csp = [];
for (const f of ["alert", "confirm", "prompt"]) { window[f] = function () { window.__pwned++; }; }
document.addEventListener("securitypolicyviolation", function (e) { window.__csp.push(e.violatedDirective + " " + e.blockedURI); });
`

// Browser starts a fresh headless Chromium (its own profile folder) and
// returns a chromedp context with the tripwire installed, cancelled when
// the test ends. It skips the test when Chromium is missing, unless
// CI=true, where it fails.
func Browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, p := range chromiumPaths {
		if _, err := exec.LookPath(p); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is missing (apt-get install chromium)")
		}
		t.Skip("chromium is missing; apt-get install chromium to run the browser tests")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	// The limit only keeps a broken page from hanging the suite.
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: Tripwire})
		return err
	})); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Another opens a second page in the browser of ctx (from Browser) with
// cookies and storage of its own, as a second person at another computer
// has, with the tripwire installed; it is closed when the test ends.
func Another(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	other, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(other, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: Tripwire})
		return err
	})); err != nil {
		t.Fatalf("open a second browser context: %v", err)
	}
	return other
}

// Login opens the desk at base and logs in through the form.
func Login(t *testing.T, ctx context.Context, base, name, password string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/review/"),
		chromedp.WaitVisible(chromedp.ID("login-name")),
		chromedp.SendKeys(chromedp.ID("login-name"), name),
		chromedp.SendKeys(chromedp.ID("login-password"), password),
		chromedp.Click(chromedp.CSS(`#login-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"], body[data-state="queue"]`)),
	)
	if err != nil {
		t.Fatalf("log in as %s: %v", name, err)
	}
}

// WaitState waits until the page's body data-state is state.
func WaitState(state string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.CSS(`body[data-state="` + state + `"]`))
}

// Eval evaluates a JavaScript expression in the page.
func Eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// AssertInert fails unless no injected script ran and no CSP violation
// happened.
func AssertInert(t *testing.T, ctx context.Context) {
	t.Helper()
	pwned := Eval[int](t, ctx, `window.__pwned`)
	csp := Eval[[]string](t, ctx, `window.__csp`)
	// The only links the page makes are its own note links: class
	// note-link, an href to a note in this page ("#…"), a data-note-id,
	// and nothing else.
	foreign := Eval[int](t, ctx, `document.querySelectorAll("#queue img, #queue script, #queue svg, #queue iframe, #detail img, #detail script, #detail svg, #detail iframe").length +
  Array.from(document.querySelectorAll("#queue a, #detail a")).filter((a) => !(a.className === "note-link" &&
    (a.getAttribute("href") || "").startsWith("#") && Array.from(a.attributes).every((x) => ["class", "href", "data-note-id", "id"].includes(x.name)))).length`)
	if pwned != 0 || len(csp) != 0 || foreign != 0 {
		t.Errorf("user text was not inert: %d script calls, CSP violations %v, %d elements made from user text", pwned, csp, foreign)
	}
}
