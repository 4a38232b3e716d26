package translate

import (
	"strings"
	"testing"
)

func TestCedictIndexFindsWhatAMapWould(t *testing.T) {
	t.Parallel()
	records := [][2]string{
		{"火锅", "hotpot"}, {"火", "fire"}, {"火锅店", "hotpot restaurant"},
		{"火锅", "hot pot"}, {"的", ""}, {"火山", "volcano"},
	}
	var table string
	var offs []int
	for i, r := range records {
		if i > 0 {
			table += "\n"
		}
		offs = append(offs, len(table)+2)
		table += "z\t" + r[0] + "\t" + r[1]
	}
	x := newCedictIndex(len(records))
	for i, r := range records {
		x.put(table, offs[i], r[0])
	}
	tests := []struct {
		name   string
		key    string
		want   string
		wantOK bool
	}{
		{"a later record replaces an earlier one with its key", "火锅", "hot pot", true},
		{"a key that starts another key is found on its own", "火", "fire", true},
		{"a key that another key starts is found on its own", "火锅店", "hotpot restaurant", true},
		{"an empty value is found, and means drop the word", "的", "", true},
		{"the last record, without a newline, is found whole", "火山", "volcano", true},
		{"a key the table does not have is not found", "锅", "", false},
		{"a prefix of a key is not found in it", "火锅店铺", "", false},
		{"a value is not taken for a key", "hotpot", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := x.get(table, tt.key)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("get(%q) = %q, %v; want %q, %v", tt.key, got, ok, tt.want, tt.wantOK)
			}
			gotB, okB := x.getBytes(table, []byte(tt.key))
			if gotB != got || okB != ok {
				t.Errorf("get([]byte %q) = %q, %v; the string gave %q, %v", tt.key, gotB, okB, got, ok)
			}
		})
	}
	if x.n != 5 {
		t.Errorf("%d distinct keys, want 5", x.n)
	}
}

// BenchmarkCedictLookup compares the index with the map it replaced, on
// headwords the dictionary has and on as many it has not (the longest-match
// search mostly misses), in one process so that machine load hits both.
func BenchmarkCedictLookup(b *testing.B) {
	d, err := loadCedict()
	if err != nil {
		b.Fatal(err)
	}
	m := map[string]string{}
	var keys []string
	for rest := d.table; rest != ""; {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		kind, kv, _ := strings.Cut(l, "\t")
		key, val, _ := strings.Cut(kv, "\t")
		if kind == "z" {
			m[key] = val
			if len(m)%97 == 0 {
				keys = append(keys, key, key+"们")
			}
		}
	}
	b.Run("map", func(b *testing.B) {
		found := 0
		for b.Loop() {
			for _, k := range keys {
				if _, ok := m[k]; ok {
					found++
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/lookup")
	})
	b.Run("index", func(b *testing.B) {
		found := 0
		for b.Loop() {
			for _, k := range keys {
				if _, ok := d.zh.get(d.table, k); ok {
					found++
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/lookup")
	})
}
