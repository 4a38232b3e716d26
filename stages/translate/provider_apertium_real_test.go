//go:build unix

package translate_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/translate"
	"github.com/notegate/notegate/stages/translate/translatetest"
)

// apertiumModes is where Debian's apertium-eng-spa installs its modes.
const apertiumModes = "/usr/share/apertium/modes"

// startAPy starts a real Apertium APy server on a free port and returns
// its URL; it is killed, with its pipelines, when the test ends. Without
// apertium-apy and the eng-spa modes the test skips, or fails under
// CI=true (.ci/run installs them).
func startAPy(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("apertium-apy")
	if err == nil {
		_, err = os.Stat(apertiumModes + "/eng-spa.mode")
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("apertium-apy with eng-spa is required in CI: %v", err)
		}
		t.Skipf("apertium-apy with eng-spa not installed (apt-get install apertium-apy apertium-eng-spa): %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "-p", fmt.Sprint(port), apertiumModes)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its pipelines die with it
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting apertium-apy: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(60 * time.Second)
	for wait := 50 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		resp, err := http.Get(url + "/listPairs")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return url
			}
		}
		select {
		case <-exited:
			t.Fatalf("apertium-apy exited: %s", logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("apertium-apy did not answer /listPairs within 60s: %v", err)
		}
		time.Sleep(wait)
	}
}

func TestApertiumRealServer(t *testing.T) {
	url := startAPy(t)
	p, err := translate.NewApertium(translate.ApertiumConfig{HTTPConfig: translate.HTTPConfig{URL: url}})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("conformance", func(t *testing.T) {
		translatetest.Run(t, p, []translatetest.Pair{
			{From: "en", To: "es", Texts: []string{"The cat is black.", "I love tacos #food @amy 😂 https://example.com/a?b=c"}},
			{From: "es", To: "en", Texts: []string{"El perro es feliz.", "¿Dónde está la biblioteca?"}},
		}, translatetest.Pair{From: "en", To: "zh"})
	})

	t.Run("the_provider_translates_english_and_spanish_both_ways", func(t *testing.T) {
		for _, tc := range []struct{ from, to, text, want string }{
			{"en", "es", "The cat is black", "gato"},
			{"en", "es", "My dog is happy", "perro"},
			{"es", "en", "El gato es negro", "cat"},
			{"es", "en", "Tengo dos perros", "dogs"},
		} {
			out, err := p.Translate(context.Background(), tc.from, tc.to, []string{tc.text})
			if err != nil {
				t.Fatalf("%s→%s %q: %v", tc.from, tc.to, tc.text, err)
			}
			if !strings.Contains(strings.ToLower(out[0]), tc.want) || strings.ContainsAny(out[0], "*#@") {
				t.Errorf("%s→%s %q → %q, want it to contain %q and no unknown-word marks", tc.from, tc.to, tc.text, out[0], tc.want)
			}
			t.Logf("%s→%s %q → %q", tc.from, tc.to, tc.text, out[0])
		}
	})

	t.Run("the_translate_stage_routes_english_and_spanish_notes_through_apertium", func(t *testing.T) {
		gloss, err := translate.NewCedictGloss()
		if err != nil {
			t.Fatal(err)
		}
		stage, err := translate.New(translate.Config{
			Targets:   []string{"en", "es"},
			Providers: []string{translate.CedictGlossName},
			Pairs:     map[string][]string{"en-es": {"apertium"}, "es-en": {"apertium"}},
		}, []translate.Provider{gloss, p}, nil)
		if err != nil {
			t.Fatal(err)
		}
		mk := func(id, lang, title, body string) *models.Note {
			n := &models.Note{Language: models.Language{Code: lang}}
			n.NoteID, n.Title, n.Body = id, title, body
			n.Moderation.Decision = models.DecisionAllow
			return n
		}
		en := mk("n-en", "en", "My new cat", "The cat is black and very small.")
		es := mk("n-es", "es", "Mi perro", "El perro come pan en la casa.")
		if err := stage.Process(context.Background(), []*models.Note{en, es}); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			note   *models.Note
			target string
			want   []string
		}{
			{en, "es", []string{"gato", "negro"}},
			{es, "en", []string{"dog", "bread"}},
		} {
			tr := tc.note.Translations[tc.target]
			if tr.Status != models.TranslationOK || tr.Provider != "apertium" {
				t.Fatalf("%s → %s: %+v, want ok by apertium", tc.note.NoteID, tc.target, tr)
			}
			got := strings.ToLower(tr.Title + " " + tr.Body)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s → %s: %q lacks %q", tc.note.NoteID, tc.target, got, w)
				}
			}
			t.Logf("%s → %s: %q / %q", tc.note.NoteID, tc.target, tr.Title, tr.Body)
		}
	})
}
