package index

import (
	"bytes"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// A note's texts (title, body, tags, translations) are indexed as one
// string of allField, each text after the one before and textSeparator:
// bleve merges the term frequencies of an array field's values one value
// at a time, which cost an eighth of indexing. joinedAnalyzer leaves
// textGap positions between two texts, so a phrase never spans two, as it
// did not across the values of an array; joinedTexts maps a match's byte
// offsets back to its text for highlighting.

// textSeparator parts two texts of allField: a paragraph separator, which
// the tokenizer drops; a text's own paragraph separator parts phrases too.
const textSeparator = "\n\u2029\n"

// textGap is the positions left between the last word of one text and the
// first of the next, like Elasticsearch's position_increment_gap: more
// than a phrase query's words.
const textGap = 100

// joinedAnalyzer is the analyzer of allField: it analyses
// each text of a joined string (parted by U+2029, which textSeparator
// holds) with the analyzer named inner, as bleve analysed an array field's
// values, and numbers the positions of each text textGap after the last
// of the one before. (Gaps left by bleve's tokenizer would not last: the
// CJK filter, cjkUnigrams, numbers positions anew.)
type joinedAnalyzer struct{ inner analysis.Analyzer }

const paragraphSeparator = "\u2029"

func (a joinedAnalyzer) Analyze(input []byte) analysis.TokenStream {
	if !bytes.Contains(input, []byte(paragraphSeparator)) {
		return a.inner.Analyze(input)
	}
	var out analysis.TokenStream
	pos, off := 0, 0
	for seg := range bytes.SplitSeq(input, []byte(paragraphSeparator)) {
		last := pos
		for _, t := range a.inner.Analyze(seg) {
			t.Start += off
			t.End += off
			t.Position += pos
			last = max(last, t.Position)
			out = append(out, t)
		}
		if last > pos {
			pos = last + textGap
		}
		off += len(seg) + len(paragraphSeparator)
	}
	return out
}

// registerJoinedAnalyzer registers name as joinedAnalyzer over the analyzer
// named inner, which the index mapping defines.
func registerJoinedAnalyzer(name, inner string) {
	err := registry.RegisterAnalyzer(name, func(config map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
		a, err := cache.AnalyzerNamed(inner)
		if err != nil {
			return nil, err
		}
		return joinedAnalyzer{inner: a}, nil
	})
	if err != nil {
		panic(err) // only a second registration of the name fails, which registerAnalysis's Once rules out
	}
}

// joinedTexts is allField's value for texts, and where each text starts
// in it.
type joinedTexts struct {
	texts  []string
	starts []int
}

func joinTexts(texts []string) joinedTexts {
	j := joinedTexts{texts: texts, starts: make([]int, len(texts))}
	at := 0
	for i, s := range texts {
		j.starts[i] = at
		at += len(s) + len(textSeparator)
	}
	return j
}

func (j joinedTexts) String() string { return strings.Join(j.texts, textSeparator) }

// locate returns the text that the byte span [start, end) of the joined
// string lies in, and the span within that text; ok is false when the
// span is not inside one text.
func (j joinedTexts) locate(start, end int) (text int, s span, ok bool) {
	for i := len(j.starts) - 1; i >= 0; i-- {
		if start >= j.starts[i] {
			s := span{start - j.starts[i], end - j.starts[i]}
			if s.end > len(j.texts[i]) {
				return 0, span{}, false
			}
			return i, s, true
		}
	}
	return 0, span{}, false
}
