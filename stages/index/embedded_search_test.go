package index_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/index/indextest"
)

// manual is a config whose search index takes writes only when someone
// waits for them (Refresh) or a full batch waits: the refresh interval is
// longer than any test, so what Search sees is decided by the test alone.
func manual(dir string) index.EmbeddedConfig {
	return index.EmbeddedConfig{Dir: dir, RefreshInterval: time.Hour, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func openWith(t *testing.T, cfg index.EmbeddedConfig) *index.Embedded {
	t.Helper()
	idx, err := index.OpenEmbedded(cfg)
	if err != nil {
		t.Fatalf("OpenEmbedded: %v", err)
	}
	return idx
}

func mustApply(t *testing.T, idx index.Index, notes ...*models.Note) {
	t.Helper()
	if _, err := idx.Apply(context.Background(), notes); err != nil {
		t.Fatalf("Apply: %v", err)
	}
}

func mustRefresh(t *testing.T, idx *index.Embedded) {
	t.Helper()
	if err := idx.Refresh(context.Background()); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
}

// found returns the ids Search finds for text in any market, sorted.
func found(t *testing.T, idx index.Index, text string) []string {
	t.Helper()
	res, err := idx.Search(context.Background(), models.SearchQuery{Text: text, Limit: index.MaxLimit})
	if err != nil {
		t.Fatalf("Search(%q): %v", text, err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.Note.NoteID)
	}
	slices.Sort(ids)
	if res.Total != len(ids) {
		t.Fatalf("Search(%q): total %d for %d hits", text, res.Total, len(ids))
	}
	return ids
}

func wantFound(t *testing.T, idx index.Index, text string, want ...string) {
	t.Helper()
	if got := found(t, idx, text); !slices.Equal(got, want) {
		t.Errorf("Search(%q) = %v, want %v", text, got, want)
	}
}

func TestEmbeddedSearchTrailsTheNoteStore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(t *testing.T, dir string)
	}{
		{"a_note_is_in_get_at_once_and_in_search_once_refreshed", func(t *testing.T, dir string) {
			idx := openWith(t, manual(dir))
			defer idx.Close()
			n := indextest.Note("n1", 1, "en", "lantern festival", "lanterns by the river", "intl")
			mustApply(t, idx, n)
			if got, err := idx.Get(context.Background(), "n1"); err != nil || got.Version != 1 {
				t.Fatalf("Get right after Apply = %v, %v", got, err)
			}
			if idx.SearchLag() != 1 {
				t.Errorf("search lag %d, want 1", idx.SearchLag())
			}
			wantFound(t, idx, "lantern")
			mustRefresh(t, idx)
			wantFound(t, idx, "lantern", "n1")
			if idx.SearchLag() != 0 {
				t.Errorf("search lag after Refresh %d, want 0", idx.SearchLag())
			}
			// A withdrawn and a deleted note leave search only when refreshed.
			mustApply(t, idx, withdrawn(indextest.Note("n1", 2, "en", "lantern festival", "held", "intl")))
			wantFound(t, idx, "lantern", "n1")
			mustRefresh(t, idx)
			wantFound(t, idx, "lantern")
		}},
		{"wait_for_makes_apply_return_once_searchable", func(t *testing.T, dir string) {
			cfg := manual(dir)
			cfg.Refresh = index.RefreshWaitFor
			idx := openWith(t, cfg)
			defer idx.Close()
			mustApply(t, idx, indextest.Note("n1", 1, "en", "dumpling night", "pork and chive", "intl"))
			wantFound(t, idx, "dumpling", "n1")
			mustApply(t, idx, indextest.Deletion("n1", 2))
			wantFound(t, idx, "dumpling")
		}},
		{"the_search_index_catches_up_after_a_restart_with_the_newest_versions", func(t *testing.T, dir string) {
			idx := openWith(t, manual(dir))
			mustApply(t, idx,
				indextest.Note("edited", 1, "en", "teahouse", "old text", "intl"),
				indextest.Note("deleted", 1, "en", "teahouse", "going away", "intl"),
				indextest.Note("kept", 1, "en", "teahouse", "stays", "intl"))
			mustRefresh(t, idx)
			// Written, not searchable yet, when the process stops.
			mustApply(t, idx,
				indextest.Note("edited", 3, "en", "teahouse", "new text", "intl"),
				indextest.Note("edited", 2, "en", "teahouse", "a late, older edit", "intl"),
				indextest.Deletion("deleted", 2),
				indextest.Note("added", 1, "en", "teahouse", "new note", "intl"))
			if err := idx.Close(); err != nil {
				t.Fatal(err)
			}
			idx = openWith(t, manual(dir))
			defer idx.Close()
			if idx.SearchLag() == 0 {
				t.Fatal("the writes not searchable before the restart were forgotten")
			}
			// The search index holds what it held before the restart.
			wantFound(t, idx, "teahouse", "deleted", "edited", "kept")
			wantFound(t, idx, "old", "edited")
			mustRefresh(t, idx)
			wantFound(t, idx, "teahouse", "added", "edited", "kept")
			wantFound(t, idx, "old")
			wantFound(t, idx, "late")
			wantFound(t, idx, "new", "added", "edited")
			// Taking the same writes again after another restart changes
			// nothing.
			if err := idx.Close(); err != nil {
				t.Fatal(err)
			}
			idx = openWith(t, manual(dir))
			defer idx.Close()
			mustRefresh(t, idx)
			wantFound(t, idx, "teahouse", "added", "edited", "kept")
			// Opened with nothing left to take, new writes still get keys of
			// their own: every stored note stays itself.
			mustApply(t, idx, indextest.Note("later", 1, "en", "teahouse", "after two restarts", "intl"))
			bodies := map[string]string{"kept": "stays", "added": "new note", "edited": "new text", "later": "after two restarts"}
			for i := range 6 {
				id := fmt.Sprintf("later-%d", i)
				mustApply(t, idx, indextest.Note(id, 1, "en", "afterwards", id, "intl"))
				bodies[id] = id
			}
			for id, body := range bodies {
				if got, err := idx.Get(context.Background(), id); err != nil || got.Body != body {
					t.Errorf("Get(%s) = %+v, %v; want the body %q", id, got, err, body)
				}
			}
			mustRefresh(t, idx)
			wantFound(t, idx, "teahouse", "added", "edited", "kept", "later")
		}},
		{"apply_waits_while_max_search_lag_writes_are_not_searchable", func(t *testing.T, dir string) {
			cfg := manual(dir)
			cfg.BatchSize, cfg.SearchBatchSize, cfg.MaxSearchLag = 5, 5, 10
			idx := openWith(t, cfg)
			defer idx.Close()
			notes := indextest.Corpus("lag", 100)
			for start := 0; start < len(notes); start += 5 {
				mustApply(t, idx, notes[start:start+5]...)
				if lag := idx.SearchLag(); lag > cfg.MaxSearchLag+cfg.BatchSize {
					t.Fatalf("after %d notes the search lag is %d, above %d plus one transaction", start+5, lag, cfg.MaxSearchLag)
				}
			}
			mustRefresh(t, idx)
			res, err := idx.Search(context.Background(), models.SearchQuery{Text: "note"})
			if err != nil || res.Total != len(notes) {
				t.Fatalf("Search after Refresh: total %d, %v; want %d", res.Total, err, len(notes))
			}
		}},
		{"refresh_gives_up_with_the_context", func(t *testing.T, dir string) {
			idx := openWith(t, manual(dir))
			defer idx.Close()
			mustApply(t, idx, indextest.Note("n1", 1, "en", "x", "y", "intl"))
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if err := idx.Refresh(ctx); err == nil {
				// The batch may have been taken before the cancellation was
				// seen; then it must be searchable.
				wantFound(t, idx, "x", "n1")
			}
			if err := idx.Close(); err != nil {
				t.Fatal(err)
			}
			if err := idx.Refresh(context.Background()); err == nil {
				t.Error("Refresh after Close succeeded")
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, filepath.Join(t.TempDir(), "notes"))
		})
	}
}

