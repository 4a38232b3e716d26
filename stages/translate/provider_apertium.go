package translate

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"
)

// ApertiumName is the default Name of the Apertium APy provider.
const ApertiumName = "apertium"

// ApertiumConfig configures an Apertium APy server
// (https://github.com/apertium/apertium-apy), for example Debian's
// `apertium-apy -p 2737 /usr/share/apertium/modes`. URL is the server's
// base URL without /translate (required). APy needs no key and translates
// one text a request: BatchSize and MaxRequestChars stay unset, and
// Concurrency says how many requests are in flight.
type ApertiumConfig struct {
	HTTPConfig `yaml:",inline"`
	// Concurrency is how many texts of a batch are in flight at once: APy
	// translates one text per request. Default 4.
	Concurrency int `yaml:"concurrency"`
	// PairsTTL is how long the server's /listPairs answer is trusted
	// before it is asked again. Default 5m.
	PairsTTL time.Duration `yaml:"pairs_ttl"`
}

var apertiumDefaults = httpDefaults{name: ApertiumName, timeout: 30 * time.Second}

// httpDefaults implements providerConfig.
func (ApertiumConfig) httpDefaults() httpDefaults { return apertiumDefaults }

// WithDefaults returns c with every zero field set to its default.
func (c ApertiumConfig) WithDefaults() ApertiumConfig {
	c.HTTPConfig = c.HTTPConfig.withDefaults(apertiumDefaults)
	c.Concurrency = cmp.Or(c.Concurrency, 4)
	c.PairsTTL = cmp.Or(c.PairsTTL, 5*time.Minute)
	return c
}

// Validate reports malformed values, after defaults.
func (c ApertiumConfig) Validate() error {
	c = c.WithDefaults()
	return c.validate(apertiumDefaults,
		require(c.Concurrency >= 1 && c.Concurrency <= 64, "concurrency: %d is outside 1..64", c.Concurrency),
		require(c.PairsTTL >= 0, "pairs_ttl: %v is negative", c.PairsTTL))
}

// Apertium translates through an Apertium APy server: rule-based, one
// text per request (Concurrency at once), plain-text format, unknown
// words left unmarked (markUnknown=no, so no * # @ prefixes reach
// readers). The pairs come from the server's /listPairs, asked on first
// use and again after PairsTTL; a pair it lacks is ErrUnsupportedPair.
type Apertium struct {
	httpProvider[ApertiumConfig]

	mu        sync.Mutex
	pairs     map[string]bool // "eng|spa"
	pairsTime time.Time
}

// NewApertium returns the provider; it does not contact the server.
func NewApertium(cfg ApertiumConfig) (*Apertium, error) { return newHTTP[Apertium](cfg) }

// apertiumCodes maps ISO 639-1 codes to the ISO 639-3 codes Apertium's
// modes are named with.
var apertiumCodes = map[string]string{
	"af": "afr", "an": "arg", "be": "bel", "bg": "bul", "br": "bre", "bs": "bos", "ca": "cat",
	"cs": "ces", "cy": "cym", "da": "dan", "de": "deu", "el": "ell", "en": "eng", "eo": "epo",
	"es": "spa", "eu": "eus", "fi": "fin", "fr": "fra", "ga": "gle", "gl": "glg", "he": "heb",
	"hi": "hin", "hr": "hrv", "id": "ind", "is": "isl", "it": "ita", "kk": "kaz", "mk": "mkd",
	"ms": "msa", "mt": "mlt", "nb": "nob", "nl": "nld", "nn": "nno", "no": "nob", "oc": "oci",
	"pl": "pol", "pt": "por", "ro": "ron", "ru": "rus", "se": "sme", "sk": "slk", "sl": "slv",
	"sq": "sqi", "sr": "srp", "sv": "swe", "tr": "tur", "tt": "tat", "uk": "ukr", "ur": "urd",
	"zh": "zho",
}

// apertiumCode maps a tag to Apertium's code.
func apertiumCode(tag string) (string, bool) {
	c, ok := apertiumCodes[BaseLanguage(tag)]
	return c, ok
}

