package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// Embedded is an Index kept on local disk with bleve (scorch). It suits a
// single notegate process; several processes must not share one Dir.
//
// The version of every note id, live or deleted, is kept in bleve's internal
// store and written in the same atomic batch as the document, so the version
// rules hold across restarts and tombstones stop late, older upserts.
type Embedded struct {
	cfg EmbeddedConfig

	// writes feeds the single writer goroutine, which alone writes to
	// bleve: the stored versions read while building a batch cannot change
	// before the batch is written. Bounded: callers wait when it is full.
	writes     chan *applyRequest
	writerDone chan struct{}
	// stamps remembers versions the writer has read or written; only the
	// writer goroutine touches it.
	stamps map[string]stamp
	// closeMu guards Apply against Close: Apply holds it for reading.
	closeMu sync.RWMutex
	closed  bool
	// idxMu guards idx, which the writer replaces after a failed write (see
	// reopen) and Close clears; reads hold it for reading. The writer reads
	// idx without it: no one else replaces idx while the writer runs.
	idxMu sync.RWMutex
	// idx is nil once closed, or when reopening it failed; idxErr says why.
	idx    bleve.Index
	idxErr error
}

var _ Index = (*Embedded)(nil)

// metaFile is what bleve writes into every index directory.
const metaFile = "index_meta.json"

// OpenEmbedded opens the index in cfg.Dir, creating it when the directory is
// missing or empty. When the index cannot be opened or created (a full
// disk, say) it returns an error and leaves no half-created index behind.
func OpenEmbedded(cfg EmbeddedConfig) (*Embedded, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	idx, err := openOrCreate(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("index: open embedded index in %s: %w", cfg.Dir, err)
	}
	e := &Embedded{cfg: cfg, idx: idx, stamps: map[string]stamp{}, writes: make(chan *applyRequest, 64), writerDone: make(chan struct{})}
	go e.writer()
	return e, nil
}

func openOrCreate(dir string) (idx bleve.Index, err error) {
	// scorch can panic on its own error paths while opening (it closes a
	// channel it has not made yet when loading a snapshot fails).
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("bleve panicked: %v", r)
		}
	}()
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		idx, err := bleve.OpenUsing(dir, runtimeConfig())
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("the folder is in use by another process (%w)", err)
		}
		return idx, err
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(filepath.Clean(dir)), 0o755); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case len(entries) > 0:
		return nil, fmt.Errorf("directory is not empty and holds no index (%s missing)", metaFile)
	default:
		// bleve creates the directory itself and refuses an existing one.
		if err := os.Remove(dir); err != nil {
			return nil, err
		}
	}
	m, err := newEmbeddedMapping()
	if err != nil {
		return nil, fmt.Errorf("build mapping: %w", err)
	}
	idx, err = bleve.NewUsing(dir, m, scorch.Name, scorch.Name, runtimeConfig())
	if err != nil && !errors.Is(err, bleve.ErrorIndexPathExists) {
		// The directory was missing or empty. A creation that failed half
		// way (a full disk) can leave an index_meta.json without a usable
		// store, which every later open would refuse: remove it so the
		// next open starts afresh.
		_ = os.RemoveAll(dir)
	}
	return idx, err
}

// runtimeConfig makes a second process that opens the same folder fail
// after a few seconds instead of waiting forever for bolt's file lock.
func runtimeConfig() map[string]any {
	return map[string]any{"bolt_timeout": "5s"}
}

// stamp is the stored version of one note id: its version, revision,
// whether it is a tombstone, whether any state the index held for the id
// was approved in a market (feeds may show it), and when notegate first
// saw the id (models.Note.FirstSeenAt, which tombstones keep too). It is
// kept in the
// document itself (a tombstone is a document with no text), so it is
// written in the same atomic batch. bleve's internal store would be
// simpler but scorch rewrites all of it on every persist, which makes
// writes slower the more notes the index holds.
type stamp struct {
	version, revision int64
	deleted           bool
	everApproved      bool
	firstSeen         time.Time // zero: unknown
}

// newer reports whether n comes after the stamp in the version order.
func (s stamp) olderThan(n *models.Note) bool {
	if n.Version != s.version {
		return n.Version > s.version
	}
	return n.Revision > s.revision
}

// encode writes "VERSION.REVISION", then "@" and the first-seen time in
// Unix nanoseconds when known, then "d" for a tombstone and "a" once ever
// approved.
func (s stamp) encode() string {
	v := strconv.FormatInt(s.version, 10) + "." + strconv.FormatInt(s.revision, 10)
	if !s.firstSeen.IsZero() {
		v += "@" + strconv.FormatInt(s.firstSeen.UnixNano(), 10)
	}
	if s.deleted {
		v += "d"
	}
	if s.everApproved {
		v += "a"
	}
	return v
}

