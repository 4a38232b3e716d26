package ngrams

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"testing"
)

// randomTables are two tables of n random keys with one to three languages
// each, and the postings every key must answer with.
func randomTables(n int) ([]TableData, map[string]map[uint64]map[int]float32) {
	rng := rand.New(rand.NewPCG(1, 2))
	want := map[string]map[uint64]map[int]float32{}
	var tables []TableData
	for _, script := range []string{ScriptLatin, ScriptCyrillic} {
		t := TableData{Script: script, Languages: []string{"en", "fr", "de"}}
		want[script] = map[uint64]map[int]float32{}
		for range n {
			key := rng.Uint64()
			want[script][key] = map[int]float32{}
			for lang := range 3 {
				if rng.IntN(2) == 0 || lang == 2 && len(want[script][key]) == 0 {
					logp := -rng.Float32() * 20
					want[script][key][lang] = logp
					t.Postings = append(t.Postings, Posting{Key: key, Lang: uint8(lang), LogP: logp})
				}
			}
		}
		rng.Shuffle(len(t.Postings), func(i, j int) { t.Postings[i], t.Postings[j] = t.Postings[j], t.Postings[i] })
		tables = append(tables, t)
	}
	return tables, want
}

func TestTablesAnswerWhatWasWritten(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 7, 100, 5000} {
		tables, want := randomTables(n)
		var buf bytes.Buffer
		if err := Write(&buf, "test", tables); err != nil {
			t.Fatal(err)
		}
		f, err := Open(buf.Bytes())
		if err != nil {
			t.Fatalf("%d keys: %v", n, err)
		}
		if f.Header.Source != "test" || len(f.Header.Tables) != 2 {
			t.Fatalf("header: %+v", f.Header)
		}
		for script, keys := range want {
			tab := f.Table(script)
			for key, langs := range keys {
				lo, hi := tab.Lookup(key)
				if hi-lo != len(langs) {
					t.Fatalf("%d keys, %s: key %#x has %d postings, want %d", n, script, key, hi-lo, len(langs))
				}
				for i := lo; i < hi; i++ {
					lang, logp := tab.Posting(i)
					if w, ok := langs[lang]; !ok || w != logp {
						t.Fatalf("%d keys, %s: key %#x: posting (%d, %v), want %v", n, script, key, lang, logp, langs)
					}
				}
				// A neighbouring key that was not written has no postings.
				if _, written := keys[key+1]; !written {
					if lo, hi := tab.Lookup(key + 1); lo != hi {
						t.Fatalf("%d keys, %s: unwritten key %#x has postings", n, script, key+1)
					}
				}
			}
		}
		if f.Table(ScriptArabic) != nil {
			t.Error("a script without a table has one")
		}
	}
}

func TestWritingIsDeterministic(t *testing.T) {
	t.Parallel()
	a, _ := randomTables(300)
	b, _ := randomTables(300)
	// Same postings, another order.
	p := b[0].Postings
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
	var x, y bytes.Buffer
	if err := Write(&x, "s", a); err != nil {
		t.Fatal(err)
	}
	if err := Write(&y, "s", b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Error("the same tables gave different bytes")
	}
}

func TestWriteRefusesBadTables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		table TableData
		want  string
	}{
		{"a_language_with_a_key_twice_is_refused", TableData{Script: ScriptLatin, Languages: []string{"en"}, Postings: []Posting{{Key: 5, Lang: 0}, {Key: 5, Lang: 0, LogP: -1}}}, "twice"},
		{"a_posting_of_an_unknown_language_is_refused", TableData{Script: ScriptLatin, Languages: []string{"en"}, Postings: []Posting{{Key: 5, Lang: 1}}}, "language 1"},
		{"a_table_without_languages_is_refused", TableData{Script: ScriptLatin}, "0 languages"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Write(&bytes.Buffer{}, "s", []TableData{tc.table})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Write: %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestOpenRefusesWhatItCannotRead(t *testing.T) {
	t.Parallel()
	tables, _ := randomTables(50)
	var buf bytes.Buffer
	if err := Write(&buf, "s", tables); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	otherVersion := bytes.Replace(good, []byte(`"format":1`), []byte(`"format":9`), 1)
	hdrLen := binary.LittleEndian.Uint32(good[8:])
	hugeHeader := append([]byte{}, good...)
	binary.LittleEndian.PutUint32(hugeHeader[8:], uint32(len(good)))
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty_data_is_not_a_tables_file", nil, "not an n-gram tables file"},
		{"another_magic_is_not_a_tables_file", append([]byte("NGRAMX"), good[6:]...), "not an n-gram tables file"},
		{"a_header_longer_than_the_file_is_refused", hugeHeader, "header of"},
		{"another_format_version_is_refused", otherVersion, "format 9"},
		{"a_file_cut_inside_a_table_is_refused", good[:len(good)-8], "outside the file"},
		{"a_file_cut_inside_the_header_is_refused", good[:12+hdrLen/2], "header"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Open: %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestHashIsFNV1a(t *testing.T) {
	t.Parallel()
	// Reference values of 64-bit FNV-1a.
	for s, want := range map[string]uint64{"": 0xcbf29ce484222325, "a": 0xaf63dc4c8601ec8c, "foobar": 0x85944171f73967e8} {
		if got := Hash(s); got != want {
			t.Errorf("Hash(%q) = %#x, want %#x", s, got, want)
		}
	}
}
