package translate

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// HTTPConfig is what every HTTP translation provider is configured with.
// Each provider's config embeds it (inline in YAML, so the keys sit beside
// the provider's own) and fills its defaults and limits through
// httpDefaults; a newcomer's provider does the same and adds only its own
// fields.
type HTTPConfig struct {
	// Name identifies the provider in the translate stage's configuration
	// and in Translation.Provider; give two endpoints of one kind two
	// names. Default: the provider's kind (libretranslate, deepl, google,
	// openai, apertium).
	Name string `yaml:"name"`
	// URL is the base URL of the server or API (each provider says what
	// it ends with). Required for self-hosted servers; hosted APIs default
	// to theirs.
	URL string `yaml:"url"`
	// APIKey is the credential, filled from the provider's environment
	// variable (NOTEGATE_<PROVIDER>_API_KEY), never from the file.
	APIKey string `yaml:"-"`
	// Languages restricts the ISO 639-1 codes this provider is asked for;
	// a pair outside it is ErrUnsupportedPair without a call. Default
	// none: every pair the provider knows.
	Languages []string `yaml:"languages"`
	// BatchSize is the most texts sent in one request. Default and upper
	// limit: the provider's (Apertium sends one text a request and uses
	// its Concurrency instead).
	BatchSize int `yaml:"batch_size"`
	// MaxRequestChars bounds the characters of one request; a single
	// longer text is sent alone. Default: the provider's.
	MaxRequestChars int `yaml:"max_request_chars"`
	// Timeout bounds one HTTP request, on top of the caller's context.
	// Default 30s (120s for OpenAI-compatible endpoints).
	Timeout time.Duration `yaml:"timeout"`
	// MaxResponseBytes bounds the answer read. Default 4 MiB.
	MaxResponseBytes int64 `yaml:"max_response_bytes"`
	// HTTPClient replaces the default client (tests, proxies). Default a
	// client with Timeout.
	HTTPClient *http.Client `yaml:"-"`
}

// httpDefaults are one provider's defaults and limits for HTTPConfig.
type httpDefaults struct {
	name, url string
	// batch and chars are the defaults of BatchSize and MaxRequestChars;
	// batch 0 means the provider does not batch (both must stay unset).
	batch, chars int
	// maxBatch is the API's limit of texts a request; 0 none.
	maxBatch int
	timeout  time.Duration
	// keyEnv is the environment variable the API key is read from; empty
	// for a provider without keys.
	keyEnv string
	// keyRequired makes the key required.
	keyRequired bool
}

// withDefaults fills every zero field with d's default.
func (c HTTPConfig) withDefaults(d httpDefaults) HTTPConfig {
	c.Name = cmp.Or(c.Name, d.name)
	c.URL = cmp.Or(c.URL, d.url)
	c.BatchSize = cmp.Or(c.BatchSize, d.batch)
	c.MaxRequestChars = cmp.Or(c.MaxRequestChars, d.chars)
	c.Timeout = cmp.Or(c.Timeout, d.timeout)
	c.MaxResponseBytes = cmp.Or(c.MaxResponseBytes, DefaultMaxResponseBytes)
	return c
}

// validate reports the shared fields' errors, after withDefaults, joined
// with own, the provider's own fields' errors (see require).
func (c HTTPConfig) validate(d httpDefaults, own ...error) error {
	errs := append([]error{validateURL("url", c.URL), validateLanguages(c.Languages)}, own...)
	if d.keyRequired && strings.TrimSpace(c.APIKey) == "" {
		errs = append(errs, fmt.Errorf("api key: empty (set %s)", d.keyEnv))
	}
	if d.batch == 0 {
		if c.BatchSize != 0 || c.MaxRequestChars != 0 {
			errs = append(errs, errors.New("batch_size, max_request_chars: this provider sends one text a request"))
		}
		return errors.Join(append(errs, validateLimits(1, 0, c.Timeout, c.MaxResponseBytes))...)
	}
	if d.maxBatch > 0 && c.BatchSize > d.maxBatch {
		errs = append(errs, fmt.Errorf("batch_size: %d exceeds %s's %d texts a request", c.BatchSize, d.name, d.maxBatch))
	}
	return errors.Join(append(errs, validateLimits(c.BatchSize, c.MaxRequestChars, c.Timeout, c.MaxResponseBytes))...)
}

