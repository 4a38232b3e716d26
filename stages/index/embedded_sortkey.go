package index

import (
	"math"
	"strconv"
)

// The embedded index sorts the review queue, threads and an author's
// notes by numbers (urgency, severity, reported, queued_at) and filters on
// none of them. A bleve numeric field indexes 16 prefix-coded terms per
// value, for range queries, so four of them cost a queued note more
// terms than its text; a keyword holding an order-preserving encoding is
// one term and sorts the same.

// sortKeyInt encodes v as a keyword whose byte order is v's order: "i"
// and 16 hex digits of v with its sign bit flipped. The leading letter
// keeps bleve from reading the term as prefix-coded numeric.
func sortKeyInt(v int64) string {
	return "i" + hex16(uint64(v)^(1<<63))
}

// sortKeyFloat encodes v as sortKeyInt does, for floats: "f" and the
// IEEE bits, flipped so that negative numbers order below positive ones.
// NaN sorts above everything.
func sortKeyFloat(v float64) string {
	b := math.Float64bits(v)
	if b&(1<<63) != 0 {
		b = ^b
	} else {
		b |= 1 << 63
	}
	return "f" + hex16(b)
}

func hex16(u uint64) string {
	s := strconv.FormatUint(u, 16)
	const zeros = "0000000000000000"
	return zeros[:16-len(s)] + s
}
