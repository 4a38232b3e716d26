package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/notegate/notegate/pipeline"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/notegate/notegate/models"
)

// searchIndex is the embedded index's full-text side: a bleve (scorch)
// index that answers Search, Queue, Thread and Author, fed in large
// batches by one goroutine from the note store's log of writes. It trails
// the note store: a write is searchable once a batch has taken it and
// bleve has persisted that batch. Each batch indexes the note store's
// current note of every id it takes (a deletion removes the document), so
// taking an id twice, or again after a restart, only writes the same
// state again, and versions never go back.
type searchIndex struct {
	cfg   EmbeddedConfig
	dir   string
	store *noteStore

	// idxMu guards idx, which the feeder replaces after a failed write
	// (see reopen) and close clears; reads hold it for reading. The feeder
	// reads idx without it: no one else replaces idx while it runs.
	idxMu sync.RWMutex
	// idx is nil once closed, or when reopening it failed; idxErr says why.
	idx    bleve.Index
	idxErr error
	// impacts serves idx's searches (see prunedQuery); replaced with idx.
	impacts *impacts
	// guardWrites makes the next batches hold idxMu exclusively: set after
	// a failed write and while the disk is low on space (see writeBatch).
	guardWrites bool

	mu sync.Mutex
	// written is the sequence number of the last write logged in the note
	// store, searched that of the last one the search index has durably
	// taken; written-searched writes wait (the lag).
	written, searched uint64
	// pending holds, per id, the bleve fields of the newest write not yet
	// searchable (nil fields: a deletion), so batches need not read the
	// note store back; ids missing here (after a restart) are read from
	// it. At most the lag's worth of entries.
	pending map[string]pendingDoc
	// since is when the oldest write not yet searchable was logged; zero
	// without lag.
	since time.Time
	// waiting counts callers waiting for the lag to shrink: Refresh, and
	// the writer held by MaxSearchLag. They make the next batch start at
	// once.
	waiting int
	// failure is the error of the last batch, until one succeeds.
	failure error
	// changed is closed and replaced whenever searched or failure change.
	changed chan struct{}

	wake chan struct{} // capacity 1: something may be due
	stop chan struct{}
	done chan struct{}
}

// pendingDoc is the newest write of one id that the search index has not
// taken yet.
type pendingDoc struct {
	seq    uint64
	fields map[string]any // nil: the id has no live note
}

// searchDir is the search index's folder inside the index directory.
const searchDir = "search"

// searchVersion names the analyzers the search index was built with, kept
// in searchVersionFile beside it. An index built with others (a release
// before Traditional/Simplified folding) is rebuilt from the note store on
// open. Change it whenever newEmbeddedMapping changes what is indexed.
const (
	searchVersion     = "5 hant-to-hans phrases sort-keys joined-texts cjk-unigrams"
	searchVersionFile = "search.version"
)

