package moderate

// A model's buckets with no weight. The intent models hash features into
// 2^20 buckets, of which 57–94 % hold only zeros (features no training
// note had, weights the training program pruned); the classifiers the
// stage builds keep such a model without those rows (dropZeroRows), two
// MiB becoming 0.3–1.1. Every reader of the weights goes through row or
// q, so a model reads the same with or without them.

// zeroRow is the row of a bucket left out: no weight in any category.
var zeroRow [32]int8 // K ≤ 32, so Stride ≤ 32

// row returns the Stride weights of bucket b (read-only).
func (m *ClassifierModel) row(b uint32) []int8 {
	i := int(b)
	if m.present != nil {
		if i = m.present.index(b); i < 0 {
			return zeroRow[:m.Stride:m.Stride]
		}
	}
	i *= m.Stride
	return m.Q[i : i+m.Stride : i+m.Stride]
}

// q returns the quantized weight of bucket b in category k.
func (m *ClassifierModel) q(b uint32, k int) int8 {
	i := int(b)
	if m.present != nil {
		if i = m.present.index(b); i < 0 {
			return 0
		}
	}
	return m.Q[i*m.Stride+k]
}

// rows returns the number of rows Q holds.
func (m *ClassifierModel) rows() int {
	if m.present == nil {
		return 1 << m.Bits
	}
	return m.present.len()
}

// dropZeroRows rewrites m without its all-zero rows when they are half
// of its buckets or more (a model with fewer keeps the dense layout and
// its unrolled sum, see Margins). Only a model the process owns and
// shares read-only is rewritten: one read from a file for the stage, not
// one a caller handed in and may change (Q's layout changes).
func (m *ClassifierModel) dropZeroRows() {
	if m.present != nil {
		return
	}
	n := 1 << m.Bits
	present := newRankedBits(n)
	for b := range n {
		for _, q := range m.Q[b*m.Stride : (b+1)*m.Stride] {
			if q != 0 {
				present.add(b)
				break
			}
		}
	}
	kept := present.rank()
	if kept > n/2 {
		return
	}
	q := make([]int8, 0, kept*m.Stride)
	present.each(func(b int) { q = append(q, m.Q[b*m.Stride:(b+1)*m.Stride]...) })
	m.Q, m.present = q, present
}
