package translate_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/notegate/notegate/stages/translate"
)

// fakeGoogle speaks Cloud Translation v2: POST
// /language/translate/v2 with X-Goog-Api-Key, a JSON body with q (at most
// 128), source, target and format; {"data": {"translations":
// [{"translatedText"}]}} back; Google's error JSON otherwise.
type fakeGoogle struct {
	t *testing.T

	batchLog
}

func googleError(w http.ResponseWriter, status int, reason, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"code": status, "message": msg,
		"errors": []map[string]string{{"message": msg, "domain": "global", "reason": reason}},
	}})
}

// newFakeGoogle serves a fake and returns a provider that calls it.
func newFakeGoogle(t *testing.T) (*translate.Google, *fakeGoogle) {
	t.Helper()
	fake := &fakeGoogle{t: t}
	return mustBuild(t, translate.NewGoogle, translate.GoogleConfig{HTTPConfig: translate.HTTPConfig{URL: serve(t, fake), APIKey: "g-key"}}), fake
}

func (f *fakeGoogle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Q      []string `json:"q"`
		Source string   `json:"source"`
		Target string   `json:"target"`
		Format string   `json:"format"`
	}
	if status := readJSONPost(f.t, r, "/language/translate/v2", &req); status != 0 {
		googleError(w, status, "invalid", http.StatusText(status))
		return
	}
	if r.Header.Get("X-Goog-Api-Key") != "g-key" || r.URL.Query().Get("key") != "" {
		googleError(w, 400, "badRequest", "API key not valid. Please pass a valid API key.")
		return
	}
	if req.Format != "text" {
		f.t.Errorf("format %q, want text", req.Format)
	}
	if len(req.Q) == 0 || len(req.Q) > 128 {
		f.t.Errorf("batch of %d texts", len(req.Q))
	}
	known := []string{"en", "es", "zh-CN", "zh-TW"}
	if !slices.Contains(known, req.Source) || !slices.Contains(known, req.Target) {
		googleError(w, 400, "invalid", "Bad language pair: "+req.Source+"|"+req.Target)
		return
	}
	f.record(len(req.Q))
	out := make([]map[string]string, len(req.Q))
	for i, q := range req.Q {
		out[i] = map[string]string{"translatedText": fakeTranslation(req.Target, q)}
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"translations": out}})
}

func TestGoogleErrors(t *testing.T) {
	t.Parallel()
	gerr := func(code int, reason, msg string) string {
		b, _ := json.Marshal(map[string]any{"error": map[string]any{"code": code, "message": msg,
			"errors": []map[string]string{{"message": msg, "domain": "usageLimits", "reason": reason}}}})
		return string(b)
	}
	cases := append([]errorCase{
		{name: "a_403_user_rate_limit_is_rate_limited", status: 403, body: gerr(403, "userRateLimitExceeded", "User Rate Limit Exceeded"), want: translate.ErrRateLimited},
		{name: "a_403_daily_limit_is_the_quota", status: 403, body: gerr(403, "dailyLimitExceeded", "Daily Limit Exceeded"), want: translate.ErrQuotaExceeded},
		{name: "a_429_quota_exceeded_is_the_quota", status: 429, body: gerr(429, "quotaExceeded", "Quota Exceeded"), want: translate.ErrQuotaExceeded},
		{name: "a_400_bad_language_pair_is_an_unsupported_pair", status: 400, body: gerr(400, "invalid", "Bad language pair: en|xx"), want: translate.ErrUnsupportedPair},
		{name: "a_400_invalid_key_is_permanent", status: 400, body: gerr(400, "badRequest", "API key not valid. Please pass a valid API key."), want: translate.ErrPermanent},
		{name: "a_200_without_data_is_transient", status: 200, body: `{"translations":[]}`, want: translate.ErrTransient},
	}, commonErrorCases...)
	runErrorCases(t, cases, "en", "zh", func(url string) (*translate.Google, error) {
		return translate.NewGoogle(translate.GoogleConfig{HTTPConfig: translate.HTTPConfig{URL: url, APIKey: "k"}})
	})
}