// openSearchIndex opens the search index in dir/search, creating it when
// missing, and starts feeding it from the note store's log. A new search
// index takes every live note of the store.
func openSearchIndex(cfg EmbeddedConfig, store *noteStore) (*searchIndex, error) {
	dir := filepath.Join(cfg.Dir, searchDir)
	versionFile := filepath.Join(cfg.Dir, searchVersionFile)
	if v, err := os.ReadFile(versionFile); err != nil || string(v) != searchVersion {
		if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
			// Analysed by an earlier release: rebuilt below, from the
			// note store, with today's analyzers.
			cfg.Logger.Info("index: the search index was built with other analyzers; rebuilding it from the note store", "dir", dir)
			if err := os.Remove(filepath.Join(dir, metaFile)); err != nil {
				return nil, fmt.Errorf("retire the search index of an earlier release: %w", err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, metaFile)); errors.Is(err, os.ErrNotExist) {
		// Missing, or its creation was cut short: it holds nothing the
		// note store does not. Log every note before creating it, so a
		// crash in between only repeats this.
		if err := os.RemoveAll(dir); err != nil {
			return nil, fmt.Errorf("remove an unfinished search index: %w", err)
		}
		if _, err := store.relogEverything(); err != nil {
			return nil, err
		}
	}
	idx, err := openOrCreate(dir)
	if err != nil {
		return nil, fmt.Errorf("open the search index in %s: %w", dir, err)
	}
	// Written only when it says something else: an open on a full disk
	// must not fail for a file that is already right.
	if v, err := os.ReadFile(versionFile); err != nil || string(v) != searchVersion {
		if err := os.WriteFile(versionFile, []byte(searchVersion), 0o644); err != nil {
			_ = idx.Close()
			return nil, fmt.Errorf("record the search index's analyzers: %w", err)
		}
	}
	first, last, err := store.unsearchedRange()
	if err != nil {
		_ = idx.Close()
		return nil, fmt.Errorf("read the search index's backlog: %w", err)
	}
	s := &searchIndex{
		cfg: cfg, dir: dir, store: store, idx: idx, impacts: newImpacts(),
		written: last, searched: max(first, 1) - 1,
		pending: map[string]pendingDoc{},
		changed: make(chan struct{}),
		wake:    make(chan struct{}, 1),
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	if last == 0 {
		s.searched = 0
	}
	if s.written > s.searched {
		s.since = time.Now()
		cfg.Logger.Info("index: the search index is behind the note store; catching up", "notes", s.written-s.searched)
	}
	go s.feed()
	return s, nil
}

func openOrCreate(dir string) (idx bleve.Index, err error) {
	// scorch can panic on its own error paths while opening (it closes a
	// channel it has not made yet when loading a snapshot fails).
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("bleve panicked: %v", r)
		}
	}()
	registerAnalysis()
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		idx, err := bleve.OpenUsing(dir, runtimeConfig())
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("the folder is in use by another process (%w)", err)
		}
		return idx, err
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(dir)), 0o755); err != nil {
		return nil, err
	}
	m, err := newEmbeddedMapping()
	if err != nil {
		return nil, fmt.Errorf("build mapping: %w", err)
	}
	idx, err = bleve.NewUsing(dir, m, scorch.Name, scorch.Name, runtimeConfig())
	if err != nil && !errors.Is(err, bleve.ErrorIndexPathExists) {
		// A creation that failed half way (a full disk) can leave an
		// index_meta.json without a usable store, which every later open
		// would refuse: remove it so the next open starts afresh.
		_ = os.RemoveAll(dir)
	}
	return idx, err
}

// runtimeConfig makes a second process that opens the same folder fail
// after a few seconds instead of waiting forever for bolt's file lock.
func runtimeConfig() map[string]any {
	return map[string]any{"bolt_timeout": "5s"}
}

// wrote records writes the note store has just committed, the last with
// sequence number last; called by the writer, in order.
func (s *searchIndex) wrote(docs map[string]pendingDoc, last uint64) {
	s.mu.Lock()
	for id, d := range docs {
		s.pending[id] = d
	}
	if s.written == s.searched {
		s.since = time.Now()
	}
	s.written = last
	s.mu.Unlock()
	s.nudge()
}

func (s *searchIndex) nudge() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// lag returns how many logged writes are not searchable yet.
func (s *searchIndex) lag() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.written - s.searched
}

// searchedUpTo returns the sequence number the search index has durably
// taken: the note store's log may drop entries up to it.
func (s *searchIndex) searchedUpTo() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.searched
}

// waitFor returns once the writes up to seq are searchable (ok), or when
// ready says to stop waiting, with ready's answer; ready is called with
// mu held and the current lag. It returns the context's error or ErrClosed
// when those end the wait first.
func (s *searchIndex) waitFor(ctx context.Context, seq uint64, ready func(lag uint64) (bool, error)) error {
	counted := false
	defer func() {
		if counted {
			s.mu.Lock()
			s.waiting--
			s.mu.Unlock()
		}
	}()
	s.mu.Lock()
	for {
		if s.searched >= seq {
			s.mu.Unlock()
			return nil
		}
		if ready != nil {
			if ok, err := ready(s.written - s.searched); ok || err != nil {
				s.mu.Unlock()
				return err
			}
		}
		if !counted {
			// Only a caller that waits makes the next batch urgent.
			s.waiting++
			counted = true
		}
		changed, failure := s.changed, s.failure
		s.mu.Unlock()
		s.nudge()
		select {
		case <-changed:
		case <-s.stop:
			return ErrClosed
		case <-ctx.Done():
			if failure != nil {
				return fmt.Errorf("%w (the search index is failing: %w)", ctx.Err(), failure)
			}
			return ctx.Err()
		}
		s.mu.Lock()
	}
}

// refresh returns once every write logged before the call is searchable.
func (s *searchIndex) refresh(ctx context.Context) error {
	s.mu.Lock()
	target := s.written
	s.mu.Unlock()
	return s.waitFor(ctx, target, nil)
}

