package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

const (
	// textAnalyzer analyses every searchable text, whatever its language,
	// because notes mix scripts ("周末 hotpot recipes 推荐"): Latin words are
	// lowercased, stripped of English stop words and possessives and stemmed;
	// Traditional Chinese characters are first written as Simplified
	// (foldCharFilter), so either script finds both; then runs of Han and
	// kana become one token per character at consecutive positions
	// (cjkUnigrams), so a word of one or more characters finds any text
	// containing it without a dictionary: one character as a term, several
	// as pairs of adjacent characters (wordsQuery). The stemmer leaves CJK
	// tokens alone.
	textAnalyzer = "notegate_text"
	// textChain is textAnalyzer's work on one text: textAnalyzer is
	// joinedAnalyzer over it (embedded_texts.go). Queries of allField are
	// analysed with it.
	textChain = "notegate_text_chain"
	// titleAnalyzer analyses the title field, which only ranks title
	// matches higher and keeps no positions: as textChain but with CJK
	// bigrams and unigrams (cjkGrams), so a word of several characters
	// matches there as its bigrams (queryAnalyzer). Titles are short, so
	// the bigrams cost little.
	titleAnalyzer = "notegate_title"
	// cjkGrams is cjk_bigram that also emits unigrams, so a one-character
	// query (猫, 茶) matches.
	cjkGrams = "notegate_cjk_grams"
	// queryAnalyzer analyses query text for the title field like
	// titleAnalyzer but without the extra unigrams: "火锅店" must match the
	// bigrams 火锅 and 锅店, not merely the three characters anywhere; a
	// lone character stays a unigram and meets the indexed ones.
	queryAnalyzer = "notegate_text_query"

	// allField holds title, body, tags and translations together, written
	// once (cheaper than bleve's _all composite), as one string with a
	// gap of positions between two texts so that a phrase never spans two
	// (embedded_texts.go); a search must match all of its terms there. It
	// keeps term positions (term vectors), which phrase queries need.
	allField = "text"
	// noteField stores the note JSON verbatim, unindexed: hits return it.
	noteField = "note"
)

// newEmbeddedMapping is the mapping a new embedded index is created with;
// bleve saves it in the index, so a reopened index keeps its own.
func newEmbeddedMapping() (*mapping.IndexMappingImpl, error) {
	registerAnalysis()
	im := bleve.NewIndexMapping()
	if err := im.AddCustomTokenFilter(cjkGrams, map[string]any{
		"type":           cjk.BigramName,
		"output_unigram": true,
	}); err != nil {
		return nil, err
	}
	chain := func(ideographs string) map[string]any {
		return map[string]any{
			"type":         custom.Name,
			"char_filters": []any{foldCharFilter}, // 火鍋 is indexed as 火锅
			"tokenizer":    unicode.Name,
			"token_filters": []any{
				cjk.WidthName, // full-width Latin to ASCII, half-width kana to full
				lowercase.Name,
				en.PossessiveName,
				en.StopName,
				cachedStemmerName,
				ideographs,
			},
		}
	}
	if err := im.AddCustomAnalyzer(textChain, chain(cjkUnigrams)); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(titleAnalyzer, chain(cjkGrams)); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(queryAnalyzer, map[string]any{
		"type":         custom.Name,
		"char_filters": []any{foldCharFilter},
		"tokenizer":    unicode.Name,
		"token_filters": []any{
			cjk.WidthName, lowercase.Name, en.PossessiveName, en.StopName, cachedStemmerName, cjk.BigramName,
		},
	}); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = textAnalyzer
	im.DefaultField = allField

	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}
	keyword := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}
	flag := bleve.NewBooleanFieldMapping()
	flag.Store = false
	flag.IncludeInAll = false
	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeTermVectors = false
	stored.IncludeInAll = false
	stored.DocValues = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("parent_id", keyword())
	doc.AddFieldMappingsAt("author_id", keyword())
	doc.AddFieldMappingsAt("decision_terms", keyword())
	doc.AddFieldMappingsAt("approved_markets", keyword())
	doc.AddFieldMappingsAt("approved", flag)
	doc.AddFieldMappingsAt("language_code", keyword())
	addReviewMappings(doc, keyword, keyword, func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}, func() *mapping.FieldMapping {
		f := bleve.NewBooleanFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		return f
	})
	doc.AddFieldMappingsAt("title", text(titleAnalyzer)) // again, alone, to rank title matches higher
	all := text(textAnalyzer)
	all.IncludeTermVectors = true // positions, for phrases
	doc.AddFieldMappingsAt(allField, all)
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	doc.AddFieldMappingsAt(noteField, stored)
	im.DefaultMapping = doc
	return im, nil
}
