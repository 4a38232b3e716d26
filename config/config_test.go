package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		yaml    string
		env     map[string]string
		wantErr string
		check   func(t *testing.T, c Config)
	}{
		{name: "no file and no environment gives working defaults",
			check: func(t *testing.T, c Config) {
				if c.Kafka.Brokers[0] != "127.0.0.1:9092" || c.Kafka.Topics.DeadLetter != "notes.dlq" || c.Index.Backend != BackendEmbedded || c.HTTP.Addr != "127.0.0.1:8080" {
					t.Errorf("defaults: %+v", c)
				}
			}},
		{name: "the file sets topics and durations",
			yaml: "kafka:\n  brokers: [k1:9092, k2:9092]\n  commit_interval: 250ms\n  topics:\n    approved: feed.in\nindex:\n  backend: elasticsearch\n  elasticsearch:\n    urls: [http://es:9200]\n",
			check: func(t *testing.T, c Config) {
				if len(c.Kafka.Brokers) != 2 || c.Kafka.CommitInterval != 250*time.Millisecond || c.Kafka.Topics.Approved != "feed.in" || c.Kafka.Topics.Review != "notes.review" {
					t.Errorf("kafka: %+v", c.Kafka)
				}
				if c.Index.Backend != BackendElasticsearch || c.Index.Elasticsearch.URLs[0] != "http://es:9200" {
					t.Errorf("index: %+v", c.Index)
				}
			}},
		{name: "the environment overrides the file and carries secrets",
			yaml: "kafka:\n  brokers: [file:9092]\n",
			env:  map[string]string{"NOTEGATE_KAFKA_BROKERS": "env1:9092, env2:9092", "NOTEGATE_ES_PASSWORD": "s3cret", "NOTEGATE_INDEX_BACKEND": "elasticsearch", "NOTEGATE_ES_URLS": "http://a:9200"},
			check: func(t *testing.T, c Config) {
				if strings.Join(c.Kafka.Brokers, ",") != "env1:9092,env2:9092" || c.Index.Elasticsearch.Password != "s3cret" {
					t.Errorf("env not applied: %+v", c.Kafka.Brokers)
				}
			}},
		{name: "a password in the file is refused, not silently ignored",
			yaml: "index:\n  elasticsearch:\n    password: oops\n", wantErr: "password"},
		{name: "the shared moderation state reads its password from the environment only",
			yaml: "moderate:\n  shared_state:\n    redis:\n      addr: redis:6379\n      key_prefix: \"mod:\"\n",
			env:  map[string]string{"NOTEGATE_MODERATION_REDIS_PASSWORD": "s3cret"},
			check: func(t *testing.T, c Config) {
				if r := c.Moderate.SharedState.Redis; r.Addr != "redis:6379" || r.KeyPrefix != "mod:" || r.Password != "s3cret" {
					t.Errorf("moderate.shared_state.redis: %+v", r)
				}
			}},
		{name: "a shared moderation state password in the file is refused",
			yaml: "moderate:\n  shared_state:\n    redis:\n      password: oops\n", wantErr: "password"},
		{name: "an unknown key is an error", yaml: "kafak:\n  brokers: [x]\n", wantErr: "kafak"},
		{name: "an unknown backend is an error", yaml: "index:\n  backend: solr\n", wantErr: "solr"},
		{name: "an unknown embedded refresh policy is an error", yaml: "index:\n  embedded:\n    refresh: sometimes\n", wantErr: "refresh"},
		{name: "an embedded search lag below a search batch is an error",
			yaml: "index:\n  embedded:\n    search_batch_size: 5000\n    max_search_lag: 100\n", wantErr: "max_search_lag"},
		{name: "search is bounded by default",
			check: func(t *testing.T, c Config) {
				if s := c.HTTP.Search; s.MaxConcurrent != max(1, runtime.GOMAXPROCS(0)/2) || s.MaxQueued != 32 || s.Timeout != 3*time.Second || s.RetryAfter != time.Second || s.MaxWindow != 1000 || s.TrackTotalHits != 10000 || c.HTTP.OpsAddr != "" {
					t.Errorf("http: %+v", c.HTTP)
				}
			}},
		{name: "searches in Elasticsearch may run more at once by default",
			yaml: "index:\n  backend: elasticsearch\n  elasticsearch:\n    urls: [http://es:9200]\n",
			check: func(t *testing.T, c Config) {
				if got := c.HTTP.Search.MaxConcurrent; got != ElasticsearchSearchesPerCPU*runtime.GOMAXPROCS(0) {
					t.Errorf("max_concurrent %d with Elasticsearch", got)
				}
			}},
		{name: "an older file with the ignored elasticsearch retry settings still loads",
			yaml: "index:\n  backend: elasticsearch\n  elasticsearch:\n    urls: [http://es:9200]\n    max_retries: 5\n    retry_backoff: 1m\n    max_retry_backoff: 1s\n",
			check: func(t *testing.T, c Config) {
				if es := c.Index.Elasticsearch; es.MaxRetries != 5 || es.RetryBackoff != time.Minute || es.MaxRetryBackoff != time.Second {
					t.Errorf("elasticsearch: %+v", es)
				}
			}},
		{name: "the file sets the search bounds and the ops listener",
			yaml: "http:\n  ops_addr: 127.0.0.1:9090\n  search:\n    max_concurrent: 16\n    max_queued: -1\n    timeout: 500ms\n    retry_after: 3s\n    max_window: 500\n    track_total_hits: -1\n",
			check: func(t *testing.T, c Config) {
				if s := c.HTTP.Search; s.MaxConcurrent != 16 || s.MaxQueued != 0 || s.Timeout != 500*time.Millisecond || s.RetryAfter != 3*time.Second || s.MaxWindow != 500 || s.TrackTotalHits != -1 || c.HTTP.OpsAddr != "127.0.0.1:9090" {
					t.Errorf("http: %+v", c.HTTP)
				}
			}},
		{name: "a search window smaller than a page is an error", yaml: "http:\n  search:\n    max_window: 50\n", wantErr: "max_window"},
		{name: "an ops listener on the main address is an error", yaml: "http:\n  addr: 0.0.0.0:8080\n  ops_addr: 0.0.0.0:8080\n", wantErr: "ops_addr"},
		{name: "an output topic equal to the input is an error", yaml: "kafka:\n  input_topic: notes.dlq\n", wantErr: "also the input topic"},
		{name: "the review login throttle has defaults",
			check: func(t *testing.T, c Config) {
				if l := c.Review.Login; l.MaxFailures != 10 || l.BaseDelay != time.Second || l.MaxDelay != 15*time.Minute || l.MaxTracked != 100000 || l.TrustForwardedFor {
					t.Errorf("review.login defaults: %+v", l)
				}
			}},
		{name: "the file sets the review login throttle",
			yaml: "review:\n  login:\n    max_failures: 3\n    base_delay: 2s\n    max_delay: 1h\n    max_tracked: 500\n    trust_forwarded_for: true\n",
			check: func(t *testing.T, c Config) {
				if l := c.Review.Login; l.MaxFailures != 3 || l.BaseDelay != 2*time.Second || l.MaxDelay != time.Hour || l.MaxTracked != 500 || !l.TrustForwardedFor {
					t.Errorf("review.login: %+v", l)
				}
			}},
		{name: "a review login max_delay below base_delay is an error",
			yaml: "review:\n  login:\n    base_delay: 1m\n    max_delay: 30s\n", wantErr: "max_delay"},
		{name: "a negative review login max_failures is an error",
			yaml: "review:\n  login:\n    max_failures: -1\n", wantErr: "max_failures"},
		{name: "the review desk keeps its state in process by default",
			check: func(t *testing.T, c Config) {
				if r := c.Review.SharedState.Redis; r.Enabled() {
					t.Errorf("review.shared_state.redis is on by default: %+v", r)
				}
			}},
		{name: "the review desk's shared state has Redis defaults and reads its password from the environment only",
			yaml: "review:\n  shared_state:\n    redis:\n      addr: redis:6379\n      db: 2\n",
			env:  map[string]string{"NOTEGATE_REVIEW_REDIS_PASSWORD": "s3cret"},
			check: func(t *testing.T, c Config) {
				r := c.Review.SharedState.Redis
				if r.Addr != "redis:6379" || r.DB != 2 || r.Password != "s3cret" || r.KeyPrefix != "notegate:review:" ||
					r.ReadTimeout != 200*time.Millisecond || r.PoolSize != 10 || r.Breaker.Failures != 3 || r.Breaker.Cooldown != 5*time.Second {
					t.Errorf("review.shared_state.redis: %+v", r)
				}
			}},
		{name: "a review shared state password in the file is refused",
			yaml: "review:\n  shared_state:\n    redis:\n      password: oops\n", wantErr: "password"},
		{name: "a review shared state address without a port is an error",
			yaml: "review:\n  shared_state:\n    redis:\n      addr: redis\n", wantErr: "host:port"},
		{name: "a bad log level is an error", env: map[string]string{"NOTEGATE_LOG_LEVEL": "loud"}, wantErr: "log_level"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := ""
			if tt.yaml != "" {
				path = filepath.Join(t.TempDir(), "notegate.yaml")
				if err := os.WriteFile(path, []byte(tt.yaml), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			c, err := Load(path, func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load error = %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

func TestTheComposeConfigurationLoads(t *testing.T) {
	t.Parallel()
	c, err := Load("../deploy/notegate.yaml", func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if c.Index.Backend != BackendElasticsearch || c.Kafka.Brokers[0] != "kafka:9092" || c.Index.Elasticsearch.Replicas == nil || *c.Index.Elasticsearch.Replicas != 0 {
		t.Errorf("deploy/notegate.yaml gives %+v", c)
	}
	// Two replicas: the desk's claims and sessions must be shared.
	if c.Review.SharedState.Redis.Addr != "redis:6379" {
		t.Errorf("deploy/notegate.yaml keeps the desk's state in process (review.shared_state.redis.addr %q) though compose runs two replicas", c.Review.SharedState.Redis.Addr)
	}
}

func TestSideTopicsAreEachTheirOwn(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, yaml string
		ok         bool
	}{
		{"the defaults are distinct", "", true},
		{"reports on the decisions topic is refused", "reports: {topic: notes.decisions}\n", false},
		{"appeals on the input topic is refused", "appeals: {topic: notes.events}\n", false},
		{"authors on the feed is refused", "authors: {topic: notes.approved}\n", false},
		{"a threshold above max_reporters is refused", "reports: {queue_threshold: 50, max_reporters: 10}\n", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.yaml")
			if err := os.WriteFile(path, []byte(c.yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path, func(string) string { return "" })
			if (err == nil) != c.ok {
				t.Errorf("Load: %v, want ok %v", err, c.ok)
			}
		})
	}
}

func TestMemoryLimitIsReadLikeGOMEMLIMIT(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		yaml    string
		env     string
		want    Bytes
		wantErr bool
	}{
		{"no setting means no limit", "", "", 0, false},
		{"the file gives the limit in MiB", "memory_limit: 300MiB\n", "", 300 << 20, false},
		{"the file gives the limit in plain bytes", "memory_limit: 536870912\n", "", 512 << 20, false},
		{"the environment overrides the file", "memory_limit: 300MiB\n", "1GiB", 1 << 30, false},
		{"a unit GOMEMLIMIT does not take is an error", "memory_limit: 300MB\n", "", 0, true},
		{"a fraction is an error", "", "1.5GiB", 0, true},
		{"a limit the heap of start-up alone would exceed is an error", "memory_limit: 16MiB\n", "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := ""
			if tt.yaml != "" {
				path = filepath.Join(t.TempDir(), "c.yaml")
				if err := os.WriteFile(path, []byte(tt.yaml), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			cfg, err := Load(path, func(k string) string {
				if k == "NOTEGATE_MEMORY_LIMIT" {
					return tt.env
				}
				return ""
			})
			if (err != nil) != tt.wantErr {
				t.Fatalf("Load error = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && cfg.MemoryLimit != tt.want {
				t.Errorf("memory_limit = %s, want %s", cfg.MemoryLimit, tt.want)
			}
		})
	}
}
