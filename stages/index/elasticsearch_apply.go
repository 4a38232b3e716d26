package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/elastic/go-elasticsearch/v8/esapi"
	"github.com/elastic/go-elasticsearch/v8/esutil"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// esUpsertScript is the Painless script of every bulk item; only its params
// differ, so the cluster compiles it once. It runs on the shard holding the
// document and:
//   - leaves the document alone (ctx.op = 'noop') unless the note is
//     strictly newer than the stored (version, revision), compared as longs:
//     _source numbers come back as Integer or Long depending on their size;
//   - otherwise replaces the source with params.doc and sets ever_approved
//     to the stored flag OR params.approved;
//   - and keeps the stored first_seen_ns and first_seen_at (when notegate
//     first saw the id, in Unix nanoseconds and as the note holds it) when
//     they are earlier than the doc's or the doc has none, copying
//     first_seen_at into the note and queued_at of a live document.
//
// A new document (scripted upsert of an empty one) has no version and is
// always written. A document written before revision and ever_approved
// existed has neither: its revision is the stored note's, and it counts as
// approved (feeds may show it), as in the embedded index.
const esUpsertScript = `Map s = ctx._source;
def sv = s.get('version');
def fs = s.get('first_seen_ns');
def fsAt = s.get('first_seen_at');
boolean newer = true;
if (sv != null) {
  def sr = s.get('revision');
  if (sr == null && s.get('note') instanceof Map) { sr = s.get('note').get('revision'); }
  long v = ((Number) sv).longValue();
  long r = sr == null ? 0L : ((Number) sr).longValue();
  long pv = ((Number) params.version).longValue();
  long pr = ((Number) params.revision).longValue();
  newer = pv > v || (pv == v && pr > r);
}
if (newer) {
  def ea = s.get('ever_approved');
  boolean ever = params.approved == true || (sv != null && (ea == null || ea == true));
  s.clear();
  s.putAll(params.doc);
  s.put('ever_approved', ever);
  def pf = s.get('first_seen_ns');
  if (fs != null && fsAt != null && (pf == null || ((Number) fs).longValue() < ((Number) pf).longValue())) {
    s.put('first_seen_ns', fs);
    s.put('first_seen_at', fsAt);
    if (s.get('note') instanceof Map) {
      Map kept = new HashMap((Map) s.get('note'));
      kept.put('first_seen_at', fsAt);
      s.put('note', kept);
      s.put('queued_at', fsAt);
    }
  }
} else {
  ctx.op = 'noop';
}`

// esRetryOnConflict is how often the shard reruns the script when another
// write to the same document came between the script's read and its write
// (the write is conditional on the document's sequence number).
const esRetryOnConflict = 3

// esDocument is the source of one Elasticsearch document: the searchable
// fields, the note's place in the version order, the deletion flag, when
// notegate first saw the id, and the note as applied. ever_approved is
// added by esUpsertScript, which also keeps an earlier first seen.
type esDocument struct {
	document
	Revision int64 `json:"revision"`
	Deleted  bool  `json:"deleted"`
	// FirstSeenNs and FirstSeenAt are the note's FirstSeenAt, in Unix
	// nanoseconds for the script to compare and as the note holds it;
	// kept in _source only.
	FirstSeenNs *int64       `json:"first_seen_ns,omitempty"`
	FirstSeenAt *time.Time   `json:"first_seen_at,omitempty"`
	Note        *models.Note `json:"note,omitempty"`
}

// esUpsertHead is the start of every bulk item body, up to the params that
// differ: {"scripted_upsert":true,"upsert":{},"script":{"source":…,
// "lang":"painless","params":{ — see esUpsertBody.
var esUpsertHead = func() []byte {
	source, _ := json.Marshal(esUpsertScript) // a string always encodes
	return fmt.Appendf(nil, `{"scripted_upsert":true,"upsert":{},"script":{"source":%s,"lang":"painless","params":{`, source)
}()

// bulkItem is the newest note of one id, ready for the bulk API.
type bulkItem struct {
	pos      int // of the note in the Apply call
	noteID   string
	approved bool // in some market, so EverApproved is known without a read
	body     []byte
}

