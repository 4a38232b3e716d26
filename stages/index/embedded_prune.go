package index

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// prunedQuery runs the query that embeddedQuery built for words without
// phrases, and, once it has counted track hits, skips the blocks of
// documents that cannot hold a hit of the page, as Lucene's block-max
// WAND does with the impacts it stores: a first page of 的 on 1M notes
// scores all 384k hits of the word without it, about 19k with it (10k of
// them counted before any skip). The page is the same either way; only
// Total becomes a lower bound.
//
// The bound of a block is the sum, over the query's scoring terms, of the
// term's TF-IDF weight in this search times its largest impact in the
// block (impacts), computed once track hits are counted. From then on,
// every hit is checked against the bound of its block; a hit above it
// means the bound is wrong for this query, and the search must be run
// again unpruned (pruneState.broken).
type prunedQuery struct {
	inner query.Query
	// must is the text whose terms embeddedQuery requires in allField;
	// title the text it matches in title, boosted by titleBoost.
	must, title string
	top         *topHits
	// track is how many hits are counted before any is skipped.
	track   int
	impacts *impacts
	state   *pruneState
}

// newPrunedQuery prunes inner, a query of embeddedQuery, for a search
// whose page top collects.
func newPrunedQuery(inner query.Query, parsed Query, top *topHits, track int, state *pruneState) *prunedQuery {
	if b, ok := inner.(*query.BooleanQuery); ok && b.Should != nil {
		b.Should = &rewindableQuery{inner: b.Should}
	}
	return &prunedQuery{inner: inner, must: parsed.wordText(), title: parsed.positiveText(), top: top, track: track, state: state}
}

// titleBoost is embeddedQuery's boost of title matches.
const titleBoost = 2

// pruneState is what a pruned search reports back.
type pruneState struct {
	// skipped: at least one hit was skipped, so Total is a lower bound.
	skipped bool
	// broken: a hit scored above its block's bound.
	broken error
}

// Searcher builds the inner searcher and, on a scorch snapshot, wraps it.
func (q *prunedQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	inner, err := q.inner.Searcher(ctx, r, m, options)
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok || options.Score == "none" || options.Explain || inner.Weight() <= 0 {
		return inner, nil // nothing scored: words the analyzer drops
	}
	// The bounds are computed once track hits are counted: a search with
	// fewer hits never pays for them.
	return &pruningSearcher{Searcher: inner, q: q, bounds: func() ([]docRange, error) {
		return q.bounds(ctx, snap, m, inner.Weight(), options)
	}}, nil
}

// scoringTerm is one term query of the search: its score in a document
// is coeff times the term's impact there.
type scoringTerm struct {
	field, term string
	coeff       float64
}

// docRange is a run of documents, by global document number, with the
// bound of their scores.
type docRange struct {
	start, end uint64 // [start, end)
	bound      float64
}

// bounds returns the ranges of every segment of snap, in document order.
// weight is the whole query's sum of squared weights, from which bleve
// derives its query norm.
func (q *prunedQuery) bounds(ctx context.Context, snap *scorch.IndexSnapshot, m mapping.IndexMapping, weight float64, options search.SearcherOptions) ([]docRange, error) {
	analyzer := m.AnalyzerNamed(queryAnalyzer)
	if analyzer == nil || weight <= 0 {
		return nil, fmt.Errorf("index: search: no analyzer %s or no query weight", queryAnalyzer)
	}
	queryNorm := 1 / math.Sqrt(weight)
	var terms []scoringTerm
	add := func(words []string, field string, boost float64) error {
		for _, word := range words {
			// bleve's own term searcher says the term's weight,
			// (boost·idf)²; its score is impact·idf·boost·idf·queryNorm.
			ts, err := searcher.NewTermSearcher(ctx, snap, word, field, boost, options)
			if err != nil {
				return err
			}
			w := ts.Weight()
			_ = ts.Close()
			terms = append(terms, scoringTerm{field: field, term: word, coeff: w / boost * queryNorm})
		}
		return nil
	}
	must, err := analyseWords(m, q.must)
	if err != nil {
		return nil, err
	}
	if err := add(must.scoringTerms(), allField, 1); err != nil {
		return nil, err
	}
	var title []string
	for _, tok := range analyzer.Analyze([]byte(q.title)) {
		title = append(title, string(tok.Term))
	}
	if err := add(title, "title", titleBoost); err != nil {
		return nil, err
	}
	var ranges []docRange
	var base uint64
	maxima := make([][]float64, len(terms))
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		n := seg.Count()
		for i, t := range terms {
			got, err := q.impacts.blockMaxima(ss.Id(), seg, t.field, t.term)
			if err != nil {
				return nil, err
			}
			maxima[i] = got
		}
		for b := uint64(0); b*impactBlock < n; b++ {
			bound := 0.0
			for i, t := range terms {
				if b < uint64(len(maxima[i])) {
					bound += t.coeff * maxima[i][b]
				}
			}
			ranges = append(ranges, docRange{start: base + b*impactBlock, end: base + min((b+1)*impactBlock, n), bound: bound})
		}
		base += n
	}
	return ranges, nil
}