// withdrawn blocks n in every market.
func withdrawn(n *models.Note) *models.Note {
	n.ApprovedMarkets = nil
	n.Moderation.Decision = models.DecisionBlock
	for m := range n.Moderation.Markets {
		n.Moderation.Markets[m] = models.DecisionBlock
	}
	return n
}

// TestEmbeddedSearchUnderConcurrentWritesEndsAtTheNewestVersions writes
// every version of shared ids from several goroutines while the search
// index takes small batches, then checks that search holds exactly the
// newest version of each.
func TestEmbeddedSearchUnderConcurrentWritesEndsAtTheNewestVersions(t *testing.T) {
	t.Parallel()
	cfg := manual(filepath.Join(t.TempDir(), "notes"))
	cfg.SearchBatchSize, cfg.MaxSearchLag = 7, 20
	idx := openWith(t, cfg)
	defer idx.Close()
	const writers, ids, versions = 4, 12, 8
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for v := range versions {
				version := int64((v+w)%versions + 1)
				var batch []*models.Note
				for i := range ids {
					batch = append(batch, indextest.Note(fmt.Sprintf("s-%d", i), version, "en", "shared",
						fmt.Sprintf("version%d", version), "intl"))
				}
				if _, err := idx.Apply(context.Background(), batch); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	mustRefresh(t, idx)
	if got := found(t, idx, "shared"); len(got) != ids {
		t.Fatalf("search holds %d notes, want %d", len(got), ids)
	}
	for v := 1; v < versions; v++ {
		wantFound(t, idx, fmt.Sprintf("version%d", v))
	}
	if got := found(t, idx, fmt.Sprintf("version%d", versions)); len(got) != ids {
		t.Errorf("the newest version is searchable for %d notes, want %d", len(got), ids)
	}
}

func TestEmbeddedConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     index.EmbeddedConfig
		wantErr bool
	}{
		{"the_defaults_are_valid", index.EmbeddedConfig{Dir: "x"}, false},
		{"wait_for_is_valid", index.EmbeddedConfig{Dir: "x", Refresh: "wait_for"}, false},
		{"an_unknown_refresh_is_refused", index.EmbeddedConfig{Dir: "x", Refresh: "true"}, true},
		{"a_negative_interval_is_refused", index.EmbeddedConfig{Dir: "x", RefreshInterval: -time.Second}, true},
		{"a_negative_search_batch_is_refused", index.EmbeddedConfig{Dir: "x", SearchBatchSize: -1}, true},
		{"a_lag_below_a_search_batch_is_refused", index.EmbeddedConfig{Dir: "x", SearchBatchSize: 100, MaxSearchLag: 50}, true},
		{"a_search_batch_above_the_default_lag_raises_the_lag", index.EmbeddedConfig{Dir: "x", SearchBatchSize: 50000}, false},
		{"a_negative_search_batch_in_bytes_is_refused", index.EmbeddedConfig{Dir: "x", SearchBatchBytes: -1}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.cfg.Validate(); (err != nil) != tc.wantErr {
				t.Errorf("Validate() = %v, want error %v", err, tc.wantErr)
			}
		})
	}
}

