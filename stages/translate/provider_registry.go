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
//
// A new HTTP provider is one file (its config embedding HTTPConfig, its
// constructor, its Translate) plus its section here and its line in
// sections; the README's "A new translation provider" walks through one.
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

// sections are the configured kinds of provider, in build order.
func (c *ProvidersConfig) sections() []providerSection {
	return []providerSection{
		sectionOf("libretranslate", &c.LibreTranslate, NewLibreTranslate),
		sectionOf("deepl", &c.DeepL, NewDeepL),
		sectionOf("google", &c.Google, NewGoogle),
		sectionOf("openai", &c.OpenAI, NewOpenAI),
		sectionOf("apertium", &c.Apertium, NewApertium),
	}
}

// Environment variables holding the providers' API keys. Keys are never
// read from configuration files; WithAPIKeys copies them in.
const (
	EnvLibreTranslateAPIKey = "NOTEGATE_LIBRETRANSLATE_API_KEY"
	EnvDeepLAPIKey          = "NOTEGATE_DEEPL_API_KEY"
	EnvGoogleAPIKey         = "NOTEGATE_GOOGLE_API_KEY"
	EnvOpenAIAPIKey         = "NOTEGATE_OPENAI_API_KEY"
)

// providerSection is one kind of provider, bound to its place in a
// ProvidersConfig.
type providerSection struct {
	name     string
	present  func() bool
	validate func() error
	// withKey fills an empty API key from getenv.
	withKey func(getenv func(string) string)
	// build returns the provider and the URL it will call.
	build func() (Provider, string, error)
}

// sectionOf binds the section *slot (nil when not configured) of kind
// name to its constructor.
//
// C is a provider's config: it embeds HTTPConfig (whose shared fields the
// registry reads), has its defaults and validates itself.
func sectionOf[C providerConfig[C], P Provider](name string, slot **C, build func(C) (P, error)) providerSection {
	return providerSection{
		name:     name,
		present:  func() bool { return *slot != nil },
		validate: func() error { return (**slot).Validate() },
		withKey: func(getenv func(string) string) {
			env := (**slot).httpDefaults().keyEnv
			if env == "" || httpConfigOf(*slot).APIKey != "" {
				return
			}
			c := **slot // a copy: the caller's config is not changed
			httpConfigOf(&c).APIKey = getenv(env)
			*slot = &c
		},
		build: func() (Provider, string, error) {
			p, err := build(**slot)
			if err != nil {
				return nil, "", err
			}
			c := (**slot).WithDefaults()
			return p, httpConfigOf(&c).URL, nil
		},
	}
}

// WithAPIKeys returns c with the API key of every configured section that
// has none taken from getenv (os.Getenv in the binary).
func (c ProvidersConfig) WithAPIKeys(getenv func(string) string) ProvidersConfig {
	for _, s := range c.sections() {
		if s.present() {
			s.withKey(getenv)
		}
	}
	return c
}

// Validate reports the configuration errors of every configured section.
func (c ProvidersConfig) Validate() error {
	var errs []error
	for _, s := range c.sections() {
		if !s.present() {
			continue
		}
		if err := s.validate(); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.name, err))
		}
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
	for _, s := range cfg.sections() {
		if !s.present() {
			continue
		}
		p, endpoint, err := s.build()
		if err != nil {
			return nil, err
		}
		for _, q := range providers {
			if q.Name() == p.Name() {
				return nil, fmt.Errorf("translation providers: two named %q", p.Name())
			}
		}
		providers = append(providers, p)
		log.Info("translation provider configured", "provider", p.Name(), "url", endpoint)
	}
	return providers, nil
}
