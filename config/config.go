// Package config reads notegate's configuration: a YAML file, then
// environment overrides (secrets only from the environment), then
// defaults, then validation. Each component keeps its own typed Config;
// this package only assembles them.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/httpapi"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/detect"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/moderate"
	"github.com/notegate/notegate/stages/translate"
)

// Index backends.
const (
	BackendEmbedded      = "embedded"
	BackendElasticsearch = "elasticsearch"
)

// ElasticsearchSearchesPerCPU is the default http.search.max_concurrent per
// CPU (GOMAXPROCS) with the Elasticsearch backend.
const ElasticsearchSearchesPerCPU = 4

// Config is the whole configuration of the service.
type Config struct {
	// LogLevel is debug, info, warn or error. Default "info".
	LogLevel string `yaml:"log_level"`
	// MemoryLimit is a soft limit on the memory the Go runtime uses
	// (runtime/debug.SetMemoryLimit): near it the collector runs more often
	// rather than let the heap grow, so that a container with a memory
	// limit is not killed for garbage; the process can still exceed it when
	// that much is live. Set it a little under the container's limit.
	// GOMEMLIMIT in the environment, when set, wins. Default: none (the
	// heap grows to twice what is live, GOGC=100).
	MemoryLimit Bytes `yaml:"memory_limit"`
	// HTTP configures the HTTP server.
	HTTP HTTP `yaml:"http"`
	// Kafka configures consumption, routing and commits.
	Kafka pipeline.Config `yaml:"kafka"`
	// Index chooses and configures the search index.
	Index Index `yaml:"index"`
	// Detect configures language identification.
	Detect detect.Config `yaml:"detect"`
	// Translate configures translation.
	Translate translate.Config `yaml:"translate"`
	// TranslateProviders configures the real translation providers
	// (LibreTranslate, DeepL, Google, OpenAI-compatible, Apertium APy); the
	// offline CC-CEDICT gloss is always there. API keys come only from the
	// environment. Default: none.
	TranslateProviders translate.ProvidersConfig `yaml:"translate_providers"`
	// Moderate configures moderation; markets come from its policy.
	Moderate moderate.Config `yaml:"moderate"`
	// Review configures the reviewer desk: accounts, claims, audit file.
	Review desk.Config `yaml:"review"`
	// Decisions configures the reviewer decisions topic and its consumer.
	Decisions rules.DecisionsConfig `yaml:"decisions"`
	// Authors configures the author actions topic and the standings
	// every replica keeps from it.
	Authors rules.AuthorsConfig `yaml:"authors"`
	// Reports configures the user reports topic, its consumer and when
	// reports queue a note.
	Reports rules.ReportsConfig `yaml:"reports"`
	// Appeals configures the appeals topic and its consumer.
	Appeals rules.AppealsConfig `yaml:"appeals"`
	// Health configures readiness: how long a failing dependency or a
	// waiting event is tolerated, and the broker probe.
	Health pipeline.HealthConfig `yaml:"health"`
}

// HTTP configures the HTTP server.
type HTTP struct {
	// Addr is the listen address. Default "127.0.0.1:8080".
	Addr string `yaml:"addr"`
	// OpsAddr, when set, is a second listen address that serves only
	// /livez, /readyz, /healthz and /metrics, so that probes and scrapes
	// never share a listener with search traffic; Addr serves them too.
	// Default "": none.
	OpsAddr string `yaml:"ops_addr"`
	// Search bounds public search: concurrency, queue, deadline, paging
	// window. See httpapi.SearchConfig.
	Search httpapi.SearchConfig `yaml:"search"`
}

// Index chooses the index backend.
type Index struct {
	// Backend is "embedded" (an on-disk index in Embedded.Dir) or
	// "elasticsearch". Default "embedded".
	Backend string `yaml:"backend"`
	// Embedded configures the embedded index. Default dir ".notegate-data/index".
	Embedded index.EmbeddedConfig `yaml:"embedded"`
	// Elasticsearch configures Elasticsearch.
	Elasticsearch index.ElasticsearchConfig `yaml:"elasticsearch"`
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		LogLevel: "info",
		// HTTP.Search takes its defaults in Load, which depend on the backend.
		HTTP:  HTTP{Addr: "127.0.0.1:8080"},
		Kafka: pipeline.Config{Brokers: []string{"127.0.0.1:9092"}}.WithDefaults(),
		Index: Index{
			Backend:  BackendEmbedded,
			Embedded: index.EmbeddedConfig{Dir: ".notegate-data/index"},
		},
		Review:    desk.Config{}.WithDefaults(),
		Decisions: rules.DecisionsConfig{}.WithDefaults(),
		Authors:   rules.AuthorsConfig{}.WithDefaults(),
		Reports:   rules.ReportsConfig{}.WithDefaults(),
		Appeals:   rules.AppealsConfig{}.WithDefaults(),
		Health:    pipeline.HealthConfig{}.WithDefaults(),
	}
}