// Apply writes the newest note of each id as a scripted upsert through the
// bulk indexer, in one round, and waits for every answer: the cluster
// answers "created" or "updated" when it wrote the note, "noop" when it
// keeps a newer or equal one; 400 is a rejection (Applied.Rejected); any
// other failure (429, 5xx, a 409 once the cluster's own retries on
// conflict are spent, a failed request) leaves the note unwritten with
// Applied.Retry set, and Apply does not resend it: the caller's backoff
// is the one retry (see pipeline.Indexer). One realtime _mget then reads
// what is stored for the notes not written, and for the written ones the
// few fields the script may have kept from the earlier state:
// ever_approved and when notegate first saw the id.
func (es *Elasticsearch) Apply(ctx context.Context, notes []*models.Note) ([]pipeline.Applied, error) {
	es.closeMu.RLock()
	defer es.closeMu.RUnlock()
	if es.closed {
		return nil, ErrClosed
	}
	if len(notes) == 0 {
		return nil, nil
	}
	out := make([]pipeline.Applied, len(notes))
	items, newest := bulkItems(notes, out)
	results, err := es.write(ctx, items)
	if err != nil {
		return nil, fmt.Errorf("index: apply: %w", err)
	}
	var unread, written []string
	for k, it := range items {
		switch r := results[k]; r.outcome {
		case itemRejected:
			out[it.pos] = pipeline.Applied{Rejected: r.reason}
		case itemRetry:
			out[it.pos] = pipeline.Applied{Retry: fmt.Errorf("index: note %s not written: %s", it.noteID, r.reason)}
		case itemWritten:
			out[it.pos] = pipeline.Applied{Written: true, Stored: notes[it.pos], EverApproved: it.approved}
			written = append(written, it.noteID)
		case itemUnchanged:
			unread = append(unread, it.noteID)
		}
	}
	if len(unread)+len(written) > 0 {
		stored, err := es.readStored(ctx, unread, written)
		if err != nil {
			return nil, fmt.Errorf("index: apply: read back %d stored notes: %w", len(unread)+len(written), err)
		}
		for k, it := range items {
			st, ok := stored[it.noteID]
			if !ok {
				continue
			}
			if results[k].outcome == itemWritten {
				out[it.pos].EverApproved = it.approved || st.everApproved
				out[it.pos].Stored = st.keptFirstSeen(notes[it.pos])
				continue
			}
			out[it.pos] = pipeline.Applied{Stored: st.note, EverApproved: st.everApproved}
		}
	}
	// The other notes of an id get the outcome of its newest one.
	for i, w := range newest {
		if w >= 0 && w != i {
			o := out[w]
			out[i] = pipeline.Applied{Stored: o.Stored, EverApproved: o.EverApproved, Rejected: o.Rejected, Retry: o.Retry}
		}
	}
	return out, nil
}

// bulkItems encodes the newest note of each id (the first of equals) and
// returns, for every note, the position of the newest note of its id, or
// -1 when the note is invalid. It records in out why a note is invalid or
// cannot be encoded.
func bulkItems(notes []*models.Note, out []pipeline.Applied) (items []bulkItem, newest []int) {
	newest = make([]int, len(notes))
	winner := make(map[string]int, len(notes))
	var order []string
	for i, n := range notes {
		newest[i] = -1
		if reason := invalidNote(i, n); reason != "" {
			out[i] = pipeline.Applied{Rejected: reason}
			continue
		}
		w, seen := winner[n.NoteID]
		if !seen {
			order = append(order, n.NoteID)
		}
		if !seen || n.Newer(notes[w]) {
			winner[n.NoteID] = i
		}
	}
	for i, n := range notes {
		if newest[i] == -1 && out[i].Rejected == "" {
			newest[i] = winner[n.NoteID]
		}
	}
	items = make([]bulkItem, 0, len(order))
	for _, id := range order {
		w := winner[id]
		n := notes[w]
		body, err := esUpsertBody(n)
		if err != nil {
			out[w] = pipeline.Applied{Rejected: err.Error()}
			continue
		}
		items = append(items, bulkItem{pos: w, noteID: id, approved: approvedSomewhere(n), body: body})
	}
	return items, newest
}

// esUpsertBody is the bulk update body that writes n unless a newer or
// equal note is stored: esUpsertHead, then the params version, revision,
// approved and doc. It is assembled rather than marshalled whole so that
// the document is not compacted a second time.
func esUpsertBody(n *models.Note) ([]byte, error) {
	doc, err := esSource(n)
	if err != nil {
		return nil, err
	}
	body := make([]byte, 0, len(esUpsertHead)+len(doc)+96)
	body = append(body, esUpsertHead...)
	body = fmt.Appendf(body, `"version":%d,"revision":%d,"approved":%t,"doc":`, n.Version, n.Revision, approvedSomewhere(n))
	body = append(body, doc...)
	return append(body, "}}}"...), nil
}

// approvedSomewhere reports whether feeds may show n.
func approvedSomewhere(n *models.Note) bool {
	return !n.Deleted() && len(n.ApprovedMarkets) > 0
}

