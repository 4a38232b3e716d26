package review

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// redisState is the desk's shared state in one Redis server (or primary)
// that every replica uses: a claimStore, a sessionStore and a
// loginThrottle. Every change is one Lua script, so it is atomic across
// replicas. Keys (P is KeyPrefix):
//
//	P c:NOTE      hash o s e u: the claim on a note (owner; since, expires,
//	              until in Unix ms), expiring with it
//	P claims      sorted set of note keys by their claim's expiry: the
//	              live claims, at most claims.max
//	P d:NOTE      hash r b u: the last decision's revision, reviewer and
//	              end (Unix ms), expiring after claims.max_hold
//	P s:DIGEST    a session (JSON) by the hex SHA-256 of its token,
//	              expiring with it
//	P sessions    sorted set of session keys by expiry, at most max_sessions
//	P l:KEY       hash f i b u l: the failed-login count of an account or
//	              address (failures, attempts under way, last begin, locked
//	              until, last failure; Unix ms), expiring when forgotten
//	P logins      sorted set of count keys by last use (P logins:seq), at
//	              most login.max_tracked
//
// Note ids longer than 64 bytes are replaced by a hash in keys. Expiry is
// judged by the desk's clock carried in the values; Redis TTLs only clean
// up. A call is bounded by the timeouts and never retried; after
// breaker.failures consecutive failures calls are refused at once for
// breaker.cooldown, then one probes the server (and a PING every cooldown
// does without traffic). Every failure and success is reported (the
// service's readiness lists the desk's condition), and every failure
// reaches the caller wrapped in ErrSharedStateUnavailable: there is no
// fallback to this process's own state, which the other replicas would
// not see.
type redisState struct {
	client    *redis.Client
	prefix    string
	opTimeout time.Duration
	clock     func() time.Time
	claimsCfg ClaimsConfig
	sessions  int // the most sessions held
	login     LoginConfig
	breaker   *stateBreaker
	report    func(error)
	log       *slog.Logger

	stop chan struct{}
	done chan struct{}
}

// newRedisState returns the state in the Redis of cfg (validated, with
// defaults). It does not connect: a server that is down at start makes
// the desk answer 503 until it is up. report is told every call's outcome
// (nil: success); it may be nil.
func newRedisState(cfg Config, clock func() time.Time, report func(error), log *slog.Logger) *redisState {
	rc := cfg.SharedState.Redis
	if report == nil {
		report = func(error) {}
	}
	log = log.With("component", "review-shared-state", "redis", rc)
	s := &redisState{
		client: redis.NewClient(&redis.Options{
			Addr:                  rc.Addr,
			Username:              rc.Username,
			Password:              rc.Password,
			DB:                    rc.DB,
			DialTimeout:           rc.DialTimeout,
			ReadTimeout:           rc.ReadTimeout,
			WriteTimeout:          rc.WriteTimeout,
			PoolTimeout:           rc.ReadTimeout,
			PoolSize:              rc.PoolSize,
			ContextTimeoutEnabled: true,
			MaxRetries:            -1, // the breaker, not retries, handles a sick server
			DialerRetries:         1,
			DisableIdentity:       true,
			MaintNotificationsConfig: &maintnotifications.Config{
				Mode: maintnotifications.ModeDisabled,
			},
		}),
		prefix:    rc.KeyPrefix,
		opTimeout: rc.DialTimeout + rc.WriteTimeout + rc.ReadTimeout,
		clock:     clock,
		claimsCfg: cfg.Claims,
		sessions:  cfg.MaxSessions,
		login:     cfg.Login,
		breaker:   &stateBreaker{failures: rc.Breaker.Failures, cooldown: rc.Breaker.Cooldown, clock: clock, log: log},
		report:    report,
		log:       log,
		stop:      make(chan struct{}),
		done:      make(chan struct{}),
	}
	go s.probe(rc.Breaker.Cooldown)
	return s
}

// probe PINGs the server every interval through the breaker, so that the
// desk's condition is current (and an open breaker closes again) without
// a reviewer's request.
func (s *redisState) probe(interval time.Duration) {
	defer close(s.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			_ = s.call(context.Background(), "ping", func(ctx context.Context) error { return s.client.Ping(ctx).Err() })
		}
	}
}

// Close stops the probe and closes the connections.
func (s *redisState) Close() error {
	close(s.stop)
	<-s.done
	return s.client.Close()
}

// retryAfter is what the desk tells a client refused for lack of the
// state: the breaker's cool-down, when a probe may find the server back.
func (s *redisState) retryAfter() time.Duration { return s.breaker.cooldown }

// call runs f against the server, bounded by the timeouts, unless the
// breaker is open; it records the outcome. Every error it returns wraps
// ErrSharedStateUnavailable.
func (s *redisState) call(ctx context.Context, what string, f func(ctx context.Context) error) error {
	if !s.breaker.allow() {
		return fmt.Errorf("%w: %s not tried: the server failed %d times in a row; trying again within %s",
			ErrSharedStateUnavailable, what, s.breaker.failures, s.breaker.cooldown)
	}
	opCtx, cancel := context.WithTimeout(ctx, s.opTimeout)
	defer cancel()
	err := f(opCtx)
	if err != nil {
		// The caller's own context ending says nothing about Redis.
		neutral := ctx.Err() != nil
		s.breaker.done(neutral, false)
		if !neutral {
			s.report(fmt.Errorf("redis %s: %w", what, err))
		}
		return fmt.Errorf("%w: redis %s: %w", ErrSharedStateUnavailable, what, err)
	}
	s.breaker.done(false, true)
	s.report(nil)
	return nil
}

// ms is t in Unix milliseconds, as the scripts store times.
func ms(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

// fromMS reads a time the scripts stored or returned.
func fromMS(v any) (time.Time, error) {
	var n int64
	var err error
	switch x := v.(type) {
	case string:
		n, err = strconv.ParseInt(x, 10, 64)
	case int64:
		n = x
	default:
		err = fmt.Errorf("unexpected %T", v)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("bad time in the shared state: %w", err)
	}
	return time.UnixMilli(n).UTC(), nil
}

// keyID bounds the ids that go into keys.
func keyID(id string) string {
	if len(id) <= 64 {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return "#" + hex.EncodeToString(sum[:16])
}

// stateBreaker refuses calls for a cool-down after consecutive failures,
// then lets one call probe the server. It runs on the desk's clock.
type stateBreaker struct {
	failures int
	cooldown time.Duration
	clock    func() time.Time
	log      *slog.Logger

	mu        sync.Mutex
	streak    int
	open      bool
	openUntil time.Time
	probing   bool
}

func (b *stateBreaker) allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.open {
		return true
	}
	if b.clock().Before(b.openUntil) || b.probing {
		return false
	}
	b.probing = true
	return true
}

// done records a call's outcome; neutral ones (the caller's context
// ended) change nothing but end a probe.
func (b *stateBreaker) done(neutral, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	wasProbe := b.probing
	b.probing = false
	switch {
	case neutral:
	case ok:
		if b.open {
			b.log.Info("the desk's shared state is back")
		}
		b.streak, b.open = 0, false
	default:
		b.streak++
		if wasProbe || !b.open && b.streak >= b.failures {
			if !b.open {
				b.log.Warn("the desk's shared state is unreachable; claims, decisions and logins answer 503 until it is back", "cooldown", b.cooldown)
			}
			b.open, b.openUntil = true, b.clock().Add(b.cooldown)
		}
	}
}

// errUnexpected is a reply the scripts never give.
var errUnexpected = errors.New("unexpected reply from a shared-state script")
