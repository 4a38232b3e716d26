package pending

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

// fixedRetranslator sets every asked target to status.
type fixedRetranslator struct{ status models.TranslationStatus }

func (f fixedRetranslator) Retranslate(_ context.Context, n *models.Note, targets []string) error {
	for _, t := range targets {
		n.Translations[t] = models.Translation{Body: "translated", Status: f.status, Error: "still down"}
	}
	return nil
}

func pendingNote(version int64) models.Note {
	n := models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Version: version, Body: "火锅"}, ApprovedMarkets: []string{"intl"}}
	n.Moderation.Decision = models.DecisionAllow
	n.Translations = map[string]models.Translation{"en": {Status: models.TranslationPending, Error: "down"}}
	return n
}

func TestRetrierAttempt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		stored      int64 // stored version; 0: none
		status      models.TranslationStatus
		attempt     int
		wantOutcome string
		wantTopics  []string
		wantStatus  models.TranslationStatus // stored afterwards
		wantRev     int64
	}{
		{"a_filled_translation_is_stored_as_the_next_revision_and_routed", 1, models.TranslationOK, 1, RetryFilled,
			[]string{"notes.approved"}, models.TranslationOK, 1},
		{"a_translation_still_pending_is_asked_for_again_and_the_note_left_alone", 1, models.TranslationPending, 1, RetryRequeued,
			[]string{DefaultTopic}, models.TranslationPending, 0},
		{"after_the_last_attempt_it_is_marked_failed", 1, models.TranslationPending, 3, RetryGaveUp,
			[]string{"notes.approved"}, models.TranslationFailed, 1},
		{"a_newer_version_makes_the_message_stale", 2, models.TranslationOK, 1, RetryStale, nil, models.TranslationPending, 0},
		{"a_deleted_note_makes_the_message_stale", 0, models.TranslationOK, 1, RetryStale, nil, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			store := pipelinetest.NewMemIndex()
			if tt.stored > 0 {
				store.Put(pendingNote(tt.stored))
			}
			r, err := NewRetrier(pipeline.Config{Brokers: []string{"127.0.0.1:1"}}, Config{MaxAttempts: 3},
				store, fixedRetranslator{tt.status}, pipelinetest.IsNotFound, nil, nil, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { pipelinetest.Stop(r.Run) })
			p := Translation{NoteID: "n1", Version: 1, Targets: []string{"en"}, Attempt: tt.attempt}
			out, outcome, err := r.attempt(context.Background(), kafka.Message{Topic: DefaultTopic}, p)
			if err != nil {
				t.Fatal(err)
			}
			if outcome != tt.wantOutcome {
				t.Errorf("outcome %s, want %s", outcome, tt.wantOutcome)
			}
			var topics []string
			for _, m := range out {
				topics = append(topics, m.Topic)
			}
			if len(topics) != len(tt.wantTopics) || (len(topics) > 0 && topics[0] != tt.wantTopics[0]) {
				t.Errorf("published to %v, want %v", topics, tt.wantTopics)
			}
			if outcome == RetryRequeued {
				var next Translation
				if err := json.Unmarshal(out[0].Value, &next); err != nil || next.Attempt != 2 || !next.NotBefore.After(time.Now()) {
					t.Errorf("requeued %+v (%v); want attempt 2 due later", next, err)
				}
			}
			if n, err := store.Get(context.Background(), "n1"); err == nil {
				if n.Translations["en"].Status != tt.wantStatus || n.Revision != tt.wantRev {
					t.Errorf("stored revision %d with %+v, want revision %d %s", n.Revision, n.Translations["en"], tt.wantRev, tt.wantStatus)
				}
			}
		})
	}
}

func TestRetrierTreatsAnIndexRetryAsATransportError(t *testing.T) {
	t.Parallel()
	store := pipelinetest.NewMemIndex(pendingNote(1))
	r, err := NewRetrier(pipeline.Config{Brokers: []string{"127.0.0.1:1"}}, Config{MaxAttempts: 3},
		store, fixedRetranslator{models.TranslationOK}, pipelinetest.IsNotFound, nil, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pipelinetest.Stop(r.Run) })
	p := Translation{NoteID: "n1", Version: 1, Targets: []string{"en"}, Attempt: 1}
	store.RetryNext(1)
	out, outcome, err := r.attempt(context.Background(), kafka.Message{Topic: DefaultTopic}, p)
	if !errors.Is(err, pipelinetest.ErrRetry) || len(out) != 0 || outcome != "" {
		t.Fatalf("attempt = %d messages, outcome %q, %v; want the index's Retry as the error", len(out), outcome, err)
	}
	if n, _ := store.Note("n1"); n.Revision != 0 || n.Translations["en"].Status != models.TranslationPending {
		t.Errorf("stored revision %d with %+v, want the note untouched", n.Revision, n.Translations["en"])
	}
	out, outcome, err = r.attempt(context.Background(), kafka.Message{Topic: DefaultTopic}, p)
	if err != nil || outcome != RetryFilled || len(out) == 0 {
		t.Fatalf("attempt again = %d messages, outcome %q, %v; want filled", len(out), outcome, err)
	}
	if n, _ := store.Note("n1"); n.Revision != 1 || n.Translations["en"].Status != models.TranslationOK {
		t.Errorf("stored revision %d with %+v, want the translation as revision 1", n.Revision, n.Translations["en"])
	}
}

func TestFollowUps(t *testing.T) {
	t.Parallel()
	now := time.Unix(1e9, 0)
	f := FollowUps("retry", func(int) time.Duration { return time.Minute }, func() time.Time { return now })
	waiting := pendingNote(3)
	done := pendingNote(3)
	done.Translations["en"] = models.Translation{Status: models.TranslationOK}
	if got := f(&pipeline.Envelope{Note: &done}); len(got) != 0 {
		t.Errorf("a note with nothing pending got follow-ups: %v", got)
	}
	if got := f(&pipeline.Envelope{Note: &waiting, Err: errors.New("bad")}); len(got) != 0 {
		t.Errorf("a dead-lettered event got follow-ups")
	}
	got := f(&pipeline.Envelope{Note: &waiting})
	if len(got) != 1 || got[0].Topic != "retry" || string(got[0].Key) != "n1" {
		t.Fatalf("follow-ups %v", got)
	}
	var p Translation
	if err := json.Unmarshal(got[0].Value, &p); err != nil {
		t.Fatal(err)
	}
	if p.Version != 3 || p.Attempt != 1 || len(p.Targets) != 1 || p.Targets[0] != "en" || !p.NotBefore.Equal(now.Add(time.Minute)) {
		t.Errorf("follow-up %+v", p)
	}
}
