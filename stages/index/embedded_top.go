package index

import (
	"container/heap"
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/search"
)

// topHits collects the best hits of a bleve search in the order of hits
// (score descending, then note id ascending), as bleve's own collector
// does when sorted by ["-_score", "_id"], but it reads a hit's note id
// only when the score alone cannot place the hit: when the hit enters
// the page, or ties with the last hit kept or with the cursor. bleve reads
// the id of every matching note to sort on it, a random read in the stored
// section of its segment; on 1M notes that was a quarter of a search's CPU,
// and the pages it touched took the bench's peak RSS from 186 to 874 MB.
//
// It is installed for one search with withTopHits, and is the only
// collector that sees the hits: bleve's result then has Total and
// MaxScore but no Hits. Not safe for concurrent use; bleve calls it from
// the searching goroutine only.
type topHits struct {
	// keep is how many hits to keep: the offset plus the page size.
	keep int
	// after, when set, skips the hits at or before this position.
	after *afterHit
	// heap holds the kept hits, the worst (last in the order of hits) on
	// top, each with its note id read.
	heap worstFirst
	err  error
}

type afterHit struct {
	score float64
	id    string
}

// worstFirst is a heap of hits whose top is the one that comes last in
// the order of hits.
type worstFirst []*search.DocumentMatch

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return before(h[j], h[i]) }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)        { *h = append(*h, x.(*search.DocumentMatch)) }
func (h *worstFirst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// before says whether a comes before b in the order of hits; both have
// their ids read.
func before(a, b *search.DocumentMatch) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.ID < b.ID
}

// withTopHits returns ctx set for bleve to hand every hit of a search run
// with it to t. The search must sort by "-_score" alone, so that bleve
// reads no ids itself.
func withTopHits(ctx context.Context, t *topHits) context.Context {
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(
		func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
			return func(d *search.DocumentMatch) error {
				if d == nil || t.err != nil {
					return t.err // nil: the end of the hits
				}
				t.err = t.offer(sctx, d)
				return t.err
			}, false, nil
		}))
}

// offer takes d into the page or gives it back to bleve's pool.
func (t *topHits) offer(sctx *search.SearchContext, d *search.DocumentMatch) error {
	readID := func() error {
		if d.ID != "" {
			return nil
		}
		id, err := sctx.IndexReader.ExternalID(d.IndexInternalID)
		d.ID = id
		return err
	}
	drop := func() { sctx.DocumentMatchPool.Put(d) }
	if a := t.after; a != nil {
		if d.Score > a.score {
			drop()
			return nil
		}
		if d.Score == a.score {
			if err := readID(); err != nil {
				return err
			}
			if d.ID <= a.id {
				drop()
				return nil
			}
		}
	}
	if t.keep <= 0 {
		drop()
		return nil
	}
	if len(t.heap) < t.keep {
		if err := readID(); err != nil {
			return err
		}
		heap.Push(&t.heap, d)
		return nil
	}
	worst := t.heap[0]
	if d.Score < worst.Score {
		drop()
		return nil
	}
	if err := readID(); err != nil {
		return err
	}
	if !before(d, worst) {
		drop()
		return nil
	}
	t.heap[0] = d
	heap.Fix(&t.heap, 0)
	sctx.DocumentMatchPool.Put(worst)
	return nil
}

// threshold returns the score a hit must reach to enter the page, and
// whether the page is full (before, any hit enters).
func (t *topHits) threshold() (float64, bool) {
	if len(t.heap) < t.keep {
		return 0, false
	}
	return t.heap[0].Score, true
}

// page returns the kept hits after the first offset, in the order of hits.
func (t *topHits) page(offset int) []*search.DocumentMatch {
	hits := slices.Clone([]*search.DocumentMatch(t.heap))
	slices.SortFunc(hits, func(a, b *search.DocumentMatch) int {
		if before(a, b) {
			return -1
		}
		return 1 // ids are unique: no two hits are equal
	})
	if offset >= len(hits) {
		return nil
	}
	return hits[offset:]
}
