package translate

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/notegate/notegate/internal/backoff"
)

// Config configures the translate stage. The zero value is usable: every
// zero field takes its default.
type Config struct {
	// Targets are the languages every note is translated into when Markets
	// is empty, as ISO 639-1 codes; Chinese is "zh" (or "zh-Hans") for
	// Simplified and "zh-Hant" for Traditional. A note already in a target
	// language gets no translation into it. Default ["en", "zh"].
	Targets []string `yaml:"targets"`
	// ReviewTargets are the languages reviewers read, as in Targets. A note
	// that waits in the review queue (models.Moderation.QueueMarkets) is
	// translated into them as well as into the targets of the markets it
	// is not blocked in, even when it is blocked in some or every market,
	// so that a reviewer can read what they decide. It stays out of every
	// market it is blocked in. A translation that no market allowing the
	// note reads is counted with purpose "review" in the cost metrics. An
	// empty list adds no language. Default: the languages the stage serves
	// (Targets, or every target of Markets).
	ReviewTargets []string `yaml:"review_targets"`
	// Markets maps a market to the targets its readers need. When set, a
	// note gets the union of the targets of every market it is not blocked
	// in (every market when moderation did not run), and Targets is unused.
	// Default none.
	Markets map[string]Market `yaml:"markets"`
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
	// Cache bounds the in-process translation cache and configures the
	// optional tier shared by replicas.
	Cache CacheConfig `yaml:"cache"`
	// Limits holds per-provider rate limits, character budgets, timeouts
	// and prices, keyed by provider name. Default none (unlimited).
	Limits map[string]ProviderLimits `yaml:"limits"`
	// Retry spaces out retries of one provider call.
	Retry RetryConfig `yaml:"retry"`
	// Breaker configures the circuit breaker of every provider. Default 5
	// failures, 30s.
	Breaker BreakerConfig `yaml:"breaker"`
	// Pending schedules the later attempts at translations that every
	// provider failed (the retry topic).
	Pending PendingConfig `yaml:"pending"`
}

// Market lists what one market's readers need.
type Market struct {
	// Targets are the languages the market reads, as in Config.Targets.
	// Required.
	Targets []string `yaml:"targets"`
}

// CacheConfig bounds the in-process LRU cache of translations, keyed by
// (normalized text, source, target, provider), and configures the shared
// tier consulted when it misses.
type CacheConfig struct {
	// Off turns the in-process cache off; it cannot be combined with
	// Redis. Default false.
	Off bool `yaml:"off"`
	// MaxEntries bounds the cached translations. Default 100000.
	MaxEntries int `yaml:"max_entries"`
	// MaxBytes bounds the bytes held by keys and translations. Default
	// 64 MiB.
	MaxBytes int64 `yaml:"max_bytes"`
	// Redis is the shared tier: looked up after the in-process cache
	// misses, and written with every new translation. Default off (no
	// addr).
	Redis RedisCacheConfig `yaml:"redis"`
}

// ProviderLimits are one provider's limits. A provider whose rate limit or
// budget refuses a call is skipped like one whose breaker is open.
type ProviderLimits struct {
	// RequestsPerSecond caps calls to the provider; 0 is unlimited.
	// Default 0.
	RequestsPerSecond float64 `yaml:"requests_per_second"`
	// Burst is how many calls may go out at once. Default
	// ceil(requests_per_second).
	Burst int `yaml:"burst"`
	// MaxWait is the longest a call waits for the rate limit before the
	// provider is skipped for it. Default 1s.
	MaxWait time.Duration `yaml:"max_wait"`
	// CharsPerPeriod is the character budget per Period (per replica); 0
	// is unlimited. Default 0.
	CharsPerPeriod int64 `yaml:"chars_per_period"`
	// Period is the budget's window. Default 24h.
	Period time.Duration `yaml:"period"`
	// PricePerMillionChars estimates cost in notegate_translate_cost_estimated_total.
	// Default 0.
	PricePerMillionChars float64 `yaml:"price_per_million_chars"`
	// Timeout overrides Config.Timeout for this provider. Default 0 (use
	// Config.Timeout).
	Timeout time.Duration `yaml:"timeout"`
}