// legacyRevisionBits is how an earlier format packed the revision into
// the low bits of one number (VERSION<<20 | REVISION).
const legacyRevisionBits = 20

func decodeStamp(b []byte) (stamp, error) {
	s := string(b)
	var st stamp
	for len(s) > 0 {
		switch s[len(s)-1] {
		case 'd':
			st.deleted = true
		case 'a':
			st.everApproved = true
		default:
			goto digits
		}
		s = s[:len(s)-1]
	}
digits:
	if rest, seen, ok := strings.Cut(s, "@"); ok {
		nanos, err := strconv.ParseInt(seen, 10, 64)
		if err != nil {
			return stamp{}, fmt.Errorf("corrupt version record %q", b)
		}
		st.firstSeen, s = time.Unix(0, nanos).UTC(), rest
	}
	if v, r, ok := strings.Cut(s, "."); ok {
		version, err1 := strconv.ParseInt(v, 10, 64)
		revision, err2 := strconv.ParseInt(r, 10, 64)
		if err1 != nil || err2 != nil {
			return stamp{}, fmt.Errorf("corrupt version record %q", b)
		}
		st.version, st.revision = version, revision
		return st, nil
	}
	packed, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return stamp{}, fmt.Errorf("corrupt version record %q", b)
	}
	// The earlier format did not record approval: assume feeds may hold
	// the note, so a later state approved nowhere is withdrawn.
	st.version, st.revision = packed>>legacyRevisionBits, packed&(1<<legacyRevisionBits-1)
	st.everApproved = true
	return st, nil
}

// stampCacheSize bounds the versions remembered in memory; past it an
// arbitrary entry is forgotten and read back from the index when needed.
const stampCacheSize = 1 << 17

// Apply hands notes to the index's single writer and waits until they are
// written. The writer commits the notes of every Apply waiting at that
// moment together, in batches of at most cfg.BatchSize notes, each atomic
// and persisted before any of its callers returns (group commit): with
// several partitions writing at once, bleve makes one segment where it
// would make one per call. See Index for the version rules and
// pipeline.Indexer for what it returns.
func (e *Embedded) Apply(ctx context.Context, notes []*models.Note) ([]pipeline.Applied, error) {
	e.closeMu.RLock()
	defer e.closeMu.RUnlock()
	if e.closed {
		return nil, ErrClosed
	}
	if len(notes) == 0 {
		return nil, nil
	}
	req := &applyRequest{notes: notes, out: make([]pipeline.Applied, len(notes)), done: make(chan struct{})}
	select {
	case e.writes <- req:
	case <-ctx.Done():
		return nil, fmt.Errorf("index: apply: %w", ctx.Err())
	}
	select {
	case <-req.done:
	case <-ctx.Done():
		// The writer may still write these notes; the version rules make
		// the caller's retry harmless.
		return nil, fmt.Errorf("index: apply: %w", ctx.Err())
	}
	if req.err != nil {
		return nil, fmt.Errorf("index: apply: %w", req.err)
	}
	return req.out, nil
}

// applyRequest is one Apply call waiting for the writer.
type applyRequest struct {
	notes []*models.Note
	out   []pipeline.Applied
	err   error
	done  chan struct{}
}

// writer is the only goroutine that writes to bleve. It takes the first
// waiting request, gathers the others already waiting up to BatchSize
// notes, and writes them as one batch. It stops when writes is closed.
func (e *Embedded) writer() {
	defer close(e.writerDone)
	for first := range e.writes {
		group := []*applyRequest{first}
		size := len(first.notes)
	gather:
		for size < e.cfg.BatchSize {
			select {
			case req, ok := <-e.writes:
				if !ok {
					break gather
				}
				group = append(group, req)
				size += len(req.notes)
			default:
				break gather
			}
		}
		e.writeGroup(group)
	}
}

