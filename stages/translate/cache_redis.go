package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"

	"github.com/notegate/notegate/internal/breaker"
)

// EnvRedisPassword is the environment variable holding the password of the
// shared translation cache; it is never read from the file.
const EnvRedisPassword = "NOTEGATE_REDIS_PASSWORD"

// RedisCacheConfig configures the Redis tier of the translation cache,
// shared by every replica. An empty Addr leaves it off.
type RedisCacheConfig struct {
	// Addr is the server's host:port; empty turns the tier off. Default "".
	Addr string `yaml:"addr"`
	// Username for Redis ACLs; empty for the default user. Default "".
	Username string `yaml:"username"`
	// Password is a secret: set only from NOTEGATE_REDIS_PASSWORD, never
	// from the file; it is never logged. Default "".
	Password string `yaml:"-"`
	// DB is the database number. Default 0.
	DB int `yaml:"db"`
	// KeyPrefix starts every key, so that the cache can share a server.
	// Default "notegate:tr:".
	KeyPrefix string `yaml:"key_prefix"`
	// TTL is how long a translation stays in Redis after it is written.
	// Default 720h (30 days).
	TTL time.Duration `yaml:"ttl"`
	// MaxValueBytes bounds one translation: a longer one is neither written
	// nor accepted when read. Default 262144 (256 KiB).
	MaxValueBytes int `yaml:"max_value_bytes"`
	// DialTimeout bounds connecting. Default 200ms.
	DialTimeout time.Duration `yaml:"dial_timeout"`
	// ReadTimeout bounds waiting for a reply. Default 200ms.
	ReadTimeout time.Duration `yaml:"read_timeout"`
	// WriteTimeout bounds sending a command. Default 200ms.
	WriteTimeout time.Duration `yaml:"write_timeout"`
	// PoolSize is the most connections open at once; a call that finds
	// none free waits at most ReadTimeout. Default 10.
	PoolSize int `yaml:"pool_size"`
	// Breaker skips Redis for Cooldown after Failures consecutive failed
	// calls, so that a dead server does not add its timeouts to every
	// batch. Default 3 failures, 5s.
	Breaker BreakerConfig `yaml:"breaker"`
}

// Defaults of RedisCacheConfig.
const (
	DefaultRedisKeyPrefix       = "notegate:tr:"
	DefaultRedisTTL             = 30 * 24 * time.Hour
	DefaultRedisMaxValueBytes   = 256 << 10
	DefaultRedisTimeout         = 200 * time.Millisecond
	DefaultRedisPoolSize        = 10
	DefaultRedisBreakerFailures = 3
	DefaultRedisBreakerCooldown = 5 * time.Second
)

// Enabled reports whether the Redis tier is configured.
func (c RedisCacheConfig) Enabled() bool { return c.Addr != "" }

// WithDefaults returns c with every zero field set to its default.
func (c RedisCacheConfig) WithDefaults() RedisCacheConfig {
	if c.KeyPrefix == "" {
		c.KeyPrefix = DefaultRedisKeyPrefix
	}
	if c.TTL == 0 {
		c.TTL = DefaultRedisTTL
	}
	if c.MaxValueBytes == 0 {
		c.MaxValueBytes = DefaultRedisMaxValueBytes
	}
	for _, d := range []*time.Duration{&c.DialTimeout, &c.ReadTimeout, &c.WriteTimeout} {
		if *d == 0 {
			*d = DefaultRedisTimeout
		}
	}
	if c.PoolSize == 0 {
		c.PoolSize = DefaultRedisPoolSize
	}
	if c.Breaker.Failures == 0 {
		c.Breaker.Failures = DefaultRedisBreakerFailures
	}
	if c.Breaker.Cooldown == 0 {
		c.Breaker.Cooldown = DefaultRedisBreakerCooldown
	}
	return c
}

