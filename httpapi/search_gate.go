package httpapi

import (
	"context"
	"errors"
	"sync/atomic"
)

// errQueueFull is gate.enter's answer when every slot is taken and the
// queue is full.
var errQueueFull = errors.New("search: every slot is taken and the queue is full")

// gate admits searches into the index: at most cap(slots) at once, and at
// most cap(queue) waiting for a slot, in arrival order. Everything it holds
// is bounded, so a flood of searches costs goroutines parked on a channel,
// not CPU or index memory.
type gate struct {
	slots   chan struct{}
	queue   chan struct{}
	metrics *SearchMetrics
	// waiting counts the searches in the queue, for tests and metrics.
	waiting atomic.Int64
}

func newGate(maxConcurrent, maxQueued int, m *SearchMetrics) *gate {
	return &gate{slots: make(chan struct{}, maxConcurrent), queue: make(chan struct{}, maxQueued), metrics: m}
}

// enter takes a slot, waiting in the queue while there is room in it and
// ctx lasts. It returns errQueueFull at once when the queue is full, or
// ctx's error when ctx ends first. The caller calls release exactly once,
// when the index has given the search up.
func (g *gate) enter(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
		return g.admitted(), nil
	default:
	}
	select {
	case g.queue <- struct{}{}:
	default:
		return nil, errQueueFull
	}
	g.waiting.Add(1)
	g.metrics.queuedBy(1)
	defer func() {
		<-g.queue
		g.waiting.Add(-1)
		g.metrics.queuedBy(-1)
	}()
	// Senders blocked on a full channel are woken in order, so the queue
	// is first come, first served.
	select {
	case g.slots <- struct{}{}:
		return g.admitted(), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *gate) admitted() func() {
	g.metrics.admit()
	var once atomic.Bool
	return func() {
		if once.CompareAndSwap(false, true) {
			<-g.slots
			g.metrics.inFlightBy(-1)
		}
	}
}

// running is the number of searches holding a slot.
func (g *gate) running() int { return len(g.slots) }