// room returns once fewer than MaxSearchLag writes wait, or with an error
// while the search index fails to take them: the writer calls it before
// every transaction, which holds Apply back (back-pressure).
func (s *searchIndex) room(ctx context.Context) error {
	limit := uint64(s.cfg.MaxSearchLag)
	return s.waitFor(ctx, ^uint64(0), func(lag uint64) (bool, error) {
		if lag < limit {
			return true, nil
		}
		if s.failure != nil {
			return false, fmt.Errorf("the search index is %d notes behind and failing: %w", lag, s.failure)
		}
		return false, nil
	})
}

// feed is the goroutine that alone writes to bleve. It takes a batch when
// SearchBatchSize writes wait, when someone waits for them, or when the
// oldest has waited RefreshInterval; it retries a failed batch with
// backoff. It stops when stop is closed, leaving what waits in the note
// store's log for the next open.
func (s *searchIndex) feed() {
	defer close(s.done)
	failures := 0
	for {
		s.mu.Lock()
		lag := s.written - s.searched
		due := s.since.Add(s.cfg.RefreshInterval)
		urgent := s.waiting > 0 || lag >= uint64(s.cfg.SearchBatchSize)
		s.mu.Unlock()
		var timer *time.Timer
		switch {
		case lag == 0:
		case urgent || !time.Now().Before(due):
			if err := s.takeBatch(); err != nil {
				failures++
				s.fail(err)
				s.cfg.Health.Fail(pipeline.ConditionSearchIndex, fmt.Errorf("search index: %w", err))
				wait := min(100*time.Millisecond<<min(failures-1, 6), 5*time.Second)
				s.cfg.Logger.Warn("index: the search index could not take a batch; retrying", "dir", s.dir, "lag", lag, "retry_in", wait, "err", err)
				select {
				case <-time.After(wait):
				case <-s.stop:
					return
				}
			} else {
				// Also after a reopen: the failing feeder may have been
				// an earlier one.
				s.cfg.Health.OK(pipeline.ConditionSearchIndex)
				failures = 0
			}
			continue
		default:
			timer = time.NewTimer(time.Until(due))
		}
		var fire <-chan time.Time
		if timer != nil {
			fire = timer.C
		}
		select {
		case <-s.wake:
		case <-fire:
		case <-s.stop:
			return
		}
		if timer != nil {
			timer.Stop()
		}
	}
}

