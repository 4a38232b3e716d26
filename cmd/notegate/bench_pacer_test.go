package main

import (
	"math"
	"testing"
	"time"
)

func TestPacerStep(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	p2000 := pacer{start: start, rate: 2000, n: 20000, maxBatch: 1000, minWait: time.Millisecond}
	tests := []struct {
		name     string
		p        pacer
		sent     int
		at       time.Duration // since start
		wantUpto int
		wantWait time.Duration
	}{
		{"before the start nothing is due and it waits until the start", p2000, 0, -10 * time.Millisecond, 0, 10 * time.Millisecond},
		{"the first event is due at the start", p2000, 0, 0, 1, 0},
		{"at 2000 per second a millisecond in three events are due", p2000, 0, time.Millisecond, 3, 0},
		{"only the events not yet sent are sent", p2000, 2, time.Millisecond, 3, 0},
		{"when all that is due went out it waits at least minWait", p2000, 3, time.Millisecond, 3, time.Millisecond},
		{"without minWait it waits exactly until the next event is due", pacer{start: start, rate: 2000, n: 20000, maxBatch: 1000}, 3, time.Millisecond, 3, 500 * time.Microsecond},
		{"a slow rate waits the whole gap", pacer{start: start, rate: 10, n: 100, maxBatch: 10, minWait: time.Millisecond}, 1, 0, 1, 100 * time.Millisecond},
		{"a producer ten seconds behind catches up in batches of maxBatch", p2000, 0, 10 * time.Second, 1000, 0},
		{"the next batch continues from what was sent", p2000, 1000, 10 * time.Second, 2000, 0},
		{"the last events due stop at n", p2000, 19990, time.Hour, 20000, 0},
		{"a run that is all sent has nothing to do or wait for", p2000, 20000, time.Hour, 20000, 0},
		{"a rate that does not divide a second is due at the floor of i/rate", pacer{start: start, rate: 3, n: 10, maxBatch: 10}, 1, 333333333 * time.Nanosecond, 2, 0},
		{"one nanosecond before that the second event is not due yet", pacer{start: start, rate: 3, n: 10, maxBatch: 10}, 1, 333333332 * time.Nanosecond, 1, time.Nanosecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			upto, wait := tt.p.step(tt.sent, start.Add(tt.at))
			if upto != tt.wantUpto || wait != tt.wantWait {
				t.Errorf("step(%d, start%+v) = %d, %v; want %d, %v", tt.sent, tt.at, upto, wait, tt.wantUpto, tt.wantWait)
			}
		})
	}
}

// TestPacerDueMatchesDueAt checks the two views of the schedule against
// each other: at its due time event i is due and the events before it too,
// a nanosecond earlier it is not.
func TestPacerDueMatchesDueAt(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		rate int
	}{
		{"one per second", 1},
		{"three per second, a period that is no whole number of nanoseconds", 3},
		{"seven per second", 7},
		{"the old default of 500 per second", 500},
		{"the issue's target of 2000 per second", 2000},
		{"just under a million per second", 999_999},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pacer{start: start, rate: tt.rate, n: math.MaxInt, maxBatch: 1}
			for i := range 5000 {
				at := p.dueAt(i)
				if got := p.due(at); got != i+1 {
					t.Fatalf("due(dueAt(%d)) = %d, want %d", i, got, i+1)
				}
				if got := p.due(at.Add(-time.Nanosecond)); got != i {
					t.Fatalf("due(dueAt(%d) - 1ns) = %d, want %d", i, got, i)
				}
			}
			if got, want := p.dueAt(tt.rate).Sub(start), time.Second; got != want {
				t.Errorf("event %d is due %v after the start, want %v", tt.rate, got, want)
			}
		})
	}
}

func TestPacerDueInALongRunDoesNotOverflow(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	p := pacer{start: start, rate: 1_000_000, n: math.MaxInt, maxBatch: 1}
	const hours = 1000
	if got, want := p.due(start.Add(hours*time.Hour)), hours*3600*1_000_000+1; got != want {
		t.Errorf("due after %d hours at a million per second = %d, want %d", hours, got, want)
	}
}
