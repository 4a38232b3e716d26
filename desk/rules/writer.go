package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/segmentio/kafka-go"
)

// eventWriter publishes the desk's events (decisions, author actions) to
// one topic: keyed like Kafka's own clients, RequireAll acks, no linger.
type eventWriter struct{ w *kafka.Writer }

func newEventWriter(brokers []string, topic string) eventWriter {
	return eventWriter{&kafka.Writer{
		Addr: kafka.TCP(brokers...), Topic: topic, Balancer: kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond, MaxAttempts: 5,
		AllowAutoTopicCreation: true,
	}}
}

// publish writes n events of kind what as JSON, event i keyed by the key
// event(i) gives (its id names it in errors), and returns once the broker
// has them or with the error.
func (w eventWriter) publish(ctx context.Context, what string, n int, event func(i int) (id, key string, v any)) error {
	msgs := make([]kafka.Message, n)
	for i := range n {
		id, key, e := event(i)
		v, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("encode %s %s: %w", what, id, err)
		}
		msgs[i] = kafka.Message{Key: []byte(key), Value: v}
	}
	if err := w.w.WriteMessages(ctx, msgs...); err != nil {
		return fmt.Errorf("publish %d %s events: %w", n, what, err)
	}
	return nil
}

// Close flushes and closes the writer.
func (w eventWriter) Close() error { return w.w.Close() }
