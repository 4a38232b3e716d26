package pipeline

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		key    string
		value  string
		reason string // empty: valid
		max    int    // the size limit; zero: 256
		check  func(t *testing.T, ev models.NoteEvent)
	}{
		{name: "a full event parses", key: "n1",
			value: `{"type":"note.upserted","note_id":"n1","version":3,"kind":"note","author_id":"u1","market":"intl","title":"hi","body":"hello from Ohio","tags":["hello"],"created_at":"2025-01-14T10:00:00Z"}`,
			check: func(t *testing.T, ev models.NoteEvent) {
				if ev.Version != 3 || ev.Body != "hello from Ohio" || ev.Tags[0] != "hello" || ev.CreatedAt.IsZero() {
					t.Errorf("got %+v", ev)
				}
			}},
		{name: "type defaults to upserted and kind to note", value: `{"note_id":"n1","version":1}`,
			check: func(t *testing.T, ev models.NoteEvent) {
				if ev.Type != models.EventUpserted || ev.Kind != models.KindNote {
					t.Errorf("got type %q kind %q", ev.Type, ev.Kind)
				}
			}},
		{name: "a parent id makes a comment", value: `{"note_id":"c1","version":1,"parent_id":"n1"}`,
			check: func(t *testing.T, ev models.NoteEvent) {
				if ev.Kind != models.KindComment {
					t.Errorf("kind %q", ev.Kind)
				}
			}},
		{name: "a blank parent id is rejected", value: `{"note_id":"c1","version":1,"parent_id":" "}`, reason: ReasonBadField},
		{name: "a parent id longer than a note id may be is rejected", value: `{"note_id":"c1","version":1,"parent_id":"` + strings.Repeat("p", 257) + `"}`, max: 1024, reason: ReasonBadField},
		{name: "a note that is its own parent is rejected", value: `{"note_id":"c1","version":1,"parent_id":"c1"}`, reason: ReasonBadField},
		{name: "a parent id that is not a string is rejected", value: `{"note_id":"c1","version":1,"parent_id":7}`, reason: ReasonBadField},
		{name: "a parent id of the longest note id parses", value: `{"note_id":"c1","version":1,"parent_id":"` + strings.Repeat("p", 256) + `"}`, max: 1024,
			check: func(t *testing.T, ev models.NoteEvent) {
				if len(ev.ParentID) != 256 || ev.Kind != models.KindComment {
					t.Errorf("parent_id of %d bytes, kind %q", len(ev.ParentID), ev.Kind)
				}
			}},
		{name: "a delete event parses", value: `{"type":"note.deleted","note_id":"n1","version":4}`,
			check: func(t *testing.T, ev models.NoteEvent) {
				if ev.Type != models.EventDeleted {
					t.Errorf("type %q", ev.Type)
				}
			}},
		{name: "a microsecond timestamp is a version", value: `{"note_id":"n1","version":1764556800123456}`,
			check: func(t *testing.T, ev models.NoteEvent) {
				if ev.Version != 1764556800123456 {
					t.Errorf("version %d", ev.Version)
				}
			}},
		{name: "the greatest 64-bit version is a version", value: `{"note_id":"n1","version":9223372036854775807}`,
			check: func(t *testing.T, ev models.NoteEvent) {
				if ev.Version != 1<<63-1 {
					t.Errorf("version %d", ev.Version)
				}
			}},
		{name: "a version beyond 64 bits is rejected", value: `{"note_id":"n1","version":9223372036854775808}`, reason: ReasonBadVersion},
		{name: "unknown fields are ignored", value: `{"note_id":"n1","version":1,"future":{"x":1}}`},
		{name: "surrounding whitespace is fine", value: " \n{\"note_id\":\"n1\",\"version\":1}\n"},
		{name: "not JSON is rejected", value: `hello`, reason: ReasonInvalidJSON},
		{name: "a JSON array is rejected", value: `[1,2]`, reason: ReasonInvalidJSON},
		{name: "truncated JSON is rejected", value: `{"note_id":"n1","version":1`, reason: ReasonInvalidJSON},
		{name: "trailing data is rejected", value: `{"note_id":"n1","version":1} {}`, reason: ReasonInvalidJSON},
		{name: "an empty value is rejected", value: ``, reason: ReasonInvalidJSON},
		{name: "invalid UTF-8 is rejected", value: "{\"note_id\":\"n1\",\"version\":1,\"body\":\"\xff\xfe\"}", reason: ReasonInvalidUTF8},
		{name: "a missing note id is rejected", value: `{"version":1}`, reason: ReasonMissingNoteID},
		{name: "a blank note id is rejected", value: `{"note_id":"  ","version":1}`, reason: ReasonMissingNoteID},
		{name: "a missing version is rejected", value: `{"note_id":"n1"}`, reason: ReasonBadVersion},
		{name: "a null version is rejected", value: `{"note_id":"n1","version":null}`, reason: ReasonBadVersion},
		{name: "version zero is rejected", value: `{"note_id":"n1","version":0}`, reason: ReasonBadVersion},
		{name: "a negative version is rejected", value: `{"note_id":"n1","version":-2}`, reason: ReasonBadVersion},
		{name: "a fractional version is rejected", value: `{"note_id":"n1","version":1.5}`, reason: ReasonBadVersion},
		{name: "a string version is rejected", value: `{"note_id":"n1","version":"1"}`, reason: ReasonBadVersion},
		{name: "an unknown type is rejected", value: `{"note_id":"n1","version":1,"type":"note.exploded"}`, reason: ReasonBadField},
		{name: "an unknown kind is rejected", value: `{"note_id":"n1","version":1,"kind":"story"}`, reason: ReasonBadField},
		{name: "a wrongly typed field is rejected", value: `{"note_id":"n1","version":1,"tags":"a,b"}`, reason: ReasonBadField},
		{name: "a key that is not the note id is rejected", key: "n2", value: `{"note_id":"n1","version":1}`, reason: ReasonKeyMismatch},
		{name: "an oversize event is rejected", value: `{"note_id":"n1","version":1,"body":"` + strings.Repeat("a", 300) + `"}`, reason: ReasonTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			limit := tt.max
			if limit == 0 {
				limit = 256
			}
			ev, err := Decode([]byte(tt.key), []byte(tt.value), limit)
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				if tt.check != nil {
					tt.check(t, ev)
				}
				return
			}
			var ee *EventError
			if !errors.As(err, &ee) || !errors.Is(err, ErrBadEvent) {
				t.Fatalf("Decode error = %v, want an EventError", err)
			}
			if ee.Reason != tt.reason {
				t.Errorf("reason = %q, want %q (%v)", ee.Reason, tt.reason, err)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("n1"), []byte(`{"note_id":"n1","version":1,"body":"hi"}`))
	f.Add([]byte(""), []byte(`{"note_id":"n1","version":1e3}`))
	f.Add([]byte(""), []byte("{\"note_id\":\"\xff\",\"version\":1}"))
	f.Add([]byte(""), []byte(`{"note_id":"n1","version":99999999999999999999}`))
	f.Fuzz(func(t *testing.T, key, value []byte) {
		ev, err := Decode(key, value, 4096)
		if err != nil {
			var ee *EventError
			if !errors.As(err, &ee) || ee.Reason == "" || !utf8.ValidString(ee.Error()) {
				t.Fatalf("error %v is not a valid EventError", err)
			}
			return
		}
		if ev.NoteID == "" || ev.Version < 1 {
			t.Fatalf("accepted an event without id or version: %+v", ev)
		}
		if ev.Type != models.EventUpserted && ev.Type != models.EventDeleted {
			t.Fatalf("accepted type %q", ev.Type)
		}
		if ev.ParentID != "" && (ev.ParentID == ev.NoteID || len(ev.ParentID) > 256 || strings.TrimSpace(ev.ParentID) == "") {
			t.Fatalf("accepted parent_id %q of note %q", ev.ParentID, ev.NoteID)
		}
		if !utf8.ValidString(ev.Body) || !utf8.ValidString(ev.Title) {
			t.Fatal("accepted invalid UTF-8")
		}
	})
}

