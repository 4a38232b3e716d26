// Package breaker is the circuit breaker of every remote the service
// calls (translation providers, the Redis servers of shared state): after
// consecutive failures it refuses calls for a cool-down, then lets one
// call probe the remote, whose outcome closes or reopens it.
//
// It is small enough that a library (sony/gobreaker) would add a
// dependency without removing code: callers need Allow before their own
// rate limits and budgets, a way to open until a remote's Retry-After,
// outcomes that count neither way (an unsupported pair, a cancelled
// call), and an injected clock.
package breaker

import (
	"errors"
	"sync"
	"time"
)

// State is the state of a breaker.
type State int

const (
	// Closed: calls go through; consecutive failures are counted.
	Closed State = iota
	// HalfOpen: the cool-down has passed; one probe call at a time goes
	// through, and its outcome closes or reopens the breaker.
	HalfOpen
	// Open: calls are refused until the cool-down ends.
	Open
)

func (s State) String() string {
	switch s {
	case Closed:
		return "closed"
	case HalfOpen:
		return "half-open"
	}
	return "open"
}

// Outcome is how a call that Allow let through ended.
type Outcome int

const (
	// Success: the remote answered; it closes a half-open breaker and
	// ends a failure streak.
	Success Outcome = iota
	// Failure: the remote failed; it counts towards opening and reopens a
	// half-open breaker.
	Failure
	// Neutral: the outcome says nothing about the remote's health (the
	// caller gave up, the request was refused before it went out); it
	// only ends a probe, so that the next call probes again.
	Neutral
)

// Config configures a breaker. The packages that embed it document their
// own defaults.
type Config struct {
	// Failures is how many consecutive failed calls open the breaker; at
	// least 1. Default: set by the user of the breaker.
	Failures int `yaml:"failures"`
	// Cooldown is how long an open breaker refuses calls before one probe
	// may go through; not negative. Default: set by the user of the
	// breaker.
	Cooldown time.Duration `yaml:"cooldown"`
}

// WithDefaults returns c with its zero fields taken from d.
func (c Config) WithDefaults(d Config) Config {
	if c.Failures == 0 {
		c.Failures = d.Failures
	}
	if c.Cooldown == 0 {
		c.Cooldown = d.Cooldown
	}
	return c
}

// Validate reports values a breaker cannot run with.
func (c Config) Validate() error {
	if c.Failures < 1 || c.Cooldown < 0 {
		return errors.New("breaker: failures must be at least 1 and cooldown not negative")
	}
	return nil
}

// Breaker is a consecutive-failure circuit breaker, safe for concurrent
// use. Its zero value is not usable; call New.
type Breaker struct {
	failures int           // consecutive failures that open it
	cooldown time.Duration // how long it stays open
	now      func() time.Time
	onChange func(from, to State)

	mu        sync.Mutex
	state     State
	streak    int       // consecutive failures while closed
	openUntil time.Time // while open
	probing   bool      // a half-open probe is in flight
}

// New returns a closed breaker for cfg (valid, defaults applied). now is
// its clock (nil: time.Now). onChange, if not nil, is told every change
// of state; it runs under the breaker's lock, so it must be quick and
// must not call the breaker.
func New(cfg Config, now func() time.Time, onChange func(from, to State)) *Breaker {
	if now == nil {
		now = time.Now
	}
	if onChange == nil {
		onChange = func(State, State) {}
	}
	return &Breaker{failures: cfg.Failures, cooldown: cfg.Cooldown, now: now, onChange: onChange}
}

// Allow reports whether a call may go out now. Every true must be followed
// by exactly one Done.
func (b *Breaker) Allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.state {
	case Closed:
		return true
	case Open:
		if b.now().Before(b.openUntil) {
			return false
		}
		b.set(HalfOpen)
	}
	if b.probing {
		return false
	}
	b.probing = true
	return true
}

// Done records the outcome of a call that Allow let through. While the
// breaker is half-open, any outcome ends the probe: success closes it,
// failure reopens it for another cool-down, neutral lets the next call
// probe. While it is open, a call that was let through before it opened
// changes nothing but the streak.
func (b *Breaker) Done(o Outcome) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state == HalfOpen {
		b.probing = false
		switch o {
		case Success:
			b.streak = 0
			b.set(Closed)
		case Failure:
			b.open(b.cooldown)
		}
		return
	}
	switch o {
	case Success:
		b.streak = 0
	case Failure:
		b.streak++
		if b.state == Closed && b.streak >= b.failures {
			b.open(b.cooldown)
		}
	}
}

// OpenFor opens the breaker for at least d, as when a remote asks for a
// pause (Retry-After) longer than the caller is willing to wait. A breaker
// already open for longer stays so.
func (b *Breaker) OpenFor(d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if until := b.now().Add(d); b.state != Open || until.After(b.openUntil) {
		b.open(d)
	}
}

// State returns the current state (open turns half-open lazily, on Allow).
func (b *Breaker) State() State {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state
}

func (b *Breaker) open(d time.Duration) {
	b.openUntil = b.now().Add(d)
	b.streak = 0
	b.probing = false
	b.set(Open)
}

func (b *Breaker) set(s State) {
	if b.state != s {
		from := b.state
		b.state = s
		b.onChange(from, s)
	}
}
