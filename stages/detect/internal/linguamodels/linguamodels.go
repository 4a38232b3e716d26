// Package linguamodels reads the n-gram models that lingua-go embeds and
// turns them into the detect stage's tables (package ngrams). Only the
// generator and tests import it: whatever imports it links lingua's
// ~128 MB of zipped models into its binary.
package linguamodels

import (
	"archive/zip"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"runtime/debug"
	"slices"
	"strings"
	_ "unsafe" // for go:linkname

	lingua "github.com/pemistahl/lingua-go"
	"github.com/pemistahl/lingua-go/serialization"
	"google.golang.org/protobuf/proto"

	"github.com/notegate/notegate/stages/detect/internal/ngrams"
)

// embedded is the n-gram data that lingua-go embeds and keeps unexported.
// The pinned lingua-go version in go.mod is the one this was checked
// against: a version that renames the variable fails to link, one that
// moves or re-encodes the files fails in Read.
//
//go:linkname embedded github.com/pemistahl/lingua-go.languageModels
var embedded embed.FS

// Embedded is lingua-go's embedded model files.
func Embedded() fs.ReadFileFS { return embedded }

const module = "github.com/pemistahl/lingua-go"

// Source is the lingua-go module and version linked into this binary, as
// ngrams.Header.Source records it. Test binaries carry no module versions:
// tests use PinnedSource.
func Source() (string, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", errors.New("linguamodels: no build information in this binary")
	}
	for _, d := range info.Deps {
		if d.Path == module {
			if d.Replace != nil {
				return "", fmt.Errorf("linguamodels: %s is replaced by %s", module, d.Replace.Path)
			}
			return module + " " + d.Version, nil
		}
	}
	return "", fmt.Errorf("linguamodels: %s is not in this binary's build information", module)
}

// PinnedSource is the lingua-go module and version that goMod (the
// contents of a go.mod) requires, as Source gives it.
func PinnedSource(goMod []byte) (string, error) {
	for _, line := range strings.Split(string(goMod), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "require" {
			f = f[1:]
		}
		if len(f) >= 2 && f[0] == module {
			return module + " " + f[1], nil
		}
	}
	return "", fmt.Errorf("linguamodels: go.mod does not require %s", module)
}

var fileNames = [...]string{"", "unigrams", "bigrams", "trigrams", "quadrigrams", "fivegrams"}

// Read returns lingua's n-gram model of one order (1–5) for language l:
// groups of n-grams that share one relative frequency.
func Read(models fs.ReadFileFS, l lingua.Language, order int) (*serialization.SerializableLanguageModel, error) {
	if order < 1 || order >= len(fileNames) {
		return nil, fmt.Errorf("linguamodels: no order %d", order)
	}
	name := fmt.Sprintf("language-models/%s/%s.pb.bin.zip", code(l), fileNames[order])
	zipped, err := models.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read lingua model %s: %w", name, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		return nil, fmt.Errorf("open lingua model %s: %w", name, err)
	}
	if len(zr.File) == 0 {
		return nil, fmt.Errorf("open lingua model %s: empty archive", name)
	}
	f, err := zr.File[0].Open()
	if err != nil {
		return nil, fmt.Errorf("open lingua model %s: %w", name, err)
	}
	defer f.Close()
	raw, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("unzip lingua model %s: %w", name, err)
	}
	var m serialization.SerializableLanguageModel
	if err := proto.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("decode lingua model %s: %w", name, err)
	}
	return &m, nil
}

// Scripts are lingua's script groups whose languages compete on n-grams,
// in the order tables are written.
var Scripts = []struct {
	Name      string
	Languages []lingua.Language
}{
	{ngrams.ScriptLatin, lingua.AllLanguagesWithLatinScript()},
	{ngrams.ScriptCyrillic, lingua.AllLanguagesWithCyrillicScript()},
	{ngrams.ScriptArabic, lingua.AllLanguagesWithArabicScript()},
	{ngrams.ScriptDevanagari, lingua.AllLanguagesWithDevanagariScript()},
}

// Tables reads the models of langs into one table per script group in
// which two or more of them are written (a script written by one
// candidate is decided by the script alone). A table's languages are in
// lingua's order. progress, if not nil, is called before each language.
func Tables(models fs.ReadFileFS, langs []lingua.Language, progress func(script string, l lingua.Language)) ([]ngrams.TableData, error) {
	var out []ngrams.TableData
	for _, s := range Scripts {
		var group []lingua.Language
		for _, l := range langs {
			if slices.Contains(s.Languages, l) && !slices.Contains(group, l) {
				group = append(group, l)
			}
		}
		if len(group) < 2 {
			continue
		}
		if len(group) > ngrams.MaxLanguages {
			return nil, fmt.Errorf("linguamodels: %d languages in script %s, a table holds %d", len(group), s.Name, ngrams.MaxLanguages)
		}
		slices.Sort(group)
		t := ngrams.TableData{Script: s.Name}
		for i, l := range group {
			if progress != nil {
				progress(s.Name, l)
			}
			t.Languages = append(t.Languages, code(l))
			for order := 1; order < len(fileNames); order++ {
				m, err := Read(models, l, order)
				if err != nil {
					return nil, err
				}
				for _, set := range m.NgramSets {
					// float32: half the bytes of float64, and what the
					// detector's accuracy figures were measured with.
					lp := float32(math.Log(set.Probability))
					for _, g := range set.Ngrams {
						t.Postings = append(t.Postings, ngrams.Posting{Key: ngrams.Hash(g), Lang: uint8(i), LogP: lp})
					}
				}
			}
		}
		out = append(out, t)
	}
	return out, nil
}

func code(l lingua.Language) string { return strings.ToLower(l.IsoCode639_1().String()) }
