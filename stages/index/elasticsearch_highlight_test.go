package index

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

// TestElasticsearchSearchBodyForTheQuerySyntax checks the bool query and
// the highlight section built for parsed queries: the words as one match
// of all_text with every term required (as before the syntax), each phrase
// a match_phrase, each exclusion a must_not.
func TestElasticsearchSearchBodyForTheQuerySyntax(t *testing.T) {
	t.Parallel()
	fields := `["title","body","tags","translations"]`
	tests := []struct {
		name                      string
		text                      string
		must, mustNot, should, hl string // JSON; "null" when absent
	}{
		{
			name:   "plain_words_are_one_match_with_every_term_required",
			text:   "火锅 recipes",
			must:   `[{"match":{"all_text":{"operator":"and","query":"火锅 recipes"}}}]`,
			should: `[{"match":{"title":{"boost":2,"query":"火锅 recipes"}}},{"match":{"tags":{"query":"火锅 recipes"}}}]`,
			hl:     `{"bool":{"should":[{"multi_match":{"fields":` + fields + `,"query":"火锅 recipes"}}]}}`,
		},
		{
			name: "a_phrase_is_a_match_phrase_beside_the_words",
			text: `"hot pot" night`,
			must: `[{"match":{"all_text":{"operator":"and","query":"night"}}},` +
				`{"match_phrase":{"all_text":{"query":"hot pot"}}}]`,
			should: `[{"match":{"title":{"boost":2,"query":"night hot pot"}}},{"match":{"tags":{"query":"night hot pot"}}}]`,
			hl: `{"bool":{"should":[{"multi_match":{"fields":` + fields + `,"query":"night"}},` +
				`{"multi_match":{"fields":` + fields + `,"query":"hot pot","type":"phrase"}}]}}`,
		},
		{
			name:    "exclusions_are_must_not_clauses_and_are_not_highlighted",
			text:    `火锅 -spicy -"very hot"`,
			must:    `[{"match":{"all_text":{"operator":"and","query":"火锅"}}}]`,
			mustNot: `[{"match":{"all_text":{"operator":"and","query":"spicy"}}},{"match_phrase":{"all_text":{"query":"very hot"}}}]`,
			should:  `[{"match":{"title":{"boost":2,"query":"火锅"}}},{"match":{"tags":{"query":"火锅"}}}]`,
			hl:      `{"bool":{"should":[{"multi_match":{"fields":` + fields + `,"query":"火锅"}}]}}`,
		},
		{
			name:    "only_exclusions_filter_every_approved_note_and_ask_for_no_highlight",
			text:    "-spicy",
			must:    "null",
			mustNot: `[{"match":{"all_text":{"operator":"and","query":"spicy"}}}]`,
			should:  "null",
			hl:      "null",
		},
		{
			name:   "an_unbalanced_quote_is_a_phrase_to_the_end",
			text:   `"火鍋推薦`,
			must:   `[{"match_phrase":{"all_text":{"query":"火鍋推薦"}}}]`,
			should: `[{"match":{"title":{"boost":2,"query":"火鍋推薦"}}},{"match":{"tags":{"query":"火鍋推薦"}}}]`,
			hl:     `{"bool":{"should":[{"multi_match":{"fields":` + fields + `,"query":"火鍋推薦","type":"phrase"}}]}}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			raw, err := json.Marshal(esSearchBody(models.SearchQuery{Text: tc.text, Market: "cn"}))
			if err != nil {
				t.Fatal(err)
			}
			var body map[string]any
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				what string
				got  any
				want string
			}{
				{"must", at(body, "query", "bool", "must"), tc.must},
				{"must_not", at(body, "query", "bool", "must_not"), tc.mustNot},
				{"should", at(body, "query", "bool", "should"), tc.should},
				{"highlight_query", at(body, "highlight", "highlight_query"), tc.hl},
			} {
				if c.want == "" {
					c.want = "null"
				}
				if got, _ := json.Marshal(c.got); string(got) != c.want {
					t.Errorf("%s = %s\nwant %s", c.what, got, c.want)
				}
			}
			filter, _ := json.Marshal(at(body, "query", "bool", "filter"))
			if string(filter) != `[{"term":{"deleted":false}},{"term":{"approved_markets":"cn"}}]` {
				t.Errorf("filter = %s", filter)
			}
			if tc.hl == "null" {
				if _, ok := body["highlight"]; ok {
					t.Errorf("highlight = %v, want none", body["highlight"])
				}
				return
			}
			hl := body["highlight"].(map[string]any)
			tags, _ := json.Marshal([]any{hl["pre_tags"], hl["post_tags"]})
			if string(tags) != "[[\"\ue000\"],[\"\ue001\"]]" || hl["number_of_fragments"] != 0.0 || hl["type"] != "unified" ||
				hl["max_analyzed_offset"] != float64(highlightAnalyzed) {
				t.Errorf("highlight = %v", hl)
			}
			if f, _ := json.Marshal(hl["fields"]); string(f) != `{"body":{},"tags":{},"title":{},"translations":{}}` {
				t.Errorf("highlight fields = %s", f)
			}
		})
	}
}

func TestEsUnmark(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		value string
		text  string
		spans []span
		ok    bool
	}{
		{"tags_become_spans_of_the_text", "\ue000hot\ue001 \ue000pot\ue001 & <b>", "hot pot & <b>", []span{{0, 3}, {4, 7}}, true},
		{"a_value_without_tags_has_no_spans", "plain", "plain", nil, true},
		{"Chinese_matches_are_byte_ranges", "成都\ue000火锅\ue001", "成都火锅", []span{{6, 12}}, true},
		{"an_unclosed_tag_is_refused", "\ue000hot", "", nil, false},
		{"a_close_without_open_is_refused", "hot\ue001", "", nil, false},
		{"nested_tags_are_refused", "\ue000a\ue000b\ue001\ue001", "", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			text, spans, ok := esUnmark(tc.value)
			if text != tc.text || !reflect.DeepEqual(spans, tc.spans) || ok != tc.ok {
				t.Errorf("esUnmark(%q) = %q, %v, %v; want %q, %v, %v", tc.value, text, spans, ok, tc.text, tc.spans, tc.ok)
			}
		})
	}
}

// TestElasticsearchSearchReadsHighlightsBack checks that the highlighted
// values a cluster answers become the hit's highlights, escaped and
// marked, each under the original or the translation whose text it is.
func TestElasticsearchSearchReadsHighlightsBack(t *testing.T) {
	t.Parallel()
	f, srv := newFakeES(t)
	es := openFake(t, srv, nil)
	n := note("n1", 1)
	n.Title = "火锅 & <n1>"
	mustApply(t, es, n)
	f.mu.Lock()
	f.highlights = map[string]map[string][]string{"n1": {
		"title":        {"\ue000火锅\ue001 & <n1>"},
		"body":         {"\ue000hotpot\ue001 recipes"},
		"translations": {"Sichuan \ue000hotpot\ue001", "not a text of the note \ue000hotpot\ue001", "\ue000broken"},
	}}
	f.mu.Unlock()
	res, err := es.Search(context.Background(), models.SearchQuery{Text: "hotpot"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("hits = %+v", res.Hits)
	}
	got := res.Hits[0].Highlights
	want := map[string][]string{
		HighlightOriginal: {"<mark>火锅</mark> &amp; &lt;n1&gt;", "<mark>hotpot</mark> recipes"},
		"en":              {"Sichuan <mark>hotpot</mark>"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("highlights = %q\nwant %q", got, want)
	}
	if b, _ := json.Marshal(res.Hits[0]); !strings.Contains(string(b), `"highlights":{`) {
		t.Errorf("hit JSON %s has no highlights", b)
	}
}
