package main

import "time"

// pacer is the open-loop schedule of a steady-rate bench: event i is due at
// start + i/rate, whatever became of the events before it. A producer that
// falls behind (a slow write, a stalled broker) sends the overdue events at
// once, each stamped with its due time, so a stall shows in their latency
// instead of being hidden by sending the later events later (coordinated
// omission).
type pacer struct {
	start time.Time
	// rate is events per second, > 0.
	rate int
	// n is the number of events in the run.
	n int
	// maxBatch caps the events sent in one step, > 0, so a producer that
	// fell far behind catches up in bounded writes.
	maxBatch int
	// minWait is the shortest wait between steps, so a fast rate is sent in
	// small batches rather than one write per event.
	minWait time.Duration
}

// dueAt is when event i is due.
func (p pacer) dueAt(i int) time.Time {
	return p.start.Add(time.Duration(int64(i) * int64(time.Second) / int64(p.rate)))
}

// due is how many events are due by now (those whose dueAt is not after
// now), at most n.
func (p pacer) due(now time.Time) int {
	el := now.Sub(p.start)
	if el < 0 {
		return 0
	}
	// Event i is due when floor(i·1s/rate) ≤ el, that is when
	// i < (el+1)·rate/1s; split el into seconds and the rest so the product
	// cannot overflow in a long run.
	sec, rest := int64(el/time.Second), int64(el%time.Second)
	r := int64(p.rate)
	k := sec*r + ((rest+1)*r+int64(time.Second)-1)/int64(time.Second)
	if k > int64(p.n) {
		return p.n
	}
	return int(k)
}

// step says what to do at now when sent events have gone out: send events
// [sent, upto) when upto > sent, then call step again at once; otherwise
// wait that long (at least minWait) before calling it again. upto == n
// with nothing to wait means the run is sent.
func (p pacer) step(sent int, now time.Time) (upto int, wait time.Duration) {
	if sent >= p.n {
		return p.n, 0
	}
	if d := p.due(now); d > sent {
		return min(d, sent+p.maxBatch), 0
	}
	return sent, max(p.dueAt(sent).Sub(now), p.minWait)
}