// esSource is the document of a note, or its tombstone.
func esSource(n *models.Note) ([]byte, error) {
	if n.Deleted() {
		return json.Marshal(esDocument{document: document{NoteID: n.NoteID, Version: n.Version}, Revision: n.Revision, Deleted: true})
	}
	d := esDocument{document: newDocument(n), Revision: n.Revision, Note: n}
	if !n.FirstSeenAt.IsZero() {
		ns, at := n.FirstSeenAt.UnixNano(), n.FirstSeenAt
		d.FirstSeenNs, d.FirstSeenAt = &ns, &at
	}
	doc, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode note: %w", err)
	}
	return doc, nil
}

// itemOutcome is what became of one bulk item.
type itemOutcome int

const (
	itemPending   itemOutcome = iota // no answer yet
	itemWritten                      // created or updated: the note is stored
	itemUnchanged                    // noop: a newer or equal note is stored
	itemRejected                     // 400: never stored
	itemRetry                        // not written, for a reason that passes
)

type itemResult struct {
	outcome itemOutcome
	reason  string // of a rejection or a retry
}

// bulkRound collects the answers of one round of bulk items, which the
// bulk indexer's workers report through callbacks.
type bulkRound struct {
	mu       sync.Mutex
	results  []itemResult
	finished bool // late callbacks are ignored
}

