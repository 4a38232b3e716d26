package index

import (
	"slices"

	"github.com/notegate/notegate/internal/opencc"
)

// esTextAnalyzer mirrors the embedded index's analyzer with Elasticsearch's
// built-in parts: the standard tokenizer marks Han, kana and Hangul tokens,
// English words are lowercased, stopped and stemmed (what the built-in
// "english" analyzer does), and CJK runs become bigrams plus unigrams (what
// the built-in "cjk" analyzer does, with unigrams for one-character
// queries). One chain for every text, because notes mix scripts within a
// sentence and a query must match across title, body and translations.
// Before tokenizing, Traditional characters are folded into Simplified
// (esFoldFilter), so 火鍋 finds 火锅 and 台灣 finds 台湾, in both directions.
const esTextAnalyzer = "notegate_text"

// esFoldFilter is the mapping character filter that writes Traditional
// Chinese characters as Simplified ones, from OpenCC's table (the same
// folding as the embedded index).
const esFoldFilter = "notegate_hant_to_hans"

// foldMappings are esFoldFilter's rules, "臺=>台", sorted.
func foldMappings() []string {
	m := opencc.TraditionalToSimplified()
	out := make([]string, 0, len(m))
	for t, s := range m {
		out = append(out, string(t)+"=>"+string(s))
	}
	slices.Sort(out)
	return out
}

// esQueryAnalyzer is esTextAnalyzer without the extra unigrams, for query
// text: "火锅店" must match the bigrams 火锅 and 锅店, not merely its three
// characters anywhere; a lone character stays a unigram.
const esQueryAnalyzer = "notegate_text_query"

// esAllField is the copy_to target of every text field; a search must match
// all its terms there.
const esAllField = "all_text"

// indexTemplate is the body of PUT _index_template for cfg.
func indexTemplate(cfg ElasticsearchConfig) map[string]any {
	text := map[string]any{"type": "text", "analyzer": esTextAnalyzer, "search_analyzer": esQueryAnalyzer, "copy_to": esAllField}
	keyword := map[string]any{"type": "keyword"}
	return map[string]any{
		"index_patterns": []string{cfg.Alias + "-*"},
		"priority":       200,
		"_meta":          map[string]any{"managed_by": "notegate"},
		"template": map[string]any{
			"settings": map[string]any{
				"number_of_shards":   cfg.Shards,
				"number_of_replicas": ptrOr(cfg.Replicas, 1),
				"analysis": map[string]any{
					"char_filter": map[string]any{
						esFoldFilter: map[string]any{"type": "mapping", "mappings": foldMappings()},
					},
					"filter": map[string]any{
						"notegate_english_possessive": map[string]any{"type": "stemmer", "language": "possessive_english"},
						"notegate_english_stop":       map[string]any{"type": "stop", "stopwords": "_english_"},
						"notegate_english_stemmer":    map[string]any{"type": "stemmer", "language": "english"},
						"notegate_cjk_grams":          map[string]any{"type": "cjk_bigram", "output_unigrams": true},
					},
					"analyzer": map[string]any{
						esTextAnalyzer: map[string]any{
							"type":        "custom",
							"char_filter": []string{esFoldFilter},
							"tokenizer":   "standard",
							"filter": []string{
								"cjk_width", "lowercase", "notegate_english_possessive",
								"notegate_english_stop", "notegate_english_stemmer", "notegate_cjk_grams",
							},
						},
						esQueryAnalyzer: map[string]any{
							"type":        "custom",
							"char_filter": []string{esFoldFilter},
							"tokenizer":   "standard",
							"filter": []string{
								"cjk_width", "lowercase", "notegate_english_possessive",
								"notegate_english_stop", "notegate_english_stemmer", "cjk_bigram",
							},
						},
					},
				},
			},
			"mappings": map[string]any{
				// Fields outside the mapping stay in _source, unindexed.
				"dynamic": false,
				"properties": map[string]any{
					"note_id": keyword,
					// The note's place in the version order, which
					// esUpsertScript compares, and whether any state of
					// the id was approved in a market; see Elasticsearch.
					"version":          map[string]any{"type": "long"},
					"revision":         map[string]any{"type": "long"},
					"ever_approved":    map[string]any{"type": "boolean"},
					"deleted":          map[string]any{"type": "boolean"},
					"kind":             keyword,
					"parent_id":        keyword,
					"author_id":        keyword,
					"decision_terms":   keyword,
					"market":           keyword,
					"approved_markets": keyword,
					"approved":         map[string]any{"type": "boolean"},
					"language": map[string]any{"properties": map[string]any{
						"code": keyword, "script": keyword,
					}},
					"moderation": map[string]any{"properties": map[string]any{
						"decision": keyword,
					}},
					"created_at":     map[string]any{"type": "date"},
					"review_markets": keyword,
					"categories":     keyword,
					"urgency":        map[string]any{"type": "byte"},
					"severity":       map[string]any{"type": "float"},
					"queued_at":      map[string]any{"type": "date"},
					"escalated":      map[string]any{"type": "boolean"},
					"reported":       map[string]any{"type": "integer"},
					"title":          text,
					"body":           text,
					"tags":           text,
					"translations":   text,
					esAllField:       map[string]any{"type": "text", "analyzer": esTextAnalyzer, "search_analyzer": esQueryAnalyzer},
					// The note as applied, returned verbatim by Get and
					// Search; never indexed.
					"note": map[string]any{"type": "object", "enabled": false},
				},
			},
		},
	}
}

// firstIndexBody creates the first concrete index with the alias on it.
func firstIndexBody(cfg ElasticsearchConfig) map[string]any {
	return map[string]any{
		"aliases": map[string]any{cfg.Alias: map[string]any{"is_write_index": true}},
	}
}
