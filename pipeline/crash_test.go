package pipeline_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

// countingStage counts the notes it sees, to tell redelivery from loss.
type countingStage struct{ seen atomic.Int64 }

func (c *countingStage) Name() string { return "count" }
func (c *countingStage) Process(_ context.Context, notes []*models.Note) error {
	c.seen.Add(int64(len(notes)))
	return nil
}

// TestRuntimeCrashBeforeCommitLosesNothing processes every event, dies
// before committing, restarts, and checks that everything is processed
// again (nothing lost) and that replays never regress a note in the index.
func TestRuntimeCrashBeforeCommitLosesNothing(t *testing.T) {
	t.Parallel()
	topics := pipeline.DefaultTopics()
	brokers := pipelinetest.StartBroker(t, "notes.events", topics.Approved, topics.Review, topics.Rejected, topics.DeadLetter)
	idx := pipelinetest.NewMemIndex()
	const notes = 60
	var msgs []kafka.Message
	for i := 0; i < notes; i++ {
		id := fmt.Sprintf("n-%03d", i)
		msgs = append(msgs, event(id, 1, "first"), event(id, 2, "edited"))
	}
	// A stale duplicate of version 1 arrives after version 2.
	msgs = append(msgs, event("n-000", 1, "stale replay"))
	pipelinetest.Produce(t, brokers, "notes.events", msgs...)

	cfg := pipelinetest.Config(brokers)
	cfg.CommitInterval = time.Hour // nothing is committed before the crash

	first := &countingStage{}
	rt1, err := pipeline.NewRuntime(cfg, pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{first, keywordModerator{}}, Indexer: idx, Logger: pipelinetest.QuietLogger()}), nil, nil, pipelinetest.QuietLogger())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- rt1.Run(context.Background()) }()
	pipelinetest.Consume(t, brokers, topics.Approved, len(msgs)) // every event routed
	pipelinetest.WaitFor(t, "all events processed", func() bool { return first.seen.Load() == int64(len(msgs)) })
	rt1.Crash()
	if err := <-done; err != nil {
		t.Fatalf("crashed run: %v", err)
	}
	for i := 0; i < notes; i++ {
		n, ok := idx.Note(fmt.Sprintf("n-%03d", i))
		if !ok || n.Version != 2 || n.Body != "edited" {
			t.Fatalf("after the first run note %d is %+v", i, n)
		}
	}

	// Restart: the group committed nothing, so every event comes again.
	second := &countingStage{}
	cfg.CommitInterval = 50 * time.Millisecond
	rt2, err := pipeline.NewRuntime(cfg, pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{second, keywordModerator{}}, Indexer: idx, Logger: pipelinetest.QuietLogger()}), nil, nil, pipelinetest.QuietLogger())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { done <- rt2.Run(ctx) }()
	pipelinetest.WaitFor(t, "all events redelivered", func() bool { return second.seen.Load() >= int64(len(msgs)) })
	cancel() // a SIGTERM: drain and commit
	if err := <-done; err != nil {
		t.Fatalf("second run: %v", err)
	}
	if got := second.seen.Load(); got != int64(len(msgs)) {
		t.Errorf("the restart processed %d events, want all %d again", got, len(msgs))
	}
	for i := 0; i < notes; i++ {
		n, ok := idx.Note(fmt.Sprintf("n-%03d", i))
		if !ok || n.Version != 2 || n.Body != "edited" {
			t.Errorf("after replay note %d regressed to %+v", i, n)
		}
	}
	// Outputs were written twice (at-least-once), never fewer.
	pipelinetest.Consume(t, brokers, topics.Approved, 2*len(msgs))

	// A third start finds everything committed by the drain: nothing new.
	third := &countingStage{}
	rt3, err := pipeline.NewRuntime(cfg, pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{third}, Indexer: idx, Logger: pipelinetest.QuietLogger()}), nil, nil, pipelinetest.QuietLogger())
	if err != nil {
		t.Fatal(err)
	}
	pipelinetest.Produce(t, brokers, "notes.events", event("late", 1, "after the drain"))
	ctx3, cancel3 := context.WithCancel(context.Background())
	go func() { done <- rt3.Run(ctx3) }()
	pipelinetest.WaitFor(t, "the late event", func() bool { return third.seen.Load() >= 1 })
	time.Sleep(300 * time.Millisecond) // let any wrongly redelivered event show up
	cancel3()
	if err := <-done; err != nil {
		t.Fatalf("third run: %v", err)
	}
	if got := third.seen.Load(); got != 1 {
		t.Errorf("after a clean drain a restart reprocessed %d events, want only the 1 new one", got)
	}
}
