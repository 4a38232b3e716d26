// Package samples holds test and demo data for notegate: a hand-written set
// of note events from the January 2025 "TikTok refugee" wave on a Chinese
// notes app (notes.jsonl, with what a correct pipeline should find in each in
// expected.jsonl), and a deterministic generator of an endless synthetic mix
// for benchmarks.
//
// All text is original, written for notegate. Phone numbers are fictional
// (138 0013 8000 and the 555-01xx range) and contact handles are invented.
package samples

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/notegate/notegate/models"
)

// notesJSONL is one NoteEvent per line, in publishing order: later lines
// carry edits (greater versions) and deletions of earlier notes.
//
//go:embed notes.jsonl
var notesJSONL string

// expectedJSONL is one Expectation per upserted line of notesJSONL.
//
//go:embed expected.jsonl
var expectedJSONL string

// Raw returns the lines of notes.jsonl, ready to publish as Kafka values
// keyed by their note_id, in file order. Each call returns fresh slices the
// caller may keep or change.
func Raw() [][]byte {
	lines := splitLines(notesJSONL)
	out := make([][]byte, len(lines))
	for i, l := range lines {
		out[i] = []byte(l)
	}
	return out
}

// Notes returns the events of notes.jsonl in file order. An error means the
// embedded file is broken, which the package's tests rule out.
func Notes() ([]models.NoteEvent, error) {
	return decodeLines[models.NoteEvent](notesJSONL, "notes.jsonl")
}

// Expectation is what a correct pipeline should find in one version of one
// sample note. Deletions have none.
type Expectation struct {
	NoteID  string `json:"note_id"`
	Version int64  `json:"version"`
	// Lang is the main language: an ISO 639-1 code, or "und" for emoji and
	// hashtags only.
	Lang string `json:"lang"`
	// Script is "Hans" or "Hant" for Chinese, empty otherwise.
	Script string `json:"script,omitempty"`
	// Mixed lists the other languages of a code-mixed note.
	Mixed []string `json:"mixed,omitempty"`
	// Bad lists the moderation categories the note belongs to; empty for a
	// note that should be allowed.
	Bad []models.Category `json:"bad,omitempty"`
	// Lookalike marks an innocent note that naive rules would flag (微信支付
	// news, "chicken breast", Scunthorpe, a crisis-line post); it must not
	// be blocked.
	Lookalike bool `json:"lookalike,omitempty"`
	// Gloss lists English queries that should find this non-English note
	// through its translation, such as "hotpot" for a note about 火锅.
	Gloss []string `json:"gloss,omitempty"`
}

// Expectations returns one Expectation per upserted event of notes.jsonl,
// in file order.
func Expectations() ([]Expectation, error) {
	return decodeLines[Expectation](expectedJSONL, "expected.jsonl")
}

func decodeLines[T any](text, name string) ([]T, error) {
	lines := splitLines(text)
	out := make([]T, 0, len(lines))
	for i, l := range lines {
		var v T
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("samples: %s line %d: %w", name, i+1, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// splitLines returns the non-blank lines of text.
func splitLines(text string) []string {
	var lines []string
	for l := range strings.Lines(text) {
		l = strings.TrimRight(l, "\r\n")
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines
}
