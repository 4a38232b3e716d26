package desk

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/notegate/notegate/internal/breaker"
	"github.com/notegate/notegate/internal/redistest"
)

// impl is one implementation of the desk's shared state, for the
// conformance suites that every implementation must pass.
type impl struct {
	name string
	// stores returns the stores of one desk with cfg (defaults applied
	// here) on clock, sharing nothing with any other call.
	stores func(t *testing.T, cfg Config, clock func() time.Time) (claimStore, sessionStore, loginThrottle)
	// held counts the claims a store holds, live or not yet purged.
	held func(t *testing.T, c claimStore) int
	// tracked counts the login keys a throttle holds.
	tracked func(t *testing.T, l loginThrottle) int
}

// impls returns the in-process implementation and, when redis-server is
// installed (always under CI=true), the Redis one on a server of its own.
func impls(t *testing.T) []impl {
	t.Helper()
	out := []impl{{
		name: "in_process",
		stores: func(t *testing.T, cfg Config, clock func() time.Time) (claimStore, sessionStore, loginThrottle) {
			cfg = cfg.WithDefaults()
			return newClaims(cfg.Claims, clock), newSessionMap(cfg.MaxSessions, clock), newLoginLimiter(cfg.Login, clock)
		},
		held: func(t *testing.T, c claimStore) int {
			m := c.(*claims)
			m.mu.Lock()
			defer m.mu.Unlock()
			return len(m.byID)
		},
		tracked: func(t *testing.T, l loginThrottle) int { return l.(*loginLimiter).tracked() },
	}}
	srv := redistest.Maybe(t)
	if srv == nil {
		t.Log("redis-server not installed: the Redis implementation is not checked")
		return out
	}
	return append(out, impl{
		name: "redis",
		stores: func(t *testing.T, cfg Config, clock func() time.Time) (claimStore, sessionStore, loginThrottle) {
			s := redisStateFor(t, srv, cfg, clock, nil)
			return s, s, s
		},
		held: func(t *testing.T, c claimStore) int {
			s := c.(*redisState)
			n, err := s.client.ZCard(context.Background(), s.prefix+"claims").Result()
			if err != nil {
				t.Fatal(err)
			}
			return int(n)
		},
		tracked: func(t *testing.T, l loginThrottle) int {
			s := l.(*redisState)
			n, err := s.client.ZCard(context.Background(), s.prefix+"logins").Result()
			if err != nil {
				t.Fatal(err)
			}
			return int(n)
		},
	})
}

// redisStateFor connects one desk's state to srv under a prefix of its
// own, with a breaker that opens after 3 failures for an hour (so that
// its PING never runs during a test).
func redisStateFor(t *testing.T, srv *redistest.Server, cfg Config, clock func() time.Time, report func(error)) *redisState {
	t.Helper()
	cfg.SharedState.Redis = SharedRedisConfig{Addr: srv.Addr, KeyPrefix: uniquePrefix(),
		Breaker: breaker.Config{Failures: 3, Cooldown: time.Hour}}
	cfg = cfg.WithDefaults()
	if err := cfg.SharedState.Redis.Validate(); err != nil {
		t.Fatal(err)
	}
	s := newRedisState(cfg, clock, report, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = s.Close() })
	return s
}

var prefixes struct {
	mu sync.Mutex
	n  int
}

// uniquePrefix is a key prefix no other store of this test process uses.
func uniquePrefix() string {
	prefixes.mu.Lock()
	defer prefixes.mu.Unlock()
	prefixes.n++
	return "test" + strconv.Itoa(prefixes.n) + ":"
}
