package index

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/notegate/notegate/models"
)

func TestParseQuery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want Query
	}{
		{"words_are_split_on_spaces", "hot  pot\trecipes", Query{Words: []string{"hot", "pot", "recipes"}}},
		{"a_quoted_phrase_is_one_phrase", `"hot pot" recipes`, Query{Words: []string{"recipes"}, Phrases: []string{"hot pot"}}},
		{"spaces_inside_a_phrase_are_collapsed", `"  hot   pot  "`, Query{Phrases: []string{"hot pot"}}},
		{"a_Chinese_phrase_keeps_its_characters", `“火锅 推荐”`, Query{Phrases: []string{"火锅 推荐"}}},
		{"full_width_quotes_open_and_close_a_phrase", `＂成都 火锅＂`, Query{Phrases: []string{"成都 火锅"}}},
		{"an_unbalanced_quote_runs_to_the_end", `recipes "hot pot`, Query{Words: []string{"recipes"}, Phrases: []string{"hot pot"}}},
		{"a_quote_inside_a_word_ends_the_word_and_opens_a_phrase", `abc"def ghi"jkl`, Query{Words: []string{"abc", "jkl"}, Phrases: []string{"def ghi"}}},
		{"empty_phrases_are_ignored", `"" "  " pot`, Query{Words: []string{"pot"}}},
		{"a_dash_before_a_word_excludes_it", "hotpot -spicy", Query{Words: []string{"hotpot"}, NotWords: []string{"spicy"}}},
		{"a_dash_before_a_quote_excludes_the_phrase", `hotpot -"very spicy"`, Query{Words: []string{"hotpot"}, NotPhrases: []string{"very spicy"}}},
		{"several_dashes_count_as_one", "--spicy －辣", Query{NotWords: []string{"spicy", "辣"}}},
		{"a_lone_dash_is_punctuation_kept_as_a_word", "hot - pot -", Query{Words: []string{"hot", "-", "pot", "-"}}},
		{"a_dash_inside_a_word_belongs_to_it", "e-mail", Query{Words: []string{"e-mail"}}},
		{"an_excluded_empty_phrase_is_ignored", `pot -""`, Query{Words: []string{"pot"}}},
		{"an_excluded_word_ends_at_a_quote", `-spicy"hot pot"`, Query{NotWords: []string{"spicy"}, Phrases: []string{"hot pot"}}},
		{"OR_is_an_ordinary_word", "tea OR coffee", Query{Words: []string{"tea", "OR", "coffee"}}},
		{"invalid_UTF-8_is_read_as_spaces", "hot\xffpot", Query{Words: []string{"hot", "pot"}}},
		{"an_empty_text_is_an_empty_query", "   ", Query{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := ParseQuery(tc.text); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseQuery(%q) = %#v, want %#v", tc.text, got, tc.want)
			}
		})
	}
}

func TestParseQueryBoundsItsClauses(t *testing.T) {
	t.Parallel()
	text := strings.Repeat(`-a "b c" `, maxQueryClauses)
	q := ParseQuery(text)
	if n := len(q.NotWords) + len(q.Phrases); n != maxQueryClauses {
		t.Errorf("%d phrases and exclusions kept, want %d", n, maxQueryClauses)
	}
}

// FuzzParseQuery checks that any text parses into clauses that are valid
// UTF-8, not empty and free of the syntax's quotes and spaces where they
// cannot be, and that both backends build a valid query from them.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		`"hot pot" -spicy recipes`, `"unbalanced`, `-`, `--`, `-"`, `""`, `"-"`, `- -x`,
		`“火锅 推荐” -辣`, "\xff\"\xfe", `a"b"c"d`, "－＂x＂", `OR AND NOT`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		q := ParseQuery(text)
		check := func(kind string, list []string, phrase bool) {
			for _, s := range list {
				if s == "" || !utf8.ValidString(s) || strings.ContainsAny(s, quoteMarks) {
					t.Fatalf("ParseQuery(%q): %s %q", text, kind, s)
				}
				if s != strings.Join(strings.Fields(s), " ") || (!phrase && strings.ContainsFunc(s, func(r rune) bool { return r == ' ' })) {
					t.Fatalf("ParseQuery(%q): %s %q has stray spaces", text, kind, s)
				}
			}
		}
		check("word", q.Words, false)
		check("excluded word", q.NotWords, false)
		check("phrase", q.Phrases, true)
		check("excluded phrase", q.NotPhrases, true)
		for _, w := range q.NotWords {
			if r, _ := utf8.DecodeRuneInString(w); isExclude(r) {
				t.Fatalf("ParseQuery(%q): excluded word %q starts with a dash", text, w)
			}
		}
		if n := len(q.Phrases) + len(q.NotWords) + len(q.NotPhrases); n > maxQueryClauses {
			t.Fatalf("ParseQuery(%q): %d clauses", text, n)
		}
		eq, ok := embeddedQuery(q, "cn").(query.ValidatableQuery)
		if !ok {
			t.Fatalf("embedded query for %q cannot be validated", text)
		}
		if err := eq.Validate(); err != nil {
			t.Fatalf("embedded query for %q: %v", text, err)
		}
		body, err := json.Marshal(esSearchBody(models.SearchQuery{Text: text, Market: "cn"}))
		if err != nil {
			t.Fatalf("Elasticsearch body for %q: %v", text, err)
		}
		var decoded map[string]any
		if err := json.Unmarshal(body, &decoded); err != nil {
			t.Fatalf("Elasticsearch body for %q: %v", text, err)
		}
		if empty := emptyQueryStrings(decoded); empty != "" {
			t.Fatalf("Elasticsearch body for %q has an empty query in %s: %s", text, empty, body)
		}
	})
}

// emptyQueryStrings returns the path of the first "query" string in v that
// is empty (Elasticsearch would match nothing with it), or "".
func emptyQueryStrings(v any) string {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if s, ok := e.(string); ok && k == "query" && strings.TrimSpace(s) == "" {
				return k
			}
			if p := emptyQueryStrings(e); p != "" {
				return k + "." + p
			}
		}
	case []any:
		for _, e := range v {
			if p := emptyQueryStrings(e); p != "" {
				return p
			}
		}
	}
	return ""
}