func (s *searchIndex) fail(err error) {
	s.mu.Lock()
	s.failure = err
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// takeBatch indexes the next writes of the log, at most SearchBatchSize
// and about SearchBatchBytes, in one bleve batch.
func (s *searchIndex) takeBatch() error {
	s.mu.Lock()
	from, upTo := s.searched, s.written
	s.mu.Unlock()
	ids, seqs, err := s.store.unsearched(from, upTo, s.cfg.SearchBatchSize)
	if err != nil {
		return fmt.Errorf("read the note store's log: %w", err)
	}
	if len(ids) == 0 {
		return fmt.Errorf("the note store's log has no entry after %d, up to %d", from, upTo)
	}
	docs := make(map[string]map[string]any, len(ids))
	var missing []string
	s.mu.Lock()
	for _, id := range ids {
		if _, ok := docs[id]; ok {
			continue
		}
		p, ok := s.pending[id]
		if !ok {
			missing = append(missing, id)
		}
		docs[id] = p.fields
	}
	s.mu.Unlock()
	if len(missing) > 0 {
		if err := s.readBack(missing, docs); err != nil {
			return err
		}
	}
	n := cutBatch(ids, docs, s.cfg.SearchBatchBytes)
	last := seqs[n-1]
	if err := s.writeBatch(docs); err != nil {
		return err
	}
	s.mu.Lock()
	s.searched = last
	for id := range docs {
		if p, ok := s.pending[id]; ok && p.seq <= last {
			delete(s.pending, id)
		}
	}
	if s.searched == s.written {
		s.since = time.Time{}
	}
	s.failure = nil
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	return nil
}

// cutBatch keeps in docs the notes of the longest run of ids, at least
// one, whose notes add up to at most maxBytes (an id's note counts where it
// first appears; a deletion weighs nothing), and returns the run's length:
// the rest are left for the next batch.
func cutBatch(ids []string, docs map[string]map[string]any, maxBytes int) int {
	total := 0
	taken := make(map[string]bool, len(ids))
	for i, id := range ids {
		if taken[id] {
			continue
		}
		raw, _ := docs[id][noteField].(string)
		if total+len(raw) > maxBytes && i > 0 {
			for _, later := range ids[i:] {
				if !taken[later] {
					delete(docs, later)
				}
			}
			return i
		}
		total += len(raw)
		taken[id] = true
	}
	return len(ids)
}

// readBack fills docs with the fields of the stored notes of ids, or nil
// for ids without a live note.
func (s *searchIndex) readBack(ids []string, docs map[string]map[string]any) error {
	return s.store.db.View(func(tx *bolt.Tx) error {
		for _, id := range ids {
			cur, err := read(tx, id, true)
			if err != nil {
				return err
			}
			if !cur.known || cur.stamp.deleted {
				docs[id] = nil
				continue
			}
			n, err := decodeNote(cur.note)
			if err != nil {
				return fmt.Errorf("note %s: %w", id, err)
			}
			docs[id] = searchFields(n, string(cur.note))
		}
		return nil
	})
}

// writeBatch writes docs to bleve as one batch, persisted before it
// returns. When that fails or panics, it reopens the index (see reopen)
// and returns the error: the batch is taken again.
func (s *searchIndex) writeBatch(docs map[string]map[string]any) (err error) {
	if s.idx == nil {
		// Reopening after an earlier failure failed too.
		if err := s.reopen(); err != nil {
			return err
		}
	}
	// A batch that fails to persist leaves bleve's current snapshot holding
	// a closed segment until reopen replaces the index, and a search that
	// meets it panics in a goroutine of bleve's own, where read cannot
	// recover it: the process would crash. So when a failure is likely (the
	// last write failed, or the disk is nearly full) the batch holds idxMu
	// exclusively and no search runs until the index is sound again. On a
	// disk with room, searches keep running beside writes.
	if s.guardWrites || lowOnSpace(s.dir) {
		s.idxMu.Lock()
		defer s.idxMu.Unlock()
		defer func() { s.guardWrites = err != nil }()
		return s.writeBatchLocked(docs, true)
	}
	return s.writeBatchLocked(docs, false)
}

// writeBatchLocked is writeBatch's work; held says whether the caller
// holds idxMu for writing (reopen must not take it again).
func (s *searchIndex) writeBatchLocked(docs map[string]map[string]any, held bool) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("bleve panicked: %v", r)
		}
		if err != nil {
			s.guardWrites = true
			var rerr error
			if held {
				rerr = s.reopenLocked()
			} else {
				rerr = s.reopen()
			}
			s.cfg.Logger.Warn("index: search write failed; reopened the search index", "dir", s.dir, "err", err, "reopen_err", rerr)
			if rerr != nil {
				err = errors.Join(err, rerr)
			}
		}
	}()
	batch := s.idx.NewBatch()
	for id, fields := range docs {
		if fields == nil {
			batch.Delete(id)
			continue
		}
		if err := batch.Index(id, fields); err != nil {
			// The note store accepted the note; a document bleve refuses
			// stays out of search rather than stopping it.
			s.cfg.Logger.Warn("index: search index refused a note; it is stored but not searchable", "note_id", id, "err", err)
			batch.Delete(id)
		}
	}
	if err := s.idx.Batch(batch); err != nil {
		return fmt.Errorf("write batch: %w", err)
	}
	return nil
}

// reopen closes the bleve index and opens its directory again, dropping
// what a failed write left in memory. When scorch fails to persist a batch,
// Batch returns the error and closes the batch's in-memory segment, which
// the index's current snapshot still holds (bleve index/scorch/scorch.go,
// Batch): the next lookup in that segment, by a reader, panics in zapx
// (assignment to entry in nil map). The reopened index holds only what was
// persisted, and the batch is taken again from the note store.
func (s *searchIndex) reopen() error {
	s.idxMu.Lock()
	defer s.idxMu.Unlock()
	return s.reopenLocked()
}

// reopenLocked is reopen for a caller that holds idxMu for writing.
func (s *searchIndex) reopenLocked() error {
	if s.idx != nil {
		if err := s.idx.Close(); err != nil {
			s.cfg.Logger.Warn("index: close after a failed write", "dir", s.dir, "err", err)
		}
		s.idx = nil
	}
	idx, err := openOrCreate(s.dir)
	if err != nil {
		s.idxErr = fmt.Errorf("index: reopen %s after a failed write: %w", s.dir, err)
		return s.idxErr
	}
	s.idx = idx
	// A segment that failed to persist may see its id reused.
	s.impacts = newImpacts()
	return nil
}

