package moderate

import "math/bits"

// rankedBits is a set of small non-negative integers that also numbers
// its members in order: the tables that hold something for few of many
// indexes (the classifier buckets with a weight, the automaton states
// where a term ends) store it for members only, at a member's rank. A
// lookup reads one 16-byte word. Read-only once built; safe for
// concurrent use.
type rankedBits struct {
	words []rankedWord
}

// rankedWord holds members 64w … 64w+63 as bits, and the members before
// them.
type rankedWord struct {
	bits uint64
	rank uint32
}

// newRankedBits returns an empty set of the integers below n; add its
// members, then call rank.
func newRankedBits(n int) *rankedBits {
	return &rankedBits{words: make([]rankedWord, (n+63)>>6)}
}

// add makes i a member (before rank is called).
func (s *rankedBits) add(i int) { s.words[i>>6].bits |= 1 << (i & 63) }

// rank numbers the members and returns how many there are.
func (s *rankedBits) rank() int {
	n := uint32(0)
	for i := range s.words {
		s.words[i].rank = n
		n += uint32(bits.OnesCount64(s.words[i].bits))
	}
	return int(n)
}

// index returns the rank of i among the members, -1 if i is none.
func (s *rankedBits) index(i uint32) int {
	w, bit := &s.words[i>>6], uint64(1)<<(i&63)
	if w.bits&bit == 0 {
		return -1
	}
	return int(w.rank) + bits.OnesCount64(w.bits&(bit-1))
}

// has reports whether i is a member.
func (s *rankedBits) has(i uint32) bool { return s.words[i>>6].bits&(1<<(i&63)) != 0 }

// len returns the number of members (once ranked).
func (s *rankedBits) len() int {
	if len(s.words) == 0 {
		return 0
	}
	w := s.words[len(s.words)-1]
	return int(w.rank) + bits.OnesCount64(w.bits)
}

// each calls fn for every member, in order.
func (s *rankedBits) each(fn func(i int)) {
	for k, w := range s.words {
		for b := w.bits; b != 0; b &= b - 1 {
			fn(k<<6 + bits.TrailingZeros64(b))
		}
	}
}
