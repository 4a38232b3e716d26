package review

import (
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time          { return c.now }
func (c *fakeClock) Advance(d time.Duration) { c.now = c.now.Add(d) }

func testLimiter(maxTracked int) (*loginLimiter, *fakeClock) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	cfg := LoginConfig{MaxFailures: 3, BaseDelay: time.Second, MaxDelay: 10 * time.Second, MaxTracked: maxTracked}
	return newLoginLimiter(cfg, clock.Now), clock
}

// fail runs one attempt on keys that fails, and fails the test if the
// attempt is refused.
func fail(t *testing.T, l *loginLimiter, keys ...string) {
	t.Helper()
	if wait, ok := l.begin(keys...); !ok {
		t.Fatalf("attempt on %v refused (wait %v), want it checked", keys, wait)
	}
	l.finish(true, "", keys...)
}

func wantRefused(t *testing.T, l *loginLimiter, wait time.Duration, keys ...string) {
	t.Helper()
	got, ok := l.begin(keys...)
	if ok {
		l.finish(false, "", keys...)
		t.Fatalf("attempt on %v checked, want it refused for %v", keys, wait)
	}
	if got != wait {
		t.Fatalf("attempt on %v refused for %v, want %v", keys, got, wait)
	}
}

func TestLoginLimiter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(t *testing.T, l *loginLimiter, clock *fakeClock)
	}{
		{"failures below the limit are all checked", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			fail(t, l, "alice")
			fail(t, l, "alice")
			if _, ok := l.begin("alice"); !ok {
				t.Fatal("third attempt refused")
			}
		}},
		{"the attempt after max failures is refused for the base delay", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			for range 3 {
				fail(t, l, "alice")
			}
			wantRefused(t, l, time.Second, "alice")
			clock.Advance(400 * time.Millisecond)
			wantRefused(t, l, 600*time.Millisecond, "alice")
		}},
		{"each further failure doubles the delay up to the cap", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			for range 3 {
				fail(t, l, "alice")
			}
			for _, want := range []time.Duration{1, 2, 4, 8, 10, 10} {
				wantRefused(t, l, want*time.Second, "alice")
				clock.Advance(want * time.Second)
				fail(t, l, "alice")
			}
		}},
		{"refused attempts do not lengthen the lock", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			for range 3 {
				fail(t, l, "alice")
			}
			for range 5 {
				wantRefused(t, l, time.Second, "alice")
			}
			clock.Advance(time.Second)
			fail(t, l, "alice")
			wantRefused(t, l, 2*time.Second, "alice")
		}},
		{"a success clears the account it names", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			fail(t, l, "alice", "10.0.0.1")
			fail(t, l, "alice", "10.0.0.1")
			if _, ok := l.begin("alice", "10.0.0.1"); !ok {
				t.Fatal("third attempt refused")
			}
			l.finish(false, "alice", "alice", "10.0.0.1")
			fail(t, l, "alice")
			fail(t, l, "alice")
			fail(t, l, "alice")
			wantRefused(t, l, time.Second, "alice")
		}},
		{"a success does not clear the address", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			fail(t, l, "mallory", "10.0.0.1")
			fail(t, l, "mallory", "10.0.0.1")
			if _, ok := l.begin("eve", "10.0.0.1"); !ok {
				t.Fatal("attempt refused")
			}
			l.finish(false, "eve", "eve", "10.0.0.1")
			fail(t, l, "bob", "10.0.0.1")
			wantRefused(t, l, time.Second, "carol", "10.0.0.1")
		}},
		{"a locked address refuses every account", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			fail(t, l, "alice", "10.0.0.1")
			fail(t, l, "bob", "10.0.0.1")
			fail(t, l, "carol", "10.0.0.1")
			wantRefused(t, l, time.Second, "dave", "10.0.0.1")
			if _, ok := l.begin("dave", "10.0.0.2"); !ok {
				t.Fatal("dave from another address refused")
			}
		}},
		{"attempts under way count against the limit", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			for range 3 {
				if _, ok := l.begin("alice"); !ok {
					t.Fatal("attempt refused")
				}
			}
			wantRefused(t, l, time.Second, "alice")
			l.finish(true, "", "alice")
			l.finish(true, "", "alice")
			l.finish(true, "", "alice")
			wantRefused(t, l, time.Second, "alice")
		}},
		{"after a lock only one attempt at a time is checked", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			for range 3 {
				fail(t, l, "alice")
			}
			clock.Advance(time.Second)
			if _, ok := l.begin("alice"); !ok {
				t.Fatal("attempt after the lock refused")
			}
			wantRefused(t, l, time.Second, "alice")
		}},
		{"failures are forgotten after max delay past the lock", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			for range 3 {
				fail(t, l, "alice")
			}
			clock.Advance(time.Second + 10*time.Second)
			if got := l.tracked(); got != 1 {
				t.Fatalf("tracked %d keys, want 1 until looked at", got)
			}
			fail(t, l, "alice")
			fail(t, l, "alice")
			if _, ok := l.begin("alice"); !ok {
				t.Fatal("third attempt of a fresh count refused")
			}
		}},
		{"memory holds at most max tracked keys, forgetting the least recently attempted", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			for range 3 {
				fail(t, l, "alice")
			}
			fail(t, l, "k1")
			fail(t, l, "k2")
			fail(t, l, "k3")
			if got := l.tracked(); got != 4 {
				t.Fatalf("tracked %d keys, want 4", got)
			}
			fail(t, l, "k4") // forgets alice
			if got := l.tracked(); got != 4 {
				t.Fatalf("tracked %d keys, want 4", got)
			}
			if _, ok := l.begin("alice"); !ok {
				t.Fatal("alice was not forgotten")
			}
		}},
		{"a refused key is kept over quieter ones", func(t *testing.T, l *loginLimiter, clock *fakeClock) {
			for range 3 {
				fail(t, l, "alice")
			}
			fail(t, l, "k1")
			fail(t, l, "k2")
			fail(t, l, "k3")
			wantRefused(t, l, time.Second, "alice")
			fail(t, l, "k4") // forgets k1
			wantRefused(t, l, time.Second, "alice")
			for range 2 {
				fail(t, l, "k1")
			}
			if _, ok := l.begin("k1"); !ok {
				t.Fatal("k1 was not forgotten")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l, clock := testLimiter(4)
			tt.run(t, l, clock)
		})
	}
}
