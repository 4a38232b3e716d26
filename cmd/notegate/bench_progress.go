package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// benchProgress is what a bench has seen so far: the producer adds what it
// sent, the loop reading the outputs what was routed and how late, and
// report prints it while the bench runs.
type benchProgress struct {
	produced atomic.Int64

	mu     sync.Mutex
	routed int
	sofar  latencyHistogram
	window latencyHistogram // since the last progress line
}

// sent counts n events the broker acknowledged.
func (p *benchProgress) sent(n int) { p.produced.Add(int64(n)) }

// routedOne counts one input event whose first output arrived ms after it
// was due.
func (p *benchProgress) routedOne(ms float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.routed++
	p.sofar.add(ms)
	p.window.add(ms)
}

// inFlight is how many events were produced and not yet routed.
func (p *benchProgress) inFlight() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return max(int(p.produced.Load())-p.routed, 0)
}

// report writes a progress line to w every interval until ctx ends.
// brokerRSS is the embedded broker's RSS in MB (0 for none).
func (p *benchProgress) report(ctx context.Context, w io.Writer, start time.Time, interval time.Duration, brokerRSS func() float64) {
	t := time.NewTicker(interval)
	defer t.Stop()
	last := start
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			fmt.Fprintln(w, p.line(now.Sub(start), now.Sub(last), rssMB(), brokerRSS()))
			last = now
		}
	}
}

// line says where the bench is after elapsed, window after the previous
// line, and starts a new window: events produced and routed and those in
// between, events routed a second and p99 latency in the window, p99 so
// far, and the RSS of the bench's process and of the embedded broker's
// (when there is one: brokerRSSMB > 0). A stalled pipeline shows as lines
// with nothing routed and a growing number in flight.
func (p *benchProgress) line(elapsed, window time.Duration, rssMB, brokerRSSMB float64) string {
	p.mu.Lock()
	routed, inWindow := p.routed, int(p.window.n)
	p99Window, p99SoFar := p.window.quantile(0.99), p.sofar.quantile(0.99)
	p.window.reset()
	p.mu.Unlock()
	produced := int(p.produced.Load())
	windowP99 := "    -   "
	if inWindow > 0 {
		windowP99 = fmt.Sprintf("%5.0f ms", p99Window)
	}
	broker := ""
	if brokerRSSMB > 0 {
		broker = fmt.Sprintf(", broker %4.0f MB", brokerRSSMB)
	}
	return fmt.Sprintf("bench: %6.1fs  produced %6d  routed %6d  in flight %6d  %5.0f routed/s  p99 %s last %s, %5.0f ms so far  RSS %4.0f MB%s",
		elapsed.Seconds(), produced, routed, max(produced-routed, 0), float64(inWindow)/window.Seconds(), windowP99, window.Round(10*time.Millisecond), p99SoFar, rssMB, broker)
}
