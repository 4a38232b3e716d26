package main

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestLatencyHistogramQuantile(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	spread := func(n int, f func() float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = f()
		}
		return out
	}
	tests := []struct {
		name string
		ms   []float64
	}{
		{"one latency is every quantile", []float64{42}},
		{"whole milliseconds as Kafka timestamps give them", []float64{3, 3, 4, 5, 5, 5, 7, 9, 12, 250}},
		{"a zero latency counts in the first bucket", []float64{0, 0, 0, 1}},
		{"sub-millisecond latencies", spread(1000, func() float64 { return rng.Float64() })},
		{"a long tail over five decades", spread(20000, func() float64 { return math.Exp(rng.NormFloat64()*2 + 3) })},
		{"a stall: most fast, one percent of ten seconds", append(spread(990, func() float64 { return 5 + rng.Float64() }), spread(10, func() float64 { return 10000 })...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h latencyHistogram
			for _, ms := range tt.ms {
				h.add(ms)
			}
			sorted := slices.Sorted(slices.Values(tt.ms))
			for _, q := range []float64{0.5, 0.9, 0.99, 0.999, 1} {
				exact := sorted[max(int(math.Ceil(q*float64(len(sorted))))-1, 0)]
				got := h.quantile(q)
				if got < exact || got > max(exact*1.045, 0.001) {
					t.Errorf("quantile(%v) = %v, exact %v: want within [exact, exact×1.045], at most 1 µs above 0", q, got, exact)
				}
			}
			if got, want := h.quantile(1), sorted[len(sorted)-1]; got != want {
				t.Errorf("quantile(1) = %v, want the largest latency %v", got, want)
			}
		})
	}
}

func TestLatencyHistogramEmptyAndReset(t *testing.T) {
	t.Parallel()
	var h latencyHistogram
	if got := h.quantile(0.99); got != 0 {
		t.Errorf("empty: quantile(0.99) = %v, want 0", got)
	}
	h.add(100)
	h.reset()
	h.add(2)
	if got := h.quantile(1); got != 2 {
		t.Errorf("after reset and add(2): quantile(1) = %v, want 2", got)
	}
}

func TestHistBucketEdges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ms   float64
		want int
	}{
		{"zero goes to the first bucket", 0, 0},
		{"a negative latency (clocks apart) goes to the first bucket", -3, 0},
		{"one microsecond is the first bucket's bound", 0.001, 0},
		{"two microseconds close the first doubling", 0.002, histPerDoubling},
		{"one millisecond falls in the bucket that ends at 1024 µs", 1, 10 * histPerDoubling},
		{"1025 µs falls in the next one", 1.025, 10*histPerDoubling + 1},
		{"a day goes to the last bucket", 86_400_000, histBuckets - 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := histBucket(tt.ms); got != tt.want {
				t.Errorf("histBucket(%v) = %d, want %d", tt.ms, got, tt.want)
			}
		})
	}
}
