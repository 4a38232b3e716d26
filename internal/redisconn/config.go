// Package redisconn is the connection to a Redis server that the parts of
// the service keeping state there share: the moderation detectors'
// campaign and velocity counts, the translation cache, the desk's claims,
// sessions and login counts. Each of them embeds Config under its own
// YAML key with its own defaults (Defaults), and calls Redis through a
// Conn: a go-redis client without retries behind a breaker.
//
// It imports nothing of the service: the packages above it decide what
// the keys hold, what a failure means and what to log.
package redisconn

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/notegate/notegate/internal/breaker"
)

// Config is a connection to one Redis server or primary (not Redis
// Cluster: scripts touch several keys). An empty Addr leaves it off. A
// user holds it under its own YAML key (inline beside keys of its own, if
// it has some) and gives it its defaults with WithDefaults; the defaults
// below marked "common" are those of a user that does not set its own.
type Config struct {
	// Addr is the server's host:port; empty turns Redis off. Default "".
	Addr string `yaml:"addr"`
	// Username for Redis ACLs; empty for the default user. Default "".
	Username string `yaml:"username"`
	// Password is a secret: never read from the file and never logged;
	// the user sets it from the environment variable it names. Default "".
	Password string `yaml:"-"`
	// DB is the database number. Default 0.
	DB int `yaml:"db"`
	// KeyPrefix starts every key, so that several users can share a
	// server. Default: the user's.
	KeyPrefix string `yaml:"key_prefix"`
	// DialTimeout bounds connecting. Default: common 200ms.
	DialTimeout time.Duration `yaml:"dial_timeout"`
	// ReadTimeout bounds waiting for a reply, and waiting for a free
	// connection from the pool. Default: common 200ms.
	ReadTimeout time.Duration `yaml:"read_timeout"`
	// WriteTimeout bounds sending a command. Default: common 200ms.
	WriteTimeout time.Duration `yaml:"write_timeout"`
	// PoolSize is the most connections open at once. Default: common 10.
	PoolSize int `yaml:"pool_size"`
	// Breaker skips Redis for Cooldown after Failures consecutive failed
	// calls, so that a dead server does not add its timeouts to every
	// call. Default: common 3 failures, 5s.
	Breaker breaker.Config `yaml:"breaker"`
}

// Defaults are the values a user of Config gives its zero fields; a zero
// field of Defaults leaves the common default.
type Defaults struct {
	KeyPrefix                              string
	DialTimeout, ReadTimeout, WriteTimeout time.Duration
	PoolSize                               int
	Breaker                                breaker.Config
}

// The common defaults, for what a user's Defaults leaves zero. There is no
// common key prefix: each user names its own.
const (
	DefaultTimeout         = 200 * time.Millisecond // dial, read and write
	DefaultPoolSize        = 10
	DefaultBreakerFailures = 3
	DefaultBreakerCooldown = 5 * time.Second
)

var common = Defaults{
	DialTimeout: DefaultTimeout, ReadTimeout: DefaultTimeout, WriteTimeout: DefaultTimeout,
	PoolSize: DefaultPoolSize,
	Breaker:  breaker.Config{Failures: DefaultBreakerFailures, Cooldown: DefaultBreakerCooldown},
}

// Enabled reports whether Redis is configured.
func (c Config) Enabled() bool { return c.Addr != "" }

// WithDefaults returns c with every zero field taken from d, or from the
// common defaults where d leaves it zero too.
func (c Config) WithDefaults(d Defaults) Config {
	return c.fill(d).fill(common)
}

func (c Config) fill(d Defaults) Config {
	if c.KeyPrefix == "" {
		c.KeyPrefix = d.KeyPrefix
	}
	if c.DialTimeout == 0 {
		c.DialTimeout = d.DialTimeout
	}
	if c.ReadTimeout == 0 {
		c.ReadTimeout = d.ReadTimeout
	}
	if c.WriteTimeout == 0 {
		c.WriteTimeout = d.WriteTimeout
	}
	if c.PoolSize == 0 {
		c.PoolSize = d.PoolSize
	}
	c.Breaker = c.Breaker.WithDefaults(d.Breaker)
	return c
}

// Validate reports every malformed value of c, named by its YAML key. An
// empty Addr is valid (off). A zero field is valid before or after the
// user's defaults: it is checked as the common default would be.
func (c Config) Validate() error {
	if !c.Enabled() {
		return nil
	}
	c = c.fill(common)
	var errs []error
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		errs = append(errs, fmt.Errorf("addr: %q is not host:port", c.Addr))
	}
	if c.DB < 0 {
		errs = append(errs, fmt.Errorf("db: %d is negative", c.DB))
	}
	if c.DialTimeout < 0 || c.ReadTimeout < 0 || c.WriteTimeout < 0 {
		errs = append(errs, errors.New("dial_timeout, read_timeout and write_timeout must be positive: without them a hung Redis would hold every call"))
	}
	if c.PoolSize < 1 {
		errs = append(errs, fmt.Errorf("pool_size: %d is below 1", c.PoolSize))
	}
	if err := c.Breaker.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// LogValue keeps the password out of logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(c.LogAttrs()...)
}

// LogAttrs are the attributes of LogValue, for a user that logs more of
// its own beside them.
func (c Config) LogAttrs() []slog.Attr {
	pw := ""
	if c.Password != "" {
		pw = "[redacted]"
	}
	return []slog.Attr{
		slog.String("addr", c.Addr), slog.String("username", c.Username), slog.String("password", pw),
		slog.Int("db", c.DB), slog.String("key_prefix", c.KeyPrefix),
	}
}