// Validate reports malformed values in c, after defaults. An empty Addr is
// valid (the tier is off).
func (c RedisCacheConfig) Validate() error {
	if !c.Enabled() {
		return nil
	}
	c = c.WithDefaults()
	var errs []error
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		errs = append(errs, fmt.Errorf("addr: %q is not host:port", c.Addr))
	}
	if c.DB < 0 {
		errs = append(errs, fmt.Errorf("db: %d is negative", c.DB))
	}
	if c.TTL < time.Second {
		errs = append(errs, fmt.Errorf("ttl: %v is below 1s (Redis expiries are in seconds)", c.TTL))
	}
	if c.MaxValueBytes < 0 {
		errs = append(errs, fmt.Errorf("max_value_bytes: %d is negative", c.MaxValueBytes))
	}
	if c.DialTimeout < 0 || c.ReadTimeout < 0 || c.WriteTimeout < 0 {
		errs = append(errs, errors.New("dial_timeout, read_timeout and write_timeout must be positive: a cache without a timeout would hold translations when Redis hangs"))
	}
	if c.PoolSize < 1 {
		errs = append(errs, fmt.Errorf("pool_size: %d is below 1", c.PoolSize))
	}
	if c.Breaker.Failures < 1 || c.Breaker.Cooldown < 0 {
		errs = append(errs, errors.New("breaker: failures must be at least 1 and cooldown not negative"))
	}
	return errors.Join(errs...)
}

// LogValue keeps the password out of logs when the config is logged.
func (c RedisCacheConfig) LogValue() slog.Value {
	pw := ""
	if c.Password != "" {
		pw = "[redacted]"
	}
	return slog.GroupValue(
		slog.String("addr", c.Addr),
		slog.String("username", c.Username),
		slog.String("password", pw),
		slog.Int("db", c.DB),
		slog.String("key_prefix", c.KeyPrefix),
		slog.Duration("ttl", c.TTL),
	)
}

// RedisCache is a SharedCache in Redis: one string key per translation,
// KeyPrefix+hex key, written with SET … EX TTL and read with MGET.
//
// It never fails a translation for long: every call is bounded by the
// dial, write and read timeouts (no retries), and after consecutive
// failures a breaker skips Redis for a cool-down, during which Get finds
// nothing and Set stores nothing, both without error; one probe then
// tests the server again. Errors are returned only for calls that went to
// Redis and failed, which the stage logs.
type RedisCache struct {
	client    *redis.Client
	prefix    string
	ttl       time.Duration
	maxValue  int
	opTimeout time.Duration
	breaker   *breaker.Breaker
	metrics   *sharedMetrics
}

var _ SharedCache = (*RedisCache)(nil)

// NewRedisCache returns the Redis tier for cfg.Addr. It does not connect:
// a server that is down at start costs cache misses, not the start. A nil
// logger means slog.Default(); a nil reg registers no metrics.
func NewRedisCache(cfg RedisCacheConfig, logger *slog.Logger, reg prometheus.Registerer) (*RedisCache, error) {
	if !cfg.Enabled() {
		return nil, errors.New("redis cache: addr is empty")
	}
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("redis cache config: %w", err)
	}
	if logger == nil {
		logger = slog.Default()
	}
	m, err := newSharedMetrics(reg)
	if err != nil {
		return nil, err
	}
	log := logger.With("component", "translate-redis-cache", "addr", cfg.Addr)
	c := &RedisCache{
		client: redis.NewClient(&redis.Options{
			Addr:                  cfg.Addr,
			Username:              cfg.Username,
			Password:              cfg.Password,
			DB:                    cfg.DB,
			DialTimeout:           cfg.DialTimeout,
			ReadTimeout:           cfg.ReadTimeout,
			WriteTimeout:          cfg.WriteTimeout,
			PoolTimeout:           cfg.ReadTimeout,
			PoolSize:              cfg.PoolSize,
			ContextTimeoutEnabled: true,
			MaxRetries:            -1, // the breaker, not retries, handles a sick server
			DialerRetries:         1,
			DisableIdentity:       true,
			MaintNotificationsConfig: &maintnotifications.Config{
				Mode: maintnotifications.ModeDisabled,
			},
		}),
		prefix:   cfg.KeyPrefix,
		ttl:      cfg.TTL,
		maxValue: cfg.MaxValueBytes,
		// A whole call: a dial, then the command written and its reply read.
		opTimeout: cfg.DialTimeout + cfg.WriteTimeout + cfg.ReadTimeout,
		metrics:   m,
	}
	c.breaker = breaker.New(cfg.Breaker, nil, func(_, s BreakerState) {
		log.Info("shared translation cache breaker", "state", s.String())
		m.breakerState(s)
	})
	return c, nil
}

