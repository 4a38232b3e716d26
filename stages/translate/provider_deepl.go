package translate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// DeepLName is the default Name of the DeepL provider.
const DeepLName = "deepl"

// DeepL API endpoints: keys of the free plan end in ":fx" and use the
// free host.
const (
	DeepLProURL  = "https://api.deepl.com"
	DeepLFreeURL = "https://api-free.deepl.com"
)

// deeplMaxTexts is the API's limit of texts per request.
const deeplMaxTexts = 50

// DeepLConfig configures the DeepL API (v2).
type DeepLConfig struct {
	// Name identifies the provider in the translate stage's configuration
	// and in Translation.Provider. Default "deepl".
	Name string `yaml:"name"`
	// URL is the API's base URL, without /v2. Default DeepLFreeURL for a
	// key ending in ":fx", DeepLProURL otherwise.
	URL string `yaml:"url"`
	// APIKey is the DeepL authentication key; filled from
	// NOTEGATE_DEEPL_API_KEY, never from the file. Required; no default.
	APIKey string `yaml:"-"`
	// EnglishTarget is the variant asked for when translating into
	// English: "EN-US" or "EN-GB". Default "EN-US".
	EnglishTarget string `yaml:"english_target"`
	// PortugueseTarget is the variant asked for when translating into
	// Portuguese: "PT-BR" or "PT-PT". Default "PT-BR".
	PortugueseTarget string `yaml:"portuguese_target"`
	// BatchSize is the most texts sent in one request, at most 50.
	// Default 50.
	BatchSize int `yaml:"batch_size"`
	// MaxRequestChars bounds the characters of one request (the API
	// refuses bodies over 128 KiB); a single longer text is sent alone.
	// Default 30000.
	MaxRequestChars int `yaml:"max_request_chars"`
	// Timeout bounds one HTTP request, on top of the caller's context.
	// Default 30s.
	Timeout time.Duration `yaml:"timeout"`
	// MaxResponseBytes bounds the answer read. Default 4 MiB.
	MaxResponseBytes int64 `yaml:"max_response_bytes"`
	// HTTPClient replaces the default client (tests, proxies). Default a
	// client with Timeout.
	HTTPClient *http.Client `yaml:"-"`
}

// WithDefaults returns c with every zero field set to its default.
func (c DeepLConfig) WithDefaults() DeepLConfig {
	if c.Name == "" {
		c.Name = DeepLName
	}
	if c.URL == "" {
		c.URL = DeepLProURL
		if strings.HasSuffix(c.APIKey, ":fx") {
			c.URL = DeepLFreeURL
		}
	}
	if c.EnglishTarget == "" {
		c.EnglishTarget = "EN-US"
	}
	if c.PortugueseTarget == "" {
		c.PortugueseTarget = "PT-BR"
	}
	if c.BatchSize == 0 {
		c.BatchSize = deeplMaxTexts
	}
	if c.MaxRequestChars == 0 {
		c.MaxRequestChars = 30000
	}
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
	if c.MaxResponseBytes == 0 {
		c.MaxResponseBytes = DefaultMaxResponseBytes
	}
	return c
}

// Validate reports missing and malformed values, after defaults.
func (c DeepLConfig) Validate() error {
	c = c.WithDefaults()
	var errs []error
	errs = append(errs, validateURL("url", c.URL))
	if strings.TrimSpace(c.APIKey) == "" {
		errs = append(errs, errors.New("api key: empty (set NOTEGATE_DEEPL_API_KEY)"))
	}
	if c.EnglishTarget != "EN-US" && c.EnglishTarget != "EN-GB" {
		errs = append(errs, fmt.Errorf("english_target: %q is not EN-US or EN-GB", c.EnglishTarget))
	}
	if c.PortugueseTarget != "PT-BR" && c.PortugueseTarget != "PT-PT" {
		errs = append(errs, fmt.Errorf("portuguese_target: %q is not PT-BR or PT-PT", c.PortugueseTarget))
	}
	if c.BatchSize > deeplMaxTexts {
		errs = append(errs, fmt.Errorf("batch_size: %d exceeds DeepL's %d texts a request", c.BatchSize, deeplMaxTexts))
	}
	errs = append(errs, validateLimits(c.BatchSize, c.MaxRequestChars, c.Timeout, c.MaxResponseBytes))
	return errors.Join(errs...)
}

// DeepL translates through DeepL's /v2/translate, up to 50 texts per
// request.
type DeepL struct {
	cfg  DeepLConfig
	http httpCaller
}