// A search batch bounded in bytes takes what waits in several batches, and
// loses nothing: every note, edit and withdrawal becomes searchable.
func TestEmbeddedSearchBatchesBoundedInBytesTakeEverything(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		bytes int
	}{
		{"one_note_a_batch_when_every_note_is_over_the_bound", 1},
		{"a_few_notes_a_batch", 3000},
		{"one_batch_under_the_default", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := manual(t.TempDir())
			cfg.SearchBatchBytes = tc.bytes
			idx := openWith(t, cfg)
			defer idx.Close()
			var notes []*models.Note
			var want []string
			for i := range 40 {
				id := fmt.Sprintf("n%02d", i)
				notes = append(notes, indextest.Note(id, 1, "en", "lantern festival", fmt.Sprintf("lanterns by the river %d", i), "intl"))
				if i%10 != 3 {
					want = append(want, id)
				}
			}
			// Edits in the same write: withdrawn, or a new text.
			for i := 3; i < 40; i += 10 {
				notes = append(notes, withdrawn(indextest.Note(fmt.Sprintf("n%02d", i), 2, "en", "lantern festival", "held", "intl")))
			}
			notes = append(notes, indextest.Note("n00", 2, "en", "lantern festival", "boats on the lake", "intl"))
			mustApply(t, idx, notes...)
			mustRefresh(t, idx)
			wantFound(t, idx, "lantern", want...)
			wantFound(t, idx, "boats", "n00")
			if idx.SearchLag() != 0 {
				t.Errorf("search lag after Refresh %d, want 0", idx.SearchLag())
			}
		})
	}
}

