package pipeline_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

// feedList is the example sink of the README ("A new output sink"): it
// keeps the latest notes approved somewhere, at most max, in memory, as a
// small in-process feed would.
type feedList struct {
	max int

	mu    sync.Mutex
	notes []feedEntry // oldest first; guarded by mu
}

// feedEntry is one note state in the list.
type feedEntry struct {
	NoteID            string
	Version, Revision int64
}

func newFeedList(max int) *feedList { return &feedList{max: max} }

func (f *feedList) Name() string { return "feed_list" }

// Write keeps the approved notes of batch. It is idempotent: a state it
// holds already is not added again, so a replayed batch changes nothing.
func (f *feedList) Write(_ context.Context, batch []*pipeline.Envelope) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, env := range batch {
		if env.Err != nil || env.Route != pipeline.RouteApproved {
			continue
		}
		e := feedEntry{NoteID: env.Note.NoteID, Version: env.Note.Version, Revision: env.Note.Revision}
		if slices.Contains(f.notes, e) {
			continue
		}
		f.notes = append(f.notes, e)
		if len(f.notes) > f.max {
			f.notes = slices.Delete(f.notes, 0, len(f.notes)-f.max)
		}
	}
	return nil
}

func (f *feedList) ids() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, e := range f.notes {
		out = append(out, e.NoteID)
	}
	slices.Sort(out)
	return out
}

// flaky fails its first failures writes as an output that is down would.
type flaky struct {
	pipeline.Sink
	mu       sync.Mutex
	failures int
	calls    int
}

func (f *flaky) Write(ctx context.Context, batch []*pipeline.Envelope) error {
	f.mu.Lock()
	f.calls++
	fail := f.calls <= f.failures
	f.mu.Unlock()
	if fail {
		return errors.New("the feed list is down")
	}
	return f.Sink.Write(ctx, batch)
}

// TestASinkGetsEveryRoutedNoteThroughTheRuntime wires the example sink
// into the real runtime, over the embedded broker.
func TestASinkGetsEveryRoutedNoteThroughTheRuntime(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		max      int
		failures int
		want     []string
	}{
		{"every approved note reaches the sink once, replays included", 10, 0, []string{"ok-1", "ok-2", "ok-3"}},
		{"a sink that is down holds the batch and gets it when it is back", 10, 3, []string{"ok-1", "ok-2", "ok-3"}},
		{"the sink keeps at most its bound", 2, 0, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			topics := pipeline.DefaultTopics()
			brokers := pipelinetest.StartBroker(t, "notes.events", topics.Approved, topics.Review, topics.Rejected, topics.DeadLetter)
			list := newFeedList(c.max)
			sink := &flaky{Sink: list, failures: c.failures}
			proc := pipeline.NewProcessor(pipeline.ProcessorConfig{
				Stages: []pipeline.Stage{keywordModerator{}}, Indexer: pipelinetest.NewMemIndex(), Sinks: []pipeline.Sink{sink},
				Logger: pipelinetest.QuietLogger(), Backoff: pipeline.Backoff{Min: time.Millisecond, Max: 10 * time.Millisecond},
			})
			rt, err := pipeline.NewRuntime(pipelinetest.Config(brokers), proc, nil, nil, pipelinetest.QuietLogger())
			if err != nil {
				t.Fatal(err)
			}
			pipelinetest.Produce(t, brokers, "notes.events",
				event("ok-1", 1, "hello from Ohio"), event("ok-2", 1, "greetings from Ohio"), event("ok-3", 1, "hi from Ohio"),
				event("rev-1", 1, "REVIEW me"), event("blk-1", 1, "BLOCK me"), event("ok-1", 1, "hello from Ohio"))
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- rt.Run(ctx) }()
			// The route topics come after every other sink: once the feed
			// has the three approved notes and the replay, so has the list.
			pipelinetest.Consume(t, brokers, topics.Approved, 4)
			cancel()
			if err := <-done; err != nil {
				t.Fatalf("Run: %v", err)
			}
			got := list.ids()
			if c.want != nil && !slices.Equal(got, c.want) {
				t.Errorf("the sink holds %v, want %v", got, c.want)
			}
			if len(got) != min(c.max, 3) {
				t.Errorf("the sink holds %d notes, want %d", len(got), min(c.max, 3))
			}
			for _, id := range got {
				if !slices.Contains([]string{"ok-1", "ok-2", "ok-3"}, id) {
					t.Errorf("the sink holds %s, which is not approved", id)
				}
			}
			if sink.calls <= c.failures {
				t.Errorf("the sink was called %d times, fewer than its %d failures and a success", sink.calls, c.failures)
			}
		})
	}
}
