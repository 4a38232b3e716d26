package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// ErrBadEvent is wrapped by every error that Decode returns: the event can
// never be processed as it is and goes to the dead-letter topic.
var ErrBadEvent = errors.New("bad event")

// Reason codes of bad events, sent in the dead-letter header
// notegate-error-code so that posting services can count them.
const (
	ReasonTooLarge      = "too_large"
	ReasonInvalidUTF8   = "invalid_utf8"
	ReasonInvalidJSON   = "invalid_json"
	ReasonMissingNoteID = "missing_note_id"
	ReasonBadVersion    = "bad_version"
	ReasonBadField      = "bad_field"
	ReasonKeyMismatch   = "key_mismatch"
	ReasonStageFailure  = "stage_failure"
	ReasonIndexRejected = "index_rejected"
)

// EventError explains why an event was rejected.
type EventError struct {
	// Reason is one of the Reason* codes.
	Reason string
	// Detail is a sentence for the humans reading the dead-letter topic.
	Detail string
}

func (e *EventError) Error() string { return e.Reason + ": " + e.Detail }

// Unwrap makes errors.Is(err, ErrBadEvent) hold.
func (e *EventError) Unwrap() error { return ErrBadEvent }

// BadEvent is the *EventError of an event that is bad data: reason is one
// of the Reason codes, the rest says what is wrong.
func BadEvent(reason, format string, args ...any) error {
	return &EventError{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// maxNoteIDBytes bounds note_id: it is a Kafka key and an index document id.
const maxNoteIDBytes = 256

// wireEvent mirrors models.NoteEvent with the fields whose JSON type must be
// checked strictly kept raw.
type wireEvent struct {
	models.NoteEvent
	Version json.RawMessage `json:"version"`
}

// Decode parses one note event as posting services publish it (see README,
// "Input contract"). key is the Kafka message key; when it is not empty it
// must equal note_id. maxBytes <= 0 means no size limit. Every error wraps
// ErrBadEvent and is an *EventError.
func Decode(key, value []byte, maxBytes int) (models.NoteEvent, error) {
	var zero models.NoteEvent
	if maxBytes > 0 && len(value) > maxBytes {
		return zero, BadEvent(ReasonTooLarge, "event is %d bytes, the limit is %d", len(value), maxBytes)
	}
	if !utf8.Valid(value) {
		return zero, BadEvent(ReasonInvalidUTF8, "event is not valid UTF-8 (first bad byte at offset %d)", firstInvalidUTF8(value))
	}
	trimmed := bytes.TrimSpace(value)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return zero, BadEvent(ReasonInvalidJSON, "event is not a JSON object")
	}
	var w wireEvent
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&w); err != nil {
		return zero, BadJSON(err)
	}
	if dec.More() {
		return zero, BadEvent(ReasonInvalidJSON, "trailing data after the JSON object")
	}
	ev := w.NoteEvent
	if strings.TrimSpace(ev.NoteID) == "" {
		return zero, BadEvent(ReasonMissingNoteID, "note_id is missing or empty")
	}
	if len(ev.NoteID) > maxNoteIDBytes {
		return zero, BadEvent(ReasonBadField, "note_id is %d bytes, the limit is %d", len(ev.NoteID), maxNoteIDBytes)
	}
	if len(key) > 0 && string(key) != ev.NoteID {
		return zero, BadEvent(ReasonKeyMismatch, "message key %q differs from note_id %q", truncate(string(key), 64), truncate(ev.NoteID, 64))
	}
	v, err := parseVersion(w.Version)
	if err != nil {
		return zero, err
	}
	ev.Version = v
	switch ev.Type {
	case "":
		ev.Type = models.EventUpserted
	case models.EventUpserted, models.EventDeleted:
	default:
		return zero, BadEvent(ReasonBadField, "type %q is neither %q nor %q", truncate(string(ev.Type), 64), models.EventUpserted, models.EventDeleted)
	}
	if err := checkParentID(ev); err != nil {
		return zero, err
	}
	switch ev.Kind {
	case "":
		if ev.ParentID != "" {
			ev.Kind = models.KindComment
		} else {
			ev.Kind = models.KindNote
		}
	case models.KindNote, models.KindComment:
	default:
		return zero, BadEvent(ReasonBadField, "kind %q is neither %q nor %q", truncate(string(ev.Kind), 64), models.KindNote, models.KindComment)
	}
	return ev, nil
}

// checkParentID rejects a parent_id that cannot name another note: the
// review desk looks the parent and the thread up by it.
func checkParentID(ev models.NoteEvent) error {
	switch p := ev.ParentID; {
	case p == "":
		return nil
	case strings.TrimSpace(p) == "":
		return BadEvent(ReasonBadField, "parent_id is blank")
	case len(p) > maxNoteIDBytes:
		return BadEvent(ReasonBadField, "parent_id is %d bytes, the limit is %d", len(p), maxNoteIDBytes)
	case p == ev.NoteID:
		return BadEvent(ReasonBadField, "parent_id %q names the note itself", truncate(p, 64))
	}
	return nil
}

func parseVersion(raw json.RawMessage) (int64, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return 0, BadEvent(ReasonBadVersion, "version is missing")
	}
	var n json.Number
	// json.Number also accepts a quoted number; the contract says integer.
	if s[0] == '"' {
		return 0, BadEvent(ReasonBadVersion, "version %s is a string, not an integer", truncate(s, 32))
	}
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, BadEvent(ReasonBadVersion, "version %s is not a number", truncate(s, 32))
	}
	v, err := n.Int64()
	if err != nil {
		return 0, BadEvent(ReasonBadVersion, "version %s is not an integer", truncate(s, 32))
	}
	if v < 1 {
		return 0, BadEvent(ReasonBadVersion, "version %d is below 1", v)
	}
	return v, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// truncate shortens s to at most n bytes on a rune boundary, for messages.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// BadJSON is the data error of an event that encoding/json could not read
// into its contract type (err from json.Unmarshal or Decode): a field of
// the wrong JSON type is ReasonBadField and names the contract's field and
// the JSON it wants, never a Go type; anything else is ReasonInvalidJSON.
// Every consumer that reads JSON events reports their errors through it.
func BadJSON(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return BadEvent(ReasonBadField, "field %q: a JSON %s where the contract wants %s", contractField(typeErr.Field), typeErr.Value, jsonKind(typeErr.Type))
	}
	return BadEvent(ReasonInvalidJSON, "%v", err)
}

// contractField turns encoding/json's path of a field ("NoteEvent.tags")
// into the contract's name ("tags"): Go type names, which start with an
// upper-case letter, are dropped; JSON names are lower-case.
func contractField(path string) string {
	var keep []string
	for _, seg := range strings.Split(path, ".") {
		if seg == "" || unicode.IsUpper([]rune(seg)[0]) {
			continue
		}
		keep = append(keep, seg)
	}
	if len(keep) == 0 {
		return path
	}
	return strings.Join(keep, ".")
}

// jsonKind says in JSON's words what a Go type accepts.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array of " + strings.TrimPrefix(strings.TrimPrefix(jsonKind(t.Elem()), "a "), "an ") + "s"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "another type"
}
