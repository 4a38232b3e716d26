package moderate

import "math/bits"

// A model's buckets with no weight. The intent models hash features into
// 2^20 buckets, of which 57–94 % hold only zeros (features no training
// note had, weights the training program pruned); the classifiers the
// stage builds keep such a model without those rows (dropZeroRows), two
// MiB becoming 0.3–1.1. Every reader of the weights goes through row, so
// a model reads the same with or without them.

// zeroRow is the row of a bucket left out: no weight in any category.
var zeroRow [32]int8 // K ≤ 32, so Stride ≤ 32

// sparseRows says which buckets a model without its zero rows holds:
// bucket b is present when bit b%64 of words[b/64].present is set, and its
// row is then the r-th of Q, r being the present buckets before it:
// words[b/64].rank plus those of its present below bit b%64. A lookup
// reads one 16-byte word, then Q.
type sparseRows struct {
	words []presentWord
}

type presentWord struct {
	present uint64
	rank    uint32
}

// row returns the Stride weights of bucket b (read-only).
func (m *ClassifierModel) row(b uint32) []int8 {
	i := int(b)
	if m.sparse != nil {
		if i = m.sparse.index(b); i < 0 {
			return zeroRow[:m.Stride:m.Stride]
		}
	}
	i *= m.Stride
	return m.Q[i : i+m.Stride : i+m.Stride]
}

// q returns the quantized weight of bucket b in category k.
func (m *ClassifierModel) q(b uint32, k int) int8 {
	i := int(b)
	if m.sparse != nil {
		if i = m.sparse.index(b); i < 0 {
			return 0
		}
	}
	return m.Q[i*m.Stride+k]
}

// index returns the row of bucket b in Q, -1 if b is left out.
func (s *sparseRows) index(b uint32) int {
	w, bit := &s.words[b>>6], uint64(1)<<(b&63)
	if w.present&bit == 0 {
		return -1
	}
	return int(w.rank) + bits.OnesCount64(w.present&(bit-1))
}

// rows returns the number of rows Q holds.
func (m *ClassifierModel) rows() int {
	if m.sparse == nil {
		return 1 << m.Bits
	}
	n := 0
	if k := len(m.sparse.words); k > 0 {
		w := m.sparse.words[k-1]
		n = int(w.rank) + bits.OnesCount64(w.present)
	}
	return n
}

// dropZeroRows rewrites m without its all-zero rows when they are half
// of its buckets or more (a model with fewer keeps the dense layout and
// its unrolled sum, see Margins). Only a model the process owns and
// shares read-only is rewritten: one read from a file for the stage, not
// one a caller handed in and may change (Q's layout changes).
func (m *ClassifierModel) dropZeroRows() {
	if m.sparse != nil || m.Bits < 6 {
		return
	}
	n := 1 << m.Bits
	s := &sparseRows{words: make([]presentWord, n>>6)}
	kept := 0
	for b := range n {
		for _, q := range m.Q[b*m.Stride : (b+1)*m.Stride] {
			if q != 0 {
				s.words[b>>6].present |= 1 << (b & 63)
				kept++
				break
			}
		}
	}
	if kept > n/2 {
		return
	}
	q := make([]int8, 0, kept*m.Stride)
	for i := range s.words {
		w := &s.words[i]
		w.rank = uint32(len(q) / m.Stride)
		for p := w.present; p != 0; p &= p - 1 {
			b := i<<6 + bits.TrailingZeros64(p)
			q = append(q, m.Q[b*m.Stride:(b+1)*m.Stride]...)
		}
	}
	m.Q, m.sparse = q, s
}
