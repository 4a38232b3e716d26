package desk

import (
	"errors"
	"fmt"
	"time"

	"github.com/notegate/notegate/internal/redisconn"
)

// EnvSharedStatePassword is the environment variable holding the password
// of the desk's shared state in Redis; it is never read from the file.
const EnvSharedStatePassword = "NOTEGATE_REVIEW_REDIS_PASSWORD"

// SharedStateConfig configures where the desk keeps what every replica
// must see alike: claims, sessions and failed-login counts. Without Redis
// they live in this process (one replica, or sticky routing).
type SharedStateConfig struct {
	// Redis holds the state when its Addr is set (a single server or a
	// primary; not Redis Cluster, as one script touches several keys).
	// Default: in this process. Its defaults are the common ones
	// (redisconn.Config) but for key_prefix "notegate:review:":
	// dial_timeout, read_timeout and write_timeout 200ms each, pool_size
	// 10, breaker 3 failures and 5s. While the breaker is open the desk
	// answers 503 at once, so that a dead server does not add its
	// timeouts to every request; its cooldown is also the interval of the
	// PING that keeps the desk's condition current, and at least 1s. The
	// password comes only from NOTEGATE_REVIEW_REDIS_PASSWORD.
	Redis SharedRedisConfig `yaml:"redis"`
}

// SharedRedisConfig is the connection of the desk's shared state; the
// keys and their meaning follow the moderation and translation state's.
type SharedRedisConfig = redisconn.Config

// DefaultSharedKeyPrefix is the default key_prefix of the shared state.
const DefaultSharedKeyPrefix = "notegate:review:"

// WithDefaults returns c with every zero field of an enabled Redis set to
// its default.
func (c SharedStateConfig) WithDefaults() SharedStateConfig {
	if c.Redis.Enabled() {
		c.Redis = c.Redis.WithDefaults(redisconn.Defaults{KeyPrefix: DefaultSharedKeyPrefix})
	}
	return c
}

// Validate reports malformed values in c. No Redis addr is valid (in
// process).
func (c SharedStateConfig) Validate() error {
	if !c.Redis.Enabled() {
		return nil
	}
	errs := []error{c.Redis.Validate()}
	if cd := c.Redis.Breaker.Cooldown; cd > 0 && cd < time.Second {
		errs = append(errs, fmt.Errorf("breaker: cooldown %v is below 1s (Retry-After counts whole seconds)", cd))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("shared_state.redis: %w", err)
	}
	return nil
}
