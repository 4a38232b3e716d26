package translate

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// This file is the README's worked example of a new translation provider:
// "shout", an imaginary service that answers POST /v1/shout
// {"texts": [...], "to": "en"} with {"out": [...]}. Its whole code is the
// config (embedding HTTPConfig), the provider (embedding httpProvider,
// built by the shared constructor newHTTP) and Translate; wiring it
// in is a ProvidersConfig field and one line in sections.

// ShoutConfig configures the shout service.
type ShoutConfig struct {
	HTTPConfig `yaml:",inline"`
}

var shoutDefaults = httpDefaults{name: "shout", batch: 10, chars: 2000, timeout: 10 * time.Second}

func (ShoutConfig) httpDefaults() httpDefaults { return shoutDefaults }

// WithDefaults returns c with its defaults.
func (c ShoutConfig) WithDefaults() ShoutConfig {
	c.HTTPConfig = c.HTTPConfig.withDefaults(shoutDefaults)
	return c
}

// Validate reports malformed values.
func (c ShoutConfig) Validate() error {
	return c.WithDefaults().validate(shoutDefaults)
}

// Shout translates through the shout service.
type Shout struct {
	httpProvider[ShoutConfig]
}

// NewShout returns the provider; it does not contact the service.
func NewShout(cfg ShoutConfig) (*Shout, error) { return newHTTP[Shout](cfg) }

// Translate implements Provider: batches, retries' error classes and
// response bounds come from the shared helpers.
func (p *Shout) Translate(ctx context.Context, from, to string, texts []string) ([]string, error) {
	if !p.allowsPair(from, to) || BaseLanguage(to) != "en" {
		return nil, unsupported(p.Name(), from, to)
	}
	u := endpoint(p.cfg.URL, "/v1/shout")
	return translateBatches(ctx, p.Name(), texts, p.cfg.BatchSize, p.cfg.MaxRequestChars, func(ctx context.Context, chunk []string) ([]string, error) {
		var r struct {
			Out *[]string `json:"out"`
		}
		if err := p.http.postJSON(ctx, u, nil, map[string]any{"texts": chunk, "to": "en"}, nil, &r); err != nil {
			return nil, err
		}
		if r.Out == nil {
			return nil, p.http.malformed("no out array")
		}
		return *r.Out, nil
	})
}

func Example_newProvider() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Texts []string }
		_ = json.NewDecoder(r.Body).Decode(&req)
		out := make([]string, len(req.Texts))
		for i, t := range req.Texts {
			out[i] = strings.ToUpper(t) + "!"
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"out": out})
	}))
	defer srv.Close()

	p, err := NewShout(ShoutConfig{HTTPConfig: HTTPConfig{URL: srv.URL}})
	if err != nil {
		panic(err)
	}
	got, err := p.Translate(context.Background(), "es", "en", []string{"hola", "qué tal"})
	fmt.Println(p.Name(), got, err)
	_, err = p.Translate(context.Background(), "en", "zh", []string{"hi"})
	fmt.Println(err != nil)
	// Output:
	// shout [HOLA! QUÉ TAL!] <nil>
	// true
}
