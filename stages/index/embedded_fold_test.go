package index

import (
	"testing"

	"github.com/notegate/notegate/internal/opencc"
)

func TestFoldFilter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"Traditional characters become Simplified in place", "台灣火鍋 hot pot", "台湾火锅 hot pot"},
		{"Simplified text is unchanged", "台湾火锅", "台湾火锅"},
		{"other scripts are unchanged", "すき焼き 김치 café", "すき焼き 김치 café"},
		{"invalid bytes are kept", "\xff鍋", "\xff锅"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := []byte(tt.in)
			got := foldFilter{}.Filter(in)
			if string(got) != tt.want || len(got) != len(in) {
				t.Fatalf("Filter(%q) = %q, want %q of the same length", tt.in, got, tt.want)
			}
			if string(in) != tt.in {
				t.Fatalf("Filter wrote into its input: %q", in)
			}
		})
	}
}

func TestFoldTableKeepsOffsets(t *testing.T) {
	t.Parallel()
	all := opencc.TraditionalToSimplified()
	for tr, s := range all {
		if _, kept := foldTable[tr]; kept {
			continue
		}
		// Only rare characters outside the Basic Multilingual Plane (four
		// bytes, written as a three-byte one or the other way) are left
		// out.
		if tr <= 0xFFFF && s <= 0xFFFF {
			t.Errorf("%c→%c left out of the fold table", tr, s)
		}
	}
	if len(foldTable) < 2900 {
		t.Fatalf("fold table has %d pairs, want nearly all of OpenCC's %d", len(foldTable), len(all))
	}
}

func FuzzFoldFilter(f *testing.F) {
	for _, s := range []string{"臺灣", "abc", "\xff\xfe", "火鍋店"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out := foldFilter{}.Filter(in)
		if len(out) != len(in) {
			t.Fatalf("Filter changed the length of %q", in)
		}
	})
}

// BenchmarkFoldFilter folds a note's worth of mixed text: Traditional and
// Simplified Chinese, English, a little of other scripts.
func BenchmarkFoldFilter(b *testing.B) {
	text := []byte("臺北咖啡廳筆記：這間咖啡廳的手沖咖啡很好喝，甜點也不錯。 The pour-over coffee in this cafe is very good, desserts are nice too. 周末火锅推荐，毛肚很新鲜 café すき焼き")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = foldFilter{}.Filter(text)
	}
}
