package desk

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// loginLimiter is the in-process loginThrottle. It counts failed logins
// per key (an account name or a client address) and refuses attempts of a
// key that failed too often, for a delay that doubles with each further
// failure. It holds at most LoginConfig.MaxTracked keys, forgetting the
// least recently attempted. Its methods never fail. With several
// replicas, each counts the attempts it sees unless the counts live in
// Redis (redisState).
//
// An attempt is begun before the password is checked and finished after:
// begun attempts count against the limit, so a burst of parallel requests
// gets no more than MaxFailures checks past it; once a key is locked, one
// attempt at a time is checked after each lock ends.
type loginLimiter struct {
	cfg   LoginConfig
	clock func() time.Time

	mu    sync.Mutex
	keys  map[string]*list.Element // of *loginKey
	order *list.List               // front: most recently used
}

type loginKey struct {
	key      string
	failures int       // consecutive failures finished
	inflight int       // attempts begun and not finished
	until    time.Time // attempts are refused before it
	last     time.Time // last failure finished
}

func newLoginLimiter(cfg LoginConfig, clock func() time.Time) *loginLimiter {
	return &loginLimiter{cfg: cfg, clock: clock, keys: map[string]*list.Element{}, order: list.New()}
}

// begin starts an attempt on every key, or on none: it returns ok false
// and how long to wait when any key is locked or has as many attempts
// under way as it may have. Every begin that returns ok must be followed
// by one finish with the same keys.
func (l *loginLimiter) begin(_ context.Context, keys ...string) (retryAfter time.Duration, ok bool, err error) {
	now := l.clock()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		e := l.peek(k, now)
		if e == nil {
			continue
		}
		// A key under attack stays tracked over quieter ones.
		l.order.MoveToFront(l.keys[k])
		switch {
		case now.Before(e.until):
			retryAfter = max(retryAfter, e.until.Sub(now))
		case e.failures < l.cfg.MaxFailures && e.failures+e.inflight >= l.cfg.MaxFailures,
			e.failures >= l.cfg.MaxFailures && e.inflight > 0:
			// The attempts under way decide whether the key locks; they
			// finish within a password check.
			retryAfter = max(retryAfter, time.Second)
		}
	}
	if retryAfter > 0 {
		return retryAfter, false, nil
	}
	for _, k := range keys {
		l.touch(k).inflight++
	}
	return 0, true, nil
}

// finish ends an attempt begun on keys. A failure counts against every
// key and locks those past MaxFailures; a success clears the keys in
// clear (the account's) and only ends the attempt on the others.
func (l *loginLimiter) finish(_ context.Context, failed bool, clear string, keys ...string) error {
	now := l.clock()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		e := l.touch(k)
		e.inflight = max(0, e.inflight-1)
		switch {
		case !failed && k == clear:
			l.order.Remove(l.keys[k])
			delete(l.keys, k)
		case failed:
			e.failures++
			e.last = now
			if e.failures >= l.cfg.MaxFailures {
				e.until = now.Add(l.delay(e.failures))
			}
		}
	}
	return nil
}

// delay is the lock after the nth consecutive failure (n ≥ MaxFailures):
// BaseDelay, doubled for each failure past MaxFailures, at most MaxDelay.
func (l *loginLimiter) delay(n int) time.Duration {
	d := l.cfg.BaseDelay
	for i := l.cfg.MaxFailures; i < n && d < l.cfg.MaxDelay; i++ {
		d *= 2
	}
	return min(d, l.cfg.MaxDelay)
}

// peek returns k's entry, nil when k is untracked or its failures are
// forgotten: MaxDelay has passed since its lock ended (or since its last
// failure, when it was never locked) with no attempt under way.
func (l *loginLimiter) peek(k string, now time.Time) *loginKey {
	el, ok := l.keys[k]
	if !ok {
		return nil
	}
	e := el.Value.(*loginKey)
	if e.inflight == 0 && !now.Before(later(e.until, e.last).Add(l.cfg.MaxDelay)) {
		l.order.Remove(el)
		delete(l.keys, k)
		return nil
	}
	return e
}

// touch returns k's entry, creating it (and forgetting the least recently
// used key when full), and marks it most recently used.
func (l *loginLimiter) touch(k string) *loginKey {
	if el, ok := l.keys[k]; ok {
		l.order.MoveToFront(el)
		return el.Value.(*loginKey)
	}
	for len(l.keys) >= l.cfg.MaxTracked {
		oldest := l.order.Back()
		l.order.Remove(oldest)
		delete(l.keys, oldest.Value.(*loginKey).key)
	}
	e := &loginKey{key: k}
	l.keys[k] = l.order.PushFront(e)
	return e
}

// tracked is how many keys are held, for tests.
func (l *loginLimiter) tracked() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.keys)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
