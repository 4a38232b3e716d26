package breaker

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// handClock returns a clock that only advance moves.
func handClock() (now func() time.Time, advance func(time.Duration)) {
	t := time.Unix(1e9, 0)
	return func() time.Time { return t }, func(d time.Duration) { t = t.Add(d) }
}

// step is one thing done to a breaker, then the state it must be in.
type step struct {
	advance time.Duration // the clock moves first
	do      func(b *Breaker) bool
	want    bool // what do must return
	state   State
}

// allow asks for a call; the step checks the answer.
func allow(want bool, state State) step {
	return step{do: (*Breaker).Allow, want: want, state: state}
}

// call is a call let through that ends with o at once.
func call(o Outcome, state State) step {
	return step{do: func(b *Breaker) bool {
		if !b.Allow() {
			return false
		}
		b.Done(o)
		return true
	}, want: true, state: state}
}

// done ends a call let through by an earlier allow step.
func done(o Outcome, state State) step {
	return step{do: func(b *Breaker) bool { b.Done(o); return true }, want: true, state: state}
}

// after moves the clock before s.
func after(d time.Duration, s step) step { s.advance = d; return s }

func TestBreaker(t *testing.T) {
	t.Parallel()
	const cooldown = 10 * time.Second
	f, s, n := Failure, Success, Neutral
	tests := []struct {
		name  string
		steps []step
	}{
		{"consecutive failures open it", []step{
			call(f, Closed), call(f, Closed), call(f, Open), allow(false, Open),
		}},
		{"a success resets the streak", []step{
			call(f, Closed), call(f, Closed), call(s, Closed), call(f, Closed), call(f, Closed),
		}},
		{"neutral outcomes count neither way", []step{
			call(f, Closed), call(f, Closed), call(n, Closed), call(f, Open),
		}},
		{"it stays open until the cooldown has passed", []step{
			call(f, Closed), call(f, Closed), call(f, Open),
			after(cooldown-time.Nanosecond, allow(false, Open)),
		}},
		{"after the cooldown one probe closes it on success", []step{
			call(f, Closed), call(f, Closed), call(f, Open),
			after(9*time.Second, allow(false, Open)), after(time.Second, call(s, Closed)), call(s, Closed),
		}},
		{"a failed probe reopens it for another cooldown", []step{
			call(f, Closed), call(f, Closed), call(f, Open),
			after(cooldown, call(f, Open)), after(cooldown/2, allow(false, Open)), after(cooldown/2, call(s, Closed)),
		}},
		{"only one probe goes through at a time", []step{
			call(f, Closed), call(f, Closed), call(f, Open),
			after(cooldown, allow(true, HalfOpen)), allow(false, HalfOpen), done(s, Closed), allow(true, Closed),
		}},
		{"a neutral probe lets the next call probe", []step{
			call(f, Closed), call(f, Closed), call(f, Open),
			after(cooldown, call(n, HalfOpen)), call(f, Open), after(cooldown, call(n, HalfOpen)), call(s, Closed),
		}},
		{"a success let through before it opened does not close it", []step{
			allow(true, Closed), call(f, Closed), call(f, Closed), call(f, Open), done(s, Open), allow(false, Open),
		}},
		{"a failure let through before it opened does not lengthen the cooldown", []step{
			allow(true, Closed), call(f, Closed), call(f, Closed), call(f, Open),
			after(cooldown/2, done(f, Open)), after(cooldown/2, call(s, Closed)),
		}},
		{"after it closes again the full streak is needed to open it", []step{
			call(f, Closed), call(f, Closed), call(f, Open), after(cooldown, call(s, Closed)),
			call(f, Closed), call(f, Closed), call(f, Open),
		}},
		{"open for a pause refuses calls for that pause", []step{
			{do: func(b *Breaker) bool { b.OpenFor(time.Minute); return true }, want: true, state: Open},
			after(time.Minute-time.Second, allow(false, Open)), after(time.Second, call(s, Closed)),
		}},
		{"open for a shorter pause keeps a longer one", []step{
			call(f, Closed), call(f, Closed), call(f, Open),
			{do: func(b *Breaker) bool { b.OpenFor(time.Second); return true }, want: true, state: Open},
			after(time.Second, allow(false, Open)), after(cooldown-time.Second, allow(true, HalfOpen)),
		}},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			now, advance := handClock()
			b := New(Config{Failures: 3, Cooldown: cooldown}, now, nil)
			for i, st := range tt.steps {
				advance(st.advance)
				if got := st.do(b); got != st.want {
					t.Fatalf("step %d: got %v, want %v", i, got, st.want)
				}
				if got := b.State(); got != st.state {
					t.Fatalf("step %d: state %v, want %v", i, got, st.state)
				}
			}
		})
	}
}

