package pipelinetest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/internal/devbroker"
	"github.com/notegate/notegate/pipeline"
)

// StartBroker starts an embedded broker with topics (three partitions
// each) for the test and returns its addresses.
func StartBroker(t *testing.T, topics ...string) []string {
	t.Helper()
	b, err := devbroker.Start(devbroker.Config{Partitions: 3, Topics: topics})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b.Addrs()
}

// Produce writes msgs to topic, keyed as Kafka's clients key, or fails.
func Produce(t *testing.T, brokers []string, topic string, msgs ...kafka.Message) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(brokers...), Topic: topic, Balancer: kafka.Murmur2Balancer{}, RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatalf("produce: %v", err)
	}
}

// Consume reads n messages from topic (all partitions) or fails.
func Consume(t *testing.T, brokers []string, topic string, n int) []kafka.Message {
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

// Config is a pipeline configuration for tests on brokers: short commit
// and session intervals, fast backoff.
func Config(brokers []string) pipeline.Config {
	return pipeline.Config{
		Brokers: brokers, GroupID: "notegate-test", MaxEventBytes: 4096,
		CommitInterval: 50 * time.Millisecond, SessionTimeout: 2 * time.Second,
		DrainTimeout: 20 * time.Second, Backoff: pipeline.Backoff{Min: time.Millisecond, Max: 20 * time.Millisecond},
	}
}

// QuietLogger discards everything.
func QuietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// Header is the value of m's header key, or "".
func Header(m kafka.Message, key string) string {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

// WaitFor polls cond until it holds, or fails the test after a minute.
func WaitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop runs a consumer that was built but is not wanted (tests that call
// its handler directly) with a context already ended, which closes its
// connections.
func Stop(run func(context.Context) error) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = run(ctx)
}