// writeGroup writes the notes of group in batches of at most BatchSize and
// answers every request.
func (e *Embedded) writeGroup(group []*applyRequest) {
	var notes []*models.Note
	var outs []*pipeline.Applied
	for _, req := range group {
		for i, n := range req.notes {
			notes = append(notes, n)
			outs = append(outs, &req.out[i])
		}
	}
	owner := make([]*applyRequest, 0, len(notes))
	for _, req := range group {
		for range req.notes {
			owner = append(owner, req)
		}
	}
	// The newest note of an id in the whole group is the one written;
	// the others are answered with it.
	winner := map[string]int{}
	for i, n := range notes {
		if invalidNote(i, n) != "" {
			continue
		}
		if w, ok := winner[n.NoteID]; !ok || n.Newer(notes[w]) {
			winner[n.NoteID] = i
		}
	}
	for start := 0; start < len(notes); start += e.cfg.BatchSize {
		end := min(start+e.cfg.BatchSize, len(notes))
		if err := e.writeBatch(notes, start, end, winner, outs); err != nil {
			for k := start; k < len(notes); k++ {
				if owner[k].err == nil {
					owner[k].err = err
				}
			}
			break
		}
	}
	for i, n := range notes {
		if invalidNote(i, n) != "" || owner[i].err != nil {
			continue
		}
		if w := winner[n.NoteID]; w != i {
			o := *outs[w]
			*outs[i] = pipeline.Applied{Stored: o.Stored, EverApproved: o.EverApproved, Rejected: o.Rejected}
		}
	}
	for _, req := range group {
		close(req.done)
	}
}

// writeBatch writes one atomic batch with applyBatch. When that fails or
// panics, it reopens the index (see reopen) and returns the error: the
// caller retries, and the version rules make the retry safe.
func (e *Embedded) writeBatch(notes []*models.Note, start, end int, winner map[string]int, outs []*pipeline.Applied) (err error) {
	if e.idx == nil {
		// Reopening after an earlier failure failed too.
		if err := e.reopen(); err != nil {
			return err
		}
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("bleve panicked: %v", r)
		}
		if err != nil {
			rerr := e.reopen()
			e.cfg.Logger.Warn("index: write failed; reopened the index", "dir", e.cfg.Dir, "err", err, "reopen_err", rerr)
			if rerr != nil {
				err = errors.Join(err, rerr)
			}
		}
	}()
	return e.applyBatch(notes, start, end, winner, outs)
}

// reopen closes the bleve index and opens its directory again, dropping
// what a failed write left in memory. When scorch fails to persist a batch,
// Batch returns the error and closes the batch's in-memory segment, which
// the index's current snapshot still holds (bleve index/scorch/scorch.go,
// Batch): the next lookup in that segment, by the writer or a reader,
// panics in zapx (assignment to entry in nil map). The reopened index holds
// only what was persisted. The remembered versions go too: they may come
// from the failed batch.
func (e *Embedded) reopen() error {
	e.idxMu.Lock()
	defer e.idxMu.Unlock()
	clear(e.stamps)
	if e.idx != nil {
		if err := e.idx.Close(); err != nil {
			e.cfg.Logger.Warn("index: close after a failed write", "dir", e.cfg.Dir, "err", err)
		}
		e.idx = nil
	}
	idx, err := openOrCreate(e.cfg.Dir)
	if err != nil {
		e.idxErr = fmt.Errorf("index: reopen %s after a failed write: %w", e.cfg.Dir, err)
		return e.idxErr
	}
	e.idx = idx
	return nil
}

// applyBatch writes notes[start:end] as one atomic batch and fills their
// outcomes. winner maps every id of the group to the position of its
// newest note; the others get that note's outcome.
func (e *Embedded) applyBatch(notes []*models.Note, start, end int, winner map[string]int, outs []*pipeline.Applied) error {
	batch := e.idx.NewBatch()
	staged := map[string]stamp{}
	for i := start; i < end; i++ {
		n := notes[i]
		if reason := invalidNote(i, n); reason != "" {
			*outs[i] = pipeline.Applied{Rejected: reason}
			continue
		}
		if winner[n.NoteID] != i {
			continue // answered by writeGroup with its winner's outcome
		}
		cur, known, err := e.stamp(n.NoteID)
		if err != nil {
			return err
		}
		if known && !cur.olderThan(n) {
			stored, err := e.storedNote(n.NoteID, cur)
			if err != nil {
				return err
			}
			*outs[i] = pipeline.Applied{Stored: stored, EverApproved: cur.everApproved}
			continue // stale or duplicate: the stored note stands
		}
		next := stamp{version: n.Version, revision: n.Revision, deleted: n.Deleted(),
			everApproved: cur.everApproved || (!n.Deleted() && len(n.ApprovedMarkets) > 0),
			firstSeen:    models.EarliestSeen(cur.firstSeen, n.FirstSeenAt)}
		if !next.deleted && !next.firstSeen.Equal(n.FirstSeenAt) {
			kept := *n // the caller's note stays as given
			kept.FirstSeenAt = next.firstSeen
			n = &kept
		}
		var fields map[string]any
		if next.deleted {
			fields = map[string]any{"note_id": n.NoteID, stampField: next.encode()}
		} else if fields, err = embeddedFields(n, next); err != nil {
			*outs[i] = pipeline.Applied{Rejected: err.Error()}
			continue
		}
		if err := batch.Index(n.NoteID, fields); err != nil {
			*outs[i] = pipeline.Applied{Rejected: err.Error()}
			continue
		}
		staged[n.NoteID] = next
		*outs[i] = pipeline.Applied{Written: true, Stored: n, EverApproved: next.everApproved}
	}
	if batch.Size() > 0 {
		if err := e.idx.Batch(batch); err != nil {
			return fmt.Errorf("write batch: %w", err)
		}
		for id, st := range staged {
			e.remember(id, st)
		}
	}
	return nil
}