// RetryConfig spaces out the retries of one provider call on a rate limit
// (429, honouring Retry-After) or a transient failure (5xx, timeout,
// connection refused); other failures are never retried.
type RetryConfig struct {
	// Attempts is the number of tries per call, the first included.
	// Default 2.
	Attempts int `yaml:"attempts"`
	// MinBackoff is the first wait, jittered. Default 100ms.
	MinBackoff time.Duration `yaml:"min_backoff"`
	// MaxBackoff caps a wait; a provider asking (Retry-After) for longer
	// is paused (its breaker opened) for what it asked and skipped.
	// Default 2s.
	MaxBackoff time.Duration `yaml:"max_backoff"`
}

// PendingConfig schedules the later attempts at a pending translation:
// attempt n (1-based) is due FirstDelay·2^(n-1) after the previous one,
// capped at MaxDelay; after MaxAttempts the translation is marked failed.
type PendingConfig struct {
	// FirstDelay is the wait before the first later attempt. Default 5s.
	FirstDelay time.Duration `yaml:"first_delay"`
	// MaxDelay caps the wait between attempts. Default 10m.
	MaxDelay time.Duration `yaml:"max_delay"`
	// MaxAttempts is how many later attempts are made. Default 10.
	MaxAttempts int `yaml:"max_attempts"`
}

// Delay is the wait before later attempt n (1-based).
func (p PendingConfig) Delay(n int) time.Duration {
	return backoff.Policy{Min: p.FirstDelay, Max: p.MaxDelay}.Ceiling(n - 1)
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

	DefaultCacheEntries      = 100000
	DefaultCacheBytes        = 64 << 20
	DefaultRateMaxWait       = time.Second
	DefaultBudgetPeriod      = 24 * time.Hour
	DefaultRetryAttempts     = 2
	DefaultMinBackoff        = 100 * time.Millisecond
	DefaultMaxBackoff        = 2 * time.Second
	DefaultBreakerFailures   = 5
	DefaultBreakerCooldown   = 30 * time.Second
	DefaultPendingFirstDelay = 5 * time.Second
	DefaultPendingMaxDelay   = 10 * time.Minute
	DefaultPendingAttempts   = 10
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
	c.Targets = canonicalTargets(c.Targets)
	if c.Markets != nil {
		ms := make(map[string]Market, len(c.Markets))
		for name, m := range c.Markets {
			ms[name] = Market{Targets: canonicalTargets(m.Targets)}
		}
		c.Markets = ms
	}
	if c.ReviewTargets == nil {
		c.ReviewTargets = append([]string{}, c.targetsOf(nil)...)
	}
	c.ReviewTargets = canonicalTargets(c.ReviewTargets)
	if c.Cache.MaxEntries == 0 {
		c.Cache.MaxEntries = DefaultCacheEntries
	}
	if c.Cache.MaxBytes == 0 {
		c.Cache.MaxBytes = DefaultCacheBytes
	}
	if c.Cache.Redis.Enabled() {
		c.Cache.Redis = c.Cache.Redis.WithDefaults()
	}
	if c.Limits != nil {
		ls := make(map[string]ProviderLimits, len(c.Limits))
		for name, l := range c.Limits {
			if l.MaxWait == 0 {
				l.MaxWait = DefaultRateMaxWait
			}
			if l.Period == 0 {
				l.Period = DefaultBudgetPeriod
			}
			ls[name] = l
		}
		c.Limits = ls
	}
	if c.Retry.Attempts == 0 {
		c.Retry.Attempts = DefaultRetryAttempts
	}
	if c.Retry.MinBackoff == 0 {
		c.Retry.MinBackoff = DefaultMinBackoff
	}
	if c.Retry.MaxBackoff == 0 {
		c.Retry.MaxBackoff = max(DefaultMaxBackoff, c.Retry.MinBackoff)
	}
	if c.Breaker.Failures == 0 {
		c.Breaker.Failures = DefaultBreakerFailures
	}
	if c.Breaker.Cooldown == 0 {
		c.Breaker.Cooldown = DefaultBreakerCooldown
	}
	if c.Pending.FirstDelay == 0 {
		c.Pending.FirstDelay = DefaultPendingFirstDelay
	}
	if c.Pending.MaxDelay == 0 {
		c.Pending.MaxDelay = max(DefaultPendingMaxDelay, c.Pending.FirstDelay)
	}
	if c.Pending.MaxAttempts == 0 {
		c.Pending.MaxAttempts = DefaultPendingAttempts
	}
	return c
}

