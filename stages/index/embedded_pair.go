package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// pairSearcher finds the documents where term first is followed by term
// second at the next position of field: a pair of Chinese characters
// side by side, which the index keeps as single characters (cjkUnigrams).
// It scores a match as bleve scores a phrase, the sum of the two terms'
// scores (so prunedQuery's bound, a sum over terms, holds for it), but
// without bleve's phrase searcher, whose general paths and location maps
// made a search of a Chinese word about six times slower: it walks the
// two terms' postings together and compares their sorted positions.
// With options.IncludeTermVectors (highlights) a match carries the
// locations of the pairs found, and no others of the two terms. bleve
// calls it from one goroutine.
type pairSearcher struct {
	first, second search.Searcher
	// cur holds each term's next document not yet consumed; nil when that
	// term's postings are spent (or before init).
	cur         [2]*search.DocumentMatch
	initialized bool
	locations   bool // the search wants the matches' locations
	kept        []search.FieldTermLocation
}

func newPairSearcher(ctx context.Context, r bleveindex.IndexReader, first, second, field string, options search.SearcherOptions) (*pairSearcher, error) {
	withVectors := options
	withVectors.IncludeTermVectors = true // positions, to find the pairs
	a, err := searcher.NewTermSearcher(ctx, r, first, field, 1, withVectors)
	if err != nil {
		return nil, err
	}
	b, err := searcher.NewTermSearcher(ctx, r, second, field, 1, withVectors)
	if err != nil {
		_ = a.Close()
		return nil, err
	}
	return &pairSearcher{first: a, second: b, locations: options.IncludeTermVectors}, nil
}

func (s *pairSearcher) init(ctx *search.SearchContext) (err error) {
	s.initialized = true
	if s.cur[0], err = s.first.Next(ctx); err != nil {
		return err
	}
	s.cur[1], err = s.second.Next(ctx)
	return err
}

func (s *pairSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	for s.cur[0] != nil && s.cur[1] != nil {
		a, b := s.cur[0], s.cur[1]
		switch c := a.IndexInternalID.Compare(b.IndexInternalID); {
		case c < 0:
			if err := s.advance(ctx, 0, b.IndexInternalID); err != nil {
				return nil, err
			}
			continue
		case c > 0:
			if err := s.advance(ctx, 1, a.IndexInternalID); err != nil {
				return nil, err
			}
			continue
		}
		matched := s.adjacent(a, b)
		var err error
		if s.cur[0], err = s.first.Next(ctx); err != nil {
			return nil, err
		}
		if s.cur[1], err = s.second.Next(ctx); err != nil {
			return nil, err
		}
		if !matched {
			ctx.DocumentMatchPool.Put(a)
			ctx.DocumentMatchPool.Put(b)
			continue
		}
		a.Score += b.Score
		if a.Expl != nil && b.Expl != nil {
			a.Expl = &search.Explanation{Value: a.Score, Message: "pair of adjacent terms, sum of:", Children: []*search.Explanation{a.Expl, b.Expl}}
		}
		a.FieldTermLocations = append(a.FieldTermLocations[:0], s.kept...)
		ctx.DocumentMatchPool.Put(b)
		return a, nil
	}
	return nil, nil
}

// advance moves term i's postings to the first document at or after id.
func (s *pairSearcher) advance(ctx *search.SearchContext, i int, id bleveindex.IndexInternalID) (err error) {
	ctx.DocumentMatchPool.Put(s.cur[i])
	if i == 0 {
		s.cur[0], err = s.first.Advance(ctx, id)
	} else {
		s.cur[1], err = s.second.Advance(ctx, id)
	}
	return err
}

// adjacent reports whether a position of a's term is followed by one of
// b's, both matches of one document; when the search wants locations, it
// keeps those of every such pair in s.kept. A term searcher lists a
// document's locations by position.
func (s *pairSearcher) adjacent(a, b *search.DocumentMatch) bool {
	s.kept = s.kept[:0]
	la, lb := a.FieldTermLocations, b.FieldTermLocations
	found := false
	for i, j := 0, 0; i < len(la) && j < len(lb); {
		want := la[i].Location.Pos + 1
		switch got := lb[j].Location.Pos; {
		case got < want:
			j++
		case got > want:
			i++
		default:
			if !s.locations {
				return true
			}
			found = true
			for _, l := range []search.FieldTermLocation{la[i], lb[j]} {
				l.Location.ArrayPositions = nil // a joined text is no array; nothing to share with pooled matches
				s.kept = append(s.kept, l)
			}
			i++
			j++
		}
	}
	return found
}

func (s *pairSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	// A document at or past id, held and not consumed yet, stays.
	for i := range s.cur {
		if s.cur[i] != nil && s.cur[i].IndexInternalID.Compare(id) < 0 {
			if err := s.advance(ctx, i, id); err != nil {
				return nil, err
			}
		}
	}
	return s.Next(ctx)
}

func (s *pairSearcher) Close() error {
	err := s.first.Close()
	if err2 := s.second.Close(); err == nil {
		err = err2
	}
	return err
}

// Weight and SetQueryNorm are those of the two terms, as in a phrase.
func (s *pairSearcher) Weight() float64 { return s.first.Weight() + s.second.Weight() }

func (s *pairSearcher) SetQueryNorm(norm float64) {
	s.first.SetQueryNorm(norm)
	s.second.SetQueryNorm(norm)
}

// Count is an upper bound of the matches: the rarer term's documents.
func (s *pairSearcher) Count() uint64 {
	return min(s.first.Count(), s.second.Count())
}

func (s *pairSearcher) Min() int { return 0 }

func (s *pairSearcher) Size() int { return s.first.Size() + s.second.Size() }

func (s *pairSearcher) DocumentMatchPoolSize() int {
	return s.first.DocumentMatchPoolSize() + s.second.DocumentMatchPoolSize()
}