// storedNote returns the note stored under the stamp cur: the document's
// note, or a tombstone built from the stamp.
func (e *Embedded) storedNote(noteID string, cur stamp) (*models.Note, error) {
	if cur.deleted {
		return &models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted, NoteID: noteID, Version: cur.version}, Revision: cur.revision}, nil
	}
	n, err := e.getLocked(noteID)
	if err != nil {
		return nil, fmt.Errorf("read stored note %s: %w", noteID, err)
	}
	return n, nil
}

// stamp returns the stored version of noteID: from memory when the writer
// has seen it, from the document otherwise. Only the writer calls it.
func (e *Embedded) stamp(noteID string) (stamp, bool, error) {
	if st, ok := e.stamps[noteID]; ok {
		return st, true, nil
	}
	doc, err := e.idx.Document(noteID)
	if err != nil {
		return stamp{}, false, fmt.Errorf("read version of %s: %w", noteID, err)
	}
	if doc == nil {
		return stamp{}, false, nil
	}
	var raw []byte
	doc.VisitFields(func(f bleveindex.Field) {
		if f.Name() == stampField {
			raw = f.Value()
		}
	})
	if raw == nil {
		return stamp{}, false, fmt.Errorf("read version of %s: the document has none", noteID)
	}
	st, err := decodeStamp(raw)
	if err != nil {
		return stamp{}, false, fmt.Errorf("read version of %s: %w", noteID, err)
	}
	e.remember(noteID, st)
	return st, true, nil
}

// remember caches a stamp, forgetting an arbitrary one when full.
func (e *Embedded) remember(noteID string, st stamp) {
	if _, ok := e.stamps[noteID]; !ok && len(e.stamps) >= stampCacheSize {
		for k := range e.stamps {
			delete(e.stamps, k)
			break
		}
	}
	e.stamps[noteID] = st
}

// embeddedFields is the bleve document of a note: its searchable fields and
// the note JSON.
func embeddedFields(n *models.Note, st stamp) (map[string]any, error) {
	raw, err := json.Marshal(n)
	if err != nil {
		return nil, fmt.Errorf("encode note: %w", err)
	}
	d := newDocument(n)
	return map[string]any{
		"note_id":          d.NoteID,
		"version":          float64(d.Version),
		"kind":             d.Kind,
		"parent_id":        d.ParentID,
		"author_id":        d.AuthorID,
		"market":           d.Market,
		"approved_markets": d.ApprovedMarkets,
		"approved":         d.Approved,
		"language_code":    d.Language.Code,
		"decision":         d.Moderation.Decision,
		"title":            d.Title,
		"review_markets":   d.ReviewMarkets,
		"categories":       d.Categories,
		"urgency":          float64(d.Urgency),
		"severity":         d.Severity,
		"queued_at":        float64(d.QueuedAt.Unix()),
		"escalated":        d.Escalated,
		"reported":         float64(d.Reported),
		"decision_terms":   d.DecisionTerms,
		allField:           allText(d),
		noteField:          string(raw),
		stampField:         st.encode(),
	}, nil
}

// allText joins the texts of d with blank lines, which no CJK bigram or
// English token crosses.
func allText(d document) string {
	parts := make([]string, 0, 2+len(d.Tags)+len(d.Translations))
	parts = append(parts, d.Title, d.Body)
	parts = append(parts, d.Tags...)
	parts = append(parts, d.Translations...)
	return strings.Join(parts, "\n\n")
}

// Get returns the stored note, or ErrNotFound.
func (e *Embedded) Get(ctx context.Context, noteID string) (_ *models.Note, err error) {
	e.idxMu.RLock()
	defer e.idxMu.RUnlock()
	if e.idx == nil {
		return nil, e.idxErr
	}
	defer recoverRead("get", &err)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return e.getLocked(noteID)
}

