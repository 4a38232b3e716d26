package translate

import (
	"testing"
	"time"
)

// fakeClock is a settable clock.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestBreaker(t *testing.T) {
	t.Parallel()
	type step struct {
		advance time.Duration
		allow   bool    // what Allow must say
		done    outcome // recorded when allowed
		state   BreakerState
	}
	f, s, n := outcomeFailure, outcomeSuccess, outcomeNeutral
	tests := []struct {
		name  string
		steps []step
	}{
		{"consecutive_failures_open_it", []step{
			{0, true, f, BreakerClosed}, {0, true, f, BreakerClosed}, {0, true, f, BreakerOpen}, {0, false, 0, BreakerOpen},
		}},
		{"a_success_resets_the_streak", []step{
			{0, true, f, BreakerClosed}, {0, true, f, BreakerClosed}, {0, true, s, BreakerClosed},
			{0, true, f, BreakerClosed}, {0, true, f, BreakerClosed},
		}},
		{"neutral_outcomes_count_neither_way", []step{
			{0, true, f, BreakerClosed}, {0, true, f, BreakerClosed}, {0, true, n, BreakerClosed}, {0, true, f, BreakerOpen},
		}},
		{"after_the_cooldown_one_probe_closes_it_on_success", []step{
			{0, true, f, BreakerClosed}, {0, true, f, BreakerClosed}, {0, true, f, BreakerOpen},
			{9 * time.Second, false, 0, BreakerOpen}, {time.Second, true, s, BreakerClosed}, {0, true, s, BreakerClosed},
		}},
		{"a_failed_probe_reopens_it_for_another_cooldown", []step{
			{0, true, f, BreakerClosed}, {0, true, f, BreakerClosed}, {0, true, f, BreakerOpen},
			{10 * time.Second, true, f, BreakerOpen}, {5 * time.Second, false, 0, BreakerOpen}, {5 * time.Second, true, s, BreakerClosed},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := &fakeClock{t: time.Unix(1e9, 0)}
			b := newBreaker(3, 10*time.Second, clock.now, nil)
			for i, st := range tt.steps {
				clock.advance(st.advance)
				if got := b.Allow(); got != st.allow {
					t.Fatalf("step %d: Allow = %v, want %v", i, got, st.allow)
				}
				if st.allow {
					b.Done(st.done)
				}
				if got := b.State(); got != st.state {
					t.Fatalf("step %d: state %v, want %v", i, got, st.state)
				}
			}
		})
	}
}

func TestBreakerLetsOneProbeThroughAtATime(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1e9, 0)}
	b := newBreaker(1, time.Second, clock.now, nil)
	b.Allow()
	b.Done(outcomeFailure)
	clock.advance(time.Second)
	if !b.Allow() {
		t.Fatal("no probe after the cooldown")
	}
	if b.Allow() {
		t.Fatal("a second call went through while the probe was in flight")
	}
	b.Done(outcomeNeutral)
	if !b.Allow() {
		t.Fatal("a neutral probe outcome must let the next probe through")
	}
}

func TestBreakerOpenForHonoursALongerPause(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1e9, 0)}
	b := newBreaker(5, time.Second, clock.now, nil)
	b.OpenFor(time.Minute)
	clock.advance(59 * time.Second)
	if b.Allow() {
		t.Fatal("allowed a call before the pause the provider asked for ended")
	}
	clock.advance(time.Second)
	if !b.Allow() {
		t.Fatal("no probe after the pause")
	}
}
