package translate_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/notegate/notegate/stages/translate"
)

// fakeLibreTranslate speaks LibreTranslate's /translate: a JSON body with
// q as an array, source, target, format and api_key; {"translatedText":
// [...]} back; {"error": "..."} with 400, 403 and 429 as the real server
// does. It loads en, es and zh/zt only.
type fakeLibreTranslate struct {
	t        *testing.T
	apiKey   string
	maxBatch int

	batchLog
}

// newFakeLibreTranslate serves a fake and returns a provider that calls it.
func newFakeLibreTranslate(t *testing.T) (*translate.LibreTranslate, *fakeLibreTranslate) {
	t.Helper()
	fake := &fakeLibreTranslate{t: t, apiKey: "lt-key", maxBatch: 4}
	return mustBuild(t, translate.NewLibreTranslate, translate.LibreTranslateConfig{HTTPConfig: translate.HTTPConfig{URL: serve(t, fake), APIKey: "lt-key", BatchSize: 4}}), fake
}

func (f *fakeLibreTranslate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	fail := func(status int, msg string) {
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		f.t.Errorf("Content-Type %q, want application/json", ct)
	}
	var req struct {
		Q      []string `json:"q"`
		Source string   `json:"source"`
		Target string   `json:"target"`
		Format string   `json:"format"`
		APIKey string   `json:"api_key"`
	}
	if status := readJSONPost(f.t, r, "/translate", &req); status != 0 {
		fail(status, http.StatusText(status))
		return
	}
	if req.APIKey != f.apiKey {
		fail(http.StatusForbidden, "Invalid API key")
		return
	}
	if req.Format != "text" {
		f.t.Errorf("format %q, want text", req.Format)
	}
	if len(req.Q) == 0 || len(req.Q) > f.maxBatch {
		f.t.Errorf("batch of %d texts, want 1..%d", len(req.Q), f.maxBatch)
	}
	loaded := []string{"en", "es", "zh", "zt"}
	for _, l := range []string{req.Source, req.Target} {
		if !slices.Contains(loaded, l) {
			fail(http.StatusBadRequest, l+" is not supported")
			return
		}
	}
	f.record(len(req.Q))
	out := make([]string, len(req.Q))
	for i, q := range req.Q {
		out[i] = fakeTranslation(req.Target, q)
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
}

func TestLibreTranslate(t *testing.T) {
	t.Parallel()
	t.Run("languages_outside_the_configured_list_are_unsupported_without_a_call", func(t *testing.T) {
		t.Parallel()
		p, err := translate.NewLibreTranslate(translate.LibreTranslateConfig{HTTPConfig: translate.HTTPConfig{URL: "http://127.0.0.1:1", Languages: []string{"en", "zh"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Translate(context.Background(), "en", "es", []string{"x"}); !errors.Is(err, translate.ErrUnsupportedPair) {
			t.Fatalf("error = %v, want ErrUnsupportedPair", err)
		}
	})
	t.Run("a_missing_url_is_a_config_error", func(t *testing.T) {
		t.Parallel()
		if _, err := translate.NewLibreTranslate(translate.LibreTranslateConfig{}); err == nil {
			t.Fatal("no error for an empty URL")
		}
	})
}

func TestLibreTranslateErrors(t *testing.T) {
	t.Parallel()
	cases := append([]errorCase{
		{name: "a_400_not_supported_is_an_unsupported_pair", status: 400, body: `{"error":"ja is not supported"}`, want: translate.ErrUnsupportedPair},
		{name: "a_400_invalid_request_is_permanent", status: 400, body: `{"error":"Invalid request: missing q parameter"}`, want: translate.ErrPermanent},
		{name: "a_403_invalid_api_key_is_permanent", status: 403, body: `{"error":"Invalid API key"}`, want: translate.ErrPermanent},
		{name: "a_429_slowdown_is_rate_limited", status: 429, body: `{"error":"Too many request limits violations"}`, want: translate.ErrRateLimited},
		{name: "a_500_cannot_translate_is_transient", status: 500, body: `{"error":"Cannot translate text: out of memory"}`, want: translate.ErrTransient},
		{name: "a_200_without_translatedText_is_transient", status: 200, body: `{"detectedLanguage":{}}`, want: translate.ErrTransient},
		{name: "a_200_with_too_few_translations_is_transient", status: 200, body: `{"translatedText":[]}`, want: translate.ErrTransient},
		{name: "a_200_with_a_string_instead_of_an_array_is_transient", status: 200, body: `{"translatedText":"hola"}`, want: translate.ErrTransient},
	}, commonErrorCases...)
	runErrorCases(t, cases, "en", "es", func(url string) (*translate.LibreTranslate, error) {
		return translate.NewLibreTranslate(translate.LibreTranslateConfig{HTTPConfig: translate.HTTPConfig{URL: url}})
	})
}