// getLocked is Get for callers that hold closeMu or are the writer.
func (e *Embedded) getLocked(noteID string) (*models.Note, error) {
	doc, err := e.idx.Document(noteID)
	if err != nil {
		return nil, fmt.Errorf("index: get %s: %w", noteID, err)
	}
	if doc == nil {
		return nil, ErrNotFound
	}
	var raw []byte
	doc.VisitFields(func(f bleveindex.Field) {
		if f.Name() == noteField {
			raw = f.Value()
		}
	})
	if raw == nil {
		return nil, ErrNotFound // a tombstone
	}
	return decodeNote(raw)
}

func decodeNote(raw []byte) (*models.Note, error) {
	n := new(models.Note)
	if err := json.Unmarshal(raw, n); err != nil {
		return nil, fmt.Errorf("index: decode stored note: %w", err)
	}
	return n, nil
}

// Search runs q; see Index.
func (e *Embedded) Search(ctx context.Context, q models.SearchQuery) (_ models.SearchResult, err error) {
	e.idxMu.RLock()
	defer e.idxMu.RUnlock()
	if e.idx == nil {
		return models.SearchResult{}, e.idxErr
	}
	defer recoverRead("search", &err)
	limit, offset := page(q)
	if q.After != nil {
		offset = 0
	}
	req := bleve.NewSearchRequestOptions(embeddedQuery(q), limit, offset, false)
	req.Fields = []string{noteField}
	req.SortBy([]string{"-_score", "_id"})
	if q.After != nil {
		// bleve parses the score back with strconv.ParseFloat: the
		// shortest representation round-trips exactly.
		req.SetSearchAfter([]string{strconv.FormatFloat(q.After.Score, 'g', -1, 64), q.After.NoteID})
	}
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return models.SearchResult{}, fmt.Errorf("index: search: %w", err)
	}
	out := models.SearchResult{Total: int(res.Total), Hits: make([]models.SearchHit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		raw, ok := h.Fields[noteField].(string)
		if !ok {
			return models.SearchResult{}, fmt.Errorf("index: search: hit %s has no stored note", h.ID)
		}
		n, err := decodeNote([]byte(raw))
		if err != nil {
			return models.SearchResult{}, err
		}
		out.Hits = append(out.Hits, models.SearchHit{Note: n, Score: h.Score})
	}
	return out, nil
}

// embeddedQuery requires every term of the text somewhere in the note's
// texts, ranks title matches higher, and keeps notes approved in the market.
func embeddedQuery(q models.SearchQuery) query.Query {
	var filter query.Query
	if q.Market != "" {
		t := bleve.NewTermQuery(q.Market)
		t.SetField("approved_markets")
		filter = t
	} else {
		b := bleve.NewBoolFieldQuery(true)
		b.SetField("approved")
		filter = b
	}
	if strings.TrimSpace(q.Text) == "" {
		return bleve.NewConjunctionQuery(filter)
	}
	match := func(field string) *query.MatchQuery {
		m := bleve.NewMatchQuery(q.Text)
		m.SetField(field)
		m.Analyzer = queryAnalyzer
		return m
	}
	all := match(allField)
	all.SetOperator(query.MatchQueryOperatorAnd)
	title := match("title")
	title.SetBoost(2)
	b := bleve.NewBooleanQuery()
	b.AddMust(all, filter)
	b.AddShould(title)
	return b
}

// recoverRead turns a panic inside bleve into the error of a read: a read
// that races with a failed write can meet the segment bleve has closed (see
// reopen) before the writer replaces the index.
func recoverRead(op string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("index: %s: bleve panicked: %v", op, r)
	}
}

// Close flushes and closes the index; later calls return ErrClosed.
func (e *Embedded) Close() error {
	e.closeMu.Lock()
	defer e.closeMu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	// Every Apply holds closeMu for reading until answered, so the writer
	// is idle now.
	close(e.writes)
	<-e.writerDone
	e.idxMu.Lock()
	defer e.idxMu.Unlock()
	idx := e.idx
	e.idx, e.idxErr = nil, ErrClosed
	if idx == nil {
		return nil // reopening after a failed write had failed
	}
	if err := idx.Close(); err != nil {
		return fmt.Errorf("index: close: %w", err)
	}
	return nil
}

// Dir returns the directory the index lives in.
func (e *Embedded) Dir() string { return e.cfg.Dir }
