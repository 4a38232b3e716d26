package desk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/notegate/notegate/internal/breaker"
	"github.com/notegate/notegate/internal/redisconn"
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
	conn      *redisconn.Conn
	client    *redis.Client // conn's, for the scripts
	prefix    string
	clock     func() time.Time
	claimsCfg ClaimsConfig
	sessions  int // the most sessions held
	login     LoginConfig
	breaker   breaker.Config
	report    func(error)
	log       *slog.Logger

	stop chan struct{}
	done chan struct{}
}

// newRedisState returns the state in the Redis of cfg (validated, with
// defaults). It does not connect: a server that is down at start makes
// the desk answer 503 until it is up. report is told every call's outcome
// (nil: success); it may be nil. The breaker runs on the desk's clock.
func newRedisState(cfg Config, clock func() time.Time, report func(error), log *slog.Logger) *redisState {
	rc := cfg.SharedState.Redis
	if report == nil {
		report = func(error) {}
	}
	log = log.With("component", "review-shared-state", "redis", rc)
	conn := redisconn.NewConn(rc, clock, breaker.LogOutages(log,
		"the desk's shared state is unreachable; claims, decisions and logins answer 503 until it is back",
		"the desk's shared state is back", "cooldown", rc.Breaker.Cooldown))
	s := &redisState{
		conn:      conn,
		client:    conn.Client(),
		prefix:    rc.KeyPrefix,
		clock:     clock,
		claimsCfg: cfg.Claims,
		sessions:  cfg.MaxSessions,
		login:     cfg.Login,
		breaker:   rc.Breaker,
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
	return s.conn.Close()
}

// retryAfter is what the desk tells a client refused for lack of the
// state: the breaker's cool-down, when a probe may find the server back.
func (s *redisState) retryAfter() time.Duration { return s.breaker.Cooldown }

// call runs f against the server, bounded by the timeouts, unless the
// breaker is open; it records the outcome. Every error it returns wraps
// ErrSharedStateUnavailable.
func (s *redisState) call(ctx context.Context, what string, f func(ctx context.Context) error) error {
	err := s.conn.Do(ctx, f)
	switch {
	case err == nil:
		s.report(nil)
		return nil
	case errors.Is(err, redisconn.ErrSkipped):
		return fmt.Errorf("%w: %s not tried: the server failed %d times in a row; trying again within %s",
			ErrSharedStateUnavailable, what, s.breaker.Failures, s.breaker.Cooldown)
	case ctx.Err() == nil: // the caller's own context ending says nothing about Redis
		s.report(fmt.Errorf("redis %s: %w", what, err))
	}
	return fmt.Errorf("%w: redis %s: %w", ErrSharedStateUnavailable, what, err)
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

// errUnexpected is a reply the scripts never give.
var errUnexpected = errors.New("unexpected reply from a shared-state script")
