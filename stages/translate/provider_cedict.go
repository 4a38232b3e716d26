package translate

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

// CedictGlossName is the Name of the CC-CEDICT gloss provider, recorded in
// Translation.Provider so that readers can tell a gloss from a translation.
const CedictGlossName = "cedict-gloss"

// cedictGlossData is the table that internal/cedictgen builds from
// CC-CEDICT; see data/README.md for its source, licence and rebuilding.
//
//go:embed data/cedict-gloss.tsv.gz
var cedictGlossData []byte

// CedictGloss is an offline zh↔en Provider for development and as a last
// resort: a word-by-word dictionary gloss from CC-CEDICT, not a
// translation. Chinese is segmented by longest dictionary match
// (Simplified and Traditional headwords) and each word replaced by one
// short English sense; English is looked up phrase by phrase (up to four
// words, then single words with plurals, -ing and -ed undone). Anything
// the dictionary does not know (names, numbers, emoji, URLs, other
// scripts) is kept as it is.
//
// The dictionary is loaded once per process and shared by every
// CedictGloss; it holds about 11 MiB of heap (loads in ~0.2 s). A
// CedictGloss is safe for concurrent use.
type CedictGloss struct {
	dict *cedictDict
}

// NewCedictGloss returns the gloss provider, loading the embedded
// dictionary on first use.
func NewCedictGloss() (*CedictGloss, error) {
	d, err := loadCedict()
	if err != nil {
		return nil, err
	}
	return &CedictGloss{dict: d}, nil
}

// Name returns CedictGlossName.
func (g *CedictGloss) Name() string { return CedictGlossName }

// Translate glosses texts from zh to en or from en to zh; any other pair
// returns ErrUnsupportedPair. It fails only when ctx is done.
func (g *CedictGloss) Translate(ctx context.Context, from, to string, texts []string) ([]string, error) {
	var fn func(string) string
	switch BaseLanguage(from) + ">" + BaseLanguage(to) {
	case "zh>en":
		fn = g.dict.glossChinese
	case "en>zh":
		fn = g.dict.glossEnglish
	default:
		return nil, fmt.Errorf("%w: %s does not translate %s→%s", ErrUnsupportedPair, CedictGlossName, from, to)
	}
	out := make([]string, len(texts))
	for i, t := range texts {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("%s: %w", CedictGlossName, err)
			}
		}
		out[i] = fn(t)
	}
	return out, nil
}

// CedictStats describes the loaded dictionary.
type CedictStats struct {
	// ChineseHeadwords is the number of Simplified and Traditional
	// headwords with a gloss.
	ChineseHeadwords int
	// EnglishKeys is the number of English words and phrases with a
	// Chinese rendering.
	EnglishKeys int
	// TableBytes is the size of the decompressed table that the maps
	// point into.
	TableBytes int
}

// Stats reports the size of the loaded dictionary.
func (g *CedictGloss) Stats() CedictStats {
	return CedictStats{
		ChineseHeadwords: g.dict.zh.n,
		EnglishKeys:      g.dict.en.n,
		TableBytes:       len(g.dict.table),
	}
}

// cedictDict is the loaded table. Keys and values are substrings of table,
// found through two indexes of offsets, so loading allocates one string,
// the indexes and maxRunes, not one string or map entry per record.
type cedictDict struct {
	table string
	// zh finds a Chinese headword's gloss; "" drops the word.
	zh cedictIndex
	// maxRunes is, for each rune that starts a headword, the length in
	// runes of the longest headword it starts; it bounds the longest-match
	// search.
	maxRunes map[rune]uint8
	// en finds the Chinese of an English word or phrase (lower case, or as
	// capitalized for names); "" drops the word.
	en cedictIndex
	// maxWords is the number of words in the longest English key.
	maxWords int
}

var loadCedict = sync.OnceValues(func() (*cedictDict, error) {
	return parseCedict(cedictGlossData)
})

func parseCedict(gz []byte) (*cedictDict, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("cedict gloss table: %w", err)
	}
	raw, err := io.ReadAll(bufio.NewReader(zr))
	if err != nil {
		return nil, fmt.Errorf("cedict gloss table: %w", err)
	}
	if len(raw) >= 1<<32-1 {
		return nil, fmt.Errorf("cedict gloss table: %d bytes, want under 4 GiB", len(raw))
	}
	d := &cedictDict{
		table:    string(raw),
		zh:       newCedictIndex(bytes.Count(raw, []byte("\nz\t")) + 1),
		maxRunes: make(map[rune]uint8, 20_000),
		en:       newCedictIndex(bytes.Count(raw, []byte("\ne\t")) + 1),
	}
	rest := d.table
	for line := 1; rest != ""; line++ {
		start := len(d.table) - len(rest)
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		if l == "" || l[0] == '#' {
			continue
		}
		kind, kv, ok1 := strings.Cut(l, "\t")
		key, _, ok2 := strings.Cut(kv, "\t")
		if !ok1 || !ok2 || key == "" {
			return nil, fmt.Errorf("cedict gloss table line %d: want kind<TAB>key<TAB>value", line)
		}
		off := start + len(kind) + 1
		switch kind {
		case "z":
			d.zh.put(d.table, off, key)
			first, _ := utf8.DecodeRuneInString(key)
			if n := min(utf8.RuneCountInString(key), 255); uint8(n) > d.maxRunes[first] {
				d.maxRunes[first] = uint8(n)
			}
		case "e":
			d.en.put(d.table, off, key)
			d.maxWords = max(d.maxWords, strings.Count(key, " ")+1)
		default:
			return nil, fmt.Errorf("cedict gloss table line %d: unknown kind %q", line, kind)
		}
	}
	return d, nil
}

// BaseLanguage reduces a language tag to its lower-case primary subtag:
// "zh-Hant" and "zh_TW" are "zh", "EN-us" is "en".
func BaseLanguage(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}