// canonicalTargets writes "zh-Hans" as "zh"; invalid tags are kept for
// Validate to report.
func canonicalTargets(ts []string) []string {
	if ts == nil {
		return nil
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i], _ = canonicalTarget(t)
	}
	return out
}

// targetsOf returns the targets a note approved in the given markets (all
// markets when none is given) needs, in a stable order.
func (c Config) targetsOf(markets []string) []string {
	if len(c.Markets) == 0 {
		return c.Targets
	}
	if len(markets) == 0 {
		markets = make([]string, 0, len(c.Markets))
		for m := range c.Markets {
			markets = append(markets, m)
		}
	}
	seen := make(map[string]bool)
	var out []string
	for _, m := range markets {
		for _, t := range c.Markets[m].Targets {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	slices.Sort(out)
	return out
}

// limits returns a provider's limits with defaults.
func (c Config) limits(provider string) ProviderLimits {
	l, ok := c.Limits[provider]
	if !ok {
		l = ProviderLimits{MaxWait: DefaultRateMaxWait, Period: DefaultBudgetPeriod}
	}
	if l.Timeout == 0 {
		l.Timeout = c.Timeout
	}
	return l
}

// Validate reports contradictions and malformed values in c, after
// defaults.
func (c Config) Validate() error {
	c = c.WithDefaults()
	var errs []error
	checkTargets := func(where string, ts []string, emptyOK bool) {
		seen := make(map[string]bool)
		for _, t := range ts {
			if _, ok := canonicalTarget(t); !ok {
				errs = append(errs, fmt.Errorf("%s: %q is not a lower-case ISO 639-1 code (or zh-Hans, zh-Hant)", where, t))
			}
			if seen[t] {
				errs = append(errs, fmt.Errorf("%s: %q listed twice", where, t))
			}
			seen[t] = true
		}
		if len(ts) == 0 && !emptyOK {
			errs = append(errs, fmt.Errorf("%s: empty; leave it out for the default or drop the stage", where))
		}
	}
	checkTargets("targets", c.Targets, false)
	for name, m := range c.Markets {
		checkTargets("markets."+name+".targets", m.Targets, false)
	}
	checkTargets("review_targets", c.ReviewTargets, true)
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
	if c.Cache.MaxEntries < 0 || c.Cache.MaxBytes < 0 {
		errs = append(errs, errors.New("cache: max_entries and max_bytes must not be negative (set off: true instead)"))
	}
	if err := c.Cache.Redis.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("cache.redis: %w", err))
	}
	if c.Cache.Off && c.Cache.Redis.Enabled() {
		errs = append(errs, errors.New("cache: off is set together with redis.addr; drop one"))
	}
	for name, l := range c.Limits {
		if l.RequestsPerSecond < 0 || l.Burst < 0 || l.MaxWait < 0 || l.CharsPerPeriod < 0 || l.Period < 0 || l.PricePerMillionChars < 0 || l.Timeout < 0 {
			errs = append(errs, fmt.Errorf("limits.%s: values must not be negative", name))
		}
	}
	if c.Retry.Attempts < 1 {
		errs = append(errs, fmt.Errorf("retry.attempts: %d is below 1", c.Retry.Attempts))
	}
	if c.Retry.MinBackoff < 0 || c.Retry.MaxBackoff < c.Retry.MinBackoff {
		errs = append(errs, fmt.Errorf("retry: backoff %v–%v is not a range", c.Retry.MinBackoff, c.Retry.MaxBackoff))
	}
	if err := c.Breaker.Validate(); err != nil {
		errs = append(errs, err)
	}
	if c.Pending.FirstDelay < 0 || c.Pending.MaxDelay < c.Pending.FirstDelay || c.Pending.MaxAttempts < 1 {
		errs = append(errs, fmt.Errorf("pending: delays %v–%v and max_attempts %d are not a schedule", c.Pending.FirstDelay, c.Pending.MaxDelay, c.Pending.MaxAttempts))
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