// Load reads path (empty: no file), applies the environment and defaults,
// and validates the result.
func Load(path string, getenv func(string) string) (Config, error) {
	cfg := Default()
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return Config{}, fmt.Errorf("read config: %w", err)
		}
		if err := decodeYAML(b, &cfg); err != nil {
			return Config{}, fmt.Errorf("config %s: %w", path, err)
		}
	}
	if err := applyEnv(&cfg, getenv); err != nil {
		return Config{}, err
	}
	if cfg.HTTP.Search.MaxConcurrent == 0 && cfg.Index.Backend == BackendElasticsearch {
		// Searches in Elasticsearch mostly wait on the cluster, not on
		// this process's CPUs.
		cfg.HTTP.Search.MaxConcurrent = ElasticsearchSearchesPerCPU * runtime.GOMAXPROCS(0)
	}
	cfg.HTTP.Search = cfg.HTTP.Search.WithDefaults()
	cfg.Kafka = cfg.Kafka.WithDefaults()
	cfg.Review = cfg.Review.WithDefaults()
	cfg.Decisions = cfg.Decisions.WithDefaults()
	cfg.Authors = cfg.Authors.WithDefaults()
	cfg.Reports = cfg.Reports.WithDefaults()
	cfg.Appeals = cfg.Appeals.WithDefaults()
	cfg.Health = cfg.Health.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return cfg, nil
}

// decodeYAML decodes strictly: an unknown key is an error, since a typo
// would otherwise silently leave a default in force.
func decodeYAML(b []byte, cfg *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// Validate reports every contradiction at once.
func (c Config) Validate() error {
	var errs []error
	if _, err := ParseLevel(c.LogLevel); err != nil {
		errs = append(errs, err)
	}
	if c.MemoryLimit < 0 || c.MemoryLimit > 0 && c.MemoryLimit < MinMemoryLimit {
		errs = append(errs, fmt.Errorf("memory_limit %s: want none or at least %s", c.MemoryLimit, MinMemoryLimit))
	}
	if c.HTTP.Addr == "" {
		errs = append(errs, errors.New("http.addr is empty"))
	}
	if c.HTTP.OpsAddr != "" && c.HTTP.OpsAddr == c.HTTP.Addr && !strings.HasSuffix(c.HTTP.Addr, ":0") {
		errs = append(errs, fmt.Errorf("http.ops_addr %q is also http.addr", c.HTTP.OpsAddr))
	}
	if err := c.HTTP.Search.WithDefaults().Validate(); err != nil {
		errs = append(errs, fmt.Errorf("http.search: %w", err))
	}
	if err := c.Kafka.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("kafka: %w", err))
	}
	switch c.Index.Backend {
	case BackendEmbedded:
		if c.Index.Embedded.Dir == "" {
			errs = append(errs, errors.New("index.embedded.dir is empty"))
		} else if err := c.Index.Embedded.Validate(); err != nil {
			errs = append(errs, err)
		}
	case BackendElasticsearch:
		if len(c.Index.Elasticsearch.URLs) == 0 {
			errs = append(errs, errors.New("index.elasticsearch.urls is empty"))
		}
	default:
		errs = append(errs, fmt.Errorf("index.backend %q is neither %q nor %q", c.Index.Backend, BackendEmbedded, BackendElasticsearch))
	}
	if err := c.Detect.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("detect: %w", err))
	}
	if err := c.Translate.WithDefaults().Validate(); err != nil {
		errs = append(errs, fmt.Errorf("translate: %w", err))
	}
	if err := c.TranslateProviders.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("translate_providers: %w", err))
	}
	if err := c.Moderate.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("moderate: %w", err))
	}
	if err := c.Review.WithDefaults().Validate(); err != nil {
		errs = append(errs, fmt.Errorf("review: %w", err))
	}
	if err := c.Authors.WithDefaults().Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.Reports.WithDefaults().Validate(); err != nil {
		errs = append(errs, err)
	}
	// The side topics are each their own.
	k := c.Kafka.WithDefaults()
	seen := map[string]string{}
	for _, t := range [][2]string{{"decisions.topic", c.Decisions.WithDefaults().Topic}, {"authors.topic", c.Authors.WithDefaults().Topic},
		{"reports.topic", c.Reports.WithDefaults().Topic}, {"appeals.topic", c.Appeals.WithDefaults().Topic}} {
		what, topic := t[0], t[1]
		if other, ok := seen[topic]; ok {
			errs = append(errs, fmt.Errorf("%s %q is also %s", what, topic, other))
		} else if slices.Contains(append(k.OutputTopics(k.Topics.TranslateRetry), k.InputTopic), topic) {
			errs = append(errs, fmt.Errorf("%s %q is also a topic of kafka", what, topic))
		}
		seen[topic] = what
	}
	return errors.Join(errs...)
}

// ParseLevel turns a log level name into a slog level.
func ParseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("log_level %q: want debug, info, warn or error", s)
	}
	return l, nil
}

