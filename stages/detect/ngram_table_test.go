package detect

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	lingua "github.com/pemistahl/lingua-go"

	"github.com/notegate/notegate/stages/detect/internal/linguamodels"
	"github.com/notegate/notegate/stages/detect/internal/ngrams"
)

// TestEmbeddedTablesServeTheDefaultLanguages checks the committed tables
// against go.mod and DefaultLanguages without regenerating them (the
// generator's test does that): read from the pinned lingua-go, and holding
// exactly the script groups the default candidates need.
// evalDir is the shared evaluation data, beside the repository.
var evalDir = filepath.Join("..", "..", "..", "shared", "evaldata", "langid")

func TestEmbeddedTablesServeTheDefaultLanguages(t *testing.T) {
	t.Parallel()
	file, err := embeddedTables()
	if err != nil {
		t.Fatal(err)
	}
	goMod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	pinned, err := linguamodels.PinnedSource(goMod)
	if err != nil {
		t.Fatal(err)
	}
	if file.Header.Source != pinned {
		t.Errorf("the embedded tables were read from %q, go.mod pins %q: run go generate ./stages/detect", file.Header.Source, pinned)
	}
	want := map[string][]string{}
	for s, ls := range scriptGroups(mustLanguages(t, DefaultLanguages)) {
		if needsTable(s, ls) {
			want[scriptTables[s]] = codesOf(ls)
		}
	}
	got := map[string][]string{}
	for _, h := range file.Header.Tables {
		got[h.Script] = h.Languages
	}
	if len(got) != len(want) {
		t.Errorf("tables for %v, the default languages need %v", got, want)
	}
	for s, w := range want {
		if !slices.Equal(got[s], w) {
			t.Errorf("%s table holds %v, the default languages need %v: run go generate ./stages/detect", s, got[s], w)
		}
	}
}

func mustLanguages(t *testing.T, codes []string) []lingua.Language {
	t.Helper()
	var out []lingua.Language
	for _, c := range codes {
		l, ok := languageOf(c)
		if !ok {
			t.Fatalf("unknown language %q", c)
		}
		out = append(out, l)
	}
	return out
}

func TestCandidatesNeedTablesOnlyWhenTheyShareAScript(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		languages []string
		missing   string // "" when valid
	}{
		{"the_default_languages_have_tables", nil, ""},
		{"a_subset_of_the_tables_languages_has_tables", []string{"en", "fr", "uk"}, ""},
		{"languages_alone_in_their_script_need_no_table", []string{"en", "es", "el", "he", "ka", "ko", "fa", "mr"}, ""},
		{"a_latin_language_outside_the_tables_is_an_error", []string{"en", "sv"}, "for sv,"},
		{"two_arabic_script_languages_need_a_table", []string{"en", "ar", "fa"}, "for ar, fa,"},
		{"all_languages_need_more_tables_than_the_default_build_has", []string{"all"}, "for af, ar,"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := Config{Languages: tc.languages}
			err := cfg.Validate()
			_, newErr := New(cfg)
			if tc.missing == "" {
				if err != nil || newErr != nil {
					t.Fatalf("Validate: %v; New: %v", err, newErr)
				}
				return
			}
			for _, e := range []error{err, newErr} {
				if e == nil || !strings.Contains(e.Error(), tc.missing) || !strings.Contains(e.Error(), "ngramgen") {
					t.Errorf("got %v, want an error naming %q and how to write tables", e, tc.missing)
				}
			}
		})
	}
}

func TestAllLanguagesNeedTablesOfEveryScriptGroup(t *testing.T) {
	t.Parallel()
	// Tables that list every language lingua-go knows, with no n-grams:
	// enough for the configuration to be valid.
	var tables []ngrams.TableData
	for _, s := range linguamodels.Scripts {
		tables = append(tables, ngrams.TableData{Script: s.Name, Languages: codesOf(s.Languages)})
	}
	var buf bytes.Buffer
	if err := ngrams.Write(&buf, "test", tables); err != nil {
		t.Fatal(err)
	}
	file, err := ngrams.Open(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	d, err := newDetector(Config{Languages: []string{"all"}}, file)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.Languages()); n != len(lingua.AllLanguages()) {
		t.Errorf("all gave %d candidates, want %d", n, len(lingua.AllLanguages()))
	}
	if got := d.Detect("你好"); got.Code != "zh" {
		t.Errorf("Detect(你好) = %+v", got)
	}
}

// TestCandidatesScoreAsATableOfTheirOwn: a detector for a few of the
// tables' languages skips the others' postings, and answers as one built
// on a table of its candidates alone, written from lingua's models here.
func TestCandidatesScoreAsATableOfTheirOwn(t *testing.T) {
	t.Parallel()
	cfg := Config{Languages: []string{"en", "fr", "de", "zh", "ru", "uk"}, Priors: map[string]float64{"fr": 2}}
	tables, err := linguamodels.Tables(linguamodels.Embedded(), mustLanguages(t, cfg.Languages), nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ngrams.Write(&buf, "test", tables); err != nil {
		t.Fatal(err)
	}
	own, err := ngrams.Open(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	alone, err := newDetector(cfg, own)
	if err != nil {
		t.Fatal(err)
	}
	shared, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(shared.groups[scriptLatin].data.Languages) <= len(alone.groups[scriptLatin].data.Languages) {
		t.Fatal("the embedded Latin table should hold more languages than the candidates")
	}
	texts := append([]string{}, shortNotes...)
	texts = append(texts, "the weather is lovely today", "nous allons à la plage", "wir fahren morgen", "я тебя люблю", "я тебе дякую", "今天的outfit怎么样")
	// Lines of every language of the evaluation data, when it is there:
	// most are in languages that are not candidates, the hard case.
	files, _ := filepath.Glob(filepath.Join(evalDir, "lingua", "word-pairs", "*.txt"))
	for _, f := range files {
		texts = append(texts, firstLines(t, f, 100)...)
	}
	differ := 0
	for _, text := range texts {
		a, b := alone.Detect(text), shared.Detect(text)
		if a.Code != b.Code || a.Confidence != b.Confidence || !slices.Equal(a.Mixed, b.Mixed) {
			differ++
			if differ <= 5 {
				t.Errorf("Detect(%q): %+v on the embedded table, %+v on a table of the candidates alone", text, b, a)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d texts differ", differ, len(texts))
	}
}

func firstLines(t *testing.T, path string, n int) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(out) < n {
		out = append(out, sc.Text())
	}
	return out
}
