package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// Embedded is an Index kept on local disk. It suits a single notegate
// process; several processes must not share one Dir.
//
// Notes live in a note store (bbolt, Dir/notes.db): every id's version
// stamp, tombstones included, and the note as applied. Apply writes there,
// durably, before it returns, and Get reads there, so the version rules,
// Apply's outcomes and Get hold at once and across restarts. Search, Queue,
// Thread and Author read a bleve index (Dir/search) that the note store
// feeds in large batches in the background: it trails the note store by
// at most MaxSearchLag writes (Apply waits beyond that), and a write waits
// at most RefreshInterval before a batch takes it when fewer than
// SearchBatchSize wait; Refresh waits until everything written is
// searchable. On open, the search index takes what it had not taken
// before the process stopped.
type Embedded struct {
	cfg    EmbeddedConfig
	store  *noteStore
	search *searchIndex

	// writes feeds the single writer goroutine, which alone writes to
	// the note store: the stamps read while building a transaction cannot
	// change before it commits. Bounded: callers wait when it is full.
	writes     chan *applyRequest
	writerDone chan struct{}
	// seq is the sequence number of the last write logged, which is also
	// the key of its note in the note store; pruned is the log prefix
	// removed. Only the writer touches them.
	seq, pruned uint64
	// closeMu guards Apply, Get and Refresh against Close: they hold it
	// for reading.
	closeMu sync.RWMutex
	closed  bool
}

var _ Index = (*Embedded)(nil)

// metaFile is what bleve writes into every index directory.
const metaFile = "index_meta.json"

// OpenEmbedded opens the index in cfg.Dir, creating it when the directory is
// missing or empty, and converting a directory an earlier release wrote
// (one bleve index holding notes and versions) into a note store and a new
// search index. When the index cannot be opened or created (a full disk,
// say) it returns an error and leaves no half-created index behind.
func OpenEmbedded(cfg EmbeddedConfig) (*Embedded, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	store, err := openStoreIn(cfg.Dir, cfg.Logger)
	if err != nil {
		return nil, fmt.Errorf("index: open embedded index in %s: %w", cfg.Dir, err)
	}
	search, err := openSearchIndex(cfg, store)
	if err != nil {
		_ = store.close()
		return nil, fmt.Errorf("index: open embedded index in %s: %w", cfg.Dir, err)
	}
	lastKey, err := store.lastKey()
	if err != nil {
		_ = search.close()
		_ = store.close()
		return nil, fmt.Errorf("index: open embedded index in %s: %w", cfg.Dir, err)
	}
	// Sequence numbers serve as note keys too: above every key handed out.
	e := &Embedded{cfg: cfg, store: store, search: search, seq: max(search.written, lastKey), pruned: search.searched,
		writes: make(chan *applyRequest, 64), writerDone: make(chan struct{})}
	go e.writer()
	return e, nil
}

// stamp is the stored version of one note id: its version, revision,
// whether it is a tombstone, whether any state the index held for the id
// was approved in a market (feeds may show it), and when notegate first
// saw the id (models.Note.FirstSeenAt, which tombstones keep too). The
// note store keeps it apart from the note, so version checks read a few
// bytes.
type stamp struct {
	version, revision int64
	deleted           bool
	everApproved      bool
	firstSeen         time.Time // zero: unknown
}

// olderThan reports whether n comes after the stamp in the version order.
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

// Apply hands notes to the index's single writer and waits until they are
// written. The writer commits the notes of every Apply waiting at that
// moment together, in transactions of at most cfg.BatchSize notes, each
// atomic and durable before any of its callers returns (group commit).
// With Refresh "wait_for" it then waits until they are searchable. See
// Index for the version rules and pipeline.Indexer for what it returns.
func (e *Embedded) Apply(ctx context.Context, notes []*models.Note) ([]pipeline.Applied, error) {
	e.closeMu.RLock()
	defer e.closeMu.RUnlock()
	if e.closed {
		return nil, ErrClosed
	}
	if len(notes) == 0 {
		return nil, nil
	}
	req := &applyRequest{ctx: ctx, notes: notes, out: make([]pipeline.Applied, len(notes)), done: make(chan struct{})}
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
	if e.cfg.Refresh == RefreshWaitFor {
		if err := e.search.waitFor(ctx, req.seq, nil); err != nil {
			return nil, fmt.Errorf("index: apply: wait until searchable: %w", err)
		}
	}
	return req.out, nil
}

