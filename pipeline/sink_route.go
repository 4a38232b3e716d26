package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/segmentio/kafka-go"
)

// routeSink is the route topics as a Sink, the last of every batch: it
// publishes each note as the index stores it to each of its routes, a
// dead-lettered event to the dead-letter topic, and the follow-ups of each
// note, in one write with RequireAll acks (one attempt; the Processor
// retries the envelopes whose messages failed).
type routeSink struct {
	topics Topics
	writer *kafka.Writer
	// followUps, when set, adds messages published with each routed note
	// (followup.go).
	followUps FollowUps
}

func (s *routeSink) Name() string { return string(ConditionPublish) }

func (s *routeSink) Write(ctx context.Context, batch []*Envelope) error {
	var msgs []kafka.Message
	var of []*Envelope // of[i] is the envelope msgs[i] publishes
	for _, env := range batch {
		out, err := outputMessages(s.topics, env.Source, env)
		if err != nil {
			// A note that cannot be encoded cannot be published: say so
			// on the dead-letter topic rather than stop the partition.
			env.Err, env.Route = BadEvent(ReasonStageFailure, "%v", err), RouteDeadLetter
			out = []kafka.Message{DeadLetter(s.topics, env.Source, env.Err)}
		}
		// Follow-ups come from the stored note, written now or earlier:
		// after a crash between the index write and the publish, the
		// replay must still ask for its pending translations. A follow-up
		// the retrier finds already done is a no-op.
		if s.followUps != nil && env.Err == nil {
			out = append(out, s.followUps(env)...)
		}
		for range out {
			of = append(of, env)
		}
		msgs = append(msgs, out...)
	}
	if len(msgs) == 0 {
		return nil
	}
	err := s.writer.WriteMessages(ctx, msgs...)
	if err == nil {
		return nil
	}
	err = fmt.Errorf("publish %d messages (first to %s): %w", len(msgs), firstTopic(msgs), err)
	var werrs kafka.WriteErrors
	if !errors.As(err, &werrs) || len(werrs) != len(msgs) {
		return err
	}
	var failed []*Envelope
	for i, e := range werrs {
		if e != nil && (len(failed) == 0 || failed[len(failed)-1] != of[i]) {
			failed = append(failed, of[i])
		}
	}
	return &PartialWrite{Failed: failed, Err: err}
}
