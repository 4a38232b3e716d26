package pipeline

import (
	"context"
	"sync/atomic"
	"time"
)

// drainClock measures a drain budget from the moment a context ends, so
// that every step of a shutdown (the loop's drain, its last commit, and
// the closing of writers after it) shares one deadline instead of each
// adding its own.
type drainClock struct {
	budget time.Duration
	ended  atomic.Int64 // UnixNano of ctx's end; 0 while it runs
	stop   func() bool
}

// startDrainClock starts measuring budget from the end of ctx. Call stop
// when done with it.
func startDrainClock(ctx context.Context, budget time.Duration) *drainClock {
	d := &drainClock{budget: budget}
	d.stop = context.AfterFunc(ctx, func() { d.ended.Store(time.Now().UnixNano()) })
	return d
}

// left is what remains of the budget: all of it while ctx runs, never
// less than zero.
func (d *drainClock) left() time.Duration {
	e := d.ended.Load()
	if e == 0 {
		return d.budget
	}
	return max(d.budget-time.Since(time.Unix(0, e)), 0)
}
