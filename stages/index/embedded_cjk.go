package index

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// allField indexes Chinese, Japanese kana and other ideographic text as
// single characters with their positions, and no bigrams: a word of
// several characters is found as its characters at adjacent positions,
// which the positions kept for phrases already answer. Indexing the
// bigrams too cost about a fifth of the index's CPU per note; they are
// now found at search time, two characters at a time (wordsQuery).

// cjkUnigrams names the token filter of allField's analysis that writes
// every ideographic token (a run of kana, an ideograph) as one token per
// character, and numbers all tokens anew from 1, one position each, as
// cjk_bigram did: a stop word the filter before dropped leaves no gap
// ("cat hat" finds "cat in the hat"). Two ideographic characters that are
// not next to each other in the text (a space or punctuation between:
// 火，锅) are a position further apart, so they are not a pair.
const cjkUnigrams = "notegate_cjk_unigrams"

type cjkUnigramFilter struct{}

func (cjkUnigramFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input))
	pos := 0
	prevEnd := -1 // end of the last token when it was ideographic
	for _, t := range input {
		if t.Type != analysis.Ideographic {
			pos++
			t.Position = pos
			out = append(out, t)
			prevEnd = -1
			continue
		}
		for off := 0; off < len(t.Term); {
			_, n := utf8.DecodeRune(t.Term[off:])
			start := t.Start + off
			pos++
			if prevEnd >= 0 && start != prevEnd {
				pos++ // not adjacent in the text: not a pair
			}
			if n == len(t.Term) {
				t.Position = pos
				out = append(out, t)
			} else {
				out = append(out, &analysis.Token{Term: t.Term[off : off+n], Start: start, End: start + n,
					Position: pos, Type: analysis.Ideographic, KeyWord: t.KeyWord})
			}
			prevEnd = start + n
			off += n
		}
	}
	return out
}

func registerCJKUnigrams() {
	err := registry.RegisterTokenFilter(cjkUnigrams, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return cjkUnigramFilter{}, nil
	})
	if err != nil {
		panic(err) // only a second registration of the name fails, which registerAnalysis's Once rules out
	}
}

// wordClauses is what an unquoted text requires of allField, from its
// tokens as textChain analyses them: every term that is not part of a
// pair (a Latin word, stemmed; a lone ideographic character), and every
// two ideographic characters at adjacent positions, each pair a phrase:
// 火锅推荐 requires 火锅, 锅推 and 推荐 somewhere, as its bigrams did
// when they were indexed.
type wordClauses struct {
	terms []string
	pairs [][2]string
}

func clausesOf(tokens analysis.TokenStream) wordClauses {
	var c wordClauses
	for i, t := range tokens {
		paired := false
		if t.Type == analysis.Ideographic {
			if i > 0 && pairs(tokens[i-1], t) {
				paired = true
			}
			if i+1 < len(tokens) && pairs(t, tokens[i+1]) {
				c.pairs = append(c.pairs, [2]string{string(t.Term), string(tokens[i+1].Term)})
				paired = true
			}
		}
		if !paired {
			c.terms = append(c.terms, string(t.Term))
		}
	}
	return c
}

func pairs(a, b *analysis.Token) bool {
	return a.Type == analysis.Ideographic && b.Type == analysis.Ideographic && b.Position == a.Position+1
}

// scoringTerms lists the terms whose scores add up to a match's score, a
// term once for each clause it is in: a pair scores as bleve scores a
// phrase, the sum of its two terms' scores.
func (c wordClauses) scoringTerms() []string {
	out := append([]string(nil), c.terms...)
	for _, p := range c.pairs {
		out = append(out, p[0], p[1])
	}
	return out
}

// empty reports whether the text left nothing to match (stop words,
// punctuation).
func (c wordClauses) empty() bool { return len(c.terms) == 0 && len(c.pairs) == 0 }

// wordsQuery matches text, unquoted words, in field (allField) as
// wordClauses: every clause when any is false, as a match query with the
// AND operator did over the indexed bigrams, at least one when any is
// true (for highlights). A text that leaves no clause matches nothing.
type wordsQuery struct {
	text, field string
	any         bool
}

func (q *wordsQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	c, err := analyseWords(m, q.text)
	if err != nil {
		return nil, err
	}
	if c.empty() {
		return searcher.NewMatchNoneSearcher(r)
	}
	clauses := make([]search.Searcher, 0, len(c.terms)+len(c.pairs))
	closeAll := func() {
		for _, s := range clauses {
			_ = s.Close()
		}
	}
	for _, t := range c.terms {
		ts, err := searcher.NewTermSearcher(ctx, r, t, q.field, 1, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		clauses = append(clauses, ts)
	}
	for _, p := range c.pairs {
		ps, err := newPairSearcher(ctx, r, p[0], p[1], q.field, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		clauses = append(clauses, ps)
	}
	if len(clauses) == 1 {
		return clauses[0], nil
	}
	var s search.Searcher
	if q.any {
		s, err = searcher.NewDisjunctionSearcher(ctx, r, clauses, 1, options)
	} else {
		s, err = searcher.NewConjunctionSearcher(ctx, r, clauses, options)
	}
	if err != nil {
		closeAll()
		return nil, err
	}
	return s, nil
}

// analyseWords analyses text as allField's terms are, one text.
func analyseWords(m mapping.IndexMapping, text string) (wordClauses, error) {
	a := m.AnalyzerNamed(textChain)
	if a == nil {
		return wordClauses{}, errNoAnalyzer(textChain)
	}
	return clausesOf(a.Analyze([]byte(text))), nil
}

func errNoAnalyzer(name string) error {
	return fmt.Errorf("index: search: no analyzer %s in the index's mapping", name)
}
