// Package pipeline is notegate's runtime: it consumes note events from
// Kafka, runs the enrichment stages, writes the result to the index, routes
// each note to its output topic and commits offsets only once the work they
// cover is done.
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

// Indexer makes processed notes durable and searchable.
//
// Apply is called with every note of a batch, deletions included, after the
// stages ran and before the notes are routed. It must be idempotent: the
// document of a note is replaced only by a strictly greater (Version,
// Revision) — models.Note.OrderKey — and a deletion removes it unless a
// greater one is already stored, so replays and duplicates never regress a
// note. A non-nil error means some
// notes were not written and the whole call is retried with backoff.
type Indexer interface {
	Apply(ctx context.Context, notes []*models.Note) error
}