// read runs fn on the bleve index, turning a panic inside bleve into an
// error: a read that races with a failed write can meet the segment bleve
// has closed (see reopen) before the feeder replaces the index.
func (s *searchIndex) read(op string, fn func(bleve.Index) error) (err error) {
	s.idxMu.RLock()
	defer s.idxMu.RUnlock()
	if s.idx == nil {
		return s.idxErr
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("index: %s: bleve panicked: %v", op, r)
		}
	}()
	return fn(s.idx)
}

// close stops the feeder, leaving what waits in the note store's log, and
// closes bleve.
func (s *searchIndex) close() error {
	close(s.stop)
	<-s.done
	s.idxMu.Lock()
	defer s.idxMu.Unlock()
	idx := s.idx
	s.idx, s.idxErr = nil, ErrClosed
	if idx == nil {
		return nil // reopening after a failed write had failed
	}
	if err := idx.Close(); err != nil {
		return fmt.Errorf("index: close the search index: %w", err)
	}
	return nil
}

// search runs q; see Index.
func (s *searchIndex) search(ctx context.Context, q models.SearchQuery) (out models.SearchResult, err error) {
	out, broken, err := s.searchOnce(ctx, q, true)
	if err == nil && broken != nil {
		// The bound of prunedQuery is wrong for this query: the page may
		// miss hits it skipped. Never seen; answered right regardless.
		s.cfg.Logger.Error("index: search: a pruned search met a hit above its bound; searching again without pruning", "query", q.Text, "err", broken)
		out, _, err = s.searchOnce(ctx, q, false)
	}
	return out, err
}

// searchOnce runs q, pruned (see prunedQuery) when prune is set and q
// allows it; broken says that pruning went wrong.
func (s *searchIndex) searchOnce(ctx context.Context, q models.SearchQuery, prune bool) (out models.SearchResult, broken error, err error) {
	limit, offset := page(q)
	if q.After != nil {
		offset = 0
	}
	parsed := ParseQuery(q.Text)
	// Sorted by score alone, so that bleve reads no note ids; topHits
	// breaks ties on the note id and skips what the cursor has passed,
	// reading ids only where the score cannot decide.
	top := &topHits{keep: offset + limit}
	if q.After != nil {
		top.after = &afterHit{score: q.After.Score, id: q.After.NoteID}
	}
	var state pruneState
	bq := embeddedQuery(parsed, q.Market)
	// Phrases score by their own rule, which the bound does not follow.
	if track := trackTotalHits(q); prune && track >= 0 && len(parsed.Words) > 0 && len(parsed.Phrases) == 0 {
		bq = newPrunedQuery(bq, parsed, top, track, &state)
	}
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	req.SortBy([]string{"-_score"})
	err = s.read("search", func(idx bleve.Index) error {
		if p, ok := bq.(*prunedQuery); ok {
			p.impacts = s.impacts
		}
		res, err := idx.SearchInContext(withTopHits(ctx, top), req)
		if err != nil {
			return fmt.Errorf("index: search: %w", err)
		}
		if state.broken != nil {
			return nil
		}
		res.Hits = top.page(offset)
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		matches, err := embeddedMatches(ctx, idx, parsed, ids)
		if err != nil {
			return err
		}
		out = models.SearchResult{Total: int(res.Total), TotalRelation: models.TotalEqual, Hits: make([]models.SearchHit, 0, len(res.Hits))}
		if state.skipped {
			out.TotalRelation = models.TotalAtLeast
		}
		for _, h := range res.Hits {
			raw, err := hitNoteJSON(idx, h.ID)
			if err != nil {
				return err
			}
			n, err := decodeNote([]byte(raw))
			if err != nil {
				return err
			}
			hit := models.SearchHit{Note: n, Score: h.Score}
			if m := matches[h.ID]; len(m) > 0 {
				hit.Highlights = noteHighlights(n, textSpans(joinTexts(allTexts(newDocument(n))), m))
			}
			out.Hits = append(out.Hits, hit)
		}
		return nil
	})
	return out, state.broken, err
}

// hitNoteJSON returns the note JSON that the search index keeps for id.
func hitNoteJSON(idx bleve.Index, id string) (string, error) {
	doc, err := idx.Document(id)
	if err != nil {
		return "", fmt.Errorf("index: search: read hit %s: %w", id, err)
	}
	var raw string
	found := false
	if doc != nil {
		doc.VisitFields(func(f bleveindex.Field) {
			if f.Name() == noteField {
				raw, found = string(f.Value()), true
			}
		})
	}
	if !found {
		return "", fmt.Errorf("index: search: hit %s has no stored note", id)
	}
	return raw, nil
}