// Env lists the environment variables that override the file, for the
// README and for `notegate help`.
var Env = []struct{ Name, Help string }{
	{"NOTEGATE_LOG_LEVEL", "log_level"},
	{"NOTEGATE_MEMORY_LIMIT", "memory_limit, e.g. 300MiB (GOMEMLIMIT, when set, wins)"},
	{"NOTEGATE_HTTP_ADDR", "http.addr"},
	{"NOTEGATE_HTTP_OPS_ADDR", "http.ops_addr"},
	{"NOTEGATE_KAFKA_BROKERS", "kafka.brokers, comma-separated"},
	{"NOTEGATE_KAFKA_GROUP_ID", "kafka.group_id"},
	{"NOTEGATE_KAFKA_INPUT_TOPIC", "kafka.input_topic"},
	{"NOTEGATE_INDEX_BACKEND", "index.backend (embedded or elasticsearch)"},
	{"NOTEGATE_INDEX_DIR", "index.embedded.dir"},
	{"NOTEGATE_ES_URLS", "index.elasticsearch.urls, comma-separated"},
	{"NOTEGATE_ES_USERNAME", "index.elasticsearch.username"},
	{"NOTEGATE_ES_PASSWORD", "index.elasticsearch password (environment only)"},
	{"NOTEGATE_ES_API_KEY", "index.elasticsearch API key (environment only)"},
	{"NOTEGATE_POLICY_FILE", "moderate.policy_file"},
	{"NOTEGATE_MODERATIONS_API_KEY", "moderate.remote.moderations API key (environment only)"},
	{"NOTEGATE_GUARD_API_KEY", "moderate.remote.guard API key (environment only)"},
	{moderate.EnvSharedStatePassword, "moderate.shared_state.redis password (environment only)"},
	{"NOTEGATE_REVIEW_TOKENS", "reviewer API tokens name:role:secret, comma-separated (environment only)"},
	{desk.EnvSharedStatePassword, "review.shared_state.redis password (environment only)"},
	{translate.EnvLibreTranslateAPIKey, "translate_providers.libretranslate API key (environment only)"},
	{translate.EnvDeepLAPIKey, "translate_providers.deepl API key (environment only)"},
	{translate.EnvGoogleAPIKey, "translate_providers.google API key (environment only)"},
	{translate.EnvOpenAIAPIKey, "translate_providers.openai API key (environment only)"},
	{translate.EnvRedisPassword, "translate.cache.redis password (environment only)"},
}

func applyEnv(c *Config, getenv func(string) string) error {
	if getenv == nil {
		getenv = os.Getenv
	}
	c.TranslateProviders = c.TranslateProviders.WithAPIKeys(getenv)
	set := func(name string, dst *string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			*dst = v
		}
	}
	list := func(name string, dst *[]string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			var out []string
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
			*dst = out
		}
	}
	set("NOTEGATE_LOG_LEVEL", &c.LogLevel)
	if v := getenv("NOTEGATE_MEMORY_LIMIT"); strings.TrimSpace(v) != "" {
		b, err := ParseBytes(v)
		if err != nil {
			return fmt.Errorf("NOTEGATE_MEMORY_LIMIT: %w", err)
		}
		c.MemoryLimit = b
	}
	set("NOTEGATE_HTTP_ADDR", &c.HTTP.Addr)
	set("NOTEGATE_HTTP_OPS_ADDR", &c.HTTP.OpsAddr)
	list("NOTEGATE_KAFKA_BROKERS", &c.Kafka.Brokers)
	set("NOTEGATE_KAFKA_GROUP_ID", &c.Kafka.GroupID)
	set("NOTEGATE_KAFKA_INPUT_TOPIC", &c.Kafka.InputTopic)
	set("NOTEGATE_INDEX_BACKEND", &c.Index.Backend)
	set("NOTEGATE_INDEX_DIR", &c.Index.Embedded.Dir)
	list("NOTEGATE_ES_URLS", &c.Index.Elasticsearch.URLs)
	set("NOTEGATE_ES_USERNAME", &c.Index.Elasticsearch.Username)
	set("NOTEGATE_ES_PASSWORD", &c.Index.Elasticsearch.Password)
	set("NOTEGATE_ES_API_KEY", &c.Index.Elasticsearch.APIKey)
	set("NOTEGATE_POLICY_FILE", &c.Moderate.PolicyFile)
	set("NOTEGATE_MODERATIONS_API_KEY", &c.Moderate.Remote.Moderations.APIKey)
	set("NOTEGATE_GUARD_API_KEY", &c.Moderate.Remote.Guard.APIKey)
	set(moderate.EnvSharedStatePassword, &c.Moderate.SharedState.Redis.Password)
	set(translate.EnvRedisPassword, &c.Translate.Cache.Redis.Password)
	set(desk.EnvSharedStatePassword, &c.Review.SharedState.Redis.Password)
	if v := strings.TrimSpace(getenv("NOTEGATE_REVIEW_TOKENS")); v != "" {
		tokens, err := desk.ParseTokens(v)
		if err != nil {
			return fmt.Errorf("NOTEGATE_REVIEW_TOKENS: %w", err)
		}
		c.Review.Tokens = tokens
	}
	return nil
}