// NewDeepL returns the provider; it does not contact the API.
func NewDeepL(cfg DeepLConfig) (*DeepL, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("deepl config: %w", err)
	}
	return &DeepL{cfg: cfg, http: newHTTPCaller(cfg.Name, cfg.HTTPClient, cfg.Timeout, cfg.MaxResponseBytes)}, nil
}

// Name returns the configured name, "deepl" by default.
func (p *DeepL) Name() string { return p.cfg.Name }

// deeplLanguages are the ISO 639-1 codes DeepL translates, with DeepL's
// code where it differs from the upper-cased ISO code.
var deeplLanguages = map[string]string{
	"ar": "AR", "bg": "BG", "cs": "CS", "da": "DA", "de": "DE", "el": "EL", "en": "EN",
	"es": "ES", "et": "ET", "fi": "FI", "fr": "FR", "he": "HE", "hu": "HU", "id": "ID",
	"it": "IT", "ja": "JA", "ko": "KO", "lt": "LT", "lv": "LV", "nb": "NB", "no": "NB",
	"nl": "NL", "pl": "PL", "pt": "PT", "ro": "RO", "ru": "RU", "sk": "SK", "sl": "SL",
	"sv": "SV", "th": "TH", "tr": "TR", "uk": "UK", "vi": "VI", "zh": "ZH",
}

// sourceCode is DeepL's source_lang for a tag: the base language only.
func (p *DeepL) sourceCode(tag string) (string, bool) {
	c, ok := deeplLanguages[BaseLanguage(tag)]
	return c, ok
}

// targetCode is DeepL's target_lang for a tag, with the variants DeepL
// requires for English, Portuguese and Chinese.
func (p *DeepL) targetCode(tag string) (string, bool) {
	c, ok := deeplLanguages[BaseLanguage(tag)]
	switch c {
	case "EN":
		return p.cfg.EnglishTarget, true
	case "PT":
		return p.cfg.PortugueseTarget, true
	case "ZH":
		if chineseScript(tag) == "Hant" {
			return "ZH-HANT", true
		}
		return "ZH-HANS", true
	}
	return c, ok
}

type deeplRequest struct {
	Text       []string `json:"text"`
	SourceLang string   `json:"source_lang"`
	TargetLang string   `json:"target_lang"`
	// PreserveFormatting keeps the author's casing and punctuation, which
	// matter in short notes.
	PreserveFormatting bool `json:"preserve_formatting"`
}

type deeplResponse struct {
	Translations *[]struct {
		Text *string `json:"text"`
	} `json:"translations"`
}

// Translate implements Provider.
func (p *DeepL) Translate(ctx context.Context, from, to string, texts []string) ([]string, error) {
	src, ok1 := p.sourceCode(from)
	dst, ok2 := p.targetCode(to)
	if !ok1 || !ok2 || BaseLanguage(from) == BaseLanguage(to) {
		return nil, unsupported(p.cfg.Name, from, to)
	}
	u := endpoint(p.cfg.URL, "/v2/translate")
	header := http.Header{"Authorization": {"DeepL-Auth-Key " + p.cfg.APIKey}}
	return translateBatches(ctx, p.cfg.Name, texts, p.cfg.BatchSize, p.cfg.MaxRequestChars, func(ctx context.Context, chunk []string) ([]string, error) {
		body, err := p.http.postJSON(ctx, u, header, deeplRequest{Text: chunk, SourceLang: src, TargetLang: dst, PreserveFormatting: true}, classifyDeepL)
		if err != nil {
			return nil, err
		}
		var r deeplResponse
		if err := p.http.decodeStrict(body, &r); err != nil {
			return nil, err
		}
		if r.Translations == nil {
			return nil, p.http.malformed("no translations array")
		}
		out := make([]string, len(*r.Translations))
		for i, t := range *r.Translations {
			if t.Text == nil {
				return nil, p.http.malformed("translation %d has no text", i)
			}
			out[i] = *t.Text
		}
		return out, nil
	})
}

// classifyDeepL reads DeepL's {"message": "..."} bodies: 456 is the
// account's quota, 429 and 529 mean slow down, a 400 about a language
// value is an unsupported pair.
func classifyDeepL(status int, body []byte) (error, string) {
	var e struct {
		Message string `json:"message"`
		Detail  string `json:"detail"`
	}
	_ = json.Unmarshal(body, &e)
	msg := strings.TrimSpace(strings.TrimSpace(e.Message + " " + e.Detail))
	switch status {
	case 456:
		return ErrQuotaExceeded, msg
	case http.StatusTooManyRequests, 529:
		return ErrRateLimited, msg
	case http.StatusBadRequest:
		l := strings.ToLower(msg)
		if strings.Contains(l, "_lang") && strings.Contains(l, "not supported") {
			return ErrUnsupportedPair, msg
		}
	}
	return nil, msg
}
