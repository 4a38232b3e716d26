package moderate

import (
	"strings"
	"testing"
)

func TestAmericasIDChecks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		check func(string) bool
		id    string
		want  bool
	}{
		{"a Chilean RUT with its check digit is valid", validRUT, "12.345.678-5", true},
		{"a Portuguese NIF with its check digit is valid", validNIF, "123456789", true},
		{"a Portuguese NIF with a wrong check digit is not", validNIF, "123456788", false},
		{"a Chilean RUT whose check is K is valid", validRUT, "10.000.013-k", true},
		{"a Chilean RUT with a wrong check digit is not", validRUT, "12.345.678-9", false},
		{"a Canadian SIN with its Luhn digit is valid", validSIN, "046454286", true},
		{"a Canadian SIN of one repeated digit is not", validSIN, "000000000", false},
		{"a Canadian SIN failing Luhn is not", validSIN, "123456789", false},
		{"a French NIR with its key is valid", validNIR, "1 85 05 78 006 084 91", true},
		{"a French NIR with a wrong key is not", validNIR, "1 85 05 78 006 084 92", false},
		{"a French NIR born in Corsica is valid", validNIR, "2 90 02 2a 004 003 27", true},
		{"a French NIR with month 13 is not", validNIR, "1 85 13 78 006 084 91", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.check(tt.id); got != tt.want {
				t.Errorf("%q: got %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

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
