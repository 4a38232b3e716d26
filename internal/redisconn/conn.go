package redisconn

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"

	"github.com/notegate/notegate/internal/breaker"
)

// ErrSkipped is returned by Conn.Do for a call not made because the
// breaker is open.
var ErrSkipped = errors.New("redis not tried: its breaker is open")

// Conn is a Redis client behind a breaker. Every call is bounded by the
// timeouts and never retried: after consecutive failures the breaker
// skips Redis for its cool-down, then one call probes the server. What a
// skipped or failed call means (a miss, an in-process fallback, a 503) is
// the caller's to decide.
type Conn struct {
	client  *redis.Client
	breaker *breaker.Breaker
	timeout time.Duration
}

// NewConn returns a connection for cfg (valid, defaults applied). It does
// not connect: a server that is down at start costs failed calls, not the
// start. now is the breaker's clock (nil: time.Now); onChange, if not nil,
// is told the breaker's changes of state, under its lock.
func NewConn(cfg Config, now func() time.Time, onChange func(from, to breaker.State)) *Conn {
	return &Conn{
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
		breaker: breaker.New(cfg.Breaker, now, onChange),
		// A whole call: a dial, then the command written and its reply read.
		timeout: cfg.DialTimeout + cfg.WriteTimeout + cfg.ReadTimeout,
	}
}

// Do runs f with a context bounded by the timeouts of one whole call,
// unless the breaker is open: then f is not run and Do returns ErrSkipped.
// An error of f is returned as it is and counts against the server,
// unless ctx itself has ended (the caller giving up says nothing about
// Redis).
func (c *Conn) Do(ctx context.Context, f func(ctx context.Context) error) error {
	if !c.breaker.Allow() {
		return ErrSkipped
	}
	opCtx, cancel := context.WithTimeout(ctx, c.timeout)
	err := f(opCtx)
	cancel()
	switch {
	case err == nil:
		c.breaker.Done(breaker.Success)
	case ctx.Err() != nil:
		c.breaker.Done(breaker.Neutral)
	default:
		c.breaker.Done(breaker.Failure)
	}
	return err
}

// Client is the go-redis client, for use inside Do.
func (c *Conn) Client() *redis.Client { return c.client }

// BreakerState reports whether Redis is being skipped.
func (c *Conn) BreakerState() breaker.State { return c.breaker.State() }

// Close closes the connections.
func (c *Conn) Close() error { return c.client.Close() }
