package translate_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/notegate/notegate/stages/translate"
	"github.com/notegate/notegate/stages/translate/translatetest"
)

// fakeAPy speaks Apertium APy: GET /listPairs, and /translate with
// langpair=eng|spa and q as form or query values, markUnknown, format;
// {"responseData": {"translatedText"}, "responseDetails": null,
// "responseStatus": 200} back; {"status": "error", "code", "message",
// "explanation"} for errors, as the real server does.
type fakeAPy struct {
	t         *testing.T
	listCalls atomic.Int32
}

func apyError(w http.ResponseWriter, code int, explanation string) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]any{"status": "error", "code": code, "message": http.StatusText(code), "explanation": explanation})
}

func (f *fakeAPy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/listPairs":
		f.listCalls.Add(1)
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		_, _ = w.Write([]byte(`{"responseData": [{"sourceLanguage": "spa", "targetLanguage": "eng"}, {"sourceLanguage": "spa", "targetLanguage": "eng_US"}, {"sourceLanguage": "eng", "targetLanguage": "spa"}], "responseDetails": null, "responseStatus": 200}`))
		return
	case "/translate":
	default:
		f.t.Errorf("request %s %s", r.Method, r.URL.Path)
		apyError(w, 404, "Not Found")
		return
	}
	if err := r.ParseForm(); err != nil {
		apyError(w, 400, "bad form")
		return
	}
	if r.FormValue("markUnknown") != "no" || r.FormValue("format") != "txt" {
		f.t.Errorf("markUnknown=%q format=%q, want no and txt", r.FormValue("markUnknown"), r.FormValue("format"))
	}
	if _, ok := r.Form["q"]; !ok {
		apyError(w, 400, "Missing argument q")
		return
	}
	lp := r.FormValue("langpair")
	if lp != "eng|spa" && lp != "spa|eng" {
		apyError(w, 400, "That pair is not installed")
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"responseData":    map[string]string{"translatedText": fakeTranslation(lp[4:], r.FormValue("q"))},
		"responseDetails": nil, "responseStatus": 200,
	})
}

func TestApertiumConformance(t *testing.T) {
	fake := &fakeAPy{t: t}
	p := mustBuild(t, translate.NewApertium, translate.ApertiumConfig{HTTPConfig: translate.HTTPConfig{URL: serve(t, fake)}})
	translatetest.Run(t, p, []translatetest.Pair{
		{From: "en", To: "es", Texts: []string{"The cat is black", "I love tacos #food @amy 😂"}},
		{From: "es", To: "en", Texts: []string{"El gato es negro", "¿Dónde está la biblioteca?"}},
	}, translatetest.Pair{From: "en", To: "fr"})
	if n := fake.listCalls.Load(); n != 1 {
		t.Errorf("/listPairs asked %d times, want once (cached)", n)
	}
}

func TestApertium(t *testing.T) {
	t.Parallel()
	t.Run("outer_white_space_of_the_source_is_kept", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/listPairs" {
				_, _ = w.Write([]byte(`{"responseData":[{"sourceLanguage":"eng","targetLanguage":"spa"}]}`))
				return
			}
			_, _ = w.Write([]byte(`{"responseData":{"translatedText":"  hola "},"responseDetails":null,"responseStatus":200}`))
		}))
		defer srv.Close()
		p, err := translate.NewApertium(translate.ApertiumConfig{HTTPConfig: translate.HTTPConfig{URL: srv.URL}})
		if err != nil {
			t.Fatal(err)
		}
		out, err := p.Translate(context.Background(), "en", "es", []string{"hello\n"})
		if err != nil || out[0] != "hola\n" {
			t.Fatalf("got %q, %v; want \"hola\\n\"", out, err)
		}
	})
	t.Run("languages_without_an_iso_639_3_code_are_unsupported_without_a_call", func(t *testing.T) {
		t.Parallel()
		p, err := translate.NewApertium(translate.ApertiumConfig{HTTPConfig: translate.HTTPConfig{URL: "http://127.0.0.1:1"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Translate(context.Background(), "en", "xx", []string{"x"}); !errors.Is(err, translate.ErrUnsupportedPair) {
			t.Fatalf("error = %v, want ErrUnsupportedPair", err)
		}
	})
	t.Run("an_unreachable_server_is_transient", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewServer(http.NotFoundHandler())
		url := srv.URL
		srv.Close()
		p, err := translate.NewApertium(translate.ApertiumConfig{HTTPConfig: translate.HTTPConfig{URL: url}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Translate(context.Background(), "en", "es", []string{"x"}); !errors.Is(err, translate.ErrTransient) {
			t.Fatalf("error = %v, want ErrTransient", err)
		}
	})
}

func TestApertiumErrors(t *testing.T) {
	t.Parallel()
	cases := append([]errorCase{
		{name: "a_400_pair_not_installed_is_an_unsupported_pair", status: 400, body: `{"status":"error","code":400,"message":"Bad Request","explanation":"That pair is not installed"}`, want: translate.ErrUnsupportedPair},
		{name: "a_400_missing_argument_is_permanent", status: 400, body: `{"status":"error","code":400,"message":"Bad Request","explanation":"Missing argument q"}`, want: translate.ErrPermanent},
		{name: "a_503_stuck_pipeline_is_transient", status: 503, body: `{"status":"error","code":503,"message":"Service Unavailable","explanation":"internal error"}`, want: translate.ErrTransient},
		{name: "a_200_without_translated_text_is_transient", status: 200, body: `{"responseData":{},"responseStatus":200}`, want: translate.ErrTransient},
	}, commonErrorCases...)
	runErrorCases(t, cases, "en", "es", func(url string) (*translate.Apertium, error) {
		return translate.NewApertium(translate.ApertiumConfig{HTTPConfig: translate.HTTPConfig{URL: url}})
	})
}
