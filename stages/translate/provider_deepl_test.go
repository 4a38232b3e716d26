package translate_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/notegate/notegate/stages/translate"
)

// fakeDeepL speaks DeepL's /v2/translate: JSON text array (at most 50),
// source_lang and target_lang, "Authorization: DeepL-Auth-Key …";
// {"translations": [{"detected_source_language", "text"}]} back;
// {"message": …} errors, 403 for a bad key.
type fakeDeepL struct {
	t *testing.T

	batchLog
}

// newFakeDeepL serves a fake and returns a provider that calls it.
func newFakeDeepL(t *testing.T) (*translate.DeepL, *fakeDeepL) {
	t.Helper()
	fake := &fakeDeepL{t: t}
	return mustBuild(t, translate.NewDeepL, translate.DeepLConfig{HTTPConfig: translate.HTTPConfig{URL: serve(t, fake), APIKey: "dl-key:fx"}}), fake
}

func (f *fakeDeepL) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	fail := func(status int, msg string) {
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
	}
	var req struct {
		Text               []string `json:"text"`
		SourceLang         string   `json:"source_lang"`
		TargetLang         string   `json:"target_lang"`
		PreserveFormatting bool     `json:"preserve_formatting"`
	}
	if status := readJSONPost(f.t, r, "/v2/translate", &req); status != 0 {
		fail(status, http.StatusText(status))
		return
	}
	if r.Header.Get("Authorization") != "DeepL-Auth-Key dl-key:fx" {
		fail(http.StatusForbidden, "Wrong endpoint. Use https://api.deepl.com")
		return
	}
	if len(req.Text) == 0 || len(req.Text) > 50 {
		fail(http.StatusBadRequest, "Too many texts")
		f.t.Errorf("batch of %d texts", len(req.Text))
		return
	}
	if !slices.Contains([]string{"EN", "ZH", "ES"}, req.SourceLang) {
		fail(http.StatusBadRequest, "Value for 'source_lang' not supported.")
		return
	}
	if !slices.Contains([]string{"EN-US", "EN-GB", "ZH-HANS", "ZH-HANT", "ES"}, req.TargetLang) {
		fail(http.StatusBadRequest, "Value for 'target_lang' not supported.")
		return
	}
	f.record(len(req.Text))
	type tr struct {
		Detected string `json:"detected_source_language"`
		Text     string `json:"text"`
	}
	out := make([]tr, len(req.Text))
	for i, q := range req.Text {
		out[i] = tr{req.SourceLang, fakeTranslation(req.TargetLang, q)}
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"translations": out})
}

func TestDeepL(t *testing.T) {
	t.Parallel()
	t.Run("a_traditional_chinese_source_is_sent_as_zh_and_english_gets_its_variant", func(t *testing.T) {
		t.Parallel()
		p, _ := newFakeDeepL(t)
		out, err := p.Translate(context.Background(), "zh-Hant", "en", []string{"你好"})
		if err != nil || out[0] != "⟨EN-US⟩你好" {
			t.Errorf("zh-Hant→en: %q, %v", out, err)
		}
	})
	t.Run("a_free_key_uses_the_free_endpoint", func(t *testing.T) {
		t.Parallel()
		if got := (translate.DeepLConfig{HTTPConfig: translate.HTTPConfig{APIKey: "k:fx"}}).WithDefaults().URL; got != translate.DeepLFreeURL {
			t.Errorf("URL %q, want %q", got, translate.DeepLFreeURL)
		}
		if got := (translate.DeepLConfig{HTTPConfig: translate.HTTPConfig{APIKey: "k"}}).WithDefaults().URL; got != translate.DeepLProURL {
			t.Errorf("URL %q, want %q", got, translate.DeepLProURL)
		}
	})
	t.Run("a_missing_key_or_a_batch_over_fifty_is_a_config_error", func(t *testing.T) {
		t.Parallel()
		if _, err := translate.NewDeepL(translate.DeepLConfig{}); err == nil {
			t.Error("no error without a key")
		}
		if _, err := translate.NewDeepL(translate.DeepLConfig{HTTPConfig: translate.HTTPConfig{APIKey: "k", BatchSize: 51}}); err == nil {
			t.Error("no error for batch_size 51")
		}
	})
}

func TestDeepLErrors(t *testing.T) {
	t.Parallel()
	cases := append([]errorCase{
		{name: "a_456_is_the_quota", status: 456, body: `{"message":"Quota exceeded"}`, want: translate.ErrQuotaExceeded},
		{name: "a_429_is_rate_limited_with_its_retry_after", status: 429, header: map[string]string{"Retry-After": "2"}, body: `{"message":"Too many requests"}`, want: translate.ErrRateLimited, retryAfter: 2e9},
		{name: "a_529_high_load_is_rate_limited", status: 529, body: `{"message":"Too many requests, DeepL servers are currently experiencing high load"}`, want: translate.ErrRateLimited},
		{name: "a_400_target_lang_not_supported_is_an_unsupported_pair", status: 400, body: `{"message":"Value for 'target_lang' not supported."}`, want: translate.ErrUnsupportedPair},
		{name: "a_403_wrong_key_is_permanent", status: 403, body: `{"message":"Authorization failure, check auth_key"}`, want: translate.ErrPermanent},
		{name: "a_413_too_large_is_permanent", status: 413, body: `{"message":"Request Entity Too Large"}`, want: translate.ErrPermanent},
		{name: "a_200_with_a_translation_without_text_is_transient", status: 200, body: `{"translations":[{"detected_source_language":"EN"}]}`, want: translate.ErrTransient},
	}, commonErrorCases...)
	runErrorCases(t, cases, "en", "zh", func(url string) (*translate.DeepL, error) {
		return translate.NewDeepL(translate.DeepLConfig{HTTPConfig: translate.HTTPConfig{URL: url, APIKey: "k"}})
	})
}
