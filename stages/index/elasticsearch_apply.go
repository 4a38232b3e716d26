package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"sync"
	"time"

	"github.com/elastic/go-elasticsearch/v8/esutil"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// bulkItem is one note ready for the bulk API.
type bulkItem struct {
	noteID  string
	version int64
	body    []byte
}

// esDocument is the source of one Elasticsearch document: the searchable
// fields, the deletion flag and the note as applied.
type esDocument struct {
	document
	Deleted bool            `json:"deleted"`
	Note    json.RawMessage `json:"note,omitempty"`
}

// Apply writes notes through the bulk indexer and waits for every one: an
// item the cluster answers 409 to is stale and done; 429 is resent, slower
// and slower, until ctx ends; 400 is a rejection; any other failure is
// resent up to MaxRetries times, then Apply gives up.
// TODO(versions): external versions pack the revision into the low bits.
func (es *Elasticsearch) Apply(ctx context.Context, notes []*models.Note) ([]pipeline.Applied, error) {
	es.closeMu.RLock()
	defer es.closeMu.RUnlock()
	if es.closed {
		return nil, ErrClosed
	}
	items, rejected := bulkItems(notes)
	backoff := es.cfg.RetryBackoff
	stale := map[string]bool{}
	for failures := 0; len(items) > 0; {
		r, err := es.send(ctx, items)
		if err != nil {
			return nil, fmt.Errorf("index: apply: %w", err)
		}
		maps.Copy(rejected, r.rejected)
		for _, id := range r.stale {
			stale[id] = true
		}
		items = append(r.throttled, r.failed...)
		if len(items) == 0 {
			break
		}
		if len(r.failed) > 0 {
			failures++
			if failures > es.cfg.MaxRetries {
				return nil, fmt.Errorf("index: apply: %d of %d notes not written after %d attempts, last: %s",
					len(items), len(notes), failures, r.lastFailure)
			}
		}
		es.log.Warn("resending notes", "throttled", len(r.throttled), "failed", len(r.failed),
			"backoff", backoff, "last_failure", r.lastFailure)
		if err := sleep(ctx, backoff); err != nil {
			return nil, fmt.Errorf("index: apply: %d notes not written: %w", len(items), err)
		}
		backoff = min(backoff*2, es.cfg.MaxRetryBackoff)
	}
	latest := map[string]*models.Note{}
	for _, n := range notes {
		if n == nil || n.NoteID == "" {
			continue
		}
		if cur, ok := latest[n.NoteID]; !ok || n.Newer(cur) {
			latest[n.NoteID] = n
		}
	}
	out := make([]pipeline.Applied, len(notes))
	storedOf := map[string]*models.Note{}
	for i, n := range notes {
		if reason, ok := rejected[rejectionKey(i, n)]; ok {
			out[i] = pipeline.Applied{Rejected: reason}
			continue
		}
		w := latest[n.NoteID]
		if !stale[n.NoteID] {
			out[i] = pipeline.Applied{Written: w == n, Stored: w, EverApproved: true}
			continue
		}
		st, ok := storedOf[n.NoteID]
		if !ok {
			got, err := es.Get(ctx, n.NoteID)
			switch {
			case errors.Is(err, ErrNotFound):
				got = &models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted, NoteID: n.NoteID, Version: w.Version}, Revision: w.Revision}
			case err != nil:
				return nil, fmt.Errorf("index: apply: read stored %s: %w", n.NoteID, err)
			}
			st, storedOf[n.NoteID] = got, got
		}
		out[i] = pipeline.Applied{Stored: st, EverApproved: true}
	}
	return out, nil
}

// bulkItems encodes notes, keeping only the greatest version of each id
// (the first of equals, as the cluster would), and says why others could
// not be encoded.
func bulkItems(notes []*models.Note) (items []bulkItem, rejected map[string]string) {
	rejected = map[string]string{}
	latest := make(map[string]*models.Note, len(notes))
	var order []string
	for i, n := range notes {
		if reason := invalidNote(i, n); reason != "" {
			rejected[rejectionKey(i, n)] = reason
			continue
		}
		cur, seen := latest[n.NoteID]
		if !seen {
			order = append(order, n.NoteID)
		}
		if !seen || n.Newer(cur) {
			latest[n.NoteID] = n
		}
	}
	items = make([]bulkItem, 0, len(order))
	for _, id := range order {
		n := latest[id]
		body, err := esSource(n)
		if err != nil {
			rejected[id] = err.Error()
			continue
		}
		items = append(items, bulkItem{noteID: id, version: n.Version<<20 | n.Revision, body: body})
	}
	return items, rejected
}

// esSource is the document of a note, or its tombstone.
func esSource(n *models.Note) ([]byte, error) {
	if n.Deleted() {
		return json.Marshal(esDocument{document: document{NoteID: n.NoteID, Version: n.Version}, Deleted: true})
	}
	raw, err := json.Marshal(n)
	if err != nil {
		return nil, fmt.Errorf("encode note: %w", err)
	}
	return json.Marshal(esDocument{document: newDocument(n), Note: raw})
}

// sendResult sorts the items of one round by what became of them.
type sendResult struct {
	mu          sync.Mutex
	settled     []bool
	finished    bool // late callbacks are ignored
	throttled   []bulkItem
	failed      []bulkItem
	stale       []string
	rejected    map[string]string
	lastFailure string
}

// send adds items to the bulk indexer, flushes it and sorts the outcomes.
// It fails only when ctx ends.
func (es *Elasticsearch) send(ctx context.Context, items []bulkItem) (*sendResult, error) {
	r := &sendResult{settled: make([]bool, len(items))}
	for i, it := range items {
		version := it.version
		err := es.bulk.Add(ctx, esutil.BulkIndexerItem{
			Action:      "index",
			DocumentID:  it.noteID,
			Version:     &version,
			VersionType: "external",
			Body:        bytes.NewReader(it.body),
			OnSuccess: func(context.Context, esutil.BulkIndexerItem, esutil.BulkIndexerResponseItem) {
				r.settle(i, it, http.StatusOK, "", nil)
			},
			OnFailure: func(_ context.Context, _ esutil.BulkIndexerItem, res esutil.BulkIndexerResponseItem, err error) {
				reason := res.Error.Type
				if res.Error.Reason != "" {
					reason += ": " + res.Error.Reason
				}
				r.settle(i, it, res.Status, reason, err)
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
	for i, ok := range r.settled {
		if !ok { // the response left the item out
			r.failed = append(r.failed, items[i])
			r.lastFailure = "no result for note " + items[i].noteID
		}
	}
	return r, nil
}

// settle records the outcome of item i.
func (r *sendResult) settle(i int, it bulkItem, status int, reason string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.finished || r.settled[i] {
		return
	}
	r.settled[i] = true
	switch {
	case err != nil:
		r.failed = append(r.failed, it)
		r.lastFailure = err.Error()
	case status >= 200 && status < 300:
	case status == http.StatusConflict:
		// A version at least as great is already stored.
		r.stale = append(r.stale, it.noteID)
	case status == http.StatusTooManyRequests:
		r.throttled = append(r.throttled, it)
		r.lastFailure = fmt.Sprintf("note %s: %d %s", it.noteID, status, reason)
	case status == http.StatusBadRequest:
		if r.rejected == nil {
			r.rejected = map[string]string{}
		}
		r.rejected[it.noteID] = reason
	default:
		r.failed = append(r.failed, it)
		r.lastFailure = fmt.Sprintf("note %s: %d %s", it.noteID, status, reason)
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
