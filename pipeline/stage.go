// Package pipeline is notegate's runtime, mechanism only: it consumes note
// events from Kafka, runs the enrichment stages (Stage), writes the result
// to its sinks (Sink: the index, any configured ones, the route topics) and
// commits offsets only once the work they cover is done. Every other
// consumer of notegate (the desk's, the translation retrier) plugs a
// Handler into the same loop (Consumer).
package pipeline

import (
	"context"

	"github.com/notegate/notegate/models"
)

// Stage enriches notes in place.
//
// Process is called with a batch of upserted notes (never deletions), in
// the order the stages were configured, from one goroutine per Kafka
// partition at a time; an implementation must be safe for concurrent calls
// on different batches. The batch and its notes belong to the caller and
// must not be kept after Process returns.
//
// What a stage cannot decide about one note (a translation that failed, a
// text it cannot read) is recorded on that note, which flows on. A non-nil
// error means the stage could not run at all right now (a dependency is
// down): the runtime retries the whole batch with backoff, so Process must
// be safe to call again on notes it has already touched.
type Stage interface {
	Name() string
	Process(ctx context.Context, notes []*models.Note) error
}

// Indexer makes processed notes durable and searchable, and is the source
// of truth for what a note is: what the runtime publishes for a note is
// what Apply reports stored, never what the stages computed when the index
// kept something else.
//
// Apply is called with every note of a batch, deletions included, after the
// stages ran and before the notes are routed. It must be idempotent: the
// stored note of an id is replaced only by a strictly newer one
// (models.Note.Newer: by Version, then Revision), and a deletion removes it
// unless a newer one is already stored, leaving a tombstone so that a
// later, older upsert never brings it back. Within one call the newest
// note of an id wins whatever its position. A note written keeps the
// earliest FirstSeenAt among its own and the state stored for the id
// (tombstones included; a zero time counts as unknown), so when notegate
// first saw a note survives new versions, revisions, replays and
// deletions.
//
// It returns one Applied per note, in the order given, saying what the
// index holds for that id once the call is done, or (Retry) that the note
// is not written for a reason that passes. A non-nil error is a transport
// error of the whole call (disk full, cluster unavailable): some notes may
// not be written, and the caller retries the whole call with backoff,
// which the version rules make safe. Apply makes one attempt and never
// retries by itself: the caller's backoff is the one retry (the
// processor's for the index sink, the consumer loop's for the others).
// Apply does not keep the notes.
type Indexer interface {
	Apply(ctx context.Context, notes []*models.Note) ([]Applied, error)
}

// NoteStore is the index read back: what the consumers that rewrite a
// stored note (a reviewer's decision, an appeal, reports, a late
// translation) read it from and write it to. Get returns an error for
// which the index's IsNotFound holds when the note is unknown or deleted;
// any other error is a transport error.
type NoteStore interface {
	Indexer
	Get(ctx context.Context, noteID string) (*models.Note, error)
}

// Applied is what became of one note given to Indexer.Apply.
type Applied struct {
	// Written reports that the note was newer than what the index held
	// and is now stored as given, but for an earlier FirstSeenAt kept
	// from the stored state.
	Written bool
	// Stored is the note the index holds for the id after the call: the
	// given note when Written; otherwise the newer or equal one already
	// stored, which is a tombstone (Type note.deleted with NoteID, Version
	// and Revision only) when that is a deletion. Nil only when Rejected
	// or Retry is set.
	Stored *models.Note
	// EverApproved reports that the id has been approved in some market in
	// a state the index held, Stored included: a feed may be showing it,
	// so a state that is approved nowhere must be withdrawn from feeds.
	EverApproved bool
	// Rejected, when not empty, says why the index refuses the note for
	// good (no note id, a negative version, a document the backend cannot
	// parse): retrying will not help, and the event goes to the
	// dead-letter topic. The other notes of the call are unaffected.
	Rejected string
	// Retry, when not nil, says the note is not written, for a reason
	// that passes (the backend throttled it, a shard or node was
	// unavailable, other writes to the id kept winning the race): it is a
	// transport error of this note alone, and the caller gives the note
	// again, with backoff, until it is written, unchanged or rejected.
	// The other fields are then zero, and the other notes of the call are
	// unaffected. An index that writes all of a call or none of it (the
	// embedded one) never sets it and returns an error instead.
	Retry error
}
