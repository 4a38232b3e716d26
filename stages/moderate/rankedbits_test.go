package moderate

import (
	"slices"
	"testing"
)

func TestRankedBitsNumberTheirMembersInOrder(t *testing.T) {
	t.Parallel()
	members := []int{0, 1, 63, 64, 65, 127, 128, 500, 999}
	s := newRankedBits(1000)
	for _, i := range members {
		s.add(i)
	}
	if n := s.rank(); n != len(members) || s.len() != n {
		t.Fatalf("rank %d, len %d, want %d", n, s.len(), len(members))
	}
	for i := range 1000 {
		want := slices.Index(members, i)
		if got := s.index(uint32(i)); got != want {
			t.Errorf("index(%d) = %d, want %d", i, got, want)
		}
		if s.has(uint32(i)) != (want >= 0) {
			t.Errorf("has(%d) = %v", i, s.has(uint32(i)))
		}
	}
	var got []int
	s.each(func(i int) { got = append(got, i) })
	if !slices.Equal(got, members) {
		t.Errorf("each gave %v, want %v", got, members)
	}
}
