package translate_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/notegate/notegate/stages/translate"
)

// fakeTranslation is what the protocol fakes answer for a text: a
// deterministic function of the text and the provider's target code, so
// that order and batching mistakes show.
func fakeTranslation(target, text string) string {
	return "⟨" + target + "⟩" + text
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
// builds the provider for the server's URL.
func runErrorCases(t *testing.T, cases []errorCase, from, to string, newProvider func(t *testing.T, url string) translate.Provider) {
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
			p := newProvider(t, srv.URL)
			_, err := p.Translate(context.Background(), from, to, []string{"hello world"})
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
