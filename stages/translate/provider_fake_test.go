package translate_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notegate/notegate/stages/translate"
	"github.com/notegate/notegate/stages/translate/translatetest"
)

// fakeTranslation is what the protocol fakes answer for a text: a
// deterministic function of the text and the provider's target code, so
// that order and batching mistakes show.
func fakeTranslation(target, text string) string {
	return "⟨" + target + "⟩" + text
}

// serve runs h as a test server, closed when t ends, and returns its URL.
func serve(t testing.TB, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// mustBuild returns the provider build makes of cfg, failing t on a
// config error.
func mustBuild[C, P any](t testing.TB, build func(C) (P, error), cfg C) P {
	t.Helper()
	p, err := build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// chineseEnglish are the conformance pairs of every hosted provider's
// fake that speaks Chinese and English: both scripts, emoji, hashtags and
// mentions.
var chineseEnglish = []translatetest.Pair{
	{From: "zh", To: "en", Texts: []string{"火锅推荐", "這家餐廳的牛肉麵超級好吃", "😂"}},
	{From: "en", To: "zh", Texts: []string{"hello from Ohio", "I love hotpot #food @amy"}},
}

// readJSONPost is how the protocol fakes read a request: it must be a
// POST to path with a JSON body that decodes strictly into req. A request
// that is not fails t and returns the status the fake answers (404 for
// another method or path, 400 for a body that does not decode); 0 for a
// well-formed request.
func readJSONPost(t *testing.T, r *http.Request, path string, req any) int {
	t.Helper()
	if r.Method != http.MethodPost || r.URL.Path != path {
		t.Errorf("request %s %s, want POST %s", r.Method, r.URL.Path, path)
		return http.StatusNotFound
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(req); err != nil {
		t.Errorf("request body: %v", err)
		return http.StatusBadRequest
	}
	return 0
}

// batchLog records the sizes of the batches a protocol fake was sent.
type batchLog struct {
	mu      sync.Mutex
	batches []int
}

func (l *batchLog) record(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.batches = append(l.batches, n)
}

func (l *batchLog) sizes() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.batches)
}

// TestProviderBatches: a provider cuts a batch at its batch size (the
// API's limit by default) and at its request size, keeps the order, and
// sends no blank text (it comes back as it was).
func TestProviderBatches(t *testing.T) {
	t.Parallel()
	texts := func(n int) []string { return slices.Repeat([]string{"text"}, n) }
	tests := []struct {
		name string
		// provider returns the provider and the batch sizes its fake saw.
		provider func(t *testing.T) (translate.Provider, func() []int)
		code     string // the target code the fake sees for es
		in       []string
		want     []int
	}{
		{"deepl_batches_hold_at_most_fifty_texts", func(t *testing.T) (translate.Provider, func() []int) {
			p, fake := newFakeDeepL(t)
			return p, fake.sizes
		}, "ES", texts(120), []int{50, 50, 20}},
		{"libretranslate_splits_at_the_batch_size_and_sends_no_blank_text", func(t *testing.T) (translate.Provider, func() []int) {
			p, fake := newFakeLibreTranslate(t)
			return p, fake.sizes
		}, "es", []string{"a", " ", "b", "c", "d", "e", "", "f"}, []int{4, 2}},
		{"google_batches_are_cut_by_characters_too", func(t *testing.T) (translate.Provider, func() []int) {
			fake := &fakeGoogle{t: t}
			p := mustBuild(t, translate.NewGoogle, translate.GoogleConfig{HTTPConfig: translate.HTTPConfig{URL: serve(t, fake), APIKey: "g-key", MaxRequestChars: 10}})
			return p, fake.sizes
		}, "es", []string{"aaaa", "bbbb", "cccc", "a very long text alone"}, []int{2, 1, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, sizes := tc.provider(t)
			out, err := p.Translate(context.Background(), "en", "es", tc.in)
			if err != nil {
				t.Fatal(err)
			}
			want := make([]string, len(tc.in))
			for i, s := range tc.in {
				want[i] = s
				if strings.TrimSpace(s) != "" {
					want[i] = fakeTranslation(tc.code, s)
				}
			}
			if !slices.Equal(out, want) {
				t.Errorf("got %q, want %q", out, want)
			}
			if got := sizes(); !slices.Equal(got, tc.want) {
				t.Errorf("batches %v, want %v", got, tc.want)
			}
		})
	}
}

// TestProviderTargetCodes: each provider sends the target code its API
// wants for a tag, Chinese scripts and regional tags included; the fakes
// answer "⟨code⟩text", so the answer shows the code sent.
func TestProviderTargetCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		provider func(t *testing.T) translate.Provider
		want     map[string]string // tag → answer for "hi"
	}{
		{"deepl_targets_carry_the_variants_deepl_requires", func(t *testing.T) translate.Provider { p, _ := newFakeDeepL(t); return p },
			map[string]string{"zh": "⟨ZH-HANS⟩hi", "zh-Hans": "⟨ZH-HANS⟩hi", "zh-Hant": "⟨ZH-HANT⟩hi", "zh-HK": "⟨ZH-HANT⟩hi"}},
		{"google_chinese_scripts_map_to_zh_CN_and_zh_TW", func(t *testing.T) translate.Provider { p, _ := newFakeGoogle(t); return p },
			map[string]string{"zh": "⟨zh-CN⟩hi", "zh-Hant": "⟨zh-TW⟩hi", "zh_TW": "⟨zh-TW⟩hi"}},
		{"libretranslate_chinese_scripts_map_to_zh_and_zt", func(t *testing.T) translate.Provider { p, _ := newFakeLibreTranslate(t); return p },
			map[string]string{"zh": "⟨zh⟩hi", "zh-Hans": "⟨zh⟩hi", "zh-Hant": "⟨zt⟩hi", "zh-TW": "⟨zt⟩hi"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := tc.provider(t)
			for to, want := range tc.want {
				out, err := p.Translate(context.Background(), "en", to, []string{"hi"})
				if err != nil || out[0] != want {
					t.Errorf("en→%s: %q, %v; want %q", to, out, err, want)
				}
			}
		})
	}
}

