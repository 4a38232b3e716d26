package index

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/notegate/notegate/models"
)

// TestTopHitsOrder checks the search's own collector against bleve's sort
// on ["-_score", "_id"], the order it replaces, on notes whose scores tie
// in groups and whose ids arrive out of order across several segments.
func TestTopHitsOrder(t *testing.T) {
	t.Parallel()
	m, err := newEmbeddedMapping()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	bodies := []string{"hotpot recipes", "hotpot hotpot in winter", "a long note about hotpot and other dishes of the city", "noodles"}
	order := rand.New(rand.NewPCG(1, 2)).Perm(300)
	for start := 0; start < len(order); start += 50 { // one segment per batch
		batch := idx.NewBatch()
		for _, i := range order[start : start+50] {
			n := note(fmt.Sprintf("n-%03d", i), 1)
			n.Body = bodies[i%len(bodies)]
			n.Translations = nil
			raw, err := json.Marshal(n)
			if err != nil {
				t.Fatal(err)
			}
			if err := batch.Index(n.NoteID, searchFields(n, string(raw))); err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(batch); err != nil {
			t.Fatal(err)
		}
	}
	s := &searchIndex{idx: idx}
	ctx := context.Background()
	// bleveOrder is the page bleve's own collector returns.
	bleveOrder := func(q models.SearchQuery) []string {
		limit, offset := page(q)
		if q.After != nil {
			offset = 0
		}
		req := bleve.NewSearchRequestOptions(embeddedQuery(ParseQuery(q.Text), q.Market), limit, offset, false)
		req.SortBy([]string{"-_score", "_id"})
		if q.After != nil {
			req.SetSearchAfter([]string{strconv.FormatFloat(q.After.Score, 'g', -1, 64), q.After.NoteID})
		}
		res, err := idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	ours := func(q models.SearchQuery) ([]string, models.SearchResult) {
		res, err := s.search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{}
		for _, h := range res.Hits {
			ids = append(ids, h.Note.NoteID)
		}
		return ids, res
	}
	for _, tc := range []struct {
		name string
		q    models.SearchQuery
	}{
		{"the first page matches bleve's", models.SearchQuery{Text: "hotpot", Limit: 20}},
		{"a page at an offset inside a group of ties matches bleve's", models.SearchQuery{Text: "hotpot", Limit: 20, Offset: 37}},
		{"the last page, shorter than the limit, matches bleve's", models.SearchQuery{Text: "hotpot", Limit: 20, Offset: 215}},
		{"a page past the hits is empty as bleve's", models.SearchQuery{Text: "hotpot", Limit: 20, Offset: 400}},
		{"a market's page matches bleve's", models.SearchQuery{Text: "hotpot", Market: "cn", Limit: 7, Offset: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, res := ours(tc.q)
			want := bleveOrder(tc.q)
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
			if res.Total != 225 {
				t.Errorf("total %d, want the 225 notes about hotpot", res.Total)
			}
		})
	}
	t.Run("walking every page with the cursor matches bleve's search_after and sees each hit once", func(t *testing.T) {
		q := models.SearchQuery{Text: "hotpot", Limit: 13}
		seen := map[string]bool{}
		for range 100 {
			got, res := ours(q)
			if want := bleveOrder(q); !slices.Equal(got, want) {
				t.Fatalf("after %v: got %v, want %v", q.After, got, want)
			}
			if len(res.Hits) == 0 {
				break
			}
			for _, id := range got {
				if seen[id] {
					t.Fatalf("%s twice", id)
				}
				seen[id] = true
			}
			p := res.Hits[len(res.Hits)-1].Position()
			q.After = &p
		}
		if len(seen) != 225 {
			t.Errorf("saw %d hits, want 225", len(seen))
		}
	})
}