// write sends every item once, in one round (the bulk indexer splits it
// into requests of FlushBytes), and returns what became of each, by
// position. It never resends: an item that failed for a reason that
// passes (429, an unavailable shard, a conflict left after
// retry_on_conflict, a failed request, no answer) is itemRetry, for the
// caller to give again with its backoff. It fails only when ctx ends or
// the bulk indexer is closed.
func (es *Elasticsearch) write(ctx context.Context, items []bulkItem) ([]itemResult, error) {
	r := &bulkRound{results: make([]itemResult, len(items))}
	retries := esRetryOnConflict
	for k, it := range items {
		err := es.bulk.Add(ctx, esutil.BulkIndexerItem{
			Action:          "update",
			DocumentID:      it.noteID,
			RetryOnConflict: &retries,
			Body:            bytes.NewReader(it.body),
			OnSuccess: func(_ context.Context, _ esutil.BulkIndexerItem, res esutil.BulkIndexerResponseItem) {
				r.settleSuccess(k, res.Result)
			},
			OnFailure: func(_ context.Context, _ esutil.BulkIndexerItem, res esutil.BulkIndexerResponseItem, err error) {
				reason := res.Error.Type
				if res.Error.Reason != "" {
					reason += ": " + res.Error.Reason
				}
				r.settleFailure(k, res.Status, reason, err)
			},
		})
		if err != nil {
			return nil, fmt.Errorf("queue note %s: %w", it.noteID, err)
		}
	}
	// Our items precede the flush marker in every worker's queue, so once
	// Flush returns their callbacks have run.
	if err := es.bulk.Flush(ctx); err != nil {
		return nil, fmt.Errorf("flush: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.finished = true
	for k := range r.results {
		if r.results[k].outcome == itemPending { // the response left the item out
			r.results[k] = itemResult{outcome: itemRetry, reason: "no result in the bulk response"}
		}
	}
	return r.results, nil
}

// settleSuccess records an item the cluster answered without error, by
// the result of the update.
func (r *bulkRound) settleSuccess(k int, result string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.finished || r.results[k].outcome != itemPending {
		return
	}
	switch result {
	case "created", "updated":
		r.results[k] = itemResult{outcome: itemWritten}
	case "noop":
		r.results[k] = itemResult{outcome: itemUnchanged}
	default:
		r.results[k] = itemResult{outcome: itemRetry, reason: fmt.Sprintf("unexpected update result %q", result)}
	}
}

// settleFailure records an item that failed, or that the cluster answered
// with an error status: 400 is a rejection, anything else passes.
func (r *bulkRound) settleFailure(k int, status int, reason string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.finished || r.results[k].outcome != itemPending {
		return
	}
	switch {
	case err != nil:
		r.results[k] = itemResult{outcome: itemRetry, reason: err.Error()}
	case status == http.StatusBadRequest:
		r.results[k] = itemResult{outcome: itemRejected, reason: reason}
	default:
		r.results[k] = itemResult{outcome: itemRetry, reason: fmt.Sprintf("%d %s", status, reason)}
	}
}

// esStoredFields are the source fields Apply reads back of a note it did
// not write.
var esStoredFields = []string{"note", "deleted", "version", "revision", "ever_approved", "note_id"}

// esWrittenFields are the source fields Apply reads back of a note it
// wrote: what the script may have kept from the earlier state.
var esWrittenFields = []string{"deleted", "version", "revision", "ever_approved", "first_seen_at"}

// esStoredSource is what Apply reads back of a stored document.
type esStoredSource struct {
	Version      *int64          `json:"version"`
	Revision     *int64          `json:"revision"`
	Deleted      bool            `json:"deleted"`
	EverApproved *bool           `json:"ever_approved"`
	FirstSeenAt  *time.Time      `json:"first_seen_at"`
	Note         json.RawMessage `json:"note"`
}

// storedState is what the index holds for one id: the note (nil when
// only esWrittenFields were read), its place in the version order, the
// flag and the first-seen time.
type storedState struct {
	note              *models.Note
	version, revision int64
	deleted           bool
	everApproved      bool
	firstSeen         time.Time
}

// keptFirstSeen returns n, the note just written, as stored: with the
// first-seen time the script kept from an earlier state, when the stored
// document is still n's version and revision.
func (st storedState) keptFirstSeen(n *models.Note) *models.Note {
	if n.Deleted() || st.deleted || st.version != n.Version || st.revision != n.Revision ||
		st.firstSeen.IsZero() || st.firstSeen.Equal(n.FirstSeenAt) {
		return n
	}
	kept := *n
	kept.FirstSeenAt = st.firstSeen
	return &kept
}

// readStored reads, with one realtime _mget, the stored notes of unread
// and the esWrittenFields of written. Every id must have a document:
// Apply just wrote or kept one.
func (es *Elasticsearch) readStored(ctx context.Context, unread, written []string) (map[string]storedState, error) {
	docs := make([]map[string]any, 0, len(unread)+len(written))
	for _, id := range unread {
		docs = append(docs, map[string]any{"_id": id})
	}
	for _, id := range written {
		docs = append(docs, map[string]any{"_id": id, "_source": esWrittenFields})
	}
	body, err := json.Marshal(map[string]any{"docs": docs})
	if err != nil {
		return nil, err
	}
	realtime := true
	res, err := esapi.MgetRequest{
		Index:          es.cfg.Alias,
		Body:           bytes.NewReader(body),
		Realtime:       &realtime,
		SourceIncludes: esStoredFields,
	}.Do(ctx, es.client)
	if err := responseError("mget", res, err); err != nil {
		return nil, err
	}
	defer closeBody(res)
	var parsed struct {
		Docs []struct {
			ID     string         `json:"_id"`
			Found  bool           `json:"found"`
			Source esStoredSource `json:"_source"`
			Error  *struct {
				Type   string `json:"type"`
				Reason string `json:"reason"`
			} `json:"error"`
		} `json:"docs"`
	}
	if err := json.NewDecoder(res.Body).Decode(&parsed); err != nil {
		return nil, fmt.Errorf("mget: decode response: %w", err)
	}
	out := make(map[string]storedState, len(docs))
	for i, d := range parsed.Docs {
		switch {
		case d.Error != nil:
			return nil, fmt.Errorf("mget %s: %s: %s", d.ID, d.Error.Type, d.Error.Reason)
		case !d.Found:
			return nil, fmt.Errorf("mget %s: no document", d.ID)
		}
		// Docs answer in the order asked: the written ones come last.
		st, err := d.Source.state(d.ID, i >= len(unread))
		if err != nil {
			return nil, fmt.Errorf("mget %s: %w", d.ID, err)
		}
		out[d.ID] = st
	}
	for _, id := range append(unread, written...) {
		if _, ok := out[id]; !ok {
			return nil, fmt.Errorf("mget: no answer for %s", id)
		}
	}
	return out, nil
}

// state decodes the stored note, or builds the tombstone, of noteID;
// with fieldsOnly (esWrittenFields were read), only the fields. A document
// written before ever_approved existed counts as approved.
func (s esStoredSource) state(noteID string, fieldsOnly bool) (storedState, error) {
	if s.Version == nil {
		return storedState{}, errors.New("stored document has no version")
	}
	st := storedState{version: *s.Version, deleted: s.Deleted, everApproved: s.EverApproved == nil || *s.EverApproved}
	if s.Revision != nil {
		st.revision = *s.Revision
	}
	if s.FirstSeenAt != nil {
		st.firstSeen = *s.FirstSeenAt
	}
	if fieldsOnly {
		return st, nil
	}
	if s.Deleted {
		st.note = &models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted, NoteID: noteID, Version: *s.Version}, Revision: st.revision}
		return st, nil
	}
	if len(s.Note) == 0 {
		return storedState{}, errors.New("stored note missing")
	}
	n, err := decodeNote(s.Note)
	if err != nil {
		return storedState{}, err
	}
	st.note = n
	return st, nil
}