// Translate implements Provider.
func (p *Apertium) Translate(ctx context.Context, from, to string, texts []string) ([]string, error) {
	src, ok1 := apertiumCode(from)
	dst, ok2 := apertiumCode(to)
	if !ok1 || !ok2 || src == dst || !p.allowsPair(from, to) {
		return nil, unsupported(p.cfg.Name, from, to)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", p.cfg.Name, err)
	}
	langpair := src + "|" + dst
	pairs, err := p.listPairs(ctx)
	if err != nil {
		return nil, err
	}
	if !pairs[langpair] {
		return nil, unsupported(p.cfg.Name, from, to)
	}
	// One request per text: batches are cut to the concurrency so that a
	// failure stops the rest early.
	return translateBatches(ctx, p.cfg.Name, texts, p.cfg.Concurrency, 0, func(ctx context.Context, chunk []string) ([]string, error) {
		out := make([]string, len(chunk))
		errs := make([]error, len(chunk))
		var wg sync.WaitGroup
		for i, t := range chunk {
			wg.Go(func() { out[i], errs[i] = p.translateOne(ctx, langpair, t) })
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return nil, firstError(errs)
		}
		return out, nil
	})
}

func firstError(errs []error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

type apertiumResponse struct {
	ResponseData *struct {
		TranslatedText *string `json:"translatedText"`
	} `json:"responseData"`
	ResponseStatus int `json:"responseStatus"`
}

// translateOne sends one text as a form POST (no URL length limit).
func (p *Apertium) translateOne(ctx context.Context, langpair, text string) (string, error) {
	form := url.Values{
		"langpair":    {langpair},
		"q":           {text},
		"markUnknown": {"no"},
		"format":      {"txt"},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint(p.cfg.URL, "/translate"), strings.NewReader(form.Encode()))
	if err != nil {
		return "", &ProviderError{Provider: p.cfg.Name, Kind: ErrPermanent, Message: "building the request", Err: err}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	body, err := p.http.send(req, classifyApertium)
	if err != nil {
		return "", err
	}
	var r apertiumResponse
	if err := p.http.decodeStrict(body, &r); err != nil {
		return "", err
	}
	if r.ResponseData == nil || r.ResponseData.TranslatedText == nil {
		return "", p.http.malformed("no responseData.translatedText")
	}
	if r.ResponseStatus != 0 && r.ResponseStatus != http.StatusOK {
		return "", &ProviderError{Provider: p.cfg.Name, Kind: kindForStatus(r.ResponseStatus), Status: r.ResponseStatus, Message: "responseStatus in the body"}
	}
	return keepOuterSpace(text, *r.ResponseData.TranslatedText), nil
}

// keepOuterSpace gives the translation the source's leading and trailing
// white space: Apertium adds and drops some at the edges.
func keepOuterSpace(src, translated string) string {
	lead := src[:len(src)-len(strings.TrimLeftFunc(src, unicode.IsSpace))]
	trail := src[len(strings.TrimRightFunc(src, unicode.IsSpace)):]
	return lead + strings.TrimSpace(translated) + trail
}

// listPairs returns the server's pairs, asking when the cached answer is
// older than PairsTTL. A failure is not cached.
func (p *Apertium) listPairs(ctx context.Context) (map[string]bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pairs != nil && time.Since(p.pairsTime) < p.cfg.PairsTTL {
		return p.pairs, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint(p.cfg.URL, "/listPairs"), nil)
	if err != nil {
		return nil, &ProviderError{Provider: p.cfg.Name, Kind: ErrPermanent, Message: "building the request", Err: err}
	}
	req.Header.Set("Accept", "application/json")
	body, err := p.http.send(req, classifyApertium)
	if err != nil {
		return nil, err
	}
	var r struct {
		ResponseData *[]struct {
			SourceLanguage string `json:"sourceLanguage"`
			TargetLanguage string `json:"targetLanguage"`
		} `json:"responseData"`
	}
	if err := p.http.decodeStrict(body, &r); err != nil {
		return nil, err
	}
	if r.ResponseData == nil {
		return nil, p.http.malformed("listPairs without responseData")
	}
	pairs := make(map[string]bool, len(*r.ResponseData))
	for _, pr := range *r.ResponseData {
		pairs[pr.SourceLanguage+"|"+pr.TargetLanguage] = true
	}
	p.pairs, p.pairsTime = pairs, time.Now()
	return pairs, nil
}

// classifyApertium reads APy's error bodies,
// {"status": "error", "code": 400, "message": "Bad Request", "explanation": "That pair is not installed"}.
func classifyApertium(status int, body []byte) (error, string) {
	var e struct {
		Message     string `json:"message"`
		Explanation string `json:"explanation"`
	}
	_ = json.Unmarshal(body, &e)
	msg := strings.TrimSpace(e.Explanation)
	if msg == "" {
		msg = strings.TrimSpace(e.Message)
	}
	if status == http.StatusBadRequest && strings.Contains(strings.ToLower(msg), "pair") {
		return ErrUnsupportedPair, msg
	}
	return nil, msg
}