// require is one check of a provider's own field: nil when ok, otherwise
// the error format names (it starts with the field's YAML key).
func require(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return fmt.Errorf(format, args...)
}

// httpProvider is what every HTTP provider holds: its config C (after
// defaults), its HTTP caller and its language restriction. Embedded, it
// gives the provider its Name and its cfg.
type httpProvider[C any] struct {
	cfg   C
	name  string
	http  httpCaller
	langs languageSet
}

// Name returns the configured name (the provider's kind by default).
func (p httpProvider[C]) Name() string { return p.name }

// setShared stores the shared part newHTTP built; promoted to the provider
// that embeds p, it is how newHTTP fills that provider.
func (p *httpProvider[C]) setShared(b httpProvider[C]) { *p = b }

// allowsPair reports whether both languages of a pair are within Languages.
func (p httpProvider[C]) allowsPair(from, to string) bool {
	return p.langs.allows(BaseLanguage(from)) && p.langs.allows(BaseLanguage(to))
}

// languageCode maps a language tag to a provider's code: hans or hant
// for Chinese by its script, the base language otherwise; false when the
// language is outside Languages.
func (p httpProvider[C]) languageCode(tag, hans, hant string) (string, bool) {
	base := BaseLanguage(tag)
	if !p.langs.allows(base) {
		return "", false
	}
	if base == "zh" {
		if chineseScript(tag) == "Hant" {
			return hant, true
		}
		return hans, true
	}
	return base, true
}

// providerConfig is what the shared constructor and the registry need of
// an HTTP provider's config: its defaults and its validation. Its shared
// fields are reached through httpConfigOf.
type providerConfig[C any] interface {
	WithDefaults() C
	Validate() error
	// httpDefaults are the provider's defaults of the shared fields.
	httpDefaults() httpDefaults
}

// httpConfigOf returns the HTTPConfig embedded in a provider's config c.
func httpConfigOf[C any](c *C) *HTTPConfig {
	return any(c).(interface{ shared() *HTTPConfig }).shared()
}

// shared returns the embedded HTTPConfig (promoted to every provider's
// config, so that httpConfigOf reaches it).
func (c *HTTPConfig) shared() *HTTPConfig { return c }

// newHTTP is the one constructor of the HTTP providers. P is a provider
// struct embedding httpProvider[C]; newHTTP applies cfg's defaults,
// validates them and returns a P holding the shared part built from
// them. It contacts no server. An error names the provider's kind.
func newHTTP[P any, C providerConfig[C], PP interface {
	*P
	setShared(httpProvider[C])
}](cfg C) (*P, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("%s config: %w", cfg.httpDefaults().name, err)
	}
	s := httpConfigOf(&cfg)
	p := PP(new(P))
	p.setShared(httpProvider[C]{
		cfg:   cfg,
		name:  s.Name,
		http:  newHTTPCaller(s.Name, s.HTTPClient, s.Timeout, s.MaxResponseBytes),
		langs: newLanguageSet(s.Languages),
	})
	return p, nil
}

// validateLimits checks the limits every HTTP provider has.
func validateLimits(batch, maxChars int, timeout time.Duration, maxResp int64) error {
	var errs []error
	if batch < 1 {
		errs = append(errs, fmt.Errorf("batch_size: %d is below 1", batch))
	}
	if maxChars < 0 {
		errs = append(errs, fmt.Errorf("max_request_chars: %d is negative", maxChars))
	}
	if timeout < 0 {
		errs = append(errs, fmt.Errorf("timeout: %v is negative", timeout))
	}
	if maxResp < 1024 {
		errs = append(errs, fmt.Errorf("max_response_bytes: %d is below 1024", maxResp))
	}
	return errors.Join(errs...)
}