// embeddedQuery requires every word of q and each of its phrases somewhere
// in the note's texts, excludes notes with any of its exclusions, ranks
// title matches higher, and keeps notes approved in market. The words are
// one match query, as the whole text was before phrases: a word the
// analyzer drops costs nothing, and a text of such words matches nothing.
func embeddedQuery(q Query, market string) query.Query {
	var filter query.Query
	if market != "" {
		t := bleve.NewTermQuery(market)
		t.SetField("approved_markets")
		filter = t
	} else {
		b := bleve.NewBoolFieldQuery(true)
		b.SetField("approved")
		filter = b
	}
	if q.Empty() {
		return bleve.NewConjunctionQuery(filter)
	}
	words := func(text string) query.Query {
		return &wordsQuery{text: text, field: allField}
	}
	b := bleve.NewBooleanQuery()
	// A filter, not a must: bleve neither scores it nor reads its
	// frequencies, only checks each candidate against it. Without a
	// market, a query that requires a word or phrase needs no filter:
	// only approved notes have texts in the search index (searchFields),
	// and checking 600k approved notes was a quarter of such a search.
	if market != "" || (len(q.Words) == 0 && len(q.Phrases) == 0) {
		b.AddFilter(filter)
	}
	if len(q.Words) > 0 {
		b.AddMust(words(q.wordText()))
	}
	for _, p := range q.Phrases {
		b.AddMust(phraseQuery(p))
	}
	for _, w := range q.NotWords {
		b.AddMustNot(words(w))
	}
	for _, p := range q.NotPhrases {
		b.AddMustNot(phraseQuery(p))
	}
	if text := q.positiveText(); text != "" {
		title := bleve.NewMatchQuery(text)
		title.SetField("title")
		title.Analyzer = queryAnalyzer
		title.SetBoost(titleBoost)
		b.AddShould(title)
	}
	return b
}

// phraseQuery matches text as a phrase of allField: its terms, as
// textChain analyses them (a Chinese text as its characters), at the
// positions they have there.
func phraseQuery(text string) query.Query {
	m := bleve.NewMatchPhraseQuery(text)
	m.SetField(allField)
	m.Analyzer = textChain
	return m
}

// searchFields is the bleve document of a live note: the note JSON, which
// hits return, and only the fields the reads that can find it look at, as
// analysis is most of what indexing costs. Every note has what Thread and
// Author read (parent, author, first seen, decision terms); an approved
// note its texts and markets, which only Search reads and only for
// approved notes; a note in the review queue the queue's filters and
// sort keys, which only Queue reads and only for queued notes.
func searchFields(n *models.Note, raw string) map[string]any {
	d := newDocument(n)
	f := map[string]any{
		"queued_at": sortKeyInt(d.QueuedAt.Unix()),
		noteField:   raw,
	}
	if d.ParentID != "" {
		f["parent_id"] = d.ParentID
	}
	if d.AuthorID != "" {
		f["author_id"] = d.AuthorID
	}
	if len(d.DecisionTerms) > 0 {
		f["decision_terms"] = d.DecisionTerms
	}
	if d.Approved {
		f["approved"] = true
		f["approved_markets"] = slices.Clone(d.ApprovedMarkets) // the caller owns the note
		f["title"] = d.Title
		f[allField] = joinTexts(allTexts(d)).String()
	}
	if len(d.ReviewMarkets) > 0 {
		f["review_markets"] = d.ReviewMarkets
		f["categories"] = d.Categories
		f["language_code"] = d.Language.Code
		f["urgency"] = sortKeyInt(int64(d.Urgency))
		f["severity"] = sortKeyFloat(d.Severity)
		f["escalated"] = d.Escalated
		f["reported"] = sortKeyInt(int64(d.Reported))
		f[queuedRangeField] = float64(d.QueuedAt.Unix())
	}
	return f
}

// allTexts lists the texts of d, which allField joins (joinTexts): a
// phrase matches within one of them, never across two.
func allTexts(d document) []string {
	parts := make([]string, 0, 2+len(d.Tags)+len(d.Translations))
	for _, p := range [][]string{{d.Title, d.Body}, d.Tags, d.Translations} {
		for _, s := range p {
			if s != "" {
				parts = append(parts, s)
			}
		}
	}
	return parts
}
