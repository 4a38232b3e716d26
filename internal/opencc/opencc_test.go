package opencc

import "testing"

func TestConvert(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, simplified, traditional string
	}{
		{"Traditional folds to Simplified and back", "臺灣火鍋", "台湾火锅", "臺灣火鍋"},
		{"Simplified stays Simplified", "火锅", "火锅", "火鍋"},
		{"other scripts are kept", "hot pot 🍲 火鍋!", "hot pot 🍲 火锅!", "hot pot 🍲 火鍋!"},
		{"empty stays empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ToSimplified(tt.in); got != tt.simplified {
				t.Errorf("ToSimplified(%q) = %q, want %q", tt.in, got, tt.simplified)
			}
			if got := ToTraditional(tt.simplified); got != tt.traditional {
				t.Errorf("ToTraditional(%q) = %q, want %q", tt.simplified, got, tt.traditional)
			}
		})
	}
}

func TestTablesAreWhole(t *testing.T) {
	t.Parallel()
	if n := len(Pairs(ST)); n < 2500 {
		t.Fatalf("%d Simplified→Traditional pairs, want the whole table (over 2,500)", n)
	}
	if n := len(TraditionalToSimplified()); n < 2500 {
		t.Fatalf("%d Traditional→Simplified pairs, want the whole table (over 2,500)", n)
	}
}

func FuzzToSimplified(f *testing.F) {
	for _, s := range []string{"臺灣", "abc", "\xff", "火鍋店"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := ToSimplified(s)
		if ToSimplified(out) != out {
			t.Fatalf("ToSimplified is not idempotent on %q", s)
		}
	})
}
