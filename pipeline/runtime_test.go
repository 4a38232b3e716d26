package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/broker"
	"github.com/notegate/notegate/models"
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

func startBroker(t *testing.T, topics ...string) []string {
	t.Helper()
	b, err := broker.Start(broker.Config{Partitions: 3, Topics: topics})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b.Addrs()
}

func produce(t *testing.T, brokers []string, topic string, msgs ...kafka.Message) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(brokers...), Topic: topic, Balancer: kafka.Murmur2Balancer{}, RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatalf("produce: %v", err)
	}
}

// consume reads n messages from topic (all partitions) or fails.
func consume(t *testing.T, brokers []string, topic string, n int) []kafka.Message {
	t.Helper()
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, GroupID: fmt.Sprintf("check-%s-%d", topic, time.Now().UnixNano()), Topic: topic, StartOffset: kafka.FirstOffset, MaxWait: 100 * time.Millisecond, JoinGroupBackoff: 200 * time.Millisecond})
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out []kafka.Message
	for len(out) < n {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("consume %s: got %d of %d messages: %v", topic, len(out), n, err)
		}
		out = append(out, m)
	}
	return out
}

func event(id string, version int64, body string) kafka.Message {
	v, _ := json.Marshal(models.NoteEvent{NoteID: id, Version: version, Body: body, Market: "intl"})
	return kafka.Message{Key: []byte(id), Value: v}
}

func testConfig(brokers []string) Config {
	return Config{
		Brokers: brokers, GroupID: "notegate-test", MaxEventBytes: 4096,
		CommitInterval: 50 * time.Millisecond, SessionTimeout: 2 * time.Second,
		DrainTimeout: 20 * time.Second, Backoff: Backoff{Min: time.Millisecond, Max: 20 * time.Millisecond},
	}
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func header(m kafka.Message, key string) string {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

func TestRuntimeRoutesEveryEventToItsTopic(t *testing.T) {
	t.Parallel()
	topics := DefaultTopics()
	brokers := startBroker(t, "notes.events", topics.Approved, topics.Review, topics.Rejected, topics.DeadLetter)
	idx := newMemIndex()
	idx.failures = 2 // the index is down at first: the batch must wait, not be lost
	proc := NewProcessor(ProcessorConfig{Stages: []Stage{keywordModerator{}}, Indexer: idx, MaxEventBytes: 4096, Logger: quietLogger(), Backoff: Backoff{Min: time.Millisecond, Max: 10 * time.Millisecond}})
	rt, err := NewRuntime(testConfig(brokers), proc, nil, nil, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	produce(t, brokers, "notes.events",
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

	approved := consume(t, brokers, topics.Approved, 3)
	review := consume(t, brokers, topics.Review, 1)
	rejected := consume(t, brokers, topics.Rejected, 1)
	dlq := consume(t, brokers, topics.DeadLetter, 4)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}

	// ok-1's first version and its deletion came in one batch: the index
	// stored only the deletion, so both events publish the deletion, and
	// the note itself never reaches the feed.
	var approvedRoutes []string
	var okTwo kafka.Message
	for _, m := range approved {
		approvedRoutes = append(approvedRoutes, header(m, HeaderRoute)+":"+string(m.Key)+"@"+header(m, HeaderVersion))
		if string(m.Key) == "ok-2" {
			okTwo = m
		}
	}
	slices.Sort(approvedRoutes)
	if strings.Join(approvedRoutes, ",") != "approved:ok-2@1,deleted:ok-1@2,deleted:ok-1@2" {
		t.Errorf("approved topic holds %v, want ok-2 and twice the deletion of ok-1", approvedRoutes)
	}
	if string(review[0].Key) != "rev-1" || string(rejected[0].Key) != "blk-1" {
		t.Errorf("review got %s, rejected got %s", review[0].Key, rejected[0].Key)
	}
	reasons := map[string]string{}
	for _, m := range dlq {
		reasons[string(m.Key)] = header(m, HeaderErrorCode)
		if header(m, HeaderError) == "" || header(m, HeaderSourceOffset) == "" {
			t.Errorf("dead letter %s lacks its reason or source headers", m.Key)
		}
	}
	want := map[string]string{"bad-json": ReasonInvalidJSON, "bad-utf8": ReasonInvalidUTF8, "no-version": ReasonBadVersion, "huge": ReasonTooLarge}
	for k, v := range want {
		if reasons[k] != v {
			t.Errorf("dead letter %s: reason %q, want %q", k, reasons[k], v)
		}
	}
	var note models.Note
	if err := json.Unmarshal(okTwo.Value, &note); err != nil || note.Moderation.Decision != models.DecisionAllow || header(okTwo, HeaderMarkets) != "cn,intl" || header(okTwo, HeaderRevision) != "0" {
		t.Errorf("approved value %s (%v), markets header %q, revision header %q", okTwo.Value, err, header(okTwo, HeaderMarkets), header(okTwo, HeaderRevision))
	}
	if _, ok := idx.get("ok-1"); ok {
		t.Error("the deleted note is still in the index")
	}
	if n, ok := idx.get("blk-1"); !ok || n.Moderation.Decision != models.DecisionBlock {
		t.Error("the blocked note is not in the index with its decision")
	}
}
