package indextest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
)

// pagingCases check deep paging with a cursor (models.SearchQuery.After).
// They search only for a whole lowercase word of the title and body, so a
// test double that matches whole words and orders hits of equal score by
// note id runs them too (RunPaging).
var pagingCases = []testCase{
	{"cursor_pages_return_every_hit_exactly_once_in_the_order_of_offset_pages", testCursorPaging},
}

// RunPaging runs the cursor cases only, for test doubles of a backend (see
// RunWrites). It is no substitute for Run.
func RunPaging(t *testing.T, f Factory) {
	t.Helper()
	run(t, f, pagingCases)
}

func testCursorPaging(t *testing.T, f Factory) {
	idx := open(t, f)
	const count = index.MaxLimit + 37
	notes := make([]*models.Note, 0, count+2)
	for i := range count {
		// Bodies of different lengths and titles that repeat the word
		// score differently; notes of the same shape tie, and the note id
		// orders them.
		title := "cursor"
		if i%5 == 0 {
			title = "cursor cursor"
		}
		notes = append(notes, Note(fmt.Sprintf("c%03d", i), 1, "en", title, fmt.Sprintf("cursor note %d", i%40), "intl"))
	}
	// Neither is a hit: approved in another market only, and in review.
	notes = append(notes, Note("c-cn", 1, "en", "cursor", "cursor note", "cn"),
		withDecision(Note("c-review", 1, "en", "cursor", "cursor note", "intl"), models.DecisionReview))
	apply(t, idx, notes...)
	apply(t, idx, Deletion("c007", 2))
	const want = count - 1

	var byOffset []string
	for offset := 0; offset < want; offset += 10 {
		res := search(t, idx, models.SearchQuery{Text: "cursor", Market: "intl", Limit: 10, Offset: offset})
		for _, h := range res.Hits {
			byOffset = append(byOffset, h.Note.NoteID)
		}
	}
	if len(byOffset) != want {
		t.Fatalf("offset pages held %d hits, want %d", len(byOffset), want)
	}
	for _, limit := range []int{1, 7, index.MaxLimit} {
		var got []string
		var after *models.SearchPosition
		for pages := 0; ; pages++ {
			if pages > want+1 {
				t.Fatalf("limit %d: the cursor has not reached the end after %d pages", limit, pages)
			}
			q := models.SearchQuery{Text: "cursor", Market: "intl", Limit: limit, After: after}
			if after != nil {
				q.Offset = 3 // ignored with a cursor
			}
			res := search(t, idx, q)
			if res.Total != want {
				t.Fatalf("limit %d, page %d: total %d, want %d", limit, pages, res.Total, want)
			}
			if len(res.Hits) > limit {
				t.Fatalf("limit %d, page %d: %d hits", limit, pages, len(res.Hits))
			}
			if len(res.Hits) == 0 {
				break
			}
			for _, h := range res.Hits {
				got = append(got, h.Note.NoteID)
			}
			last := res.Hits[len(res.Hits)-1].Position()
			after = &last
		}
		if seen := uniq(got); len(seen) != len(got) {
			t.Errorf("limit %d: %d hits on the pages, %d of them distinct", limit, len(got), len(seen))
		}
		if !slices.Equal(got, byOffset) {
			t.Errorf("limit %d: cursor pages gave\n%v\nwant the order of offset pages\n%v", limit, got, byOffset)
		}
	}
}

func uniq(ids []string) map[string]bool {
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		seen[id] = true
	}
	return seen
}
