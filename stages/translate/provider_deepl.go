package translate

import (
	"cmp"
	"context"
	"encoding/json"
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

// DeepLConfig configures the DeepL API (v2). URL is the API's base URL
// without /v2 (default DeepLFreeURL for a key ending in ":fx", DeepLProURL
// otherwise); the API key (NOTEGATE_DEEPL_API_KEY) is required; batches
// of at most 50 texts (the default) and 30000 characters (the API refuses
// bodies over 128 KiB).
type DeepLConfig struct {
	HTTPConfig `yaml:",inline"`
	// EnglishTarget is the variant asked for when translating into
	// English: "EN-US" or "EN-GB". Default "EN-US".
	EnglishTarget string `yaml:"english_target"`
	// PortugueseTarget is the variant asked for when translating into
	// Portuguese: "PT-BR" or "PT-PT". Default "PT-BR".
	PortugueseTarget string `yaml:"portuguese_target"`
}

var deeplDefaults = httpDefaults{name: DeepLName, batch: deeplMaxTexts, maxBatch: deeplMaxTexts,
	chars: 30000, timeout: 30 * time.Second, keyEnv: EnvDeepLAPIKey, keyRequired: true}

// httpDefaults implements providerConfig.
func (DeepLConfig) httpDefaults() httpDefaults { return deeplDefaults }

// WithDefaults returns c with every zero field set to its default.
func (c DeepLConfig) WithDefaults() DeepLConfig {
	d := deeplDefaults
	d.url = DeepLProURL
	if strings.HasSuffix(c.APIKey, ":fx") {
		d.url = DeepLFreeURL
	}
	c.HTTPConfig = c.HTTPConfig.withDefaults(d)
	c.EnglishTarget = cmp.Or(c.EnglishTarget, "EN-US")
	c.PortugueseTarget = cmp.Or(c.PortugueseTarget, "PT-BR")
	return c
}

// Validate reports missing and malformed values, after defaults.
func (c DeepLConfig) Validate() error {
	c = c.WithDefaults()
	return c.validate(deeplDefaults,
		require(c.EnglishTarget == "EN-US" || c.EnglishTarget == "EN-GB", "english_target: %q is not EN-US or EN-GB", c.EnglishTarget),
		require(c.PortugueseTarget == "PT-BR" || c.PortugueseTarget == "PT-PT", "portuguese_target: %q is not PT-BR or PT-PT", c.PortugueseTarget))
}

// DeepL translates through DeepL's /v2/translate, up to 50 texts per
// request.
type DeepL struct {
	httpProvider[DeepLConfig]
}

// NewDeepL returns the provider; it does not contact the API.
func NewDeepL(cfg DeepLConfig) (*DeepL, error) { return newHTTP[DeepL](cfg) }

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
	if !ok1 || !ok2 || BaseLanguage(from) == BaseLanguage(to) || !p.allowsPair(from, to) {
		return nil, unsupported(p.cfg.Name, from, to)
	}
	u := endpoint(p.cfg.URL, "/v2/translate")
	header := http.Header{"Authorization": {"DeepL-Auth-Key " + p.cfg.APIKey}}
	return translateBatches(ctx, p.cfg.Name, texts, p.cfg.BatchSize, p.cfg.MaxRequestChars, func(ctx context.Context, chunk []string) ([]string, error) {
		var r deeplResponse
		if err := p.http.postJSON(ctx, u, header, deeplRequest{Text: chunk, SourceLang: src, TargetLang: dst, PreserveFormatting: true}, classifyDeepL, &r); err != nil {
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