func TestDecodeNamesFieldsAsTheContractDoes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value, want string
	}{
		{"a string for tags names tags and an array of strings", `{"note_id":"n1","version":1,"tags":"x"}`, `field "tags": a JSON string where the contract wants an array of strings`},
		{"a number for body names body and a string", `{"note_id":"n1","version":1,"body":7}`, `field "body": a JSON number where the contract wants a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Decode(nil, []byte(tt.value), 0)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode(%s) error %v, want it to say %q", tt.value, err, tt.want)
			}
			if strings.Contains(err.Error(), "NoteEvent") {
				t.Fatalf("error %q names a Go type", err)
			}
		})
	}
}

// TestBadJSONNamesContractFields: the consumers of other events (reviewer
// decisions, appeals, reports, pending translations) report a wrongly
// typed field by its contract name, never by a Go type.
func TestBadJSONNamesContractFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value, reason, want string
	}{
		{"a number for a decision's note_id names note_id", `{"id":"d1","note_id":7}`, ReasonBadField, `field "note_id": a JSON number where the contract wants a string`},
		{"a string for a decision's note_version names note_version", `{"id":"d1","note_version":"3"}`, ReasonBadField, `field "note_version": a JSON string where the contract wants`},
		{"text that is not JSON is invalid json", `not json`, ReasonInvalidJSON, "invalid character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var d models.ReviewDecision
			err := BadJSON(json.Unmarshal([]byte(tt.value), &d))
			var bad *EventError
			if !errors.As(err, &bad) || bad.Reason != tt.reason || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("BadJSON(%s) = %v, want reason %s saying %q", tt.value, err, tt.reason, tt.want)
			}
			if strings.Contains(err.Error(), "ReviewDecision") || strings.Contains(err.Error(), "Go ") {
				t.Fatalf("error %q names a Go type", err)
			}
		})
	}
}
