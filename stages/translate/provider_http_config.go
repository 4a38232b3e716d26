package translate

import (
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
	if c.Name == "" {
		c.Name = d.name
	}
	if c.URL == "" {
		c.URL = d.url
	}
	if c.BatchSize == 0 {
		c.BatchSize = d.batch
	}
	if c.MaxRequestChars == 0 {
		c.MaxRequestChars = d.chars
	}
	if c.Timeout == 0 {
		c.Timeout = d.timeout
	}
	if c.MaxResponseBytes == 0 {
		c.MaxResponseBytes = DefaultMaxResponseBytes
	}
	return c
}

// validate reports the shared fields' errors, after withDefaults.
func (c HTTPConfig) validate(d httpDefaults) []error {
	errs := []error{validateURL("url", c.URL), validateLanguages(c.Languages)}
	if d.keyRequired && strings.TrimSpace(c.APIKey) == "" {
		errs = append(errs, fmt.Errorf("api key: empty (set %s)", d.keyEnv))
	}
	if d.batch == 0 {
		if c.BatchSize != 0 || c.MaxRequestChars != 0 {
			errs = append(errs, errors.New("batch_size, max_request_chars: this provider sends one text a request"))
		}
		return append(errs, validateLimits(1, 0, c.Timeout, c.MaxResponseBytes))
	}
	if d.maxBatch > 0 && c.BatchSize > d.maxBatch {
		errs = append(errs, fmt.Errorf("batch_size: %d exceeds %s's %d texts a request", c.BatchSize, d.name, d.maxBatch))
	}
	return append(errs, validateLimits(c.BatchSize, c.MaxRequestChars, c.Timeout, c.MaxResponseBytes))
}

// httpProvider is what every HTTP provider holds besides its own config:
// its name, its HTTP caller and its language restriction. Embedded, it
// gives the provider its Name.
type httpProvider struct {
	name  string
	http  httpCaller
	langs languageSet
}

// Name returns the configured name (the provider's kind by default).
func (p httpProvider) Name() string { return p.name }

// allowsPair reports whether both languages of a pair are within Languages.
func (p httpProvider) allowsPair(from, to string) bool {
	return p.langs.allows(BaseLanguage(from)) && p.langs.allows(BaseLanguage(to))
}

// languageCode maps a language tag to a provider's code: hans or hant
// for Chinese by its script, the base language otherwise; false when the
// language is outside Languages.
func (p httpProvider) languageCode(tag, hans, hant string) (string, bool) {
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
// an HTTP provider's config: its defaults, its validation and the shared
// part it builds (promoted from the embedded HTTPConfig).
type providerConfig[C any] interface {
	WithDefaults() C
	Validate() error
	// httpDefaults are the provider's defaults of the shared fields.
	httpDefaults() httpDefaults
	provider() httpProvider
}

// buildHTTP applies cfg's defaults, validates it and builds the shared
// part of a provider; kind names the provider in the error.
func buildHTTP[C providerConfig[C]](kind string, cfg C) (C, httpProvider, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return cfg, httpProvider{}, fmt.Errorf("%s config: %w", kind, err)
	}
	return cfg, cfg.provider(), nil
}

// provider builds the shared part of a provider from c (after defaults).
func (c HTTPConfig) provider() httpProvider {
	return httpProvider{name: c.Name, http: newHTTPCaller(c.Name, c.HTTPClient, c.Timeout, c.MaxResponseBytes), langs: newLanguageSet(c.Languages)}
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
