package indextest

import (
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
)

// syntaxCases check the query syntax (index.ParseQuery) as each backend
// runs it: phrases, exclusions, and the highlights of what matched.
var syntaxCases = []testCase{
	{"a_phrase_matches_its_words_adjacent_and_in_order_within_one_text", testPhrase},
	{"a_Chinese_phrase_matches_its_characters_in_sequence_in_either_script", testChinesePhrase},
	{"a_dash_excludes_notes_with_the_word_or_phrase", testExclusion},
	{"highlights_mark_the_matches_in_the_escaped_original_and_translations", testHighlights},
	{"a_phrase_highlights_only_where_it_occurs", testPhraseHighlights},
}

func testPhrase(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx,
		Note("adjacent", 1, "en", "Hot pot night", "Friends came over", "intl"),
		Note("apart", 1, "en", "Soup", "The pot tastes hot", "intl"),
		Note("across", 1, "en", "Too hot", "Pot luck on Sunday", "intl"),
		withTranslation(Note("translated", 1, "zh", "火锅之夜", "朋友来了", "intl"), "en", "Hot pots evening", "Friends came"))
	tests := []struct {
		query string
		want  []string
	}{
		{"hot pot", []string{"adjacent", "apart", "across", "translated"}},
		{`"hot pot"`, []string{"adjacent", "translated"}},
		{`"hot pots"`, []string{"adjacent", "translated"}}, // stemmed, as words are
		{`"pot hot"`, nil},
		{`"hot pot" friends`, []string{"adjacent", "translated"}},
		{`"hot pot" sunday`, nil},
		{`"hot pot`, []string{"adjacent", "translated"}}, // an open quote runs to the end
		// A phrase of stop words only matches nothing; excluded, it
		// excludes nothing.
		{`hot "the"`, nil},
		{`"hot pot" -"the"`, []string{"adjacent", "translated"}},
		{`"hot pot" -the`, []string{"adjacent", "translated"}},
	}
	for _, tc := range tests {
		wantHits(t, idx, tc.query, "intl", tc.want...)
	}
}

func testChinesePhrase(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx,
		Note("sequence", 1, "zh", "周末火锅推荐", "毛肚很新鲜", "cn"),
		Note("scattered", 1, "zh", "推荐这家火锅", "锅推到桌边", "cn"))
	tests := []struct {
		query string
		want  []string
	}{
		// Unquoted, every bigram must occur somewhere: 火锅, 锅推, 推荐.
		{"火锅推荐", []string{"sequence", "scattered"}},
		{`"火锅推荐"`, []string{"sequence"}},
		{`"火鍋推薦"`, []string{"sequence"}},
		{`“火锅推荐”`, []string{"sequence"}},
		{`"推荐火锅"`, nil},
		{`"推荐"`, []string{"sequence", "scattered"}},
	}
	for _, tc := range tests {
		wantHits(t, idx, tc.query, "cn", tc.want...)
	}
}

func testExclusion(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx,
		Note("mild", 1, "en", "Hotpot night", "A mild broth", "intl"),
		Note("spicy", 1, "en", "Hotpot night", "A very spicy broth", "intl"),
		withTranslation(Note("numbing", 1, "zh", "麻辣火锅", "很辣", "intl"), "en", "Hotpot", "Very spicy and numbing"),
		Note("pizza", 1, "en", "Pizza night", "Thin crust", "intl"))
	tests := []struct {
		query string
		want  []string
	}{
		{"hotpot -spicy", []string{"mild"}},
		{"hotpot -麻辣", []string{"mild", "spicy"}},
		{"hotpot -麻辣 -spicy", []string{"mild"}},
		{`hotpot -"spicy broth"`, []string{"mild", "numbing"}},
		{`night -"spicy broth"`, []string{"mild", "pizza"}},
		{`night -"broth spicy"`, []string{"mild", "spicy", "pizza"}},
		{"-hotpot", []string{"pizza"}},
		{"night -", []string{"mild", "spicy", "pizza"}}, // a lone dash is punctuation
		{"--spicy hotpot", []string{"mild"}},
		{`""`, []string{"mild", "spicy", "numbing", "pizza"}}, // nothing left: every approved note
	}
	for _, tc := range tests {
		wantHits(t, idx, tc.query, "intl", tc.want...)
	}
}

