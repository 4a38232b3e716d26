package review

import (
	"errors"
	"fmt"
	"time"

	"github.com/notegate/notegate/internal/breaker"
	"github.com/notegate/notegate/internal/redisconn"
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
// empty Addr keeps the state in this process. The connection keys
// (redisconn.Config, inline) have these defaults: key_prefix
// "notegate:review:", dial_timeout, read_timeout and write_timeout 200ms
// each, pool_size 10, breaker 3 failures and 5s. While the breaker is open
// the desk answers 503 at once, so that a dead server does not add its
// timeouts to every request; cooldown is also the interval of the PING
// that keeps the desk's condition current, and at least 1s. The password
// comes only from NOTEGATE_REVIEW_REDIS_PASSWORD.
type SharedRedisConfig struct {
	redisconn.Config `yaml:",inline"`
}

// SharedBreakerConfig configures the breaker of the shared state: Failures
// consecutive failed calls open it (default 3), and calls are refused for
// Cooldown (default 5s), then one probes the server.
type SharedBreakerConfig = breaker.Config

// Defaults of SharedRedisConfig.
const (
	DefaultSharedKeyPrefix       = "notegate:review:"
	DefaultSharedTimeout         = 200 * time.Millisecond
	DefaultSharedPoolSize        = 10
	DefaultSharedBreakerFailures = 3
	DefaultSharedBreakerCooldown = 5 * time.Second
)

var sharedRedisDefaults = redisconn.Defaults{
	KeyPrefix:   DefaultSharedKeyPrefix,
	DialTimeout: DefaultSharedTimeout, ReadTimeout: DefaultSharedTimeout, WriteTimeout: DefaultSharedTimeout,
	PoolSize: DefaultSharedPoolSize,
	Breaker:  breaker.Config{Failures: DefaultSharedBreakerFailures, Cooldown: DefaultSharedBreakerCooldown},
}

// WithDefaults returns c with every zero field set to its default.
func (c SharedRedisConfig) WithDefaults() SharedRedisConfig {
	c.Config = c.Config.WithDefaults(sharedRedisDefaults)
	return c
}

// Validate reports malformed values in c, after defaults. An empty Addr is
// valid (in process).
func (c SharedRedisConfig) Validate() error {
	if !c.Enabled() {
		return nil
	}
	c = c.WithDefaults()
	errs := []error{c.Config.Validate()}
	if cd := c.Breaker.Cooldown; cd >= 0 && cd < time.Second {
		errs = append(errs, fmt.Errorf("breaker: cooldown %v is below 1s (Retry-After counts whole seconds)", cd))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("shared_state.redis: %w", err)
	}
	return nil
}