// Get returns the translations Redis holds among keys. A value over
// MaxValueBytes or not valid UTF-8 counts as absent.
func (c *RedisCache) Get(ctx context.Context, keys []string) (map[string]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	if !c.breaker.Allow() {
		c.metrics.skipped("get")
		return nil, nil
	}
	full := make([]string, len(keys))
	for i, k := range keys {
		full[i] = c.prefix + k
	}
	opCtx, cancel := context.WithTimeout(ctx, c.opTimeout)
	vals, err := c.client.MGet(opCtx, full...).Result()
	cancel()
	if err != nil {
		return nil, c.failed(ctx, "get", err)
	}
	c.breaker.Done(breaker.Success)
	out := make(map[string]string, len(keys))
	for i, v := range vals {
		s, ok := v.(string)
		if ok && len(s) <= c.maxValue && utf8.ValidString(s) {
			out[keys[i]] = s
		}
	}
	c.metrics.lookups(len(out), len(keys)-len(out))
	return out, nil
}

// Set stores entries with the configured TTL, in one round trip. Values
// over MaxValueBytes are left out.
func (c *RedisCache) Set(ctx context.Context, entries map[string]string) error {
	fits := 0
	for _, v := range entries {
		if len(v) <= c.maxValue {
			fits++
		}
	}
	if fits == 0 {
		return nil
	}
	if !c.breaker.Allow() {
		c.metrics.skipped("set")
		return nil
	}
	opCtx, cancel := context.WithTimeout(ctx, c.opTimeout)
	_, err := c.client.Pipelined(opCtx, func(p redis.Pipeliner) error {
		for k, v := range entries {
			if len(v) <= c.maxValue {
				p.Set(opCtx, c.prefix+k, v, c.ttl)
			}
		}
		return nil
	})
	cancel()
	if err != nil {
		return c.failed(ctx, "set", err)
	}
	c.breaker.Done(breaker.Success)
	return nil
}

// failed records a failed call: against the server, unless the caller's
// own context ended (that says nothing about Redis).
func (c *RedisCache) failed(ctx context.Context, op string, err error) error {
	if ctx.Err() != nil {
		c.breaker.Done(breaker.Neutral)
		return fmt.Errorf("redis %s: %w", op, ctx.Err())
	}
	c.breaker.Done(breaker.Failure)
	c.metrics.failed(op)
	return fmt.Errorf("redis %s: %w", op, err)
}

// BreakerState reports whether Redis is being skipped.
func (c *RedisCache) BreakerState() BreakerState { return c.breaker.State() }

// Close closes the connections.
func (c *RedisCache) Close() error { return c.client.Close() }

// sharedMetrics are the shared tier's metrics; a nil *sharedMetrics
// records nothing.
type sharedMetrics struct {
	lookupTotal *prometheus.CounterVec
	errorTotal  *prometheus.CounterVec
	skipTotal   *prometheus.CounterVec
	stateGauge  prometheus.Gauge
}

func newSharedMetrics(reg prometheus.Registerer) (*sharedMetrics, error) {
	if reg == nil {
		return nil, nil
	}
	m := &sharedMetrics{
		lookupTotal: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_translate_shared_cache_lookups_total",
			Help: "Keys looked up in the shared (Redis) translation cache tier by result (hit or miss), for calls that reached it.",
		}, []string{"result"}),
		errorTotal: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_translate_shared_cache_errors_total",
			Help: "Shared translation cache calls that failed, by op (get or set); a failed get is a miss, a failed set stores nothing.",
		}, []string{"op"}),
		skipTotal: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_translate_shared_cache_skipped_total",
			Help: "Shared translation cache calls not made because its breaker was open, by op (get or set).",
		}, []string{"op"}),
		stateGauge: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "notegate_translate_shared_cache_breaker_state",
			Help: "Breaker of the shared translation cache: 0 closed, 1 half-open, 2 open (Redis skipped).",
		}),
	}
	for _, c := range []prometheus.Collector{m.lookupTotal, m.errorTotal, m.skipTotal, m.stateGauge} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("translate shared cache metrics (one cache per registry): %w", err)
		}
	}
	return m, nil
}

func (m *sharedMetrics) lookups(hits, misses int) {
	if m != nil {
		m.lookupTotal.WithLabelValues("hit").Add(float64(hits))
		m.lookupTotal.WithLabelValues("miss").Add(float64(misses))
	}
}

func (m *sharedMetrics) failed(op string) {
	if m != nil {
		m.errorTotal.WithLabelValues(op).Inc()
	}
}

func (m *sharedMetrics) skipped(op string) {
	if m != nil {
		m.skipTotal.WithLabelValues(op).Inc()
	}
}

func (m *sharedMetrics) breakerState(s BreakerState) {
	if m != nil {
		m.stateGauge.Set(float64(s))
	}
}
