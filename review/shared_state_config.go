package review

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"
)

// EnvSharedStatePassword is the environment variable holding the password
// of the desk's shared state in Redis; it is never read from the file.
const EnvSharedStatePassword = "NOTEGATE_REVIEW_REDIS_PASSWORD"

// SharedStateConfig configures where the desk keeps what every replica
// must see alike: claims, sessions and failed-login counts. Without Redis
// they live in this process (one replica, or sticky routing).
type SharedStateConfig struct {
	// Redis holds the state when its Addr is set. Default: off.
	Redis SharedRedisConfig `yaml:"redis"`
}

// SharedRedisConfig configures the Redis server of the desk's shared
// state (a single server or a primary; not Redis Cluster, as one script
// touches several keys). The keys and their meaning follow the
// moderation and translation state's (moderate.SharedRedisConfig). An
// empty Addr leaves it off.
type SharedRedisConfig struct {
	// Addr is the server's host:port; empty keeps the state in this
	// process. Default "".
	Addr string `yaml:"addr"`
	// Username for Redis ACLs; empty for the default user. Default "".
	Username string `yaml:"username"`
	// Password is a secret: set only from NOTEGATE_REVIEW_REDIS_PASSWORD,
	// never from the file; it is never logged. Default "".
	Password string `yaml:"-"`
	// DB is the database number. Default 0.
	DB int `yaml:"db"`
	// KeyPrefix starts every key, so that the state can share a server.
	// Default "notegate:review:".
	KeyPrefix string `yaml:"key_prefix"`
	// DialTimeout bounds connecting. Default 200ms.
	DialTimeout time.Duration `yaml:"dial_timeout"`
	// ReadTimeout bounds waiting for a reply. Default 200ms.
	ReadTimeout time.Duration `yaml:"read_timeout"`
	// WriteTimeout bounds sending a command. Default 200ms.
	WriteTimeout time.Duration `yaml:"write_timeout"`
	// PoolSize is the most connections open at once; a call that finds
	// none free waits at most ReadTimeout. Default 10.
	PoolSize int `yaml:"pool_size"`
	// Breaker answers 503 at once for Cooldown after Failures consecutive
	// failed calls, so that a dead server does not add its timeouts to
	// every request; then one call probes it (a PING every Cooldown probes
	// it without traffic). Default 3 failures, 5s.
	Breaker SharedBreakerConfig `yaml:"breaker"`
}

// SharedBreakerConfig configures the breaker of the shared state.
type SharedBreakerConfig struct {
	// Failures is how many consecutive failed calls open the breaker.
	// Default 3.
	Failures int `yaml:"failures"`
	// Cooldown is how long calls are refused once open, and the interval
	// of the PING that keeps the desk's condition current. Default 5s.
	Cooldown time.Duration `yaml:"cooldown"`
}

// Defaults of SharedRedisConfig.
const (
	DefaultSharedKeyPrefix       = "notegate:review:"
	DefaultSharedTimeout         = 200 * time.Millisecond
	DefaultSharedPoolSize        = 10
	DefaultSharedBreakerFailures = 3
	DefaultSharedBreakerCooldown = 5 * time.Second
)

// Enabled reports whether Redis is configured.
func (c SharedRedisConfig) Enabled() bool { return c.Addr != "" }

// WithDefaults returns c with every zero field set to its default.
func (c SharedRedisConfig) WithDefaults() SharedRedisConfig {
	if c.KeyPrefix == "" {
		c.KeyPrefix = DefaultSharedKeyPrefix
	}
	for _, d := range []*time.Duration{&c.DialTimeout, &c.ReadTimeout, &c.WriteTimeout} {
		if *d == 0 {
			*d = DefaultSharedTimeout
		}
	}
	if c.PoolSize == 0 {
		c.PoolSize = DefaultSharedPoolSize
	}
	if c.Breaker.Failures == 0 {
		c.Breaker.Failures = DefaultSharedBreakerFailures
	}
	if c.Breaker.Cooldown == 0 {
		c.Breaker.Cooldown = DefaultSharedBreakerCooldown
	}
	return c
}

// Validate reports malformed values in c, after defaults. An empty Addr is
// valid (in process).
func (c SharedRedisConfig) Validate() error {
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
	if c.DialTimeout < 0 || c.ReadTimeout < 0 || c.WriteTimeout < 0 {
		errs = append(errs, errors.New("dial_timeout, read_timeout and write_timeout must be positive: without them a hung Redis would hold every reviewer's request"))
	}
	if c.PoolSize < 1 {
		errs = append(errs, fmt.Errorf("pool_size: %d is below 1", c.PoolSize))
	}
	if c.Breaker.Failures < 1 || c.Breaker.Cooldown < time.Second {
		errs = append(errs, errors.New("breaker: failures must be at least 1 and cooldown at least 1s (Retry-After counts whole seconds)"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("shared_state.redis: %w", errors.Join(errs...))
	}
	return nil
}

// LogValue keeps the password out of logs.
func (c SharedRedisConfig) LogValue() slog.Value {
	pw := ""
	if c.Password != "" {
		pw = "[redacted]"
	}
	return slog.GroupValue(
		slog.String("addr", c.Addr), slog.String("username", c.Username), slog.String("password", pw),
		slog.Int("db", c.DB), slog.String("key_prefix", c.KeyPrefix),
	)
}
