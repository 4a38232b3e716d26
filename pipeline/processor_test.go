package pipeline_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

type funcStage struct {
	name string
	fn   func([]*models.Note) error
}

func (f funcStage) Name() string { return f.name }
func (f funcStage) Process(_ context.Context, notes []*models.Note) error {
	return f.fn(notes)
}

func envelopes(values ...string) []*pipeline.Envelope {
	out := make([]*pipeline.Envelope, len(values))
	for i, v := range values {
		out[i] = &pipeline.Envelope{Value: []byte(v)}
	}
	return out
}

func TestProcessor(t *testing.T) {
	t.Parallel()
	fast := pipeline.Backoff{Min: time.Millisecond, Max: 2 * time.Millisecond}
	t.Run("a stage that panics on one note dead-letters only that note", func(t *testing.T) {
		t.Parallel()
		boom := funcStage{"boom", func(notes []*models.Note) error {
			for _, n := range notes {
				if strings.Contains(n.Body, "poison") {
					panic("cannot handle this")
				}
			}
			return nil
		}}
		p := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{boom, keywordModerator{}}, Backoff: fast, Logger: pipelinetest.QuietLogger()})
		batch := envelopes(`{"note_id":"a","version":1,"body":"fine"}`, `{"note_id":"b","version":1,"body":"poison"}`, `{"note_id":"c","version":1,"body":"fine too"}`)
		if err := p.Process(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		got := []pipeline.Route{batch[0].Route, batch[1].Route, batch[2].Route}
		if got[0] != pipeline.RouteApproved || got[1] != pipeline.RouteDeadLetter || got[2] != pipeline.RouteApproved {
			t.Fatalf("routes = %v", got)
		}
		var ee *pipeline.EventError
		if !errors.As(batch[1].Err, &ee) || ee.Reason != pipeline.ReasonStageFailure || !strings.Contains(ee.Detail, "boom") {
			t.Errorf("dead-letter reason = %v", batch[1].Err)
		}
	})
	t.Run("a stage's transport error is retried until it passes", func(t *testing.T) {
		t.Parallel()
		calls := 0
		flaky := funcStage{"flaky", func([]*models.Note) error {
			calls++
			if calls < 4 {
				return errors.New("translator down")
			}
			return nil
		}}
		p := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{flaky, keywordModerator{}}, Backoff: fast, Logger: pipelinetest.QuietLogger()})
		batch := envelopes(`{"note_id":"a","version":1,"body":"fine"}`)
		if err := p.Process(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		if calls != 4 || batch[0].Route != pipeline.RouteApproved {
			t.Errorf("calls = %d, route = %s", calls, batch[0].Route)
		}
	})
	t.Run("a stage that never recovers holds the batch until shutdown, then reports it unfinished", func(t *testing.T) {
		t.Parallel()
		down := funcStage{"down", func([]*models.Note) error { return errors.New("down") }}
		p := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{down}, Backoff: fast, Logger: pipelinetest.QuietLogger()})
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		batch := envelopes(`{"note_id":"a","version":1}`)
		if err := p.Process(ctx, batch); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Process = %v, want the context's error", err)
		}
	})
	t.Run("deletions skip the stages but reach the index", func(t *testing.T) {
		t.Parallel()
		seen := 0
		counter := funcStage{"count", func(n []*models.Note) error { seen += len(n); return nil }}
		idx := pipelinetest.NewMemIndex()
		p := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{counter}, Indexer: idx, Backoff: fast, Logger: pipelinetest.QuietLogger()})
		batch := envelopes(`{"note_id":"a","version":1,"body":"x"}`, `{"type":"note.deleted","note_id":"a","version":2}`)
		if err := p.Process(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		if seen != 1 || batch[1].Route != pipeline.RouteDeleted {
			t.Errorf("stage saw %d notes, deletion routed %s", seen, batch[1].Route)
		}
		if _, ok := idx.Note("a"); ok || idx.Writes() != 2 {
			t.Errorf("index writes = %d, note still present = %v", idx.Writes(), ok)
		}
	})
	t.Run("a replay after a reviewer's rejection carries the rejection, not a recomputation", func(t *testing.T) {
		t.Parallel()
		decided := models.Note{NoteEvent: models.NoteEvent{NoteID: "a", Version: 1, Body: "fine"}, Revision: 1,
			Moderation: models.Moderation{Decision: models.DecisionBlock, Markets: map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionBlock},
				Review: &models.Review{DecisionID: "d1", Action: models.ReviewReject}}}
		idx := pipelinetest.NewMemIndex(decided)
		p := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{keywordModerator{}}, Indexer: idx, Backoff: fast, Logger: pipelinetest.QuietLogger()})
		batch := envelopes(`{"note_id":"a","version":1,"body":"fine"}`)
		if err := p.Process(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		env := batch[0]
		if env.Written || env.Route != pipeline.RouteRejected || env.Note.Revision != 1 || env.Note.Moderation.Review == nil {
			t.Errorf("replay: written %v, route %s, revision %d, review %+v; want the stored rejection", env.Written, env.Route, env.Note.Revision, env.Note.Moderation.Review)
		}
	})
	t.Run("a stale upsert after a deletion carries the deletion", func(t *testing.T) {
		t.Parallel()
		idx := pipelinetest.NewMemIndex()
		p := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{keywordModerator{}}, Indexer: idx, Backoff: fast, Logger: pipelinetest.QuietLogger()})
		if err := p.Process(context.Background(), envelopes(`{"note_id":"a","version":1,"body":"fine"}`)); err != nil {
			t.Fatal(err)
		}
		if err := p.Process(context.Background(), envelopes(`{"type":"note.deleted","note_id":"a","version":2}`)); err != nil {
			t.Fatal(err)
		}
		batch := envelopes(`{"note_id":"a","version":1,"body":"fine"}`)
		if err := p.Process(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		if env := batch[0]; env.Written || env.Route != pipeline.RouteDeleted || env.Note.Version != 2 || !env.EverApproved {
			t.Errorf("stale upsert: written %v, route %s, version %d, ever approved %v; want the deletion of version 2", env.Written, env.Route, env.Note.Version, env.EverApproved)
		}
	})
	t.Run("a note keeps when notegate first saw it across replays, versions and deletions, whatever its created_at says", func(t *testing.T) {
		t.Parallel()
		idx := pipelinetest.NewMemIndex()
		p := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{keywordModerator{}}, Indexer: idx, Backoff: fast, Logger: pipelinetest.QuietLogger()})
		t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		now := t0
		p.SetNow(func() time.Time { return now })
		process := func(event string) *pipeline.Envelope {
			t.Helper()
			batch := envelopes(event)
			if err := p.Process(context.Background(), batch); err != nil {
				t.Fatal(err)
			}
			return batch[0]
		}
		// An event cannot say when notegate saw it.
		const v1 = `{"note_id":"a","version":1,"body":"fine","created_at":"2024-01-01T00:00:00Z","first_seen_at":"2024-01-01T00:00:00Z"}`
		for _, step := range []struct {
			name, event string
			written     bool
		}{
			{"the first event", v1, true},
			{"a replay of it", v1, false},
			{"an edit", `{"note_id":"a","version":2,"body":"fine, edited","created_at":"2024-01-01T00:00:00Z"}`, true},
			{"a deletion", `{"type":"note.deleted","note_id":"a","version":3}`, true},
			{"a new version after the deletion", `{"note_id":"a","version":4,"body":"back"}`, true},
		} {
			env := process(step.event)
			if env.Written != step.written {
				t.Errorf("%s: written %v, want %v", step.name, env.Written, step.written)
			}
			if !env.Note.Deleted() && (!env.Note.FirstSeenAt.Equal(t0) || !env.Note.QueuedAt().Equal(t0)) {
				t.Errorf("%s at %v: first seen %v, queued at %v; want %v", step.name, now, env.Note.FirstSeenAt, env.Note.QueuedAt(), t0)
			}
			now = now.Add(time.Hour)
		}
		if n, ok := idx.Note("a"); !ok || !n.FirstSeenAt.Equal(t0) || !n.ProcessedAt.Equal(t0.Add(4*time.Hour)) {
			t.Errorf("stored: first seen %v, processed %v; want %v and 4h later", n.FirstSeenAt, n.ProcessedAt, t0)
		}
	})
	t.Run("notes the index refuses for good are dead-lettered", func(t *testing.T) {
		t.Parallel()
		p := pipeline.NewProcessor(pipeline.ProcessorConfig{Indexer: refusingIndex{"b"}, Backoff: fast, Logger: pipelinetest.QuietLogger()})
		batch := envelopes(`{"note_id":"a","version":1}`, `{"note_id":"b","version":1}`)
		if err := p.Process(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		if batch[0].Route == pipeline.RouteDeadLetter || batch[1].Route != pipeline.RouteDeadLetter {
			t.Errorf("routes = %s, %s", batch[0].Route, batch[1].Route)
		}
	})
}

type refusingIndex struct{ id string }

func (r refusingIndex) Apply(_ context.Context, notes []*models.Note) ([]pipeline.Applied, error) {
	out := make([]pipeline.Applied, len(notes))
	for i, n := range notes {
		if n.NoteID == r.id {
			out[i] = pipeline.Applied{Rejected: "mapper_parsing_exception"}
		} else {
			out[i] = pipeline.Applied{Written: true, Stored: n}
		}
	}
	return out, nil
}
