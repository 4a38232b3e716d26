package index

import (
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// listSearcher returns fixed hits in order; Advance skips to the first at
// or after the document asked for.
type listSearcher struct {
	search.Searcher // unused methods
	docs            []uint64
	scores          []float64
	at              int
}

func (l *listSearcher) Next(*search.SearchContext) (*search.DocumentMatch, error) {
	if l.at == len(l.docs) {
		return nil, nil
	}
	d := &search.DocumentMatch{IndexInternalID: bleveindex.NewIndexInternalID(nil, l.docs[l.at]), Score: l.scores[l.at]}
	l.at++
	return d, nil
}

func (l *listSearcher) Advance(sctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	for l.at < len(l.docs) && l.docs[l.at] < id.Value() {
		l.at++
	}
	return l.Next(sctx)
}

func TestPruningSearcher(t *testing.T) {
	t.Parallel()
	// Two blocks: [0,10) bounded by 5, [10,20) by second (1 unless set).
	tests := []struct {
		name        string
		second      float64
		docs        []uint64
		scores      []float64
		keep, track int
		wantDocs    []uint64
		wantSkipped bool
		wantBroken  bool
	}{
		{"a block below a full page is skipped once the cap is counted", 0, []uint64{1, 2, 11, 12}, []float64{4, 3, 1, 1}, 2, 2, []uint64{1, 2}, true, false},
		{"nothing is skipped before the cap is counted", 0, []uint64{1, 2, 11, 12}, []float64{4, 3, 1, 1}, 2, 4, []uint64{1, 2, 11, 12}, false, false},
		{"nothing is skipped while the page is not full", 0, []uint64{1, 11, 12}, []float64{4, 1, 1}, 2, 0, []uint64{1, 11, 12}, false, false},
		{"a block whose bound ties the page's last is read", 0, []uint64{1, 11, 12}, []float64{1, 1, 1}, 1, 0, []uint64{1, 11, 12}, false, false},
		{"a block whose bound is a rounding below the page's last is read", math.Nextafter(1, 0), []uint64{1, 11, 12}, []float64{1, 1, 1}, 1, 0, []uint64{1, 11, 12}, false, false},
		{"a hit above its block's bound stops pruning and says so", 0, []uint64{1, 11, 12}, []float64{4, 2, 1}, 1, 0, []uint64{1, 11, 12}, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ranges := []docRange{{start: 0, end: 10, bound: 5}, {start: 10, end: 20, bound: 1}}
			if tc.second != 0 {
				ranges[1].bound = tc.second
			}
			top := &topHits{keep: tc.keep}
			state := &pruneState{}
			p := &pruningSearcher{Searcher: &listSearcher{docs: tc.docs, scores: tc.scores},
				bounds: func() ([]docRange, error) { return ranges, nil },
				q:      &prunedQuery{top: top, track: tc.track, state: state}}
			sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(1, 0)}
			var got []uint64
			for {
				d, err := p.Next(sctx)
				if err != nil {
					t.Fatal(err)
				}
				if d == nil {
					break
				}
				got = append(got, d.IndexInternalID.Value())
				d.ID = string(rune('a' + len(got))) // read: no index needed
				if err := top.offer(sctx, d); err != nil {
					t.Fatal(err)
				}
			}
			if len(got) != len(tc.wantDocs) {
				t.Fatalf("passed on %v, want %v", got, tc.wantDocs)
			}
			for i := range got {
				if got[i] != tc.wantDocs[i] {
					t.Fatalf("passed on %v, want %v", got, tc.wantDocs)
				}
			}
			if state.skipped != tc.wantSkipped || (state.broken != nil) != tc.wantBroken {
				t.Errorf("skipped %v broken %v, want %v %v", state.skipped, state.broken, tc.wantSkipped, tc.wantBroken)
			}
		})
	}
}
