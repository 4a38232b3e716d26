package pipeline

import (
	"context"
	"testing"
	"time"
)

func TestDrainClock(t *testing.T) {
	t.Parallel()
	t.Run("the whole budget is left while the context runs", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		c := startDrainClock(ctx, time.Hour)
		defer c.stop()
		if got := c.left(); got != time.Hour {
			t.Fatalf("left %s before the end, want the whole hour", got)
		}
	})
	t.Run("the budget runs down from the moment the context ends", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		c := startDrainClock(ctx, time.Hour)
		defer c.stop()
		cancel()
		deadline := time.Now().Add(10 * time.Second)
		for c.left() == time.Hour {
			if time.Now().After(deadline) {
				t.Fatal("the clock never started after the context ended")
			}
			time.Sleep(time.Millisecond)
		}
		if got := c.left(); got <= 0 || got >= time.Hour {
			t.Fatalf("left %s just after the end, want a little under the hour", got)
		}
	})
	t.Run("a spent budget leaves zero, never less", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		c := startDrainClock(ctx, time.Nanosecond)
		defer c.stop()
		cancel()
		deadline := time.Now().Add(10 * time.Second)
		for c.ended.Load() == 0 {
			if time.Now().After(deadline) {
				t.Fatal("the clock never started after the context ended")
			}
			time.Sleep(time.Millisecond)
		}
		time.Sleep(time.Millisecond)
		if got := c.left(); got != 0 {
			t.Fatalf("left %s after the budget, want 0", got)
		}
	})
}
