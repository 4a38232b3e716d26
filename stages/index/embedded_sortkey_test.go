package index

import (
	"math"
	"slices"
	"testing"
)

func TestSortKeysOrderAsTheirNumbers(t *testing.T) {
	ints := []int64{math.MinInt64, -62135596800, -1, 0, 1, 2, 15, 16, 1700000000, math.MaxInt64}
	for i := 1; i < len(ints); i++ {
		if a, b := sortKeyInt(ints[i-1]), sortKeyInt(ints[i]); a >= b {
			t.Errorf("sortKeyInt(%d) = %q does not sort below sortKeyInt(%d) = %q", ints[i-1], a, ints[i], b)
		}
	}
	floats := []float64{math.Inf(-1), -2.5, -0.1, 0, 0.05, 0.5, 0.92, 1, math.Inf(1)}
	for i := 1; i < len(floats); i++ {
		if a, b := sortKeyFloat(floats[i-1]), sortKeyFloat(floats[i]); a >= b {
			t.Errorf("sortKeyFloat(%v) = %q does not sort below sortKeyFloat(%v) = %q", floats[i-1], a, floats[i], b)
		}
	}
	keys := []string{sortKeyInt(0), sortKeyFloat(0)}
	if slices.ContainsFunc(keys, func(k string) bool { return len(k) != 17 }) {
		t.Errorf("keys %q are not 17 bytes long", keys)
	}
}

func FuzzSortKeyIntKeepsOrder(f *testing.F) {
	f.Add(int64(-1), int64(1))
	f.Fuzz(func(t *testing.T, a, b int64) {
		if (a < b) != (sortKeyInt(a) < sortKeyInt(b)) {
			t.Fatalf("order of %d, %d not kept: %q, %q", a, b, sortKeyInt(a), sortKeyInt(b))
		}
	})
}
