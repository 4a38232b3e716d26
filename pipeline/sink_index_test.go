package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

// errThrottled is what retryingIndex answers Retry with.
var errThrottled = errors.New("429 es_rejected_execution_exception")

// retryingIndex is an Indexer that answers Retry for some notes, as a
// throttled cluster does, and writes the others to a MemIndex. It records
// the note ids of every call.
type retryingIndex struct {
	*pipelinetest.MemIndex
	mu sync.Mutex
	// retries holds, by note id, how many more calls answer Retry for it;
	// a negative count holds it until release.
	retries map[string]int
	calls   [][]string
}

func newRetryingIndex(retries map[string]int) *retryingIndex {
	return &retryingIndex{MemIndex: pipelinetest.NewMemIndex(), retries: retries}
}

func (r *retryingIndex) Apply(ctx context.Context, notes []*models.Note) ([]pipeline.Applied, error) {
	r.mu.Lock()
	out := make([]pipeline.Applied, len(notes))
	var ids []string
	var given []*models.Note
	var pos []int
	for i, n := range notes {
		ids = append(ids, n.NoteID)
		if left := r.retries[n.NoteID]; left != 0 {
			if left > 0 {
				r.retries[n.NoteID] = left - 1
			}
			out[i] = pipeline.Applied{Retry: errThrottled}
			continue
		}
		given, pos = append(given, n), append(pos, i)
	}
	r.calls = append(r.calls, ids)
	r.mu.Unlock()
	if len(given) == 0 {
		return out, nil
	}
	got, err := r.MemIndex.Apply(ctx, given)
	if err != nil {
		return nil, err
	}
	for k, i := range pos {
		out[i] = got[k]
	}
	return out, nil
}

// release stops answering Retry for id.
func (r *retryingIndex) release(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.retries[id] = 0
}

// callsOf returns how many calls were given id.
func (r *retryingIndex) callsOf(id string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, c := range r.calls {
		if slices.Contains(c, id) {
			n++
		}
	}
	return n
}

func TestIndexSinkRetriesOnlyTheNotesTheIndexAnswersRetryFor(t *testing.T) {
	t.Parallel()
	idx := newRetryingIndex(map[string]int{"b": 2, "d": 1})
	p := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{keywordModerator{}}, Indexer: idx,
		Backoff: pipeline.Backoff{Min: time.Millisecond, Max: 2 * time.Millisecond}, Logger: pipelinetest.QuietLogger()})
	batch := envelopes(`{"note_id":"a","version":1,"body":"fine"}`, `{"note_id":"b","version":1,"body":"fine"}`,
		`{"note_id":"c","version":1,"body":"BLOCK"}`, `{"note_id":"d","version":1,"body":"fine"}`)
	if err := p.Process(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"a", "b", "c", "d"}, {"b", "d"}, {"b"}}
	if fmt.Sprint(idx.calls) != fmt.Sprint(want) {
		t.Errorf("the index was given %v, want %v", idx.calls, want)
	}
	for _, env := range batch {
		if env.Err != nil || !env.Written {
			t.Errorf("%s: written %v, err %v", env.Note.NoteID, env.Written, env.Err)
		}
		if _, ok := idx.Note(env.Note.NoteID); !ok {
			t.Errorf("%s is not in the index", env.Note.NoteID)
		}
	}
	if batch[1].Route != pipeline.RouteApproved || batch[2].Route != pipeline.RouteRejected {
		t.Errorf("routes = %s, %s; want the routes of the stored notes", batch[1].Route, batch[2].Route)
	}
}

// TestRuntimeCommitsABatchOnlyOnceTheIndexWroteEveryNote holds one note
// in Retry: the other partitions commit all their events meanwhile, the
// held note's partition never commits past it, and once the index takes
// the note every offset is committed.
func TestRuntimeCommitsABatchOnlyOnceTheIndexWroteEveryNote(t *testing.T) {
	t.Parallel()
	topics := pipeline.DefaultTopics()
	brokers := pipelinetest.StartBroker(t, "notes.events", topics.Approved, topics.Review, topics.Rejected, topics.DeadLetter)
	idx := newRetryingIndex(map[string]int{"held": -1})
	cfg := pipelinetest.Config(brokers)
	proc := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{keywordModerator{}}, Indexer: idx, Backoff: cfg.Backoff, Logger: pipelinetest.QuietLogger()})
	rt, err := pipeline.NewRuntime(cfg, proc, nil, nil, pipelinetest.QuietLogger())
	if err != nil {
		t.Fatal(err)
	}
	var msgs []kafka.Message
	for i := range 12 {
		msgs = append(msgs, event(fmt.Sprintf("n-%02d", i), 1, "fine"))
	}
	msgs = append(msgs, event("held", 1, "fine"))
	pipelinetest.Produce(t, brokers, "notes.events", msgs...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- rt.Run(ctx) }()

	// The events of each partition, as the producer's balancer spreads
	// them: held is the last of its partition, so its offset is the count
	// of the others there.
	perPartition := make([]int64, 3)
	for _, m := range msgs {
		perPartition[kafka.Murmur2Balancer{}.Balance(m, 0, 1, 2)]++
	}
	heldPartition := kafka.Murmur2Balancer{}.Balance(msgs[len(msgs)-1], 0, 1, 2)
	heldOffset := perPartition[heldPartition] - 1
	committed := func() []int64 {
		client := &kafka.Client{Addr: kafka.TCP(brokers...)}
		res, err := client.OffsetFetch(context.Background(), &kafka.OffsetFetchRequest{
			GroupID: cfg.GroupID, Topics: map[string][]int{"notes.events": {0, 1, 2}}})
		if err != nil {
			t.Fatalf("offset fetch: %v", err)
		}
		out := make([]int64, 3)
		for _, p := range res.Topics["notes.events"] {
			if p.Error != nil {
				t.Fatalf("offset fetch, partition %d: %v", p.Partition, p.Error)
			}
			out[p.Partition] = max(p.CommittedOffset, 0)
		}
		return out
	}
	othersDone := func() bool {
		got := committed()
		for p := range got {
			if p != heldPartition && got[p] != perPartition[p] {
				return false
			}
		}
		return true
	}
	pipelinetest.WaitFor(t, "the index asked for held three times", func() bool { return idx.callsOf("held") >= 3 })
	pipelinetest.WaitFor(t, "the other partitions committed", othersDone)
	if _, ok := idx.Note("held"); ok {
		t.Fatal("held is in the index although it answered Retry")
	}
	if got := committed()[heldPartition]; got > heldOffset {
		t.Fatalf("partition %d committed up to %d, past held at %d, which is not written", heldPartition, got, heldOffset)
	}
	idx.release("held")
	pipelinetest.WaitFor(t, "every offset committed", func() bool {
		return slices.Equal(committed(), perPartition)
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if _, ok := idx.Note("held"); !ok {
		t.Error("held never reached the index")
	}
	approved := pipelinetest.Consume(t, brokers, topics.Approved, len(msgs))
	var keys []string
	for _, m := range approved {
		keys = append(keys, string(m.Key))
	}
	if !slices.Contains(keys, "held") {
		t.Errorf("approved topic holds %v, want held among them", keys)
	}
}