// boundSlack absorbs the rounding between bleve's arithmetic and the
// bound's: a hit that ties with the page's worst may enter it (the note id
// decides), so its block must not be skipped for a bound one ulp short.
const boundSlack = 1e-9

// below says whether no score within bound can reach score.
func below(bound, score float64) bool { return bound*(1+boundSlack) < score }

// pruningSearcher passes on the hits of its inner searcher, skipping with
// Advance the ranges whose bound is below the page's worst kept score once
// track hits have been passed on. bleve calls it from one goroutine.
type pruningSearcher struct {
	search.Searcher
	q *prunedQuery
	// bounds computes ranges, which are nil until the first skip may be.
	bounds func() ([]docRange, error)
	ranges []docRange
	at     int // the range of the last hit
	passed int
	off    bool
}

func (p *pruningSearcher) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := p.Searcher.Next(sctx)
	return p.filter(sctx, d, err)
}

func (p *pruningSearcher) Advance(sctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := p.Searcher.Advance(sctx, id)
	return p.filter(sctx, d, err)
}

// filter passes d on, or skips to the first hit of a range that may hold a
// hit of the page.
func (p *pruningSearcher) filter(sctx *search.SearchContext, d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for d != nil && err == nil && !p.off {
		if p.passed < p.q.track {
			break
		}
		worst, full := p.q.top.threshold()
		if !full {
			break
		}
		if p.ranges == nil {
			if p.ranges, err = p.bounds(); err != nil {
				return nil, err
			}
			if len(p.ranges) == 0 {
				p.off = true
				break
			}
		}
		r, ok := p.rangeOf(d.IndexInternalID.Value())
		if !ok || below(r.bound, d.Score) {
			p.q.state.broken = fmt.Errorf("hit %d scored %g above its block's bound %g", d.IndexInternalID.Value(), d.Score, r.bound)
			p.off = true
			break
		}
		if !below(r.bound, worst) {
			break
		}
		// Neither d nor the rest of its range can enter the page.
		p.q.state.skipped = true
		sctx.DocumentMatchPool.Put(d)
		next := p.at + 1
		for next < len(p.ranges) && below(p.ranges[next].bound, worst) {
			next++
		}
		if next == len(p.ranges) {
			return nil, nil
		}
		p.at = next
		d, err = p.Searcher.Advance(sctx, bleveindex.NewIndexInternalID(nil, p.ranges[next].start))
	}
	if d != nil && err == nil {
		p.passed++
	}
	return d, err
}

// rangeOf returns the range holding document n.
func (p *pruningSearcher) rangeOf(n uint64) (docRange, bool) {
	if p.at >= len(p.ranges) || n < p.ranges[p.at].start {
		p.at = sort.Search(len(p.ranges), func(i int) bool { return p.ranges[i].end > n })
	}
	for p.at < len(p.ranges) && p.ranges[p.at].end <= n {
		p.at++
	}
	if p.at == len(p.ranges) || n < p.ranges[p.at].start {
		return docRange{}, false
	}
	return p.ranges[p.at], true
}

// rewindableQuery gives a boolean query's should clause a searcher that
// Advance cannot move past the match it last returned. bleve's
// BooleanSearcher.Advance (v2.6.3) advances its should searcher even when
// the should match it holds is already at or past the target, losing that
// match: the next document with a title match then scores without it.
// bleve never calls Advance on its own searchers this way; pruningSearcher
// does.
type rewindableQuery struct{ inner query.Query }

func (q *rewindableQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	s, err := q.inner.Searcher(ctx, r, m, options)
	if err != nil {
		return nil, err
	}
	if _, none := s.(*searcher.MatchNoneSearcher); none {
		return s, nil // the boolean searcher drops it
	}
	return &rewindableSearcher{Searcher: s}, nil
}

// rewindableSearcher answers Advance to a document at or before the match
// it last returned with (a copy of) that match, as a term searcher would.
type rewindableSearcher struct {
	search.Searcher
	last      uint64
	lastScore float64
	has       bool
}

func (s *rewindableSearcher) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	return s.remember(s.Searcher.Next(sctx))
}

func (s *rewindableSearcher) Advance(sctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if s.has && s.last >= id.Value() {
		d := sctx.DocumentMatchPool.Get()
		d.IndexInternalID = bleveindex.NewIndexInternalID(d.IndexInternalID[:0], s.last)
		d.Score = s.lastScore
		return d, nil
	}
	return s.remember(s.Searcher.Advance(sctx, id))
}

func (s *rewindableSearcher) remember(d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	s.has = d != nil && err == nil
	if s.has {
		s.last, s.lastScore = d.IndexInternalID.Value(), d.Score
	}
	return d, err
}
