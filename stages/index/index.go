// Package index makes processed notes durable and searchable. It defines the
// Index contract and two implementations: Embedded (bleve, on local disk) and
// Elasticsearch (an Elasticsearch 8 cluster). Both pass the conformance suite
// in package indextest.
package index

import (
	"context"
	"errors"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// ErrNotFound is returned by Get when no live note has the id: it was never
// indexed, or its latest version is a deletion.
var ErrNotFound = errors.New("index: note not found")

// ErrClosed is returned by calls made after Close.
var ErrClosed = errors.New("index: closed")

// Index stores every processed note, whatever its moderation decision, and
// answers full-text searches over the notes approved in a market.
//
// Apply (from pipeline.Indexer) writes a batch, deletions included, and
// reports per note what the index holds for its id afterwards. The
// document id is the note id. Notes are ordered by version, then revision
// (models.Note.Newer), for any version from 1 to 2^63-1. A note replaces
// the stored one only if it is strictly newer; an equal or older one is a
// no-op, not an error, and its outcome carries the stored note. A deletion
// removes the note unless a newer one is stored and leaves a tombstone
// with its version, so a late, older upsert cannot bring the note back; a
// newer upsert after a deletion restores it. Within one call, the newest
// note of an id wins whatever its position. A revision updates a version
// in place (a late translation, a reviewer's decision) and is never undone
// by a replay of the original. A note written keeps the earliest
// FirstSeenAt the id ever had (tombstones remember it), which Applied.Stored
// and Get report: the review queue's age counts from when notegate first
// saw a note, whatever later versions carry. Apply returns without error only once every
// note of the call is durably written, proven stale or rejected; on error
// some may not be, and the runtime retries the whole call, which the
// version rules make safe. Apply does not keep the notes.
//
// Get returns the stored note exactly as it was applied, whatever its
// decision (the review desk reads review and blocked notes), or ErrNotFound.
// The caller owns the returned note.
//
// Search matches q.Text, read by ParseQuery, against title, body, tags and
// the title and body of every translation together: every unquoted word
// must occur in one of them (for CJK text, every pair of adjacent
// characters), every quoted phrase in one of them with its words adjacent
// and in order, and a note with any excluded (-) word or phrase is left
// out. Each hit carries the highlights of its words and phrases
// (models.SearchHit.Highlights, built by noteHighlights). English words are
// stemmed and CJK text is matched as pairs of adjacent characters
// (Elasticsearch indexes them as bigrams; the embedded index finds them
// from single characters and their positions), so a Chinese
// word finds a longer Chinese phrase that contains it and an English word
// finds a Chinese note through its English translation. Only notes whose
// ApprovedMarkets contains q.Market are returned, or notes approved in at
// least one market when q.Market is empty; deletions never are. An empty
// q.Text matches every such note. Limit defaults to DefaultLimit and is
// capped at MaxLimit; Offset skips hits. Hits are ordered by score, then
// by note id. When q.After is set, Offset is ignored and the page holds the
// hits that follow that position in this order (search_after): a client
// that passes the last hit of each page gets every hit exactly once as
// long as the index does not change between pages, at a cost that does not
// grow with the depth of the page. Total counts every matching note up to
// q.TrackTotalHits, either way; past it Total may be a lower bound
// (TotalRelation "gte"), and the hits are the same as when counting all.
//
// Queue lists the notes waiting for a reviewer: live notes with at least one
// market in review, or urgent notes whatever their decisions
// (models.Moderation.QueueMarkets), filtered by q, ordered by urgency
// (models.Moderation.Urgency: an author at risk, then zero-tolerance
// content about minors), then escalated first, then by severity
// (models.Moderation.Severity), then oldest first (models.Note.QueuedAt:
// first seen, never the author's created_at),
// or by age alone when q.Oldest. Limit
// and Offset page as in Search; Total counts every matching note. See
// review.go.
//
// Thread lists the comments of a note: the live notes whose parent_id is
// q.ParentID, whatever their decisions, newest first (models.Note.QueuedAt,
// then note id). Limit and Offset page as in Search; Total counts every
// comment. An empty q.ParentID lists nothing.
//
// Author summarizes one author's live notes, whatever their decisions: how
// many there are, the q.Limit most recent (as Thread orders them; Limit as
// in Search, no offset), counts per market of the decision standing now,
// the machine's and the reviewer's (models.AuthorCounts), and the earliest
// and latest QueuedAt. An empty q.AuthorID has nothing. See context.go.
//
// Search, Queue, Thread and Author may trail Apply by a bounded delay, as
// Elasticsearch's refresh interval makes them (Embedded: see there); Get
// and Apply's outcomes never do. An index whose reads trail its writes
// may be a Refresher.
//
// All methods are safe for concurrent use. Close releases the storage;
// calls after Close return ErrClosed.
type Index interface {
	pipeline.Indexer
	Get(ctx context.Context, noteID string) (*models.Note, error)
	Search(ctx context.Context, q models.SearchQuery) (models.SearchResult, error)
	Queue(ctx context.Context, q models.QueueQuery) (models.SearchResult, error)
	Thread(ctx context.Context, q models.ThreadQuery) (models.SearchResult, error)
	Author(ctx context.Context, q models.AuthorQuery) (models.AuthorHistory, error)
	Close() error
}

// Refresher is an Index whose searches trail its writes. Refresh returns
// once every note applied before the call is visible to Search, Queue,
// Thread and Author, or with an error when ctx ends first. Tests and tools
// that search right after writing call it.
type Refresher interface {
	Refresh(ctx context.Context) error
}
