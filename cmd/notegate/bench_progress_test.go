package main

import (
	"cmp"
	"strings"
	"testing"
	"time"
)

func TestBenchProgressLine(t *testing.T) {
	t.Parallel()
	type step struct {
		sent   int
		routed []float64 // latencies in ms
	}
	many := func(ms float64, n int) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = ms
		}
		return out
	}
	tests := []struct {
		name   string
		steps  []step        // one progress line after each
		window time.Duration // between lines; 1s when zero
		broker float64       // the embedded broker's RSS; 0 for none
		want   string        // the last line, spaces collapsed
	}{
		{
			name:  "nothing routed yet shows everything in flight and no latency for the window",
			steps: []step{{sent: 100}},
			want:  "bench: 1.0s produced 100 routed 0 in flight 100 0 routed/s p99 - last 1s, 0 ms so far RSS 300 MB",
		},
		{
			name:  "the window counts what was routed since the previous line, so far counts all",
			steps: []step{{sent: 100, routed: many(10, 100)}, {sent: 300, routed: append(many(10, 98), 500, 500)}},
			want:  "bench: 2.0s produced 300 routed 200 in flight 100 100 routed/s p99 500 ms last 1s, 10 ms so far RSS 300 MB",
		},
		{
			name:  "a stall shows as a window with nothing routed after one with traffic",
			steps: []step{{sent: 50, routed: many(20, 50)}, {sent: 80}},
			want:  "bench: 2.0s produced 80 routed 50 in flight 30 0 routed/s p99 - last 1s, 20 ms so far RSS 300 MB",
		},
		{
			name:   "a ticker's window a few microseconds off reads as the interval",
			steps:  []step{{sent: 10, routed: many(3, 10)}},
			window: time.Second + 28112*time.Nanosecond,
			want:   "bench: 1.0s produced 10 routed 10 in flight 0 10 routed/s p99 3 ms last 1s, 3 ms so far RSS 300 MB",
		},
		{
			name:   "the embedded broker's RSS is shown beside the bench's own, not in it",
			steps:  []step{{sent: 10, routed: many(3, 10)}},
			broker: 120,
			want:   "bench: 1.0s produced 10 routed 10 in flight 0 10 routed/s p99 3 ms last 1s, 3 ms so far RSS 300 MB, broker 120 MB",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p benchProgress
			var line string
			produced := 0
			for i, s := range tt.steps {
				p.sent(s.sent - produced)
				produced = s.sent
				for _, ms := range s.routed {
					p.routedOne(ms)
				}
				window := cmp.Or(tt.window, time.Second)
				line = p.line(time.Duration(i+1)*window, window, 300, tt.broker)
			}
			if got := strings.Join(strings.Fields(line), " "); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
