package translate

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// LibreTranslateName is the default Name of the LibreTranslate provider.
const LibreTranslateName = "libretranslate"

// LibreTranslateConfig configures a LibreTranslate server
// (https://github.com/LibreTranslate/LibreTranslate). URL is the server's
// base URL without /translate (required); the API key
// (NOTEGATE_LIBRETRANSLATE_API_KEY) is sent as api_key when set;
// Languages are the languages the server loads (e.g. LT_LOAD_ONLY), and
// without them every pair is sent and the server's "not supported" answer
// is ErrUnsupportedPair; batches default to 32 texts (the server's
// LT_BATCH_LIMIT) and 5000 characters (LT_CHAR_LIMIT).
type LibreTranslateConfig struct {
	HTTPConfig `yaml:",inline"`
	// ChineseSimplified is the server's code for Simplified Chinese ("zh"
	// up to LibreTranslate 1.5, "zh-Hans" after). Default "zh".
	ChineseSimplified string `yaml:"chinese_simplified"`
	// ChineseTraditional is the server's code for Traditional Chinese ("zt"
	// up to 1.5, "zh-Hant" after). Default "zt".
	ChineseTraditional string `yaml:"chinese_traditional"`
}

var libreDefaults = httpDefaults{name: LibreTranslateName, batch: 32, chars: 5000, timeout: 30 * time.Second, keyEnv: EnvLibreTranslateAPIKey}

// httpDefaults implements providerConfig.
func (LibreTranslateConfig) httpDefaults() httpDefaults { return libreDefaults }

// WithDefaults returns c with every zero field set to its default.
func (c LibreTranslateConfig) WithDefaults() LibreTranslateConfig {
	c.HTTPConfig = c.HTTPConfig.withDefaults(libreDefaults)
	c.ChineseSimplified = cmp.Or(c.ChineseSimplified, "zh")
	c.ChineseTraditional = cmp.Or(c.ChineseTraditional, "zt")
	return c
}

// Validate reports malformed values, after defaults.
func (c LibreTranslateConfig) Validate() error {
	return c.WithDefaults().validate(libreDefaults)
}

// LibreTranslate translates through a LibreTranslate server's /translate,
// a batch of texts per request (q as an array).
type LibreTranslate struct {
	httpProvider[LibreTranslateConfig]
}

// NewLibreTranslate returns the provider; it does not contact the server.
func NewLibreTranslate(cfg LibreTranslateConfig) (*LibreTranslate, error) {
	return newHTTP[LibreTranslate](cfg)
}

// code maps a language tag to the server's code.
func (p *LibreTranslate) code(tag string) (string, bool) {
	return p.languageCode(tag, p.cfg.ChineseSimplified, p.cfg.ChineseTraditional)
}

type libreRequest struct {
	Q      []string `json:"q"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Format string   `json:"format"`
	APIKey string   `json:"api_key,omitempty"`
}

type libreResponse struct {
	TranslatedText *[]string `json:"translatedText"`
}

// Translate implements Provider.
func (p *LibreTranslate) Translate(ctx context.Context, from, to string, texts []string) ([]string, error) {
	src, ok1 := p.code(from)
	dst, ok2 := p.code(to)
	if !ok1 || !ok2 || src == dst {
		return nil, unsupported(p.cfg.Name, from, to)
	}
	u := endpoint(p.cfg.URL, "/translate")
	return translateBatches(ctx, p.cfg.Name, texts, p.cfg.BatchSize, p.cfg.MaxRequestChars, func(ctx context.Context, chunk []string) ([]string, error) {
		var r libreResponse
		if err := p.http.postJSON(ctx, u, nil, libreRequest{Q: chunk, Source: src, Target: dst, Format: "text", APIKey: p.cfg.APIKey}, classifyLibre, &r); err != nil {
			return nil, err
		}
		if r.TranslatedText == nil {
			return nil, p.http.malformed("no translatedText array")
		}
		return *r.TranslatedText, nil
	})
}

// classifyLibre reads LibreTranslate's {"error": "..."} bodies. The
// server answers 400 "xx is not supported" for a language it lacks, 403
// for a bad or missing key, 429 when slowing a client down.
func classifyLibre(status int, body []byte) (error, string) {
	var e struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	msg := strings.TrimSpace(e.Error)
	if status == http.StatusBadRequest && strings.Contains(strings.ToLower(msg), "not supported") {
		return ErrUnsupportedPair, msg
	}
	return nil, msg
}

// chineseScript says whether a Chinese tag asks for Traditional ("Hant":
// zh-Hant, zh-TW, zh-HK, zh-MO) or Simplified ("Hans": anything else).
func chineseScript(tag string) string {
	t := strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	for _, part := range strings.Split(t, "-")[1:] {
		switch part {
		case "hant", "tw", "hk", "mo":
			return "Hant"
		}
	}
	return "Hans"
}
