package rules

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

// TestAnIndexRetryIsATransportError: a note the index answers Retry for
// is not written, so the desk's writers return an error (the consumer
// loop gives the message again with backoff) and record nothing; the next
// call, once the index takes the note, writes it.
func TestAnIndexRetryIsATransportError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("a_decision_is_neither_audited_nor_routed_until_the_index_writes_it", func(t *testing.T) {
		t.Parallel()
		store := pipelinetest.NewMemIndex(reviewPendingNote())
		audit := &memAudit{entries: map[string]models.AuditEntry{}}
		c, err := NewDecisionConsumer(pipeline.Config{Brokers: []string{"127.0.0.1:1"}}, DecisionsConfig{}, store, audit, pipelinetest.IsNotFound, nil, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { pipelinetest.Stop(c.Run) })
		d := models.ReviewDecision{ID: "d1", NoteID: "n1", NoteVersion: 1, Action: models.ReviewApprove, Reviewer: "alice", At: time.Unix(1e9, 0)}
		v, _ := json.Marshal(d)
		msg := kafka.Message{Key: []byte("n1"), Value: v}

		store.RetryNext(1)
		out, err := c.handle(ctx, msg)
		if !errors.Is(err, pipelinetest.ErrRetry) || len(out) != 0 {
			t.Fatalf("handle = %d messages, %v; want the index's Retry as the error", len(out), err)
		}
		if len(audit.entries) != 0 {
			t.Errorf("audited %+v before the note was written", audit.entries)
		}
		if n, _ := store.Note("n1"); n.Revision != 0 {
			t.Errorf("stored revision %d, want 0", n.Revision)
		}

		out, err = c.handle(ctx, msg)
		if err != nil || len(out) == 0 {
			t.Fatalf("handle again = %d messages, %v; want the decided note routed", len(out), err)
		}
		if e := audit.entries["d1"]; e.Outcome != models.AuditApplied {
			t.Errorf("audit = %+v, want applied", e)
		}
		if n, _ := store.Note("n1"); n.Revision != 1 || n.Moderation.Review == nil || n.Moderation.Review.DecisionID != "d1" {
			t.Errorf("stored revision %d, review %+v; want the decision as revision 1", n.Revision, n.Moderation.Review)
		}
	})
	t.Run("a_rewrite_returns_the_retry_and_the_next_one_writes", func(t *testing.T) {
		t.Parallel()
		store := pipelinetest.NewMemIndex(reviewPendingNote())
		next := func(n *models.Note) *models.Note {
			n.Revision++
			n.Body = "rewritten"
			return n
		}
		store.RetryNext(1)
		if _, written, err := rewriteStored(ctx, store, pipelinetest.IsNotFound, "n1", slog.New(slog.DiscardHandler), next); !errors.Is(err, pipelinetest.ErrRetry) || written {
			t.Fatalf("rewrite = written %v, %v; want the index's Retry as the error", written, err)
		}
		if n, _ := store.Note("n1"); n.Body != "火锅" {
			t.Errorf("stored body %q, want the note untouched", n.Body)
		}
		a, written, err := rewriteStored(ctx, store, pipelinetest.IsNotFound, "n1", slog.New(slog.DiscardHandler), next)
		if err != nil || !written || a.Stored.Body != "rewritten" {
			t.Errorf("rewrite again = %+v, written %v, %v; want the rewrite stored", a, written, err)
		}
	})
}
