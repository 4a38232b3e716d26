package moderate

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestRedactPII(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		redact  bool
		note    models.NoteEvent
		secrets []string // must be gone from the whole note when redacting
	}{
		{name: "phone numbers and e-mails are masked in the body and in every label", redact: true,
			note:    models.NoteEvent{Title: "hi", Body: "call me 138 0013 8000 or mail jess.doe@example.com 谢谢"},
			secrets: []string{"138 0013 8000", "jess.doe@example.com"}},
		{name: "a US SSN in the title is masked", redact: true,
			note:    models.NoteEvent{Title: "my ssn is 123-45-6789 lol", Body: "oops"},
			secrets: []string{"123-45-6789"}},
		{name: "PII in a tag is masked and the tag count kept", redact: true,
			note:    models.NoteEvent{Body: "hello", Tags: []string{"ohio", "jess.doe@example.com", "cats"}},
			secrets: []string{"jess.doe@example.com"}},
		{name: "without redaction the text is left as written",
			note: models.NoteEvent{Body: "call me 138 0013 8000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := New(Config{RedactPII: tt.redact})
			if err != nil {
				t.Fatal(err)
			}
			ev := tt.note
			ev.NoteID, ev.Version = "n1", 1
			n := &models.Note{NoteEvent: ev}
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			if !tt.redact {
				if n.Body != tt.note.Body {
					t.Errorf("body changed to %q", n.Body)
				}
				return
			}
			if len(n.Title) != len(tt.note.Title) || len(n.Body) != len(tt.note.Body) || len(n.Tags) != len(tt.note.Tags) {
				t.Errorf("redaction changed lengths: %q %q %q", n.Title, n.Body, n.Tags)
			}
			raw, _ := json.Marshal(n)
			for _, secret := range tt.secrets {
				if strings.Contains(string(raw), secret) {
					t.Errorf("%q survived redaction: %s", secret, raw)
				}
			}
			sawPII := false
			for _, l := range n.Moderation.Labels {
				sawPII = sawPII || l.Category == models.CategoryPII
				for _, e := range l.Evidence {
					field := map[string]string{"title": n.Title, "body": n.Body, "tags": TagsText(n.Tags)}[e.Field]
					if field[e.Start:e.End] != e.Text {
						t.Errorf("evidence %+v does not point into the stored %s %q", e, e.Field, field)
					}
				}
			}
			if !sawPII {
				t.Error("no pii label: nothing was detected, so the test proves nothing")
			}
		})
	}
}
