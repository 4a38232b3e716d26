package index

import (
	"fmt"
	"math"
	"sync"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// impactBlock is how many consecutive documents of a segment share one
// impact bound. Smaller blocks skip more precisely and cost more memory
// and bookkeeping; on 1M notes, a first page of 的 (384k hits) scored 40k
// of them with blocks of 512 and 19k with 128, 10k of which are counted
// before any is skipped.
const impactBlock = 128

// impactCacheFloats bounds the impact cache: 4M bounds, 32 MB, hold
// about 500 terms of a 1M-note index.
const impactCacheFloats = 4 << 20

// impactKey names one term's postings in one segment. scorch never
// changes a segment once made (it only marks documents deleted, which
// leaves a bound over all of them valid), and never reuses a segment id
// within an index, so the key never goes stale; a reopened index starts
// a new cache.
type impactKey struct {
	segment uint64
	field   string
	term    string
}

// impacts caches, per term of a segment, the largest impact of the term
// in each block of impactBlock documents: sqrt(frequency) times the
// field's length norm, the part of a TF-IDF term score that depends on
// the document. It is computed by reading the term's postings once, and
// is what lets a search skip blocks whose documents cannot enter the page
// (see pruningSearcher). Safe for concurrent use; bounded by
// impactCacheFloats, evicting the oldest entries first.
type impacts struct {
	mu     sync.Mutex
	byKey  map[impactKey][]float64
	order  []impactKey // insertion order, oldest first
	floats int
}

func newImpacts() *impacts { return &impacts{byKey: map[impactKey][]float64{}} }

// blockMaxima returns the term's largest impact per block of seg's
// documents (nil when the term is not in seg), computing it on first use.
// The caller must not modify the result.
func (c *impacts) blockMaxima(id uint64, seg segment.Segment, field, term string) ([]float64, error) {
	key := impactKey{segment: id, field: field, term: term}
	c.mu.Lock()
	got, ok := c.byKey[key]
	c.mu.Unlock()
	if ok {
		return got, nil
	}
	maxima, err := readBlockMaxima(seg, field, term)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[key]; !ok {
		c.byKey[key] = maxima
		c.order = append(c.order, key)
		c.floats += max(len(maxima), 1)
		for c.floats > impactCacheFloats && len(c.order) > 1 {
			old := c.order[0]
			c.order = c.order[1:]
			c.floats -= max(len(c.byKey[old]), 1)
			delete(c.byKey, old)
		}
	}
	return maxima, nil
}

// readBlockMaxima reads every posting of term in seg.
func readBlockMaxima(seg segment.Segment, field, term string) ([]float64, error) {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("impacts: dictionary of %s: %w", field, err)
	}
	postings, err := dict.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("impacts: postings of %s:%s: %w", field, term, err)
	}
	if postings == nil || postings.Count() == 0 {
		return nil, nil
	}
	maxima := make([]float64, (seg.Count()+impactBlock-1)/impactBlock)
	it := postings.Iterator(true, true, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("impacts: read %s:%s: %w", field, term, err)
		}
		if p == nil {
			return maxima, nil
		}
		b := p.Number() / impactBlock
		if b >= uint64(len(maxima)) {
			return nil, fmt.Errorf("impacts: %s:%s has document %d in a segment of %d", field, term, p.Number(), seg.Count())
		}
		if u := math.Sqrt(float64(p.Frequency())) * p.Norm(); u > maxima[b] {
			maxima[b] = u
		}
	}
}
