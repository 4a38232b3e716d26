package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	lingua "github.com/pemistahl/lingua-go"

	"github.com/notegate/notegate/stages/detect/internal/linguamodels"
	"github.com/notegate/notegate/stages/detect/internal/ngrams"
)

// TestCommittedTablesAreWhatTheGeneratorWrites regenerates the detect
// stage's embedded tables for the languages they hold, from the lingua-go
// that go.mod pins, and compares the bytes: the committed file is no hand
// edit and no leftover of another lingua-go or format.
func TestCommittedTablesAreWhatTheGeneratorWrites(t *testing.T) {
	committed, err := os.ReadFile(filepath.Join("..", "..", "data", "ngrams.bin"))
	if err != nil {
		t.Fatal(err)
	}
	file, err := ngrams.Open(committed)
	if err != nil {
		t.Fatal(err)
	}
	goMod, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	source, err := linguamodels.PinnedSource(goMod)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, h := range file.Header.Tables {
		codes = append(codes, h.Languages...)
	}
	langs, err := parseLanguages(strings.Join(codes, ","))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := generate(&got, langs, source, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), committed) {
		t.Fatalf("stages/detect/data/ngrams.bin (%d bytes, from %s) is not what the generator writes from %s (%d bytes): run go generate ./stages/detect",
			len(committed), file.Header.Source, source, got.Len())
	}
}

func TestLanguageLists(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, list string
		want       int // languages, or -1 for an error
	}{
		{"codes_in_any_case_are_read", "en, FR,de", 3},
		{"all_is_every_language_lingua_knows", "all", len(lingua.AllLanguages())},
		{"an_unknown_code_is_an_error", "en,xx", -1},
		{"an_empty_code_is_an_error", "en,", -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseLanguages(tc.list)
			if tc.want < 0 {
				if err == nil {
					t.Fatalf("parseLanguages(%q) = %v, want an error", tc.list, got)
				}
				return
			}
			if err != nil || len(got) != tc.want {
				t.Fatalf("parseLanguages(%q) = %d languages, %v; want %d", tc.list, len(got), err, tc.want)
			}
		})
	}
}
