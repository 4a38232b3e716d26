package translate

import (
	"sync"
	"time"
)

// BreakerState is the state of a provider's circuit breaker.
type BreakerState int

const (
	// BreakerClosed: calls go through; consecutive failures are counted.
	BreakerClosed BreakerState = iota
	// BreakerHalfOpen: the cool-down has passed; one probe call at a time
	// goes through, and its outcome closes or reopens the breaker.
	BreakerHalfOpen
	// BreakerOpen: calls are refused until the cool-down ends.
	BreakerOpen
)

func (s BreakerState) String() string {
	switch s {
	case BreakerClosed:
		return "closed"
	case BreakerHalfOpen:
		return "half-open"
	}
	return "open"
}

// breaker is a consecutive-failure circuit breaker. It is small enough that
// a library (sony/gobreaker) would add a dependency without removing code:
// the stage needs Allow before the rate limiter and the budget, a way to
// open until a provider's Retry-After, and outcomes that count neither way
// (an unsupported pair, a cancelled call).
type breaker struct {
	failures int           // consecutive failures that open it
	cooldown time.Duration // how long it stays open
	now      func() time.Time
	onChange func(BreakerState)

	mu        sync.Mutex
	state     BreakerState
	streak    int       // consecutive failures while closed
	openUntil time.Time // while open
	probing   bool      // a half-open probe is in flight
}

func newBreaker(failures int, cooldown time.Duration, now func() time.Time, onChange func(BreakerState)) *breaker {
	if now == nil {
		now = time.Now
	}
	if onChange == nil {
		onChange = func(BreakerState) {}
	}
	return &breaker{failures: failures, cooldown: cooldown, now: now, onChange: onChange}
}

// outcome is how a call that Allow let through ended.
type outcome int

const (
	outcomeSuccess outcome = iota
	outcomeFailure
	outcomeNeutral // says nothing about the provider's health
)

// Allow reports whether a call may go out now. Every true must be followed
// by exactly one Done.
func (b *breaker) Allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.state {
	case BreakerClosed:
		return true
	case BreakerOpen:
		if b.now().Before(b.openUntil) {
			return false
		}
		b.set(BreakerHalfOpen)
	}
	if b.probing {
		return false
	}
	b.probing = true
	return true
}

// Done records the outcome of a call that Allow let through.
func (b *breaker) Done(o outcome) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state == BreakerHalfOpen {
		b.probing = false
		switch o {
		case outcomeSuccess:
			b.streak = 0
			b.set(BreakerClosed)
		case outcomeFailure:
			b.open(b.cooldown)
		}
		return
	}
	switch o {
	case outcomeSuccess:
		b.streak = 0
	case outcomeFailure:
		b.streak++
		if b.state == BreakerClosed && b.streak >= b.failures {
			b.open(b.cooldown)
		}
	}
}

// OpenFor opens the breaker for at least d, as when a provider asks for a
// pause (Retry-After) longer than the stage is willing to wait.
func (b *breaker) OpenFor(d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if until := b.now().Add(d); b.state != BreakerOpen || until.After(b.openUntil) {
		b.open(d)
	}
}

// State returns the current state (open turns half-open lazily, on Allow).
func (b *breaker) State() BreakerState {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state
}

func (b *breaker) open(d time.Duration) {
	b.openUntil = b.now().Add(d)
	b.streak = 0
	b.probing = false
	b.set(BreakerOpen)
}

func (b *breaker) set(s BreakerState) {
	if b.state != s {
		b.state = s
		b.onChange(s)
	}
}
