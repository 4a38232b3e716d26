package index

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"time"
)

// ElasticsearchConfig configures the Elasticsearch 8 index.
type ElasticsearchConfig struct {
	// URLs are the cluster's nodes, http or https, without credentials.
	// Default ["http://localhost:9200"].
	URLs []string `yaml:"urls"`
	// Username for HTTP basic authentication; empty for none. Default "".
	Username string `yaml:"username"`
	// Password for HTTP basic authentication. A secret: set it from the
	// environment, never from the file; it is never logged. Default "".
	Password string `yaml:"-"`
	// APIKey is a base64 Elasticsearch API key, used instead of a username.
	// A secret: set it from the environment; it is never logged. Default "".
	APIKey string `yaml:"-"`
	// CACertFile is a PEM file of the certificate authorities to trust for
	// https; empty trusts the system's. Default "".
	CACertFile string `yaml:"ca_cert_file"`

	// Alias is the name every read and write goes through. The first
	// concrete index is Alias+"-000001", and the index template, named
	// Alias+"-template", applies to Alias+"-*". Default "notegate-notes".
	Alias string `yaml:"alias"`
	// Shards is the number of primary shards of a new index. Default 1.
	Shards int `yaml:"shards"`
	// Replicas is the number of replicas of a new index; a pointer so that
	// 0 (a one-node cluster) can be asked for. Default 1.
	Replicas *int `yaml:"replicas"`

	// FlushBytes is the size at which a bulk request is sent; a larger Apply
	// call is split into several requests. Default 5000000.
	FlushBytes int `yaml:"flush_bytes"`
	// FlushInterval is the longest an item waits in the bulk buffer. Apply
	// flushes its own items before it returns, so this is a backstop.
	// Default 1s.
	FlushInterval time.Duration `yaml:"flush_interval"`
	// Workers is the number of bulk requests in flight at once. Default 2.
	Workers int `yaml:"workers"`
	// Refresh is the bulk refresh policy: "false", "true" or "wait_for"
	// (Apply returns once the notes are searchable; slower). Get sees a
	// note as soon as Apply returns in every case. Default "false".
	Refresh string `yaml:"refresh"`
	// RequestTimeout bounds the wait for the response headers of one
	// request. Default 30s.
	RequestTimeout time.Duration `yaml:"request_timeout"`
	// MaxRetries, RetryBackoff and MaxRetryBackoff are ignored, and
	// accepted so that older configuration files still load: neither the
	// client nor Apply retries. Apply sends each note once and answers
	// Retry for a note that failed for a reason that passes; the pipeline
	// gives it again with kafka.backoff, for as long as it takes. Opening
	// the index logs a warning when one is set.
	//
	// Deprecated: remove them from the configuration.
	MaxRetries      int           `yaml:"max_retries"`
	RetryBackoff    time.Duration `yaml:"retry_backoff"`
	MaxRetryBackoff time.Duration `yaml:"max_retry_backoff"`

	// Logger receives failures and warnings. Default slog.Default().
	Logger *slog.Logger `yaml:"-"`
}

// aliasPattern is a safe subset of Elasticsearch index names.
var aliasPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,200}$`)

// Validate reports malformed URLs, credentials in URLs, two kinds of
// credentials at once, an invalid alias and out-of-range numbers.
func (c ElasticsearchConfig) Validate() error {
	var errs []error
	for _, raw := range c.URLs {
		u, err := url.Parse(raw)
		switch {
		case err != nil:
			// The parse error quotes the URL, which may hold a password.
			errs = append(errs, errors.New("urls: a URL does not parse"))
		case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
			errs = append(errs, fmt.Errorf("urls: %s is not an http(s) URL", u.Redacted()))
		case u.User != nil:
			errs = append(errs, fmt.Errorf("urls: %s holds credentials; use username/password or api key", u.Redacted()))
		}
	}
	if c.APIKey != "" && (c.Username != "" || c.Password != "") {
		errs = append(errs, errors.New("set either username/password or api key, not both"))
	}
	if c.Password != "" && c.Username == "" {
		errs = append(errs, errors.New("password without username"))
	}
	if c.Alias != "" && !aliasPattern.MatchString(c.Alias) {
		errs = append(errs, fmt.Errorf("alias %q: use lowercase letters, digits, '_', '.', '-'", c.Alias))
	}
	switch c.Refresh {
	case "", "false", "true", "wait_for":
	default:
		errs = append(errs, fmt.Errorf("refresh %q: want false, true or wait_for", c.Refresh))
	}
	for _, n := range []struct {
		name string
		v    int64
	}{
		{"shards", int64(c.Shards)}, {"replicas", int64(ptrOr(c.Replicas, 0))},
		{"flush_bytes", int64(c.FlushBytes)}, {"workers", int64(c.Workers)},
		{"flush_interval", int64(c.FlushInterval)}, {"request_timeout", int64(c.RequestTimeout)},
	} {
		if n.v < 0 {
			errs = append(errs, fmt.Errorf("%s is negative", n.name))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("index: elasticsearch config: %w", err)
	}
	return nil
}

func (c ElasticsearchConfig) withDefaults() ElasticsearchConfig {
	if len(c.URLs) == 0 {
		c.URLs = []string{"http://localhost:9200"}
	}
	if c.Alias == "" {
		c.Alias = "notegate-notes"
	}
	if c.Shards == 0 {
		c.Shards = 1
	}
	if c.Replicas == nil {
		one := 1
		c.Replicas = &one
	}
	if c.FlushBytes == 0 {
		c.FlushBytes = 5_000_000
	}
	if c.FlushInterval == 0 {
		c.FlushInterval = time.Second
	}
	if c.Workers == 0 {
		c.Workers = 2
	}
	if c.Refresh == "" {
		c.Refresh = "false"
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = 30 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// LogValue keeps the secrets out of logs when the config itself is logged.
func (c ElasticsearchConfig) LogValue() slog.Value {
	redact := func(s string) string {
		if s == "" {
			return ""
		}
		return "[redacted]"
	}
	return slog.GroupValue(
		slog.Any("urls", c.URLs),
		slog.String("username", c.Username),
		slog.String("password", redact(c.Password)),
		slog.String("api_key", redact(c.APIKey)),
		slog.String("alias", c.Alias),
		slog.Int("workers", c.Workers),
		slog.Int("flush_bytes", c.FlushBytes),
		slog.Duration("flush_interval", c.FlushInterval),
		slog.String("refresh", c.Refresh),
	)
}

// templateName and firstIndex name what Open creates for an alias.
func (c ElasticsearchConfig) templateName() string { return c.Alias + "-template" }
func (c ElasticsearchConfig) firstIndex() string   { return c.Alias + "-000001" }

func ptrOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}
