package desk

import (
	"testing"
	"time"

	"github.com/notegate/notegate/internal/redistest"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time          { return c.now }
func (c *fakeClock) Advance(d time.Duration) { c.now = c.now.Add(d) }

func testLimiter(t *testing.T, im impl, maxTracked int) (loginThrottle, *fakeClock) {
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	cfg := LoginConfig{MaxFailures: 3, BaseDelay: time.Second, MaxDelay: 10 * time.Second, MaxTracked: maxTracked}
	_, _, l := im.stores(t, Config{Login: cfg}, clock.Now)
	return l, clock
}

// begin starts an attempt, failing the test on an error of the store.
func begin(t *testing.T, l loginThrottle, keys ...string) (time.Duration, bool) {
	t.Helper()
	wait, ok, err := l.begin(ctx, keys...)
	if err != nil {
		t.Fatal(err)
	}
	return wait, ok
}

// finish ends an attempt, failing the test on an error of the store.
func finish(t *testing.T, l loginThrottle, failed bool, clear string, keys ...string) {
	t.Helper()
	if err := l.finish(ctx, failed, clear, keys...); err != nil {
		t.Fatal(err)
	}
}

// fail runs one attempt on keys that fails, and fails the test if the
// attempt is refused.
func fail(t *testing.T, l loginThrottle, keys ...string) {
	t.Helper()
	if wait, ok := begin(t, l, keys...); !ok {
		t.Fatalf("attempt on %v refused (wait %v), want it checked", keys, wait)
	}
	finish(t, l, true, "", keys...)
}

func wantRefused(t *testing.T, l loginThrottle, wait time.Duration, keys ...string) {
	t.Helper()
	got, ok := begin(t, l, keys...)
	if ok {
		finish(t, l, false, "", keys...)
		t.Fatalf("attempt on %v checked, want it refused for %v", keys, wait)
	}
	if got != wait {
		t.Fatalf("attempt on %v refused for %v, want %v", keys, got, wait)
	}
}

// TestLoginLimiter is the conformance suite of loginThrottle: every
// implementation follows the in-process rules.
func TestLoginLimiter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(t *testing.T, l loginThrottle, clock *fakeClock, im impl)
	}{
		{"failures below the limit are all checked", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
			fail(t, l, "alice")
			fail(t, l, "alice")
			if _, ok := begin(t, l, "alice"); !ok {
				t.Fatal("third attempt refused")
			}
		}},
		{"the attempt after max failures is refused for the base delay", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
			for range 3 {
				fail(t, l, "alice")
			}
			wantRefused(t, l, time.Second, "alice")
			clock.Advance(400 * time.Millisecond)
			wantRefused(t, l, 600*time.Millisecond, "alice")
		}},
		{"each further failure doubles the delay up to the cap", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
			for range 3 {
				fail(t, l, "alice")
			}
			for _, want := range []time.Duration{1, 2, 4, 8, 10, 10} {
				wantRefused(t, l, want*time.Second, "alice")
				clock.Advance(want * time.Second)
				fail(t, l, "alice")
			}
		}},
		{"refused attempts do not lengthen the lock", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
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
		{"a success clears the account it names", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
			fail(t, l, "alice", "10.0.0.1")
			fail(t, l, "alice", "10.0.0.1")
			if _, ok := begin(t, l, "alice", "10.0.0.1"); !ok {
				t.Fatal("third attempt refused")
			}
			finish(t, l, false, "alice", "alice", "10.0.0.1")
			fail(t, l, "alice")
			fail(t, l, "alice")
			fail(t, l, "alice")
			wantRefused(t, l, time.Second, "alice")
		}},
		{"a success does not clear the address", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
			fail(t, l, "mallory", "10.0.0.1")
			fail(t, l, "mallory", "10.0.0.1")
			if _, ok := begin(t, l, "eve", "10.0.0.1"); !ok {
				t.Fatal("attempt refused")
			}
			finish(t, l, false, "eve", "eve", "10.0.0.1")
			fail(t, l, "bob", "10.0.0.1")
			wantRefused(t, l, time.Second, "carol", "10.0.0.1")
		}},
		{"a locked address refuses every account", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
			fail(t, l, "alice", "10.0.0.1")
			fail(t, l, "bob", "10.0.0.1")
			fail(t, l, "carol", "10.0.0.1")
			wantRefused(t, l, time.Second, "dave", "10.0.0.1")
			if _, ok := begin(t, l, "dave", "10.0.0.2"); !ok {
				t.Fatal("dave from another address refused")
			}
		}},
		{"attempts under way count against the limit", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
			for range 3 {
				if _, ok := begin(t, l, "alice"); !ok {
					t.Fatal("attempt refused")
				}
			}
			wantRefused(t, l, time.Second, "alice")
			finish(t, l, true, "", "alice")
			finish(t, l, true, "", "alice")
			finish(t, l, true, "", "alice")
			wantRefused(t, l, time.Second, "alice")
		}},
		{"after a lock only one attempt at a time is checked", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
			for range 3 {
				fail(t, l, "alice")
			}
			clock.Advance(time.Second)
			if _, ok := begin(t, l, "alice"); !ok {
				t.Fatal("attempt after the lock refused")
			}
			wantRefused(t, l, time.Second, "alice")
		}},
		{"failures are forgotten after max delay past the lock", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
			for range 3 {
				fail(t, l, "alice")
			}
			clock.Advance(time.Second + 10*time.Second)
			if got := im.tracked(t, l); got != 1 {
				t.Fatalf("tracked %d keys, want 1 until looked at", got)
			}
			fail(t, l, "alice")
			fail(t, l, "alice")
			if _, ok := begin(t, l, "alice"); !ok {
				t.Fatal("third attempt of a fresh count refused")
			}
		}},
		{"memory holds at most max tracked keys, forgetting the least recently attempted", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
			for range 3 {
				fail(t, l, "alice")
			}
			fail(t, l, "k1")
			fail(t, l, "k2")
			fail(t, l, "k3")
			if got := im.tracked(t, l); got != 4 {
				t.Fatalf("tracked %d keys, want 4", got)
			}
			fail(t, l, "k4") // forgets alice
			if got := im.tracked(t, l); got != 4 {
				t.Fatalf("tracked %d keys, want 4", got)
			}
			if _, ok := begin(t, l, "alice"); !ok {
				t.Fatal("alice was not forgotten")
			}
		}},
		{"a refused key is kept over quieter ones", func(t *testing.T, l loginThrottle, clock *fakeClock, im impl) {
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
			if _, ok := begin(t, l, "k1"); !ok {
				t.Fatal("k1 was not forgotten")
			}
		}},
	}
	impls := impls(t)
	for _, tt := range tests {
		for _, im := range impls {
			t.Run(im.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				l, clock := testLimiter(t, im, 4)
				tt.run(t, l, clock, im)
			})
		}
	}
}

// TestRedisLoginAttemptLapsesAfterItsLease: an attempt begun on a replica
// that died before finishing it stops counting after loginLease, so it
// cannot lock an account for good. In process an attempt always finishes.
func TestRedisLoginAttemptLapsesAfterItsLease(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := redisStateFor(t, srv, Config{Login: LoginConfig{MaxFailures: 3, BaseDelay: time.Second, MaxDelay: time.Minute, MaxTracked: 10}}, clock.Now, nil)
	fail(t, s, "alice")
	fail(t, s, "alice")
	if _, ok := begin(t, s, "alice"); !ok { // never finished
		t.Fatal("third attempt refused")
	}
	wantRefused(t, s, time.Second, "alice")
	clock.Advance(loginLease - time.Millisecond)
	wantRefused(t, s, time.Second, "alice")
	clock.Advance(time.Millisecond)
	if wait, ok := begin(t, s, "alice"); !ok {
		t.Errorf("after the lease the attempt still counts: refused for %v", wait)
	}
}
