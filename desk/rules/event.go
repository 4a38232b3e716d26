package rules

import (
	"encoding/json"
	"strings"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/pipeline"
)

// decodeNoteEvent reads m's value into v, an event of the posting
// services about one note (an appeal, a report), or says why it is none.
// what names the event with its article ("an appeal"). check, called once
// v is read, returns the note id v names and what is wrong with v's own
// fields; the note id must be there, at most 256 bytes, and the message
// key when there is one.
func decodeNoteEvent(m kafka.Message, v any, what string, check func() (noteID string, err error)) error {
	if err := json.Unmarshal(m.Value, v); err != nil {
		return pipeline.BadJSON(err)
	}
	id, err := check()
	switch {
	case id == "" || len(id) > 256:
		return pipeline.BadEvent(pipeline.ReasonMissingNoteID, "%s needs a note_id of at most 256 bytes", what)
	case err != nil:
		return err
	case len(m.Key) > 0 && string(m.Key) != id:
		_, noun, _ := strings.Cut(what, " ")
		return pipeline.BadEvent(pipeline.ReasonKeyMismatch, "the key %q is not the %s's note_id %q", m.Key, noun, id)
	}
	return nil
}
