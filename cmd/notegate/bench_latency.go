package main

import "math"

// Buckets of latencyHistogram: 16 to a doubling, from 1 µs up to 2^36 µs
// (19 hours); longer latencies count in the last bucket.
const (
	histPerDoubling = 16
	histBuckets     = 36*histPerDoubling + 1
)

// latencyHistogram counts latencies in log-spaced buckets so that the live
// progress of a bench can read quantiles every second in fixed memory and
// time, however long the run. A quantile read from it is the upper bound of
// its bucket, capped at the largest latency counted: never below the exact
// (nearest-rank) quantile, and less than 4.5 % above it (or at most 1 µs
// for latencies under 1 µs). Not safe for concurrent use.
type latencyHistogram struct {
	counts [histBuckets]uint64
	n      uint64
	max    float64
}

// add counts one latency in milliseconds.
func (h *latencyHistogram) add(ms float64) {
	h.counts[histBucket(ms)]++
	h.n++
	h.max = max(h.max, ms)
}

// quantile returns the q-quantile (0 < q ≤ 1) of the latencies counted, in
// milliseconds; 0 when none were.
func (h *latencyHistogram) quantile(q float64) float64 {
	if h.n == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(h.n)))
	rank = min(max(rank, 1), h.n)
	var seen uint64
	for b, c := range h.counts {
		if seen += c; seen >= rank {
			return min(histUpper(b), h.max)
		}
	}
	return h.max
}

// reset forgets every latency counted.
func (h *latencyHistogram) reset() { *h = latencyHistogram{} }

// histBucket is the bucket of a latency of ms milliseconds: bucket b holds
// (2^((b-1)/16), 2^(b/16)] µs, bucket 0 everything up to 1 µs.
func histBucket(ms float64) int {
	us := ms * 1000
	if !(us > 1) { // also NaN
		return 0
	}
	return min(int(math.Ceil(math.Log2(us)*histPerDoubling)), histBuckets-1)
}

// histUpper is the upper bound of bucket b in milliseconds.
func histUpper(b int) float64 { return math.Exp2(float64(b)/histPerDoubling) / 1000 }
