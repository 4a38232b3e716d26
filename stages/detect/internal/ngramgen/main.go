// Command ngramgen writes the detect stage's n-gram tables: lingua-go's
// models for the given languages, one table per script group that two or
// more of them share, in package ngrams' format. The detect stage embeds
// its output (stages/detect/data/ngrams.bin); `go generate ./stages/detect`
// runs it for the default languages.
//
//	go run ./stages/detect/internal/ngramgen -languages en,fr,de,ru,uk -out stages/detect/data/ngrams.bin
//	go run ./stages/detect/internal/ngramgen -languages all -out …   # every language lingua-go knows
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	lingua "github.com/pemistahl/lingua-go"

	"github.com/notegate/notegate/stages/detect/internal/linguamodels"
	"github.com/notegate/notegate/stages/detect/internal/ngrams"
)

func main() {
	languages := flag.String("languages", "", `comma-separated ISO 639-1 codes, or "all"`)
	out := flag.String("out", "", "file to write")
	flag.Parse()
	if err := run(*languages, *out, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ngramgen:", err)
		os.Exit(1)
	}
}

func run(languages, out string, log io.Writer) error {
	if languages == "" || out == "" {
		return fmt.Errorf("-languages and -out are required")
	}
	langs, err := parseLanguages(languages)
	if err != nil {
		return err
	}
	start := time.Now()
	f, err := os.CreateTemp(dirOf(out), ".ngrams-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	source, err := linguamodels.Source()
	if err != nil {
		f.Close()
		return err
	}
	if err := generate(w, langs, source, func(script string, l lingua.Language) {
		fmt.Fprintf(log, "ngramgen: reading %s (%s) …\n", l, script)
	}); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), out); err != nil {
		return err
	}
	st, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "ngramgen: wrote %s, %.1f MB, in %v\n", out, float64(st.Size())/1e6, time.Since(start).Round(time.Millisecond))
	return nil
}

// generate writes the tables of langs, read from lingua-go's embedded
// models, to w; source names that lingua-go.
func generate(w io.Writer, langs []lingua.Language, source string, progress func(string, lingua.Language)) error {
	tables, err := linguamodels.Tables(linguamodels.Embedded(), langs, progress)
	if err != nil {
		return err
	}
	return ngrams.Write(w, source, tables)
}

func parseLanguages(list string) ([]lingua.Language, error) {
	if strings.EqualFold(list, "all") {
		return lingua.AllLanguages(), nil
	}
	var out []lingua.Language
	for _, c := range strings.Split(list, ",") {
		iso := lingua.GetIsoCode639_1FromValue(strings.ToUpper(strings.TrimSpace(c)))
		l := lingua.GetLanguageFromIsoCode639_1(iso)
		if iso == lingua.UnknownIsoCode639_1 || l == lingua.Unknown {
			return nil, fmt.Errorf("%q is not an ISO 639-1 code lingua-go knows", c)
		}
		out = append(out, l)
	}
	return out, nil
}

func dirOf(path string) string {
	if i := strings.LastIndexByte(path, os.PathSeparator); i >= 0 {
		return path[:i+1]
	}
	return "."
}
