package index_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/index/indextest"
)

// pruneCorpus stores notes enough for the embedded index to skip blocks
// of them (prunedQuery): every note has "hotpot" in a body of its own
// length, so their scores spread and tie. One in 150 scores best, with
// "hotpot" in its title too or twice in a short body: bleve numbers notes
// in no set order, and there are enough of them for a page of a few to be
// filled early, and few enough to leave most blocks of 128 notes without
// one, which the search can then skip. The same notes again in Chinese
// have 火锅 where the English have "hotpot" (汤 for "broth"), a word the
// index finds as two characters side by side. It returns the number of
// notes that match "hotpot" (or 火锅) in market intl.
func pruneCorpus(t *testing.T, idx *index.Embedded) int {
	t.Helper()
	const count = 6000
	notes := make([]*models.Note, 0, 2*count)
	for _, lang := range []struct{ code, prefix, word, filler, night string }{
		{"en", "p", "hotpot", "broth ", "hotpot night"},
		{"zh", "z", "火锅", "汤", "火锅之夜"},
	} {
		for i := range count {
			title := fmt.Sprintf("note %d", i)
			body := lang.word + " " + strings.Repeat(lang.filler, 1+i%23)
			switch i % 300 {
			case 7:
				title = lang.night
			case 157:
				body = lang.word + " " + lang.word
			}
			markets := []string{"intl"}
			if i%10 == 0 {
				markets = []string{"cn"}
			}
			notes = append(notes, indextest.Note(fmt.Sprintf("%s%04d", lang.prefix, i), 1, lang.code, title, body, markets...))
		}
	}
	mustApply(t, idx, notes...)
	mustRefresh(t, idx)
	return count - count/10
}

func pageOf(res models.SearchResult) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = fmt.Sprintf("%s@%v", h.Note.NoteID, h.Score)
	}
	return out
}

func TestEmbeddedSearchCountsExactlyUpToTheCapThenSkips(t *testing.T) {
	t.Parallel()
	idx := openWith(t, manual(filepath.Join(t.TempDir(), "notes")))
	t.Cleanup(func() { _ = idx.Close() })
	matching := pruneCorpus(t, idx)
	ctx := context.Background()
	tests := []struct {
		name          string
		q             models.SearchQuery
		wantRelation  string
		wantExactHits bool // Total is the number of matching notes
	}{
		{"a_first_page_past_the_cap_has_a_lower_bound_total", models.SearchQuery{Text: "hotpot", Market: "intl", Limit: 5, TrackTotalHits: 200}, models.TotalAtLeast, false},
		{"a_deeper_offset_page_past_the_cap_has_a_lower_bound_total", models.SearchQuery{Text: "hotpot", Market: "intl", Limit: 3, Offset: 2, TrackTotalHits: 200}, models.TotalAtLeast, false},
		{"a_page_without_a_market_past_the_cap_has_a_lower_bound_total", models.SearchQuery{Text: "hotpot", Limit: 5, TrackTotalHits: 200}, models.TotalAtLeast, false},
		{"a_page_with_an_exclusion_past_the_cap_has_a_lower_bound_total", models.SearchQuery{Text: "hotpot -night", Market: "intl", Limit: 5, TrackTotalHits: 200}, models.TotalAtLeast, false},
		{"a_cap_above_the_hits_counts_them_all", models.SearchQuery{Text: "hotpot", Market: "intl", Limit: 20, TrackTotalHits: 8000}, models.TotalEqual, true},
		{"the_default_cap_counts_a_small_index_exactly", models.SearchQuery{Text: "hotpot", Market: "intl", Limit: 20}, models.TotalEqual, true},
		{"a_phrase_is_never_pruned", models.SearchQuery{Text: `"hotpot hotpot"`, Market: "intl", Limit: 20, TrackTotalHits: 10}, models.TotalEqual, false},
		{"a_chinese_word_past_the_cap_has_a_lower_bound_total", models.SearchQuery{Text: "火锅", Market: "intl", Limit: 5, TrackTotalHits: 200}, models.TotalAtLeast, false},
		{"a_chinese_word_with_an_exclusion_past_the_cap_has_a_lower_bound_total", models.SearchQuery{Text: "火锅 -之夜", Market: "intl", Limit: 5, TrackTotalHits: 200}, models.TotalAtLeast, false},
		{"a_cap_above_the_hits_of_a_chinese_word_counts_them_all", models.SearchQuery{Text: "火锅", Market: "intl", Limit: 20, TrackTotalHits: 8000}, models.TotalEqual, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := idx.Search(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			exact := tc.q
			exact.TrackTotalHits = -1
			want, err := idx.Search(ctx, exact)
			if err != nil {
				t.Fatal(err)
			}
			if want.TotalRelation != models.TotalEqual {
				t.Errorf("uncapped search: total_relation %q, want eq", want.TotalRelation)
			}
			if got.TotalRelation != tc.wantRelation {
				t.Errorf("total_relation %q, want %q (total %d of %d)", got.TotalRelation, tc.wantRelation, got.Total, want.Total)
			}
			switch {
			case tc.wantExactHits && (got.Total != matching || want.Total != matching):
				t.Errorf("total %d (uncapped %d), want %d", got.Total, want.Total, matching)
			case got.TotalRelation == models.TotalAtLeast && (got.Total < tc.q.TrackTotalHits || got.Total >= want.Total):
				t.Errorf("lower bound total %d, want at least the cap %d and below the %d hits", got.Total, tc.q.TrackTotalHits, want.Total)
			case got.TotalRelation == models.TotalEqual && got.Total != want.Total:
				t.Errorf("total %d, uncapped %d", got.Total, want.Total)
			}
			if len(want.Hits) == 0 || !slices.Equal(pageOf(got), pageOf(want)) {
				t.Errorf("page\n%v\nwant the uncapped page\n%v", pageOf(got), pageOf(want))
			}
		})
	}
}

func TestEmbeddedCursorPagesAcrossTheCapReturnEveryHitOnceInOrder(t *testing.T) {
	t.Parallel()
	idx := openWith(t, manual(filepath.Join(t.TempDir(), "notes")))
	t.Cleanup(func() { _ = idx.Close() })
	matching := pruneCorpus(t, idx)
	for _, word := range []string{"hotpot", "火锅"} {
		walk := func(track, limit int) ([]string, []string) {
			var hits, relations []string
			var after *models.SearchPosition
			for pages := 0; pages <= matching; pages++ {
				res, err := idx.Search(context.Background(), models.SearchQuery{Text: word, Market: "intl", Limit: limit, After: after, TrackTotalHits: track})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Hits) == 0 {
					return hits, relations
				}
				hits = append(hits, pageOf(res)...)
				relations = append(relations, res.TotalRelation)
				last := res.Hits[len(res.Hits)-1].Position()
				after = &last
			}
			t.Fatalf("%s: the cursor has not reached the end after %d pages", word, matching)
			return nil, nil
		}
		want, _ := walk(-1, index.MaxLimit)
		if len(want) != matching {
			t.Fatalf("%s: uncapped cursor pages held %d hits, want %d", word, len(want), matching)
		}
		for _, limit := range []int{9} {
			got, relations := walk(150, limit)
			if !slices.Equal(got, want) {
				t.Errorf("%s, limit %d: capped cursor pages gave %d hits, want the %d of the uncapped pages in their order", word, limit, len(got), len(want))
			}
			if !slices.Contains(relations, models.TotalAtLeast) {
				t.Errorf("%s, limit %d: no page skipped a hit (relations %v): the test does not reach the pruning", word, limit, relations)
			}
		}
	}
}
