package index

import (
	"html"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestRenderHighlight(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 300) + " hot pot " + strings.Repeat("b", 300)
	tests := []struct {
		name  string
		text  string
		spans []span
		want  string
	}{
		{"a_match_is_marked", "hot pot night", []span{{0, 3}}, "<mark>hot</mark> pot night"},
		{"matches_separated_only_by_spaces_are_one_mark", "hot pot night", []span{{4, 7}, {0, 3}}, "<mark>hot pot</mark> night"},
		{"matches_separated_by_other_text_stay_apart", "hot, pot", []span{{0, 3}, {5, 8}}, "<mark>hot</mark>, <mark>pot</mark>"},
		{"overlapping_bigrams_are_one_mark", "成都火锅店", []span{{6, 12}, {9, 15}}, "成都<mark>火锅店</mark>"},
		{"the_text_is_escaped_and_only_marks_are_added", `<b>"hot"</b> & 'pot'`, []span{{4, 7}},
			"&lt;b&gt;&#34;<mark>hot</mark>&#34;&lt;/b&gt; &amp; &#39;pot&#39;"},
		{"a_match_of_markup_is_escaped_inside_the_mark", "<script>", []span{{0, 8}}, "<mark>&lt;script&gt;</mark>"},
		{"spans_out_of_range_or_inside_a_character_are_ignored", "火锅", []span{{1, 3}, {3, 9}, {-1, 2}, {2, 2}}, "火锅"},
		{"a_long_text_is_cut_around_its_first_match", long, []span{{301, 304}},
			"…" + strings.Repeat("a", 39) + " <mark>hot</mark> pot " + strings.Repeat("b", 192) + "…"},
		{"a_cut_never_splits_a_mark", strings.Repeat("x", 230) + " " + strings.Repeat("y", 20), []span{{0, 1}, {225, 251}},
			"<mark>x</mark>" + strings.Repeat("x", 224) + "<mark>xxxxx " + strings.Repeat("y", 20) + "</mark>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := renderHighlight(tc.text, tc.spans); got != tc.want {
				t.Errorf("renderHighlight = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNoteHighlightsGroupsTextsByOriginalAndLanguage(t *testing.T) {
	t.Parallel()
	n := &models.Note{
		NoteEvent: models.NoteEvent{Title: "pot", Body: "no match here", Tags: []string{"pot luck", "other"}},
		Translations: map[string]models.Translation{
			"zh": {Title: "火锅", Body: "pot 火锅"},
			"en": {Title: "nothing", Body: "pot"},
			"fr": {Title: "rien"},
		},
	}
	spans := func(text string) []span {
		if i := strings.Index(text, "pot"); i >= 0 {
			return []span{{i, i + 3}}
		}
		return nil
	}
	got := noteHighlights(n, spans)
	want := map[string][]string{
		HighlightOriginal: {"<mark>pot</mark>", "<mark>pot</mark> luck"},
		"en":              {"<mark>pot</mark>"},
		"zh":              {"<mark>pot</mark> 火锅"},
	}
	if len(got) != len(want) {
		t.Fatalf("highlights = %q, want %q", got, want)
	}
	for k, w := range want {
		if strings.Join(got[k], "|") != strings.Join(w, "|") {
			t.Errorf("highlights[%s] = %q, want %q", k, got[k], w)
		}
	}
	if h := noteHighlights(n, func(string) []span { return nil }); h != nil {
		t.Errorf("highlights without matches = %q, want nil", h)
	}
}

// FuzzRenderHighlight checks that any text with any spans renders as safe
// HTML: with the marks removed and the entities unescaped, a highlight is
// the text itself (or the part of it a cut kept), the marks pair up and do
// not nest, and no other tag is in it.
func FuzzRenderHighlight(f *testing.F) {
	for _, s := range []struct {
		text       string
		a, b, c, d int
	}{
		{"Hot pot & <b>friends</b>", 0, 3, 4, 7},
		{"周末火锅推荐，這家火鍋", 6, 12, 9, 15},
		{strings.Repeat("long text ", 60) + "hot pot", 600, 603, 604, 607},
		{"\xff<mark>\xfe", 1, 7, 0, 2},
		{"a\u00a0hot\u3000pot", 3, 6, 9, 12},
	} {
		f.Add(s.text, s.a, s.b, s.c, s.d)
	}
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		out := renderHighlight(text, []span{{a, b}, {c, d}})
		plain := strings.NewReplacer(markOpen, "", markClose, "").Replace(out)
		if strings.ContainsAny(plain, "<>") {
			t.Fatalf("renderHighlight(%q) = %q: stray markup", text, out)
		}
		depth := 0
		for rest := out; rest != ""; {
			i, j := strings.Index(rest, markOpen), strings.Index(rest, markClose)
			switch {
			case i >= 0 && (j < 0 || i < j):
				depth++
				rest = rest[i+len(markOpen):]
			case j >= 0:
				depth--
				rest = rest[j+len(markClose):]
			default:
				rest = ""
			}
			if depth < 0 || depth > 1 {
				t.Fatalf("renderHighlight(%q) = %q: marks do not pair up", text, out)
			}
		}
		if depth != 0 {
			t.Fatalf("renderHighlight(%q) = %q: a mark is left open", text, out)
		}
		plain = html.UnescapeString(plain)
		plain = strings.TrimPrefix(strings.TrimSuffix(plain, "…"), "…")
		if !strings.Contains(text, plain) {
			t.Fatalf("renderHighlight(%q) = %q, which is not the text", text, out)
		}
	})
}
