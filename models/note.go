// Package models holds the data contracts of notegate: the note events that
// posting services publish, and the enriched notes that notegate routes and
// indexes. It is plain data with JSON tags and depends on the standard
// library only.
package models

import "time"

// EventType says what happened to a note upstream.
type EventType string

const (
	// EventUpserted is a new note or a new version of one. It is the default
	// when an event has no type.
	EventUpserted EventType = "note.upserted"
	// EventDeleted removes the note from the index and from feeds.
	EventDeleted EventType = "note.deleted"
)

// Kind tells notes from comments on notes.
type Kind string

const (
	KindNote    Kind = "note"
	KindComment Kind = "comment"
)

// NoteEvent is the input contract: one JSON object per Kafka message, keyed
// by NoteID. See README.md, "Input contract".
type NoteEvent struct {
	Type      EventType `json:"type,omitempty"`
	NoteID    string    `json:"note_id"`
	Version   int64     `json:"version"`
	Kind      Kind      `json:"kind,omitempty"`
	ParentID  string    `json:"parent_id,omitempty"`
	AuthorID  string    `json:"author_id,omitempty"`
	Market    string    `json:"market,omitempty"`
	Title     string    `json:"title,omitempty"`
	Body      string    `json:"body,omitempty"`
	Tags      []string  `json:"tags,omitempty"`
	CreatedAt time.Time `json:"created_at,omitzero"`
}

// Note is the result contract: the event as received plus what the stages
// found. The same shape is routed to the output topics, stored in the index
// and returned by the HTTP API.
type Note struct {
	NoteEvent

	// Language is the note's identified language.
	Language Language `json:"language"`
	// Translations maps a target language code (ISO 639-1, "zh" for
	// Chinese) to the note translated into it.
	Translations map[string]Translation `json:"translations,omitempty"`
	// Moderation is the decision for every configured market.
	Moderation Moderation `json:"moderation"`
	// ApprovedMarkets lists the markets the note may be shown in, sorted.
	ApprovedMarkets []string `json:"approved_markets,omitempty"`
	// ProcessedAt is when notegate finished the note.
	ProcessedAt time.Time `json:"processed_at,omitzero"`
	// FirstSeenAt is when notegate first saw the note id: set by the
	// pipeline when it processes a note, and kept by the index from the
	// earliest state it held for the id (every version, revision, replay
	// and deletion). Unlike CreatedAt, which the author's service supplies,
	// it is notegate's own clock; the review queue's age counts from it.
	FirstSeenAt time.Time `json:"first_seen_at,omitzero"`
	// Revision orders the updates notegate makes to one version after it
	// first processed it (a translation that arrived late, a reviewer's
	// decision): 0 the first time, larger with every update. Stores order
	// a note by (Version, Revision), so an update is never undone by a
	// replay of the original event.
	Revision int64 `json:"revision,omitempty"`
}

// Newer reports whether n comes after other in the order every store and
// feed keeps: by Version, then by Revision. Any Version from 1 to 2^63-1
// is ordered correctly.
func (n *Note) Newer(other *Note) bool {
	if n.Version != other.Version {
		return n.Version > other.Version
	}
	return n.Revision > other.Revision
}

// Deleted reports whether the note is a deletion.
func (n *Note) Deleted() bool { return n.Type == EventDeleted }

// Text returns the title and body joined by a newline, or whichever is not
// empty.
func (n *Note) Text() string {
	switch {
	case n.Title == "":
		return n.Body
	case n.Body == "":
		return n.Title
	}
	return n.Title + "\n" + n.Body
}
