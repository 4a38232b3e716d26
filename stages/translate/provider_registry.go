package translate

import (
	"errors"
	"fmt"
	"log/slog"
)

// ProvidersConfig lists the translation providers to build. A nil section
// is a provider not configured; the CC-CEDICT gloss is always built, as
// the last resort. Which provider serves which pair is the translate
// stage's Config (Providers, Pairs), by Name.
type ProvidersConfig struct {
	// LibreTranslate is a LibreTranslate server. Default none.
	LibreTranslate *LibreTranslateConfig `yaml:"libretranslate"`
	// DeepL is the DeepL API. Default none.
	DeepL *DeepLConfig `yaml:"deepl"`
	// Google is Google Cloud Translation v2. Default none.
	Google *GoogleConfig `yaml:"google"`
	// OpenAI is an OpenAI-compatible chat endpoint. Default none.
	OpenAI *OpenAIConfig `yaml:"openai"`
	// Apertium is an Apertium APy server. Default none.
	Apertium *ApertiumConfig `yaml:"apertium"`
}

// Environment variables holding the providers' API keys. Keys are never
// read from configuration files; WithAPIKeys copies them in.
const (
	EnvLibreTranslateAPIKey = "NOTEGATE_LIBRETRANSLATE_API_KEY"
	EnvDeepLAPIKey          = "NOTEGATE_DEEPL_API_KEY"
	EnvGoogleAPIKey         = "NOTEGATE_GOOGLE_API_KEY"
	EnvOpenAIAPIKey         = "NOTEGATE_OPENAI_API_KEY"
)

// WithAPIKeys returns c with the API key of every configured section that
// has none taken from getenv (os.Getenv in the binary).
func (c ProvidersConfig) WithAPIKeys(getenv func(string) string) ProvidersConfig {
	if c.LibreTranslate != nil && c.LibreTranslate.APIKey == "" {
		s := *c.LibreTranslate
		s.APIKey = getenv(EnvLibreTranslateAPIKey)
		c.LibreTranslate = &s
	}
	if c.DeepL != nil && c.DeepL.APIKey == "" {
		s := *c.DeepL
		s.APIKey = getenv(EnvDeepLAPIKey)
		c.DeepL = &s
	}
	if c.Google != nil && c.Google.APIKey == "" {
		s := *c.Google
		s.APIKey = getenv(EnvGoogleAPIKey)
		c.Google = &s
	}
	if c.OpenAI != nil && c.OpenAI.APIKey == "" {
		s := *c.OpenAI
		s.APIKey = getenv(EnvOpenAIAPIKey)
		c.OpenAI = &s
	}
	return c
}

// Validate reports the configuration errors of every configured section.
func (c ProvidersConfig) Validate() error {
	var errs []error
	add := func(section string, err error) {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", section, err))
		}
	}
	if c.LibreTranslate != nil {
		add("libretranslate", c.LibreTranslate.Validate())
	}
	if c.DeepL != nil {
		add("deepl", c.DeepL.Validate())
	}
	if c.Google != nil {
		add("google", c.Google.Validate())
	}
	if c.OpenAI != nil {
		add("openai", c.OpenAI.Validate())
	}
	if c.Apertium != nil {
		add("apertium", c.Apertium.Validate())
	}
	return errors.Join(errs...)
}

// BuildProviders builds the CC-CEDICT gloss and every configured
// provider, in that order. It contacts no server. Names must be unique.
// A nil logger means slog.Default().
func BuildProviders(cfg ProvidersConfig, log *slog.Logger) ([]Provider, error) {
	if log == nil {
		log = slog.Default()
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("translation providers: %w", err)
	}
	gloss, err := NewCedictGloss()
	if err != nil {
		return nil, err
	}
	providers := []Provider{gloss}
	add := func(p Provider, err error, endpoint string) error {
		if err != nil {
			return err
		}
		for _, q := range providers {
			if q.Name() == p.Name() {
				return fmt.Errorf("translation providers: two named %q", p.Name())
			}
		}
		providers = append(providers, p)
		log.Info("translation provider configured", "provider", p.Name(), "url", endpoint)
		return nil
	}
	if c := cfg.LibreTranslate; c != nil {
		p, err := NewLibreTranslate(*c)
		if err := add(p, err, c.URL); err != nil {
			return nil, err
		}
	}
	if c := cfg.DeepL; c != nil {
		p, err := NewDeepL(*c)
		if err := add(p, err, c.WithDefaults().URL); err != nil {
			return nil, err
		}
	}
	if c := cfg.Google; c != nil {
		p, err := NewGoogle(*c)
		if err := add(p, err, c.WithDefaults().URL); err != nil {
			return nil, err
		}
	}
	if c := cfg.OpenAI; c != nil {
		p, err := NewOpenAI(*c)
		if err := add(p, err, c.URL); err != nil {
			return nil, err
		}
	}
	if c := cfg.Apertium; c != nil {
		p, err := NewApertium(*c)
		if err := add(p, err, c.URL); err != nil {
			return nil, err
		}
	}
	return providers, nil
}
