package backoff

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestPolicy(t *testing.T) {
	t.Parallel()
	p := Policy{Min: 10 * time.Millisecond, Max: 70 * time.Millisecond}
	tests := []struct {
		name    string
		attempt int
		ceiling time.Duration
	}{
		{"the first retry waits Min", 0, 10 * time.Millisecond},
		{"each retry doubles it", 2, 40 * time.Millisecond},
		{"the delay stops at Max", 3, 70 * time.Millisecond},
		{"a huge attempt does not overflow", 1 << 20, 70 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := p.Ceiling(tt.attempt); got != tt.ceiling {
				t.Fatalf("Ceiling(%d) = %v, want %v", tt.attempt, got, tt.ceiling)
			}
			low := p.DelayWith(tt.attempt, func(int64) int64 { return 0 })
			high := p.DelayWith(tt.attempt, func(n int64) int64 { return n - 1 })
			if low != tt.ceiling/2 || high != tt.ceiling/2+tt.ceiling/2 {
				t.Fatalf("jitter range [%v, %v], want the upper half of %v", low, high, tt.ceiling)
			}
			for range 50 {
				if d := p.Delay(tt.attempt); d < tt.ceiling/2 || d > tt.ceiling {
					t.Fatalf("Delay(%d) = %v outside [%v, %v]", tt.attempt, d, tt.ceiling/2, tt.ceiling)
				}
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in, want Policy
	}{
		{"zero takes 50ms to 10s", Policy{}, Policy{Min: 50 * time.Millisecond, Max: 10 * time.Second}},
		{"a Max below Min takes the default cap", Policy{Min: time.Second, Max: time.Millisecond}, Policy{Min: time.Second, Max: 10 * time.Second}},
		{"a Min above the default cap is its own cap", Policy{Min: time.Minute}, Policy{Min: time.Minute, Max: time.Minute}},
	}
	for _, tt := range tests {
		if got := tt.in.WithDefaults(); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestWaitEndsWithTheContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := (Policy{Min: time.Hour}).Wait(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait on a cancelled context: %v, want context.Canceled", err)
	}
}
