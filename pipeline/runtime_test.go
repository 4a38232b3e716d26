package pipeline_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

// keywordModerator is a stage double: it decides on markers in the body so
// tests can steer routing without the real moderation rules.
type keywordModerator struct{}

func (keywordModerator) Name() string { return "moderate" }

func (keywordModerator) Process(_ context.Context, notes []*models.Note) error {
	for _, n := range notes {
		d := models.DecisionAllow
		switch {
		case strings.Contains(n.Body, "BLOCK"):
			d = models.DecisionBlock
		case strings.Contains(n.Body, "REVIEW"):
			d = models.DecisionReview
		}
		n.Moderation = models.Moderation{Decision: d, Markets: map[string]models.Decision{"cn": d, "intl": d}, PolicyVersion: "test"}
		n.ApprovedMarkets = nil
		if d == models.DecisionAllow {
			n.ApprovedMarkets = []string{"cn", "intl"}
		}
	}
	return nil
}

func event(id string, version int64, body string) kafka.Message {
	v, _ := json.Marshal(models.NoteEvent{NoteID: id, Version: version, Body: body, Market: "intl"})
	return kafka.Message{Key: []byte(id), Value: v}
}

func TestRuntimeRoutesEveryEventToItsTopic(t *testing.T) {
	t.Parallel()
	topics := pipeline.DefaultTopics()
	brokers := pipelinetest.StartBroker(t, "notes.events", topics.Approved, topics.Review, topics.Rejected, topics.DeadLetter)
	idx := pipelinetest.NewMemIndex()
	idx.FailNext(2) // the index is down at first: the batch must wait, not be lost
	proc := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{keywordModerator{}}, Indexer: idx, MaxEventBytes: 4096, Logger: pipelinetest.QuietLogger(), Backoff: pipeline.Backoff{Min: time.Millisecond, Max: 10 * time.Millisecond}})
	rt, err := pipeline.NewRuntime(pipelinetest.Config(brokers), proc, nil, nil, pipelinetest.QuietLogger())
	if err != nil {
		t.Fatal(err)
	}
	pipelinetest.Produce(t, brokers, "notes.events",
		event("ok-1", 1, "hello from Ohio"),
		event("ok-2", 1, "greetings from Ohio"),
		event("rev-1", 1, "REVIEW me"),
		event("blk-1", 1, "BLOCK me"),
		kafka.Message{Key: []byte("bad-json"), Value: []byte("{not json")},
		kafka.Message{Key: []byte("bad-utf8"), Value: []byte("{\"note_id\":\"bad-utf8\",\"version\":1,\"body\":\"\xff\"}")},
		kafka.Message{Key: []byte("no-version"), Value: []byte(`{"note_id":"no-version"}`)},
		kafka.Message{Key: []byte("huge"), Value: []byte(`{"note_id":"huge","version":1,"body":"` + strings.Repeat("x", 5000) + `"}`)},
		kafka.Message{Key: []byte("ok-1"), Value: []byte(`{"type":"note.deleted","note_id":"ok-1","version":2}`)},
	)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- rt.Run(ctx) }()

	approved := pipelinetest.Consume(t, brokers, topics.Approved, 3)
	review := pipelinetest.Consume(t, brokers, topics.Review, 1)
	rejected := pipelinetest.Consume(t, brokers, topics.Rejected, 1)
	dlq := pipelinetest.Consume(t, brokers, topics.DeadLetter, 4)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}

	// ok-1's first version and its deletion: in one batch the index stores
	// only the deletion, so both events publish the deletion and the note
	// itself never reaches the feed; in two batches (a loaded machine reads
	// them apart) version 1 is approved and then deleted. Either way a feed
	// that keeps the greatest version per key ends with the deletion.
	var approvedRoutes []string
	var okTwo kafka.Message
	for _, m := range approved {
		approvedRoutes = append(approvedRoutes, pipelinetest.Header(m, pipeline.HeaderRoute)+":"+string(m.Key)+"@"+pipelinetest.Header(m, pipeline.HeaderVersion))
		if string(m.Key) == "ok-2" {
			okTwo = m
		}
	}
	slices.Sort(approvedRoutes)
	if got := strings.Join(approvedRoutes, ","); got != "approved:ok-2@1,deleted:ok-1@2,deleted:ok-1@2" &&
		got != "approved:ok-1@1,approved:ok-2@1,deleted:ok-1@2" {
		t.Errorf("approved topic holds %v, want ok-2 and twice the deletion of ok-1", approvedRoutes)
	}
	if string(review[0].Key) != "rev-1" || string(rejected[0].Key) != "blk-1" {
		t.Errorf("review got %s, rejected got %s", review[0].Key, rejected[0].Key)
	}
	reasons := map[string]string{}
	for _, m := range dlq {
		reasons[string(m.Key)] = pipelinetest.Header(m, pipeline.HeaderErrorCode)
		if pipelinetest.Header(m, pipeline.HeaderError) == "" || pipelinetest.Header(m, pipeline.HeaderSourceOffset) == "" {
			t.Errorf("dead letter %s lacks its reason or source headers", m.Key)
		}
	}
	want := map[string]string{"bad-json": pipeline.ReasonInvalidJSON, "bad-utf8": pipeline.ReasonInvalidUTF8, "no-version": pipeline.ReasonBadVersion, "huge": pipeline.ReasonTooLarge}
	for k, v := range want {
		if reasons[k] != v {
			t.Errorf("dead letter %s: reason %q, want %q", k, reasons[k], v)
		}
	}
	var note models.Note
	if err := json.Unmarshal(okTwo.Value, &note); err != nil || note.Moderation.Decision != models.DecisionAllow || pipelinetest.Header(okTwo, pipeline.HeaderMarkets) != "cn,intl" || pipelinetest.Header(okTwo, pipeline.HeaderRevision) != "0" {
		t.Errorf("approved value %s (%v), markets header %q, revision header %q", okTwo.Value, err, pipelinetest.Header(okTwo, pipeline.HeaderMarkets), pipelinetest.Header(okTwo, pipeline.HeaderRevision))
	}
	if _, ok := idx.Note("ok-1"); ok {
		t.Error("the deleted note is still in the index")
	}
	if n, ok := idx.Note("blk-1"); !ok || n.Moderation.Decision != models.DecisionBlock {
		t.Error("the blocked note is not in the index with its decision")
	}
}
