package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
	"github.com/notegate/notegate/stages/translate/pending"
)

// pausingStore lets a test interleave two writers: the first Get through
// it reads the note, then waits until resume is closed before handing it
// back, so another writer can update the note in between.
type pausingStore struct {
	pipeline.NoteStore
	once   sync.Once
	paused chan struct{}
	resume chan struct{}
}

func newPausingStore(s pipeline.NoteStore) *pausingStore {
	return &pausingStore{NoteStore: s, paused: make(chan struct{}), resume: make(chan struct{})}
}

func (p *pausingStore) Get(ctx context.Context, id string) (*models.Note, error) {
	n, err := p.NoteStore.Get(ctx, id)
	p.once.Do(func() {
		close(p.paused)
		<-p.resume
	})
	return n, err
}

// memAudit is an Auditor double, idempotent by decision id.
type memAudit struct {
	mu      sync.Mutex
	entries map[string]models.AuditEntry
}

func (a *memAudit) Record(_ context.Context, e models.AuditEntry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.entries[e.Decision.ID]; !ok {
		a.entries[e.Decision.ID] = e
	}
	return nil
}

// reviewPendingNote is in review in intl with its English translation
// pending: both the retrier and a reviewer have work on it.
func reviewPendingNote() models.Note {
	n := models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Version: 1, Body: "火锅"}}
	n.Moderation = models.Moderation{Decision: models.DecisionReview, Markets: map[string]models.Decision{"intl": models.DecisionReview}, PolicyVersion: "p1"}
	n.Translations = map[string]models.Translation{"en": {Status: models.TranslationPending, Error: "down"}}
	return n
}

// translatedOK fills every asked target.
type translatedOK struct{}

func (translatedOK) Retranslate(_ context.Context, n *models.Note, targets []string) error {
	for _, t := range targets {
		n.Translations[t] = models.Translation{Body: "translated", Status: models.TranslationOK}
	}
	return nil
}

// TestDecisionAndTranslationRaceKeepBothUpdates interleaves the decisions
// consumer and the translation retrier on one note: each reads revision 0
// and writes revision 1, so whichever writes second is dropped by the
// store's revision rule. The loser must notice on reading back and apply
// its change again on top of the winner's.
func TestDecisionAndTranslationRaceKeepBothUpdates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// paused is the writer that reads first and writes last.
		paused string
	}{
		{"a_decision_written_between_the_retriers_read_and_write_is_kept_with_the_translation", "retrier"},
		{"a_translation_written_between_the_decisions_read_and_write_is_kept_with_the_decision", "decision"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			shared := pipelinetest.NewMemIndex(reviewPendingNote())
			isNotFound := pipelinetest.IsNotFound
			retrierStore, decisionStore := pipeline.NoteStore(shared), pipeline.NoteStore(shared)
			pause := newPausingStore(shared)
			if tt.paused == "retrier" {
				retrierStore = pause
			} else {
				decisionStore = pause
			}
			cfg := pipeline.Config{Brokers: []string{"127.0.0.1:1"}}
			r, err := pending.NewRetrier(cfg, pending.Config{}, retrierStore, translatedOK{}, isNotFound, nil, nil, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			audit := &memAudit{entries: map[string]models.AuditEntry{}}
			c, err := NewDecisionConsumer(cfg, DecisionsConfig{}, decisionStore, audit, isNotFound, nil, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { pipelinetest.Stop(r.Run); pipelinetest.Stop(c.Run) })
			ctx := context.Background()
			d := models.ReviewDecision{ID: "d1", NoteID: "n1", NoteVersion: 1, Action: models.ReviewApprove, Reviewer: "alice", At: time.Unix(1e9, 0)}
			retry := func() error {
				v, _ := json.Marshal(pending.Translation{NoteID: "n1", Version: 1, Targets: []string{"en"}, Attempt: 1})
				out, err := r.Handle(ctx, kafka.Message{Topic: pending.DefaultTopic, Key: []byte("n1"), Value: v})
				if err == nil && (len(out) == 0 || pipelinetest.Header(out[0], pending.HeaderAttempt) != "1" || out[len(out)-1].Topic == pending.DefaultTopic) {
					err = fmt.Errorf("not filled: %d messages to publish", len(out))
				}
				return err
			}
			decide := func() error { _, _, err := c.apply(ctx, d); return err }
			first, second := retry, decide
			if tt.paused == "decision" {
				first, second = decide, retry
			}
			done := make(chan error, 1)
			go func() { done <- first() }()
			<-pause.paused // the first writer holds revision 0
			if err := second(); err != nil {
				t.Fatalf("the second writer: %v", err)
			}
			close(pause.resume)
			if err := <-done; err != nil {
				t.Fatalf("the paused writer: %v", err)
			}
			n, err := shared.Get(ctx, "n1")
			if err != nil {
				t.Fatal(err)
			}
			if n.Moderation.Review == nil || n.Moderation.Review.DecisionID != d.ID || n.Moderation.Decision != models.DecisionAllow {
				t.Errorf("the decision was lost: review %+v, decision %s", n.Moderation.Review, n.Moderation.Decision)
			}
			if n.Translations["en"].Status != models.TranslationOK {
				t.Errorf("the translation was lost: %+v", n.Translations["en"])
			}
			if n.Revision != 2 {
				t.Errorf("revision %d, want 2 (one update on top of the other)", n.Revision)
			}
		})
	}
}
