package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/internal/samples"
	"github.com/notegate/notegate/models"
)

// benchMaxBatch caps the events of one write, in both modes.
const benchMaxBatch = 500

// newBenchWriter is the bench's producer: every write waits for the
// broker's acknowledgement, so what the bench counts as produced is in the
// topic.
func newBenchWriter(brokers []string, topic string) *kafka.Writer {
	return &kafka.Writer{Addr: kafka.TCP(brokers...), Topic: topic, Balancer: kafka.Murmur2Balancer{}, RequiredAcks: kafka.RequireAll,
		BatchTimeout: 2 * time.Millisecond, BatchSize: benchMaxBatch}
}

// messageWriter is what the bench's producers need of a kafka.Writer:
// WriteMessages returns once the broker acknowledged msgs, or an error; it
// keeps no reference to msgs after it returns.
type messageWriter interface {
	WriteMessages(ctx context.Context, msgs ...kafka.Message) error
}

// produceSteady publishes the events of p's schedule from gen, each when
// due and stamped with its due time (the Kafka timestamp the pipeline
// passes on as notegate-source-time), so their latency counts from when
// they were due, whatever held up their sending. It returns the longest
// wait from an event's due time to the broker's acknowledgement of it.
func produceSteady(ctx context.Context, w messageWriter, gen *samples.Generator, p pacer, prog *benchProgress) (time.Duration, error) {
	var lag time.Duration
	msgs := make([]kafka.Message, 0, p.maxBatch)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for sent := 0; sent < p.n; {
		upto, wait := p.step(sent, time.Now())
		if upto == sent {
			timer.Reset(wait)
			select {
			case <-timer.C:
			case <-ctx.Done():
				return lag, ctx.Err()
			}
			continue
		}
		msgs = msgs[:0]
		for i := sent; i < upto; i++ {
			m, err := syntheticMessage(gen.Next())
			if err != nil {
				return lag, err
			}
			m.Time = p.dueAt(i)
			msgs = append(msgs, m)
		}
		if err := w.WriteMessages(ctx, msgs...); err != nil {
			return lag, fmt.Errorf("produce: %w", err)
		}
		lag = max(lag, time.Since(p.dueAt(sent)))
		prog.sent(upto - sent)
		sent = upto
	}
	return lag, nil
}

// produceMax publishes n events from gen as fast as the broker acknowledges
// them, benchMaxBatch a write, stamped with the time of their write: their
// latency includes the time they queued in the topic.
func produceMax(ctx context.Context, w messageWriter, gen *samples.Generator, n int, prog *benchProgress) error {
	msgs := make([]kafka.Message, 0, benchMaxBatch)
	for sent := 0; sent < n; {
		msgs = msgs[:0]
		for len(msgs) < benchMaxBatch && sent+len(msgs) < n {
			m, err := syntheticMessage(gen.Next())
			if err != nil {
				return err
			}
			msgs = append(msgs, m)
		}
		if err := w.WriteMessages(ctx, msgs...); err != nil {
			return fmt.Errorf("produce: %w", err)
		}
		prog.sent(len(msgs))
		sent += len(msgs)
	}
	return nil
}

// syntheticMessage is ev as the input topic takes it, keyed by note id.
func syntheticMessage(ev models.NoteEvent) (kafka.Message, error) {
	v, err := json.Marshal(ev)
	if err != nil {
		return kafka.Message{}, fmt.Errorf("synthetic event: %w", err)
	}
	return kafka.Message{Key: []byte(ev.NoteID), Value: v}, nil
}
