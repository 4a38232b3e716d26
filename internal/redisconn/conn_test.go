package redisconn

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/internal/breaker"
)

func TestConnDo(t *testing.T) {
	t.Parallel()
	errDown := errors.New("connection refused")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	type call struct {
		ctx     context.Context
		err     error // what f returns
		wantErr error
		ran     bool // whether f must run
	}
	ok := call{context.Background(), nil, nil, true}
	fail := call{context.Background(), errDown, errDown, true}
	skipped := call{context.Background(), nil, ErrSkipped, false}
	gaveUp := call{cancelled, context.Canceled, context.Canceled, true}
	tests := []struct {
		name  string
		calls []call
		state breaker.State
	}{
		{"calls that succeed keep the breaker closed", []call{ok, ok, ok}, breaker.Closed},
		{"consecutive failures open it and later calls are skipped without running", []call{fail, fail, skipped, skipped}, breaker.Open},
		{"a success between failures resets the streak", []call{fail, ok, fail, ok}, breaker.Closed},
		{"a caller that gave up does not count against the server", []call{fail, gaveUp, gaveUp, ok, fail}, breaker.Closed},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			cfg := Config{Addr: "127.0.0.1:1", Breaker: breaker.Config{Failures: 2, Cooldown: time.Hour}}.WithDefaults(testDefaults)
			c := NewConn(cfg, func() time.Time { return time.Unix(1e9, 0) }, nil)
			t.Cleanup(func() { c.Close() })
			for i, cl := range tt.calls {
				ran := false
				err := c.Do(cl.ctx, func(opCtx context.Context) error {
					ran = true
					if _, ok := opCtx.Deadline(); !ok {
						t.Errorf("call %d: no deadline on the call's context", i)
					}
					return cl.err
				})
				if !errors.Is(err, cl.wantErr) || (cl.wantErr == nil && err != nil) {
					t.Errorf("call %d: Do = %v, want %v", i, err, cl.wantErr)
				}
				if ran != cl.ran {
					t.Errorf("call %d: f ran %v, want %v", i, ran, cl.ran)
				}
			}
			if st := c.BreakerState(); st != tt.state {
				t.Errorf("breaker %v, want %v", st, tt.state)
			}
		})
	}
}

func TestConnBoundsACallByItsTimeouts(t *testing.T) {
	t.Parallel()
	cfg := Config{Addr: "127.0.0.1:1"}.WithDefaults(testDefaults)
	c := NewConn(cfg, nil, nil)
	t.Cleanup(func() { c.Close() })
	want := cfg.DialTimeout + cfg.WriteTimeout + cfg.ReadTimeout
	before := time.Now()
	var deadline, after time.Time
	_ = c.Do(context.Background(), func(opCtx context.Context) error {
		deadline, _ = opCtx.Deadline()
		after = time.Now()
		return nil
	})
	// The deadline was set between before and after, dial+write+read ahead.
	if deadline.Before(before.Add(want)) || deadline.After(after.Add(want)) {
		t.Errorf("deadline %v, want dial+write+read (%v) after the call began (%v)", deadline, want, before)
	}
}

func TestConnTalksToTheConfiguredServer(t *testing.T) {
	t.Parallel()
	// Nothing listens on port 1: a real call through the client fails and
	// counts, which shows Do runs the client's command against cfg.Addr.
	cfg := Config{Addr: "127.0.0.1:1", Breaker: breaker.Config{Failures: 1, Cooldown: time.Hour}}.WithDefaults(testDefaults)
	c := NewConn(cfg, nil, nil)
	t.Cleanup(func() { c.Close() })
	err := c.Do(context.Background(), func(ctx context.Context) error { return c.Client().Ping(ctx).Err() })
	if err == nil || errors.Is(err, ErrSkipped) {
		t.Fatalf("PING of a closed port: %v, want the dial's error", err)
	}
	if st := c.BreakerState(); st != breaker.Open {
		t.Errorf("breaker %v after a failure with failures=1, want open", st)
	}
}

func TestKeyID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, id, want string
	}{
		{"a short id is kept", "note-1", "note-1"},
		{"an id of 64 bytes is kept", strings.Repeat("n", 64), strings.Repeat("n", 64)},
		// Keys already in Redis were named so: the hash must not change.
		{"a longer id is replaced by the hex of the first half of its sha256", strings.Repeat("n", 65), "#1e3fb6d54587d70a794c060a27868e0a"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			if got := KeyID(tt.id); got != tt.want {
				t.Errorf("KeyID = %q, want %q", got, tt.want)
			}
		})
	}
}
