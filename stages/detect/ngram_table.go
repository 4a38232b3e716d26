package detect

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	lingua "github.com/pemistahl/lingua-go"

	"github.com/notegate/notegate/stages/detect/internal/ngrams"
)

//go:generate go run ./internal/ngramgen -languages en,zh,ja,ko,es,fr,de,pt,it,nl,pl,tr,ru,uk,ar,hi,th,vi,id,ms,tl -out data/ngrams.bin

// ngramData is lingua-go's n-gram models for the script groups of
// DefaultLanguages, precomputed by internal/ngramgen (package ngrams
// describes the format). Embedded bytes live in the binary's data, mapped
// from the executable: they cost no start-up, no Go heap, and only the
// pages lookups touch become resident. The go:generate line above lists
// DefaultLanguages; TestEmbeddedTablesServeTheDefaultLanguages fails when
// the two part.
//
//go:embed data/ngrams.bin
var ngramData []byte

// embeddedTables opens ngramData once; it reads only the header.
var embeddedTables = sync.OnceValues(func() (*ngrams.File, error) { return ngrams.Open(ngramData) })

// scriptTables names the script groups that have tables.
var scriptTables = map[script]string{
	scriptLatin:      ngrams.ScriptLatin,
	scriptCyrillic:   ngrams.ScriptCyrillic,
	scriptArabic:     ngrams.ScriptArabic,
	scriptDevanagari: ngrams.ScriptDevanagari,
}

// ngramTable scores the candidates of one script group on lingua's
// n-gram log-probabilities (orders 1 to 5), read in place from a table
// that may hold more languages than the candidates: postings of the
// others are skipped, so a candidate's score is what a table of the
// candidates alone would give.
type ngramTable struct {
	data  *ngrams.Table
	langs []lingua.Language // the candidates; index in this slice is the group index
	// group is, per language of data, its group index, or -1 for a
	// language that is not a candidate; bit is 1<<group, or 0.
	group [maxGroupLanguages]int8
	bit   [maxGroupLanguages]uint64
	// rules are lingua's letter rules for the group's languages.
	rules letterRules
	// logPrior is the log of each language's prior weight (Config.Priors);
	// chat is the index of English, whose chat words (chatWords) count as
	// evidence, or -1.
	logPrior [maxGroupLanguages]float64
	chat     int
}

// newNgramTable returns the table of candidates langs (sorted, all written
// in script s) from file.
func newNgramTable(file *ngrams.File, s script, langs []lingua.Language) (*ngramTable, error) {
	data := file.Table(scriptTables[s])
	if data == nil {
		return nil, missingTablesError(file, codesOf(langs))
	}
	t := &ngramTable{data: data, langs: langs, rules: newLetterRules(langs), chat: slices.Index(langs, lingua.English)}
	for i := range t.group {
		t.group[i] = -1
	}
	var missing []string
	for gi, l := range langs {
		ti := slices.Index(data.Languages, codeOf(l))
		if ti < 0 {
			missing = append(missing, codeOf(l))
			continue
		}
		t.group[ti], t.bit[ti] = int8(gi), 1<<gi
	}
	if missing != nil {
		return nil, missingTablesError(file, missing)
	}
	return t, nil
}

// missingTablesError says which languages lack tables and how to make them.
func missingTablesError(file *ngrams.File, missing []string) error {
	var have []string
	for _, h := range file.Header.Tables {
		have = append(have, h.Script+": "+strings.Join(h.Languages, " "))
	}
	return fmt.Errorf("detect: no n-gram table in this build for %s, which share a script with another candidate (the embedded tables hold %s); "+
		"write tables for the languages you configure with `go run ./stages/detect/internal/ngramgen -languages … -out stages/detect/data/ngrams.bin` and rebuild",
		strings.Join(missing, ", "), strings.Join(have, "; "))
}