func TestBreakerReportsEveryChangeOfState(t *testing.T) {
	t.Parallel()
	now, advance := handClock()
	var got []string
	b := New(Config{Failures: 1, Cooldown: time.Second}, now, func(from, to State) {
		got = append(got, from.String()+">"+to.String())
	})
	for _, o := range []Outcome{Failure, Failure} { // opens; refused while open
		if b.Allow() {
			b.Done(o)
		}
	}
	advance(time.Second)
	b.Allow()
	b.Done(Failure) // the probe fails
	advance(time.Second)
	b.Allow()
	b.Done(Success) // the next one closes it
	b.Allow()
	b.Done(Success) // no change
	want := strings.Join([]string{"closed>open", "open>half-open", "half-open>open", "open>half-open", "half-open>closed"}, " ")
	if s := strings.Join(got, " "); s != want {
		t.Errorf("changes %q, want %q", s, want)
	}
}

func TestBreakerLetsOneOfManyConcurrentCallersProbe(t *testing.T) {
	t.Parallel()
	now, advance := handClock()
	b := New(Config{Failures: 1, Cooldown: time.Second}, now, nil)
	b.Allow()
	b.Done(Failure)
	advance(time.Second) // no caller moves the clock below: it is read only
	const callers = 64
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		allowed int
	)
	for range callers {
		wg.Go(func() {
			if b.Allow() {
				mu.Lock()
				allowed++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if allowed != 1 {
		t.Errorf("%d of %d concurrent callers went through a half-open breaker, want 1", allowed, callers)
	}
	b.Done(Success)
	if st := b.State(); st != Closed {
		t.Errorf("state %v after the probe succeeded, want closed", st)
	}
}

func TestBreakerCountsConcurrentFailuresOnce(t *testing.T) {
	t.Parallel()
	const callers = 64
	b := New(Config{Failures: callers, Cooldown: time.Hour}, nil, nil)
	var wg sync.WaitGroup
	for range callers - 1 {
		wg.Go(func() {
			if b.Allow() {
				b.Done(Failure)
			}
		})
	}
	wg.Wait()
	if st := b.State(); st != Closed {
		t.Fatalf("state %v after %d failures with failures=%d, want closed", st, callers-1, callers)
	}
	b.Allow()
	b.Done(Failure)
	if st := b.State(); st != Open {
		t.Errorf("state %v after %d failures, want open", st, callers)
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	defaults := Config{Failures: 3, Cooldown: 5 * time.Second}
	tests := []struct {
		name    string
		cfg     Config
		want    Config
		wantErr bool
	}{
		{"zero fields take the defaults", Config{}, defaults, false},
		{"set fields are kept", Config{Failures: 1, Cooldown: time.Minute}, Config{Failures: 1, Cooldown: time.Minute}, false},
		{"fewer than one failure is refused", Config{Failures: -1}, Config{Failures: -1, Cooldown: 5 * time.Second}, true},
		{"a negative cooldown is refused", Config{Cooldown: -time.Second}, Config{Failures: 3, Cooldown: -time.Second}, true},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			got := tt.cfg.WithDefaults(defaults)
			if got != tt.want {
				t.Errorf("WithDefaults = %+v, want %+v", got, tt.want)
			}
			if err := got.Validate(); (err != nil) != tt.wantErr {
				t.Errorf("Validate = %v, want an error: %v", err, tt.wantErr)
			}
		})
	}
}
