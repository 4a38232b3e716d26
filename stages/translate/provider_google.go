package translate

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// GoogleName is the default Name of the Google Cloud Translation provider.
const GoogleName = "google"

// GoogleURL is the Cloud Translation API's base URL.
const GoogleURL = "https://translation.googleapis.com"

// googleMaxTexts is the v2 API's limit of text segments per request.
const googleMaxTexts = 128

// GoogleConfig configures Google Cloud Translation, Basic edition (v2).
// URL is the API's base URL without /language/translate/v2 (default
// GoogleURL); the API key (NOTEGATE_GOOGLE_API_KEY) is required, sent in
// the X-Goog-Api-Key header; batches of at most 128 texts (the default)
// and 5000 characters (Google's recommendation); Languages default none
// (Google translates over a hundred languages).
type GoogleConfig struct {
	HTTPConfig `yaml:",inline"`
}

var googleDefaults = httpDefaults{name: GoogleName, url: GoogleURL, batch: googleMaxTexts, maxBatch: googleMaxTexts,
	chars: 5000, timeout: 30 * time.Second, keyEnv: EnvGoogleAPIKey, keyRequired: true}

// httpDefaults implements providerConfig.
func (GoogleConfig) httpDefaults() httpDefaults { return googleDefaults }

// WithDefaults returns c with every zero field set to its default.
func (c GoogleConfig) WithDefaults() GoogleConfig {
	c.HTTPConfig = c.HTTPConfig.withDefaults(googleDefaults)
	return c
}

// Validate reports missing and malformed values, after defaults.
func (c GoogleConfig) Validate() error {
	return c.WithDefaults().validate(googleDefaults)
}

// Google translates through Cloud Translation v2 (format text, so that
// answers are not HTML-escaped), up to 128 texts per request.
type Google struct {
	httpProvider[GoogleConfig]
}

// NewGoogle returns the provider; it does not contact the API.
func NewGoogle(cfg GoogleConfig) (*Google, error) { return newHTTP[Google](cfg) }

// code maps a tag to Google's code: zh-CN or zh-TW for Chinese, the base
// language otherwise.
func (p *Google) code(tag string) (string, bool) {
	return p.languageCode(tag, "zh-CN", "zh-TW")
}

type googleRequest struct {
	Q      []string `json:"q"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Format string   `json:"format"`
}

type googleResponse struct {
	Data *struct {
		Translations *[]struct {
			TranslatedText *string `json:"translatedText"`
		} `json:"translations"`
	} `json:"data"`
}

// Translate implements Provider.
func (p *Google) Translate(ctx context.Context, from, to string, texts []string) ([]string, error) {
	src, ok1 := p.code(from)
	dst, ok2 := p.code(to)
	if !ok1 || !ok2 || BaseLanguage(from) == BaseLanguage(to) {
		return nil, unsupported(p.cfg.Name, from, to)
	}
	u := endpoint(p.cfg.URL, "/language/translate/v2")
	header := http.Header{"X-Goog-Api-Key": {p.cfg.APIKey}}
	return translateBatches(ctx, p.cfg.Name, texts, p.cfg.BatchSize, p.cfg.MaxRequestChars, func(ctx context.Context, chunk []string) ([]string, error) {
		var r googleResponse
		if err := p.http.postJSON(ctx, u, header, googleRequest{Q: chunk, Source: src, Target: dst, Format: "text"}, classifyGoogle, &r); err != nil {
			return nil, err
		}
		if r.Data == nil || r.Data.Translations == nil {
			return nil, p.http.malformed("no data.translations array")
		}
		out := make([]string, len(*r.Data.Translations))
		for i, t := range *r.Data.Translations {
			if t.TranslatedText == nil {
				return nil, p.http.malformed("translation %d has no translatedText", i)
			}
			out[i] = *t.TranslatedText
		}
		return out, nil
	})
}

// classifyGoogle reads Google's error body,
// {"error": {"code", "message", "errors": [{"reason", "domain"}], "status"}}:
// rate-limit reasons are ErrRateLimited, daily and project quotas
// ErrQuotaExceeded (both come as 403 or 429), a 400 about the language
// pair ErrUnsupportedPair.
func classifyGoogle(status int, body []byte) (error, string) {
	var e struct {
		Error struct {
			Message string `json:"message"`
			Errors  []struct {
				Reason string `json:"reason"`
			} `json:"errors"`
		} `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	msg := strings.TrimSpace(e.Error.Message)
	for _, d := range e.Error.Errors {
		switch d.Reason {
		case "rateLimitExceeded", "userRateLimitExceeded":
			return ErrRateLimited, msg
		case "dailyLimitExceeded", "quotaExceeded", "dailyLimitExceededUnreg":
			return ErrQuotaExceeded, msg
		}
	}
	if status == http.StatusBadRequest {
		l := strings.ToLower(msg)
		if strings.Contains(l, "language pair") || strings.Contains(l, "target language") || strings.Contains(l, "source language") {
			return ErrUnsupportedPair, msg
		}
	}
	return nil, msg
}
