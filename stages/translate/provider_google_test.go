package translate_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/notegate/notegate/stages/translate"
	"github.com/notegate/notegate/stages/translate/translatetest"
)

// fakeGoogle speaks Cloud Translation v2: POST
// /language/translate/v2 with X-Goog-Api-Key, a JSON body with q (at most
// 128), source, target and format; {"data": {"translations":
// [{"translatedText"}]}} back; Google's error JSON otherwise.
type fakeGoogle struct {
	t *testing.T

	mu      sync.Mutex
	batches []int
}

func googleError(w http.ResponseWriter, status int, reason, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"code": status, "message": msg,
		"errors": []map[string]string{{"message": msg, "domain": "global", "reason": reason}},
	}})
}

func (f *fakeGoogle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/language/translate/v2" {
		f.t.Errorf("request %s %s, want POST /language/translate/v2", r.Method, r.URL.Path)
		googleError(w, 404, "notFound", "Not Found")
		return
	}
	if r.Header.Get("X-Goog-Api-Key") != "g-key" || r.URL.Query().Get("key") != "" {
		googleError(w, 400, "badRequest", "API key not valid. Please pass a valid API key.")
		return
	}
	var req struct {
		Q      []string `json:"q"`
		Source string   `json:"source"`
		Target string   `json:"target"`
		Format string   `json:"format"`
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		f.t.Errorf("request body: %v", err)
		googleError(w, 400, "invalid", "Invalid JSON payload")
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
	f.mu.Lock()
	f.batches = append(f.batches, len(req.Q))
	f.mu.Unlock()
	out := make([]map[string]string, len(req.Q))
	for i, q := range req.Q {
		out[i] = map[string]string{"translatedText": fakeTranslation(req.Target, q)}
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"translations": out}})
}

func newFakeGoogle(t *testing.T) (*translate.Google, *fakeGoogle) {
	t.Helper()
	fake := &fakeGoogle{t: t}
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	p, err := translate.NewGoogle(translate.GoogleConfig{HTTPConfig: translate.HTTPConfig{URL: srv.URL, APIKey: "g-key"}})
	if err != nil {
		t.Fatal(err)
	}
	return p, fake
}

func TestGoogleConformance(t *testing.T) {
	p, _ := newFakeGoogle(t)
	translatetest.Run(t, p, []translatetest.Pair{
		{From: "zh", To: "en", Texts: []string{"火锅推荐", "這家餐廳的牛肉麵超級好吃", "😂"}},
		{From: "en", To: "zh", Texts: []string{"hello from Ohio", "I love hotpot #food @amy"}},
	}, translatetest.Pair{From: "en", To: "xh"})
}

func TestGoogle(t *testing.T) {
	t.Parallel()
	t.Run("chinese_scripts_map_to_zh_CN_and_zh_TW", func(t *testing.T) {
		t.Parallel()
		p, _ := newFakeGoogle(t)
		for _, tc := range []struct{ to, want string }{
			{"zh", "⟨zh-CN⟩hi"}, {"zh-Hant", "⟨zh-TW⟩hi"}, {"zh_TW", "⟨zh-TW⟩hi"},
		} {
			out, err := p.Translate(context.Background(), "en", tc.to, []string{"hi"})
			if err != nil || out[0] != tc.want {
				t.Errorf("en→%s: %q, %v; want %q", tc.to, out, err, tc.want)
			}
		}
	})
	t.Run("batches_are_cut_by_characters_too", func(t *testing.T) {
		t.Parallel()
		fake := &fakeGoogle{t: t}
		srv := httptest.NewServer(fake)
		defer srv.Close()
		p, err := translate.NewGoogle(translate.GoogleConfig{HTTPConfig: translate.HTTPConfig{URL: srv.URL, APIKey: "g-key", MaxRequestChars: 10}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Translate(context.Background(), "en", "es", []string{"aaaa", "bbbb", "cccc", "a very long text alone"}); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(fake.batches, []int{2, 1, 1}) {
			t.Errorf("batches %v, want [2 1 1]", fake.batches)
		}
	})
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
	runErrorCases(t, cases, "en", "zh", func(t *testing.T, url string) translate.Provider {
		p, err := translate.NewGoogle(translate.GoogleConfig{HTTPConfig: translate.HTTPConfig{URL: url, APIKey: "k"}})
		if err != nil {
			t.Fatal(err)
		}
		return p
	})
}
