package pipeline

import (
	"context"
	"fmt"

	"github.com/notegate/notegate/models"
)

// indexSink is the index as a Sink, the first of every batch: it writes
// every live note, deletions included, and puts on each envelope what the
// index stores (Note, Written, EverApproved), or dead-letters a note the
// index refuses for good. The notes the index answers Retry for come back
// as a *PartialWrite, so the processor gives only those again.
type indexSink struct {
	indexer Indexer
	metrics *Metrics
}

func (s *indexSink) Name() string { return string(ConditionIndex) }

func (s *indexSink) Write(ctx context.Context, batch []*Envelope) error {
	var live []*Envelope
	var notes []*models.Note
	for _, env := range batch {
		if env.Err == nil {
			live = append(live, env)
			notes = append(notes, env.Note)
		}
	}
	if len(notes) == 0 {
		return nil
	}
	applied, err := s.indexer.Apply(ctx, notes)
	if err != nil {
		return err
	}
	if len(applied) != len(notes) {
		return fmt.Errorf("index answered %d outcomes for %d notes", len(applied), len(notes))
	}
	var again []*Envelope
	var why error
	for i, env := range live {
		switch a := applied[i]; {
		case a.Retry != nil:
			again = append(again, env)
			if why == nil {
				why = fmt.Errorf("note %s: %w", env.Note.NoteID, a.Retry)
			}
		case a.Rejected != "":
			env.Err = BadEvent(ReasonIndexRejected, "the index refused the note: %s", a.Rejected)
		case a.Stored == nil:
			env.Err = BadEvent(ReasonIndexRejected, "the index reported no stored note")
		default:
			env.Note, env.Written, env.EverApproved = a.Stored, a.Written, a.EverApproved
			s.metrics.indexed(a.Written)
		}
	}
	if len(again) > 0 {
		return &PartialWrite{Failed: again, Err: fmt.Errorf("the index asked to retry (first: %w)", why)}
	}
	return nil
}