// wantHighlights fails unless searching text in market finds the one note
// with highlights want.
func wantHighlights(t *testing.T, idx index.Index, text, market string, want map[string][]string) {
	t.Helper()
	res := search(t, idx, models.SearchQuery{Text: text, Market: market})
	if len(res.Hits) != 1 {
		t.Errorf("Search(%q) found %v, want one note", text, ids(res))
		return
	}
	got := res.Hits[0].Highlights
	keys := func(m map[string][]string) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	if !slices.Equal(keys(got), keys(want)) {
		t.Errorf("Search(%q) highlights %q, want %q", text, got, want)
		return
	}
	for k, w := range want {
		if strings.Join(got[k], "\n") != strings.Join(w, "\n") {
			t.Errorf("Search(%q) highlights[%s] = %q, want %q", text, k, got[k], w)
		}
	}
}

func testHighlights(t *testing.T, f Factory) {
	idx := open(t, f)
	n := withTranslation(Note("party", 1, "en", `Hot pot & <b>friends</b>`, `We had "hot pot" at home`, "intl"),
		"zh", "火锅和朋友", "我们在家吃了火锅")
	n = withTags(n, "hotpot", "pots")
	apply(t, idx, n)
	wantHighlights(t, idx, "pot", "intl", map[string][]string{
		index.HighlightOriginal: {
			"Hot <mark>pot</mark> &amp; &lt;b&gt;friends&lt;/b&gt;",
			"We had &#34;hot <mark>pot</mark>&#34; at home",
			"<mark>pots</mark>",
		},
	})
	wantHighlights(t, idx, `"hot pot" -pizza`, "intl", map[string][]string{
		index.HighlightOriginal: {
			"<mark>Hot pot</mark> &amp; &lt;b&gt;friends&lt;/b&gt;",
			"We had &#34;<mark>hot pot</mark>&#34; at home",
		},
	})
	// A Traditional query marks the Simplified translation.
	wantHighlights(t, idx, "火鍋", "intl", map[string][]string{
		"zh": {"<mark>火锅</mark>和朋友", "我们在家吃了<mark>火锅</mark>"},
	})
	wantHighlights(t, idx, "吃了火鍋 friend", "intl", map[string][]string{
		index.HighlightOriginal: {"Hot pot &amp; &lt;b&gt;<mark>friends</mark>&lt;/b&gt;"},
		"zh":                    {"<mark>火锅</mark>和朋友", "我们在家<mark>吃了火锅</mark>"},
	})
	// A note of one text.
	apply(t, idx, Note("lone", 1, "en", "Lonely teapot", "", "intl"))
	wantHighlights(t, idx, "teapots", "intl", map[string][]string{
		index.HighlightOriginal: {"Lonely <mark>teapot</mark>"},
	})
	// Only exclusions: the note is found, nothing is marked.
	res := search(t, idx, models.SearchQuery{Text: "-pizza -teapot", Market: "intl"})
	if len(res.Hits) != 1 || res.Hits[0].Highlights != nil {
		t.Errorf(`Search("-pizza -teapot") = %+v, want the party note without highlights`, res.Hits)
	}
}

func testPhraseHighlights(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx, Note("twice", 1, "en", "Hot pot is hot", "A pot, then hot pot again", "intl"))
	wantHighlights(t, idx, `"hot pot"`, "intl", map[string][]string{
		index.HighlightOriginal: {"<mark>Hot pot</mark> is hot", "A pot, then <mark>hot pot</mark> again"},
	})
}
