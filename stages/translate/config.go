package translate

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Config configures the translate stage. The zero value is usable: every
// zero field takes its default.
type Config struct {
	// Targets are the languages every note is translated into, as ISO 639-1
	// codes ("zh" for Chinese in either script). A note already in a target
	// language gets no translation into it. Default ["en", "zh"].
	Targets []string `yaml:"targets"`
	// Providers names, in order, the providers tried for every language
	// pair that Pairs does not list: the first that succeeds wins. Default
	// ["cedict-gloss"].
	Providers []string `yaml:"providers"`
	// Pairs overrides Providers for one pair, keyed "from-to" ("zh-en",
	// "fr-zh"); an empty list turns the pair off. Default none.
	Pairs map[string][]string `yaml:"pairs"`
	// MinLetters is how many letters (outside URLs, mentions and hashtags)
	// the title and body must hold together to be worth translating; fewer
	// is skipped as "nothing to translate". Default 2.
	MinLetters int `yaml:"min_letters"`
	// MaxChars bounds the title and body together, in characters; a longer
	// note is skipped rather than sent to a provider. Default 20000.
	MaxChars int `yaml:"max_chars"`
	// BatchSize is the most texts (a title and a body are two) sent in one
	// provider call. Default 64.
	BatchSize int `yaml:"batch_size"`
	// Timeout bounds one provider call; a call that runs out fails like
	// any other. Default 10s.
	Timeout time.Duration `yaml:"timeout"`
}

// Defaults of Config.
var (
	DefaultTargets   = []string{"en", "zh"}
	DefaultProviders = []string{CedictGlossName}
)

const (
	DefaultMinLetters = 2
	DefaultMaxChars   = 20000
	DefaultBatchSize  = 64
	DefaultTimeout    = 10 * time.Second
)

// WithDefaults returns c with every zero field set to its default.
func (c Config) WithDefaults() Config {
	if c.Targets == nil {
		c.Targets = append([]string(nil), DefaultTargets...)
	}
	if c.Providers == nil {
		c.Providers = append([]string(nil), DefaultProviders...)
	}
	if c.MinLetters == 0 {
		c.MinLetters = DefaultMinLetters
	}
	if c.MaxChars == 0 {
		c.MaxChars = DefaultMaxChars
	}
	if c.BatchSize == 0 {
		c.BatchSize = DefaultBatchSize
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	return c
}

// Validate reports contradictions and malformed values in c, after
// defaults.
func (c Config) Validate() error {
	c = c.WithDefaults()
	var errs []error
	seen := make(map[string]bool)
	for _, t := range c.Targets {
		if !validCode(t) {
			errs = append(errs, fmt.Errorf("targets: %q is not a lower-case ISO 639-1 code", t))
		}
		if seen[t] {
			errs = append(errs, fmt.Errorf("targets: %q listed twice", t))
		}
		seen[t] = true
	}
	if len(c.Targets) == 0 {
		errs = append(errs, errors.New("targets: empty; leave it out for the default or drop the stage"))
	}
	checkNames := func(where string, names []string) {
		dup := make(map[string]bool)
		for _, n := range names {
			if strings.TrimSpace(n) == "" {
				errs = append(errs, fmt.Errorf("%s: empty provider name", where))
			}
			if dup[n] {
				errs = append(errs, fmt.Errorf("%s: provider %q listed twice", where, n))
			}
			dup[n] = true
		}
	}
	checkNames("providers", c.Providers)
	for pair, names := range c.Pairs {
		from, to, ok := strings.Cut(pair, "-")
		if !ok || !validCode(from) || !validCode(to) || from == to {
			errs = append(errs, fmt.Errorf("pairs: key %q is not \"from-to\" with two different ISO 639-1 codes", pair))
		}
		checkNames("pairs["+pair+"]", names)
	}
	if c.MinLetters < 0 {
		errs = append(errs, fmt.Errorf("min_letters: %d is negative", c.MinLetters))
	}
	if c.MaxChars <= c.MinLetters {
		errs = append(errs, fmt.Errorf("max_chars: %d must exceed min_letters %d", c.MaxChars, c.MinLetters))
	}
	if c.BatchSize < 2 {
		errs = append(errs, fmt.Errorf("batch_size: %d is below 2 (a title and a body)", c.BatchSize))
	}
	if c.Timeout < 0 {
		errs = append(errs, fmt.Errorf("timeout: %v is negative", c.Timeout))
	}
	return errors.Join(errs...)
}

// providersFor returns the provider names configured for a pair.
func (c Config) providersFor(from, to string) []string {
	if names, ok := c.Pairs[from+"-"+to]; ok {
		return names
	}
	return c.Providers
}

func validCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
