// Package pipelinetest holds the test doubles and helpers of the packages
// that plug into the pipeline (the desk's rules, the translation
// retrier): an in-memory index with the Indexer contract, an embedded
// broker, and producing and consuming helpers.
package pipelinetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// ErrNoNote is MemIndex's "unknown or deleted" error.
var ErrNoNote = errors.New("no such note")

// IsNotFound tells ErrNoNote.
func IsNotFound(err error) bool { return errors.Is(err, ErrNoNote) }

// MemIndex is the pipeline.NoteStore double: the Indexer contract's
// version rules, tombstones, ever-approved flag and first-seen time, in
// memory.
type MemIndex struct {
	mu   sync.Mutex
	docs map[string]memDoc
	// failures makes the next calls fail, and retries answer Retry for
	// every note of the next calls, to exercise retries.
	failures int
	retries  int
	writes   int
}

// ErrRetry is the Applied.Retry of the calls RetryNext names.
var ErrRetry = errors.New("index throttled the note")

type memDoc struct {
	note         models.Note // a tombstone when note.Deleted()
	everApproved bool
	firstSeen    time.Time
}

// NewMemIndex holds seed.
func NewMemIndex(seed ...models.Note) *MemIndex {
	m := &MemIndex{docs: map[string]memDoc{}}
	for _, n := range seed {
		m.docs[n.NoteID] = memDoc{note: n, everApproved: len(n.ApprovedMarkets) > 0, firstSeen: n.FirstSeenAt}
	}
	return m
}

// Apply is pipeline.Indexer's.
func (m *MemIndex) Apply(_ context.Context, notes []*models.Note) ([]pipeline.Applied, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failures > 0 {
		m.failures--
		return nil, fmt.Errorf("index unavailable")
	}
	out := make([]pipeline.Applied, len(notes))
	if m.retries > 0 {
		m.retries--
		for i := range out {
			out[i] = pipeline.Applied{Retry: ErrRetry}
		}
		return out, nil
	}
	for i, n := range notes {
		if n.NoteID == "" {
			out[i] = pipeline.Applied{Rejected: "no note_id"}
			continue
		}
		m.writes++
		cur, ok := m.docs[n.NoteID]
		if ok && !n.Newer(&cur.note) {
			continue // answered below with what is stored
		}
		stored := *n
		firstSeen := models.EarliestSeen(cur.firstSeen, n.FirstSeenAt)
		if n.Deleted() {
			stored = models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted, NoteID: n.NoteID, Version: n.Version}, Revision: n.Revision}
		} else {
			stored.FirstSeenAt = firstSeen
		}
		stored.Translations = cloneTranslations(n.Translations)
		m.docs[n.NoteID] = memDoc{note: stored, everApproved: cur.everApproved || (!n.Deleted() && len(n.ApprovedMarkets) > 0), firstSeen: firstSeen}
		out[i] = pipeline.Applied{Written: true}
	}
	for i, n := range notes {
		if out[i].Rejected != "" {
			continue
		}
		d := m.docs[n.NoteID]
		if out[i].Written && d.note.Newer(n) {
			out[i].Written = false // a newer note of the same call won
		}
		st := d.note
		st.Translations = cloneTranslations(d.note.Translations)
		out[i].Stored, out[i].EverApproved = &st, d.everApproved
	}
	return out, nil
}

// Get is pipeline.NoteStore's.
func (m *MemIndex) Get(_ context.Context, id string) (*models.Note, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.docs[id]
	if !ok || d.note.Deleted() {
		return nil, ErrNoNote
	}
	n := d.note
	n.Translations = cloneTranslations(n.Translations)
	return &n, nil
}

// Note returns the live stored note.
func (m *MemIndex) Note(id string) (models.Note, bool) {
	n, err := m.Get(context.Background(), id)
	if err != nil {
		return models.Note{}, false
	}
	return *n, true
}

// Put stores n as it is.
func (m *MemIndex) Put(n models.Note) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.docs[n.NoteID] = memDoc{note: n, everApproved: len(n.ApprovedMarkets) > 0, firstSeen: n.FirstSeenAt}
}

// Writes counts the notes given to Apply.
func (m *MemIndex) Writes() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.writes
}

// FailNext makes the next n calls of Apply fail.
func (m *MemIndex) FailNext(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.failures = n
}

// RetryNext makes the next n calls of Apply write nothing and answer
// Retry (ErrRetry) for every note, as a throttled cluster does.
func (m *MemIndex) RetryNext(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.retries = n
}

func cloneTranslations(m map[string]models.Translation) map[string]models.Translation {
	if m == nil {
		return nil
	}
	out := make(map[string]models.Translation, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
