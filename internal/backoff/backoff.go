// Package backoff is the one retry spacing of notegate: exponential from a
// first delay to a cap, with jitter on the upper half so that replicas
// retrying the same broker, index or provider do not march in step. The
// pipeline's transport retries, the translation stage's provider retries
// and pending translations, and the Elasticsearch writer all use it.
package backoff

import (
	"context"
	"math/rand/v2"
	"time"
)

// Policy spaces out retries.
type Policy struct {
	// Min is the first delay. Default 50ms.
	Min time.Duration `yaml:"min"`
	// Max caps the delay. Default 10s (Min when Min is larger).
	Max time.Duration `yaml:"max"`
}

// WithDefaults returns p with its defaults filled in.
func (p Policy) WithDefaults() Policy {
	if p.Min <= 0 {
		p.Min = 50 * time.Millisecond
	}
	if p.Max < p.Min {
		p.Max = max(10*time.Second, p.Min)
	}
	return p
}

// Ceiling is the un-jittered delay before retry number attempt (0-based):
// Min doubled attempt times, capped at Max.
func (p Policy) Ceiling(attempt int) time.Duration {
	p = p.WithDefaults()
	d := p.Min
	for i := 0; i < attempt && d < p.Max; i++ {
		d *= 2
	}
	return min(d, p.Max)
}

// Delay is the jittered delay before retry number attempt: drawn
// uniformly from the upper half of Ceiling(attempt).
func (p Policy) Delay(attempt int) time.Duration {
	return p.DelayWith(attempt, rand.Int64N)
}

// DelayWith is Delay with the random source given (tests pass a fixed
// one): draw(n) returns a number in [0, n).
func (p Policy) DelayWith(attempt int, draw func(n int64) int64) time.Duration {
	d := p.Ceiling(attempt)
	return d/2 + time.Duration(draw(int64(d/2)+1))
}

// Wait sleeps for Delay(attempt) or until ctx is done, whose error it
// returns.
func (p Policy) Wait(ctx context.Context, attempt int) error {
	return Sleep(ctx, p.Delay(attempt))
}

// Sleep waits d or until ctx is done, whose error it returns.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
