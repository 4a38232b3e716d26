package translate

import (
	"context"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// charBudget is a provider's character allowance per period: a fixed
// window that starts with the first characters sent and renews every
// period. It is per process; replicas each have their own.
type charBudget struct {
	limit  int64 // characters per period; 0: unlimited
	period time.Duration
	now    func() time.Time

	mu          sync.Mutex
	windowStart time.Time
	used        int64
}

// Take reserves n characters; false when they would exceed the budget, in
// which case nothing is reserved.
func (b *charBudget) Take(n int64) bool {
	if b == nil || b.limit <= 0 {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if b.windowStart.IsZero() || now.Sub(b.windowStart) >= b.period {
		b.windowStart, b.used = now, 0
	}
	if b.used+n > b.limit {
		return false
	}
	b.used += n
	return true
}

// Refund gives back characters reserved for a call that failed, which
// providers do not bill.
func (b *charBudget) Refund(n int64) {
	if b == nil || b.limit <= 0 {
		return
	}
	b.mu.Lock()
	b.used = max(0, b.used-n)
	b.mu.Unlock()
}

// requestLimiter spaces a provider's calls out to its rate limit, waiting
// at most maxWait: a call that would have to wait longer is refused, so a
// slow quota moves work to the next provider instead of holding the batch.
type requestLimiter struct {
	lim     *rate.Limiter // nil: unlimited
	maxWait time.Duration
}

func newRequestLimiter(perSecond float64, burst int, maxWait time.Duration) requestLimiter {
	if perSecond <= 0 {
		return requestLimiter{}
	}
	if burst <= 0 {
		burst = max(1, int(math.Ceil(perSecond)))
	}
	return requestLimiter{lim: rate.NewLimiter(rate.Limit(perSecond), burst), maxWait: maxWait}
}

// Wait blocks until the next call may go out and reports true, or reports
// false at once when that would take longer than maxWait (or ctx ends
// first).
func (l requestLimiter) Wait(ctx context.Context) bool {
	if l.lim == nil {
		return true
	}
	r := l.lim.Reserve()
	d := r.Delay()
	if !r.OK() || d > l.maxWait {
		r.Cancel()
		return false
	}
	if d == 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		r.Cancel()
		return false
	}
}