// Refresh returns once every note applied before the call is visible to
// Search, Queue, Thread and Author, or with the context's error (saying
// why the search index is failing, when it is). It makes the search
// index take its next batch at once. Tests and tools that search right
// after writing call it, as they would Elasticsearch's refresh.
func (e *Embedded) Refresh(ctx context.Context) error {
	e.closeMu.RLock()
	defer e.closeMu.RUnlock()
	if e.closed {
		return ErrClosed
	}
	if err := e.search.refresh(ctx); err != nil {
		return fmt.Errorf("index: refresh: %w", err)
	}
	return nil
}

// SearchLag returns how many writes to the note store are not searchable
// yet (at most MaxSearchLag plus one transaction).
func (e *Embedded) SearchLag() int { return int(e.search.lag()) }

// applyRequest is one Apply call waiting for the writer.
type applyRequest struct {
	ctx   context.Context
	notes []*models.Note
	out   []pipeline.Applied
	err   error
	// seq is the sequence number of the last write of the transaction
	// that answered the request.
	seq  uint64
	done chan struct{}
}

// writer is the only goroutine that writes to the note store. It takes
// the first waiting request, gathers the others already waiting up to
// BatchSize notes, and writes them in one transaction. It stops when
// writes is closed.
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

// writeGroup writes the notes of group in transactions of at most
// BatchSize notes and answers every request. Before each transaction it
// waits while MaxSearchLag writes are not searchable yet.
func (e *Embedded) writeGroup(group []*applyRequest) {
	defer func() {
		for _, req := range group {
			close(req.done)
		}
	}()
	var notes []*models.Note
	var outs []*pipeline.Applied
	var owner []*applyRequest
	for _, req := range group {
		for i, n := range req.notes {
			notes = append(notes, n)
			outs = append(outs, &req.out[i])
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
		// Not the context of one caller: the others would fail with it.
		err := e.search.room(context.Background())
		if err == nil {
			err = e.writeBatch(notes, start, end, winner, outs)
		}
		if err != nil {
			for k := start; k < len(notes); k++ {
				if owner[k].err == nil {
					owner[k].err = err
				}
			}
			return
		}
		for k := start; k < end; k++ {
			owner[k].seq = e.seq
		}
	}
	for i, n := range notes {
		if invalidNote(i, n) != "" {
			continue
		}
		if w := winner[n.NoteID]; w != i {
			o := *outs[w]
			*outs[i] = pipeline.Applied{Stored: o.Stored, EverApproved: o.EverApproved, Rejected: o.Rejected}
			owner[i].seq = max(owner[i].seq, owner[w].seq)
		}
	}
}

// writeBatch writes notes[start:end] in one transaction of the note store
// and fills their outcomes; it prunes the log of what the search index
// has taken in the same transaction. winner maps every id of the group to
// the position of its newest note; the others get that note's outcome.
func (e *Embedded) writeBatch(notes []*models.Note, start, end int, winner map[string]int, outs []*pipeline.Applied) error {
	docs := map[string]pendingDoc{}
	seq := e.seq
	results := make([]pipeline.Applied, end-start)
	err := e.store.db.Update(func(tx *bolt.Tx) error {
		seq = e.seq
		clear(docs)
		if searched := e.search.searchedUpTo(); searched > e.pruned {
			if err := pruneUnsearched(tx, searched); err != nil {
				return fmt.Errorf("prune the search log: %w", err)
			}
		}
		for i := start; i < end; i++ {
			n := notes[i]
			if reason := invalidNote(i, n); reason != "" {
				results[i-start] = pipeline.Applied{Rejected: reason}
				continue
			}
			if winner[n.NoteID] != i {
				continue // answered by writeGroup with its winner's outcome
			}
			cur, err := read(tx, n.NoteID, false)
			if err != nil {
				return err
			}
			if cur.known && !cur.stamp.olderThan(n) {
				st, err := storedNote(tx, n.NoteID, cur.stamp)
				if err != nil {
					return err
				}
				results[i-start] = pipeline.Applied{Stored: st, EverApproved: cur.stamp.everApproved}
				continue // stale or duplicate: the stored note stands
			}
			next := stamp{version: n.Version, revision: n.Revision, deleted: n.Deleted(),
				everApproved: cur.stamp.everApproved || (!n.Deleted() && len(n.ApprovedMarkets) > 0),
				firstSeen:    models.EarliestSeen(cur.stamp.firstSeen, n.FirstSeenAt)}
			if !next.deleted && !next.firstSeen.Equal(n.FirstSeenAt) {
				kept := *n // the caller's note stays as given
				kept.FirstSeenAt = next.firstSeen
				n = &kept
			}
			var raw []byte
			if !next.deleted {
				var err error
				if raw, err = json.Marshal(n); err != nil {
					results[i-start] = pipeline.Applied{Rejected: fmt.Sprintf("encode note: %v", err)}
					continue
				}
			}
			seq++
			if err := write(tx, n.NoteID, cur, next, raw, seq); err != nil {
				return fmt.Errorf("write note %s: %w", n.NoteID, err)
			}
			doc := pendingDoc{seq: seq}
			if !next.deleted {
				doc.fields = searchFields(n, string(raw))
			}
			docs[n.NoteID] = doc
			results[i-start] = pipeline.Applied{Written: true, Stored: n, EverApproved: next.everApproved}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("write to the note store: %w", err)
	}
	e.pruned = max(e.pruned, e.search.searchedUpTo())
	for i := range results {
		*outs[start+i] = results[i]
	}
	if seq > e.seq {
		e.seq = seq
		e.search.wrote(docs, seq)
	}
	return nil
}

// storedNote returns the note stored under the stamp cur: the stored note,
// or a tombstone built from the stamp.
func storedNote(tx *bolt.Tx, noteID string, cur stamp) (*models.Note, error) {
	if cur.deleted {
		return &models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted, NoteID: noteID, Version: cur.version}, Revision: cur.revision}, nil
	}
	got, err := read(tx, noteID, true)
	if err != nil {
		return nil, err
	}
	n, err := decodeNote(got.note)
	if err != nil {
		return nil, fmt.Errorf("read stored note %s: %w", noteID, err)
	}
	return n, nil
}

// Get returns the stored note, or ErrNotFound. It reads the note store,
// so a note is there as soon as Apply returned.
func (e *Embedded) Get(ctx context.Context, noteID string) (*models.Note, error) {
	e.closeMu.RLock()
	defer e.closeMu.RUnlock()
	if e.closed {
		return nil, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var n *models.Note
	err := e.store.db.View(func(tx *bolt.Tx) error {
		cur, err := read(tx, noteID, true)
		if err != nil {
			return err
		}
		if !cur.known || cur.stamp.deleted {
			return ErrNotFound
		}
		n, err = decodeNote(cur.note) // copies out of the transaction's memory
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("index: get %s: %w", noteID, err)
	}
	return n, nil
}

func decodeNote(raw []byte) (*models.Note, error) {
	n := new(models.Note)
	if err := json.Unmarshal(raw, n); err != nil {
		return nil, fmt.Errorf("index: decode stored note: %w", err)
	}
	return n, nil
}

// Search runs q on the search index; see Index and Embedded.
func (e *Embedded) Search(ctx context.Context, q models.SearchQuery) (models.SearchResult, error) {
	return e.search.search(ctx, q)
}

// Close stops writing, closes the search index and the note store; later
// calls return ErrClosed. Writes not searchable yet stay logged in the note
// store, and the search index takes them at the next open.
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
	var errs []error
	if err := e.search.close(); err != nil {
		errs = append(errs, err)
	}
	if lag := e.search.lag(); lag > 0 {
		e.cfg.Logger.Info("index: closed with notes not searchable yet; the search index takes them at the next open", "dir", e.cfg.Dir, "notes", lag)
	}
	if searched := e.search.searchedUpTo(); searched > e.pruned {
		if err := e.store.db.Update(func(tx *bolt.Tx) error { return pruneUnsearched(tx, searched) }); err != nil {
			e.cfg.Logger.Warn("index: prune the search log at close", "dir", e.cfg.Dir, "err", err)
		}
	}
	if err := e.store.close(); err != nil {
		errs = append(errs, fmt.Errorf("index: close the note store: %w", err))
	}
	return errors.Join(errs...)
}

// Dir returns the directory the index lives in.
func (e *Embedded) Dir() string { return e.cfg.Dir }