// errorCase is one row of a provider's error-mapping table: the server
// answers status, body and headers; the provider must return an error
// that errors.Is want, with the given Retry-After.
type errorCase struct {
	name       string
	status     int
	header     map[string]string
	body       string
	want       error
	retryAfter time.Duration
}

// runErrorCases checks a provider's error mapping against a server that
// answers each case's status and body to every request. newProvider
// builds the provider for the server's URL; its error fails the case.
func runErrorCases[P translate.Provider](t *testing.T, cases []errorCase, from, to string, newProvider func(url string) (P, error)) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/listPairs" { // Apertium asks for its pairs first
					w.Header().Set("Content-Type", "application/json")
					_, _ = w.Write([]byte(`{"responseData":[{"sourceLanguage":"eng","targetLanguage":"spa"}],"responseDetails":null,"responseStatus":200}`))
					return
				}
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				if tc.body != "" && tc.body[0] == '{' {
					w.Header().Set("Content-Type", "application/json")
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			p, err := newProvider(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			_, err = p.Translate(context.Background(), from, to, []string{"hello world"})
			if !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want errors.Is %v", err, tc.want)
			}
			got, _ := translate.RetryAfter(err)
			if got != tc.retryAfter {
				t.Errorf("RetryAfter = %v, want %v", got, tc.retryAfter)
			}
			var pe *translate.ProviderError
			if tc.want != translate.ErrUnsupportedPair && tc.status >= 300 {
				if !errors.As(err, &pe) || pe.Status != tc.status {
					t.Errorf("error %v does not carry HTTP status %d", err, tc.status)
				}
			}
		})
	}
}

// commonErrorCases are the transport failures every HTTP provider maps
// the same way, whatever its error body.
var commonErrorCases = []errorCase{
	{name: "a_503_is_transient", status: 503, body: "upstream down", want: translate.ErrTransient},
	{name: "a_502_html_page_is_transient", status: 502, body: "<html>bad gateway</html>", want: translate.ErrTransient},
	{name: "a_429_with_retry_after_is_rate_limited_and_says_when", status: 429, header: map[string]string{"Retry-After": "7"}, body: "slow down", want: translate.ErrRateLimited, retryAfter: 7 * time.Second},
	{name: "a_401_is_permanent", status: 401, body: "no", want: translate.ErrPermanent},
	{name: "a_200_that_is_not_json_is_transient", status: 200, body: "<html>captive portal</html>", want: translate.ErrTransient},
	{name: "a_200_with_trailing_data_is_transient", status: 200, body: `{} {}`, want: translate.ErrTransient},
}

// TestProviderErrorsAreUnreachableServersTransient: a refused connection
// is transient and keeps the network error.
func TestProviderErrorsForAnUnreachableServer(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	p, err := translate.NewLibreTranslate(translate.LibreTranslateConfig{HTTPConfig: translate.HTTPConfig{URL: url}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Translate(context.Background(), "en", "zh", []string{"hello"})
	if !errors.Is(err, translate.ErrTransient) {
		t.Fatalf("error = %v, want ErrTransient", err)
	}
	var pe *translate.ProviderError
	if !errors.As(err, &pe) || pe.Err == nil || pe.Provider != "libretranslate" {
		t.Fatalf("error = %#v, want a ProviderError with its cause", err)
	}
}

func TestProviderErrorsHonourAnHTTPDateRetryAfter(t *testing.T) {
	t.Parallel()
	when := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", when)
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	p, err := translate.NewLibreTranslate(translate.LibreTranslateConfig{HTTPConfig: translate.HTTPConfig{URL: srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Translate(context.Background(), "en", "zh", []string{"hello"})
	d, ok := translate.RetryAfter(err)
	if !errors.Is(err, translate.ErrRateLimited) || !ok || d < 60*time.Second || d > 91*time.Second {
		t.Fatalf("error = %v, RetryAfter = %v, want rate limited about 90s", err, d)
	}
}

func TestProviderErrorsBoundTheAnswerSize(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"translatedText":["`))
		for range 4096 {
			_, _ = w.Write([]byte("xxxxxxxx"))
		}
		_, _ = w.Write([]byte(`"]}`))
	}))
	defer srv.Close()
	p, err := translate.NewLibreTranslate(translate.LibreTranslateConfig{HTTPConfig: translate.HTTPConfig{URL: srv.URL, MaxResponseBytes: 8192}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Translate(context.Background(), "en", "zh", []string{"hello"})
	if !errors.Is(err, translate.ErrPermanent) {
		t.Fatalf("error = %v, want ErrPermanent for an oversized answer", err)
	}
}
