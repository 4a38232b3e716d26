package moderate

import (
	"context"

	"github.com/notegate/notegate/models"
)

// Finding is one thing a detector found in one field of a note.
type Finding struct {
	Category models.Category
	// Score is in [0, 1]: how sure and how severe. The policy compares it
	// with each market's thresholds.
	Score float64
	// Span is the evidence: a byte range of the field as the author wrote
	// it. Start == End means a judgement on the whole field with no span
	// to show (a classifier score).
	Span Span
	// Rule names the term or pattern that fired, for logs and tests. It is
	// never shown to authors.
	Rule string
	// Support marks a self_harm finding about an author who may be at
	// risk (not content promoting self-harm): the stage sends the note to
	// a person in every market and asks feeds to show support resources.
	Support bool
	// Clears marks a rules finding that reads an innocent context rather
	// than a harm (a rule with clears: true; Score is 0): the stage drops
	// the lexicon and classifier findings of Category whose evidence lies
	// inside Span, and reports nothing for it.
	Clears bool
}

// Detector is anything the stage runs to find harm: a FieldDetector, a
// NoteDetector (detector_campaign.go), or both. Name is the Label.Source
// of its findings, for example "lexicon". New refuses a Detector that is
// neither.
type Detector interface {
	Name() string
}

// FieldDetector finds moderation findings in one field of a note.
//
// Detect is called once per field (title, body, tags) with the field
// already normalized; it reads whichever view suits it and reports spans of
// t.Original. It is called concurrently for different notes and must not
// keep t after returning. A non-nil error means the detector cannot run
// right now (a remote classifier is down): the stage fails the batch and
// the runtime retries it. Rule-based detectors never fail.
type FieldDetector interface {
	Detector
	Detect(ctx context.Context, t *Text) ([]Finding, error)
}
