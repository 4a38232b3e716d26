package index

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/notegate/notegate/internal/opencc"
)

// foldCharFilter names the character filter that writes Traditional
// Chinese characters as Simplified ones before tokenizing, in indexed text
// and in queries alike, so that 火鍋 finds 火锅 and 台湾 finds 台灣
// (Elasticsearch does the same with esFoldFilter).
const foldCharFilter = "notegate_hant_to_hans"

// foldTable is OpenCC's Traditional-to-Simplified table restricted to
// pairs of the same UTF-8 length: a character filter must not move the
// bytes after it, or the offsets of the tokens (and so highlights) would
// point at the wrong text. That leaves out only rare characters outside the
// Basic Multilingual Plane (219 of OpenCC's 3,222 pairs; checked by
// TestFoldTableKeepsOffsets).
var foldTable = func() map[rune]rune {
	m := opencc.TraditionalToSimplified()
	for t, s := range m {
		if utf8.RuneLen(t) != utf8.RuneLen(s) {
			delete(m, t)
		}
	}
	return m
}()

// foldBMP is foldTable for the Basic Multilingual Plane, indexed by the
// Traditional character (0: none), which a character filter that sees
// every character of every text reads faster than the map: looking each
// one up in the map was about 3 % of what indexing a note cost. Every
// character of the plane is written as one of the plane (same length).
var foldBMP = func() *[1 << 16]uint16 {
	var t [1 << 16]uint16
	for tr, s := range foldTable {
		if tr < 1<<16 {
			t[tr] = uint16(s)
		}
	}
	return &t
}()

// foldFilter implements analysis.CharFilter.
type foldFilter struct{}

func (foldFilter) Filter(input []byte) []byte {
	out := input
	for i := 0; i < len(out); {
		if out[i] < utf8.RuneSelf {
			i++ // ASCII folds to itself
			continue
		}
		r, n := utf8.DecodeRune(out[i:])
		var s rune
		if r < 1<<16 {
			s = rune(foldBMP[r])
		} else {
			s = foldTable[r]
		}
		if s != 0 {
			if &out[0] == &input[0] {
				out = append([]byte(nil), input...) // never write into the caller's bytes
			}
			utf8.EncodeRune(out[i:], s)
		}
		i += n
	}
	return out
}

func init() {
	if err := registry.RegisterCharFilter(foldCharFilter, func(map[string]any, *registry.Cache) (analysis.CharFilter, error) {
		return foldFilter{}, nil
	}); err != nil {
		panic(err)
	}
}
