package httpapi

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
)

// TestSearchSyntaxOverAnEmbeddedIndex runs /api/search end to end on an
// embedded index: the query syntax reaches the index as typed, and each
// hit carries its highlights, escaped and marked, in the JSON answer.
func TestSearchSyntaxOverAnEmbeddedIndex(t *testing.T) {
	t.Parallel()
	idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: filepath.Join(t.TempDir(), "notes")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	approved := func(id, title, body, zhTitle string) *models.Note {
		return &models.Note{
			NoteEvent:       models.NoteEvent{Type: models.EventUpserted, NoteID: id, Version: 1, Title: title, Body: body},
			Language:        models.Language{Code: "en"},
			Moderation:      models.Moderation{Decision: models.DecisionAllow, Markets: map[string]models.Decision{"intl": models.DecisionAllow}},
			ApprovedMarkets: []string{"intl"},
			Translations:    map[string]models.Translation{"zh": {Title: zhTitle, Status: models.TranslationOK}},
		}
	}
	if _, err := idx.Apply(context.Background(), []*models.Note{
		approved("party", "Hot pot <party>", "Friends and a mild broth", "火锅派对"),
		approved("spicy", "Hot pot night", "A spicy broth", "麻辣火锅"),
		approved("apart", "A pot of soup", "Served hot", "一锅汤"),
	}); err != nil {
		t.Fatal(err)
	}
	if err := idx.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := New(idx, Config{Markets: []string{"intl"}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	search := func(t *testing.T, q string) searchPage {
		t.Helper()
		rec := get(h, "/api/search?market=intl&q="+url.QueryEscape(q))
		if rec.Code != http.StatusOK {
			t.Fatalf("q=%s: status %d: %s", q, rec.Code, rec.Body)
		}
		var p searchPage
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	noteIDs := func(p searchPage) []string {
		var out []string
		for _, hit := range p.Hits {
			out = append(out, hit.Note.NoteID)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name, q string
		want    []string
	}{
		{"words_match_anywhere", "hot pot", []string{"apart", "party", "spicy"}},
		{"a_phrase_matches_only_adjacent_words", `"hot pot"`, []string{"party", "spicy"}},
		{"a_dash_excludes", `"hot pot" -spicy`, []string{"party"}},
		{"a_Traditional_phrase_finds_the_Simplified_translation", `"火鍋派對"`, []string{"party"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := noteIDs(search(t, tc.q)); !slices.Equal(got, tc.want) {
				t.Errorf("q=%s found %v, want %v", tc.q, got, tc.want)
			}
		})
	}
	t.Run("hits_carry_escaped_and_marked_highlights", func(t *testing.T) {
		p := search(t, `"hot pot" 火鍋 -spicy`)
		if len(p.Hits) != 1 {
			t.Fatalf("hits %v, want party", noteIDs(p))
		}
		got := p.Hits[0].Highlights
		if strings.Join(got[index.HighlightOriginal], "|") != "<mark>Hot pot</mark> &lt;party&gt;" ||
			strings.Join(got["zh"], "|") != "<mark>火锅</mark>派对" || len(got) != 2 {
			t.Errorf("highlights = %q", got)
		}
	})
}
