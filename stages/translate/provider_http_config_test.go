package translate

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func TestProvidersReadTheSharedKeysBesideTheirOwn(t *testing.T) {
	t.Parallel()
	file := `
libretranslate: {url: "http://lt:5000", languages: [en, zh], batch_size: 8, chinese_simplified: zh-Hans}
deepl: {name: dl, english_target: EN-GB, timeout: 5s}
google: {max_request_chars: 1000}
openai: {url: "http://llm:11434/v1", model: m, max_tokens: 99, max_response_bytes: 2048}
apertium: {url: "http://apy:2737", concurrency: 2, languages: [en, es]}
`
	dec := yaml.NewDecoder(bytes.NewReader([]byte(file)))
	dec.KnownFields(true)
	var c ProvidersConfig
	if err := dec.Decode(&c); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"libretranslate keeps its url", c.LibreTranslate.URL, "http://lt:5000"},
		{"libretranslate keeps its batch size", c.LibreTranslate.BatchSize, 8},
		{"libretranslate keeps its own chinese code", c.LibreTranslate.ChineseSimplified, "zh-Hans"},
		{"deepl keeps its name", c.DeepL.Name, "dl"},
		{"deepl keeps its timeout", c.DeepL.Timeout, 5 * time.Second},
		{"deepl keeps its own english target", c.DeepL.EnglishTarget, "EN-GB"},
		{"google keeps its request size", c.Google.MaxRequestChars, 1000},
		{"openai keeps its response bound", c.OpenAI.MaxResponseBytes, int64(2048)},
		{"openai keeps its own max tokens", c.OpenAI.MaxTokens, 99},
		{"apertium keeps its languages", strings.Join(c.Apertium.Languages, ","), "en,es"},
		{"apertium keeps its own concurrency", c.Apertium.Concurrency, 2},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestSharedConfigDefaultsAndLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		err     error
		wantErr string
	}{
		{"google without a key names its variable", GoogleConfig{}.Validate(), EnvGoogleAPIKey},
		{"deepl refuses more texts a request than the API takes", DeepLConfig{HTTPConfig: HTTPConfig{APIKey: "k", BatchSize: 51}}.Validate(), "exceeds deepl's 50"},
		{"apertium refuses a batch size: it sends one text a request", ApertiumConfig{HTTPConfig: HTTPConfig{URL: "http://apy", BatchSize: 8}}.Validate(), "one text a request"},
		{"a self-hosted server needs a url", LibreTranslateConfig{}.Validate(), "url"},
		{"an unknown language code is refused", OpenAIConfig{HTTPConfig: HTTPConfig{URL: "http://llm/v1", Languages: []string{"english"}}, Model: "m"}.Validate(), "english"},
		{"a complete config is valid", OpenAIConfig{HTTPConfig: HTTPConfig{URL: "http://llm/v1"}, Model: "m"}.Validate(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			switch {
			case tt.wantErr == "" && tt.err != nil:
				t.Fatal(tt.err)
			case tt.wantErr != "" && (tt.err == nil || !strings.Contains(tt.err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want one naming %q", tt.err, tt.wantErr)
			}
		})
	}
	if got := (OpenAIConfig{}).WithDefaults().Timeout; got != 120*time.Second {
		t.Errorf("openai timeout default %v, want 120s", got)
	}
	if got := (GoogleConfig{}).WithDefaults().BatchSize; got != googleMaxTexts {
		t.Errorf("google batch default %d, want %d", got, googleMaxTexts)
	}
}

func TestLanguagesRestrictEveryProviderWithoutACall(t *testing.T) {
	t.Parallel()
	unreachable := "http://127.0.0.1:1"
	deepl, err := NewDeepL(DeepLConfig{HTTPConfig: HTTPConfig{URL: unreachable, APIKey: "k", Languages: []string{"en", "de"}}})
	if err != nil {
		t.Fatal(err)
	}
	apertium, err := NewApertium(ApertiumConfig{HTTPConfig: HTTPConfig{URL: unreachable, Languages: []string{"en", "es"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []Provider{deepl, apertium} {
		_, err := p.Translate(context.Background(), "zh-Hans", "en", []string{"你好"})
		if !errors.Is(err, ErrUnsupportedPair) {
			t.Errorf("%s: zh→en outside its languages: error %v, want ErrUnsupportedPair", p.Name(), err)
		}
	}
}