// The embedded index keeps Chinese text as single characters and finds a
// word of several as its characters side by side, as it found the word's
// bigrams before: not its characters apart, nor across punctuation.
func TestEmbeddedSearchFindsChineseWordsAsAdjacentCharacters(t *testing.T) {
	t.Parallel()
	idx := openWith(t, manual(t.TempDir()))
	defer idx.Close()
	mustApply(t, idx,
		indextest.Note("together", 1, "zh", "周末火锅推荐", "毛肚很新鲜", "intl"),
		indextest.Note("apart", 1, "zh", "火车上", "有一口锅", "intl"),
		indextest.Note("comma", 1, "zh", "生火", "火，锅里是汤", "intl"),
		indextest.Note("traditional", 1, "zh", "臺北", "這家火鍋很好", "intl"))
	mustRefresh(t, idx)
	tests := []struct {
		name, q string
		want    []string
	}{
		{"a_two_character_word_needs_its_characters_side_by_side", "火锅", []string{"together", "traditional"}},
		{"a_traditional_word_finds_both_scripts", "火鍋", []string{"together", "traditional"}},
		{"one_character_finds_it_anywhere", "锅", []string{"apart", "comma", "together", "traditional"}},
		{"a_longer_word_needs_each_pair_of_its_characters", "火锅推荐", []string{"together"}},
		{"excluding_a_word_leaves_the_notes_with_its_characters_apart", "锅 -火锅", []string{"apart", "comma"}},
		{"a_phrase_of_characters_finds_them_in_sequence", `"家火锅很好"`, []string{"traditional"}},
		{"a_phrase_of_characters_in_another_order_finds_nothing", `"推荐火锅"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFound(t, idx, tt.q, tt.want...)
		})
	}
}

// A word of Chinese characters finds exactly the notes that have each pair
// of its adjacent characters side by side in one text (its title or its
// body), and a lone character the notes that have it anywhere: what the
// index found when it kept the bigrams. Random texts over a few characters,
// with punctuation and spaces that part two characters, against that rule
// written out.
func TestEmbeddedSearchChineseWordsMatchTheirBigrams(t *testing.T) {
	t.Parallel()
	idx := openWith(t, manual(t.TempDir()))
	defer idx.Close()
	alphabet := []rune("火锅推荐汤面")
	rng := rand.New(rand.NewPCG(12, 6))
	text := func(max int) string {
		var b strings.Builder
		for range rng.IntN(max + 1) {
			switch rng.IntN(10) {
			case 0:
				b.WriteString("，")
			case 1:
				b.WriteString(" ")
			default:
				b.WriteRune(alphabet[rng.IntN(len(alphabet))])
			}
		}
		return b.String()
	}
	type note struct{ id, title, body string }
	var notes []note
	for i := range 90 {
		n := note{fmt.Sprintf("r%02d", i), text(6), text(10)}
		notes = append(notes, n)
		mustApply(t, idx, indextest.Note(n.id, 1, "zh", n.title, n.body, "intl"))
	}
	mustRefresh(t, idx)
	has := func(n note, q []rune) bool {
		if len(q) == 1 {
			return strings.ContainsRune(n.title+n.body, q[0])
		}
		for i := 0; i+1 < len(q); i++ {
			pair := string(q[i : i+2])
			if !strings.Contains(n.title, pair) && !strings.Contains(n.body, pair) {
				return false
			}
		}
		return true
	}
	for range 60 {
		q := make([]rune, 1+rng.IntN(4))
		for i := range q {
			q[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var want []string
		for _, n := range notes {
			if has(n, q) {
				want = append(want, n.id)
			}
		}
		if got := found(t, idx, string(q)); !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", string(q), got, want)
		}
	}
}
