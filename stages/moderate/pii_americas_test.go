package moderate

import (
	"strings"
	"testing"
)

func FuzzSpacedPhones(f *testing.F) {
	for _, s := range []string{"5-1-4 5-5-5 0-1-9-2", "(4o8) 3 9 2 - o 1 7 7", "3 3 - 1 8 4 7 - 2 2 9 0", "2-1, 3-0, 1-1", "o o o 1 2", "9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToLower(s)
		for _, m := range spacedPhones(s) {
			if m.start < 0 || m.end > len(s) || m.start >= m.end {
				t.Fatalf("range [%d,%d) of %q", m.start, m.end, s)
			}
			if n := len(m.digits); n < 9 || n > 13 {
				t.Fatalf("%d digits read in %q", n, s)
			}
		}
	})
}
