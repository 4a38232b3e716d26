package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/notegate/notegate/internal/redisconn"
)

// EnvRedisPassword is the environment variable holding the password of the
// shared translation cache; it is never read from the file.
const EnvRedisPassword = "NOTEGATE_REDIS_PASSWORD"

// RedisCacheConfig configures the Redis tier of the translation cache,
// shared by every replica. An empty Addr leaves it off. Its connection
// keys (redisconn.Config, inline) have the common defaults but for
// key_prefix "notegate:tr:": dial_timeout, read_timeout and write_timeout
// 200ms each, pool_size 10 (a call that finds no connection free waits at
// most read_timeout), breaker 3 failures and 5s (so that a dead server
// does not add its timeouts to every batch). The password comes only from
// NOTEGATE_REDIS_PASSWORD.
type RedisCacheConfig struct {
	redisconn.Config `yaml:",inline"`
	// TTL is how long a translation stays in Redis after it is written.
	// Default 720h (30 days).
	TTL time.Duration `yaml:"ttl"`
	// MaxValueBytes bounds one translation: a longer one is neither written
	// nor accepted when read. Default 262144 (256 KiB).
	MaxValueBytes int `yaml:"max_value_bytes"`
}

// Defaults of RedisCacheConfig where they differ from the common ones.
const (
	DefaultRedisKeyPrefix     = "notegate:tr:"
	DefaultRedisTTL           = 30 * 24 * time.Hour
	DefaultRedisMaxValueBytes = 256 << 10
)

// WithDefaults returns c with every zero field set to its default.
func (c RedisCacheConfig) WithDefaults() RedisCacheConfig {
	c.Config = c.Config.WithDefaults(redisconn.Defaults{KeyPrefix: DefaultRedisKeyPrefix})
	if c.TTL == 0 {
		c.TTL = DefaultRedisTTL
	}
	if c.MaxValueBytes == 0 {
		c.MaxValueBytes = DefaultRedisMaxValueBytes
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
	errs := []error{c.Config.Validate()}
	if c.TTL < time.Second {
		errs = append(errs, fmt.Errorf("ttl: %v is below 1s (Redis expiries are in seconds)", c.TTL))
	}
	if c.MaxValueBytes < 0 {
		errs = append(errs, fmt.Errorf("max_value_bytes: %d is negative", c.MaxValueBytes))
	}
	return errors.Join(errs...)
}

// LogValue keeps the password out of logs when the config is logged.
func (c RedisCacheConfig) LogValue() slog.Value {
	return slog.GroupValue(append(c.Config.LogAttrs(), slog.Duration("ttl", c.TTL))...)
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
	conn     *redisconn.Conn
	prefix   string
	ttl      time.Duration
	maxValue int
	metrics  *sharedMetrics
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
	conn := redisconn.NewConn(cfg.Config, nil, func(_, s BreakerState) {
		log.Info("shared translation cache breaker", "state", s.String())
		m.breakerState(s)
	})
	return &RedisCache{conn: conn, prefix: cfg.KeyPrefix, ttl: cfg.TTL, maxValue: cfg.MaxValueBytes, metrics: m}, nil
}

// Get returns the translations Redis holds among keys. A value over
// MaxValueBytes or not valid UTF-8 counts as absent.
func (c *RedisCache) Get(ctx context.Context, keys []string) (map[string]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	full := make([]string, len(keys))
	for i, k := range keys {
		full[i] = c.prefix + k
	}
	var vals []any
	err := c.conn.Do(ctx, func(ctx context.Context) error {
		var err error
		vals, err = c.conn.Client().MGet(ctx, full...).Result()
		return err
	})
	if err != nil {
		return nil, c.result(ctx, "get", err)
	}
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
	err := c.conn.Do(ctx, func(ctx context.Context) error {
		_, err := c.conn.Client().Pipelined(ctx, func(p redis.Pipeliner) error {
			for k, v := range entries {
				if len(v) <= c.maxValue {
					p.Set(ctx, c.prefix+k, v, c.ttl)
				}
			}
			return nil
		})
		return err
	})
	return c.result(ctx, "set", err)
}

// result turns the outcome of a call into what Get and Set return: nil
// for a call made or skipped by the breaker (counted as skipped), and the
// error of a failed one, counted unless the caller's own context ended
// (that says nothing about Redis).
func (c *RedisCache) result(ctx context.Context, op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, redisconn.ErrSkipped):
		c.metrics.skipped(op)
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("redis %s: %w", op, ctx.Err())
	}
	c.metrics.failed(op)
	return fmt.Errorf("redis %s: %w", op, err)
}

// BreakerState reports whether Redis is being skipped.
func (c *RedisCache) BreakerState() BreakerState { return c.conn.BreakerState() }

// Close closes the connections.
func (c *RedisCache) Close() error { return c.conn.Close() }

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
