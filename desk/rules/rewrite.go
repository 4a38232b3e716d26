package rules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// rewriteStored reads note id from store, asks change for its next state
// and writes that; change gets a note the caller owns and returns the
// next state (as n's next revision) or nil to leave the note as it is.
// The store keeps the first write of a (Version, Revision), so when
// another writer (a decision, a late translation) wrote the same revision
// first, rewriteStored reads the note again and asks change again, up to
// maxDecisionRaces times; beyond, it returns errLostRace, a transport
// error to retry with backoff.
//
// It returns what the index holds after the write and true, or false
// when the note is unknown or deleted, change returned nil, or the index
// refused the note (logged). Other errors are transport errors, and so
// is a note the index answers Retry for.
func rewriteStored(ctx context.Context, store pipeline.NoteStore, isNotFound func(error) bool, id string, log *slog.Logger, change func(n *models.Note) *models.Note) (pipeline.Applied, bool, error) {
	for race := 0; ; race++ {
		n, err := store.Get(ctx, id)
		switch {
		case err != nil && isNotFound(err):
			return pipeline.Applied{}, false, nil
		case err != nil:
			return pipeline.Applied{}, false, fmt.Errorf("read note %s: %w", id, err)
		}
		next := change(n)
		if next == nil {
			return pipeline.Applied{Stored: n}, false, nil
		}
		out, err := store.Apply(ctx, []*models.Note{next})
		if err != nil {
			return pipeline.Applied{}, false, fmt.Errorf("write note %s: %w", id, err)
		}
		if len(out) != 1 {
			return pipeline.Applied{}, false, fmt.Errorf("write note %s: the index answered %d outcomes", id, len(out))
		}
		a := out[0]
		switch {
		case a.Retry != nil:
			return pipeline.Applied{}, false, fmt.Errorf("write note %s: %w", id, a.Retry)
		case a.Rejected != "":
			log.Error("the index refused a note; left as it was", "note_id", id, "reason", a.Rejected)
			return pipeline.Applied{}, false, nil
		case a.Written:
			return a, true, nil
		case race+1 >= maxDecisionRaces:
			return pipeline.Applied{}, false, fmt.Errorf("note %s: %w %d times", id, errLostRace, race+1)
		}
	}
}

// errLostRace: another writer stored the same revision of a note first,
// more often than a rewrite tries again at once.
var errLostRace = errors.New("another writer updated the note first")
