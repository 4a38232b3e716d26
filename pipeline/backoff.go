package pipeline

import (
	"context"
	"math/rand/v2"
	"time"
)

// Backoff spaces out retries of transport errors: exponential from Min to
// Max with jitter.
type Backoff struct {
	// Min is the first delay. Default 50ms.
	Min time.Duration `yaml:"min"`
	// Max caps the delay. Default 10s.
	Max time.Duration `yaml:"max"`
}

func (b Backoff) withDefaults() Backoff {
	if b.Min <= 0 {
		b.Min = 50 * time.Millisecond
	}
	if b.Max < b.Min {
		b.Max = 10 * time.Second
		if b.Max < b.Min {
			b.Max = b.Min
		}
	}
	return b
}

// Delay returns the wait before retry number attempt (0-based).
func (b Backoff) Delay(attempt int) time.Duration {
	b = b.withDefaults()
	d := b.Min
	for i := 0; i < attempt && d < b.Max; i++ {
		d *= 2
	}
	if d > b.Max {
		d = b.Max
	}
	// Full jitter on the upper half keeps retrying replicas from marching in step.
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// Wait sleeps for Delay(attempt) or until ctx is done.
func (b Backoff) Wait(ctx context.Context, attempt int) error {
	t := time.NewTimer(b.Delay(attempt))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
