package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
)

// Headers that notegate sets on the messages it writes.
const (
	HeaderRoute         = "notegate-route"
	HeaderDecision      = "notegate-decision"
	HeaderMarkets       = "notegate-markets"
	HeaderPolicyVersion = "notegate-policy-version"
	HeaderVersion       = "notegate-note-version"
	HeaderRevision      = "notegate-note-revision"
	HeaderIndex         = "notegate-index"
	HeaderSourceTime    = "notegate-source-time"
	HeaderError         = "notegate-error"
	HeaderErrorCode     = "notegate-error-code"
	HeaderSourceTopic   = "notegate-source-topic"
	HeaderSourcePart    = "notegate-source-partition"
	HeaderSourceOffset  = "notegate-source-offset"
)

// Values of HeaderIndex.
const (
	// IndexWritten: this event's note is what the index now holds.
	IndexWritten = "written"
	// IndexUnchanged: the index already held this version or a newer one
	// (a replay, a stale or duplicate event); the message carries what it
	// holds.
	IndexUnchanged = "unchanged"
)

// sourceHeaders say where the event behind a message came from.
func sourceHeaders(in kafka.Message) []kafka.Header {
	source := []kafka.Header{
		{Key: HeaderSourceTopic, Value: []byte(in.Topic)},
		{Key: HeaderSourcePart, Value: []byte(strconv.Itoa(in.Partition))},
		{Key: HeaderSourceOffset, Value: []byte(strconv.FormatInt(in.Offset, 10))},
	}
	if !in.Time.IsZero() {
		source = append(source, kafka.Header{Key: HeaderSourceTime, Value: []byte(in.Time.UTC().Format(time.RFC3339Nano))})
	}
	return source
}

// DeadLetter is the one dead-letter record of notegate: the event in,
// byte for byte, on the dead-letter topic, with its original headers,
// where it came from and why (err's EventError reason and detail, or
// "unknown" and err's text).
func DeadLetter(topics Topics, in kafka.Message, err error) kafka.Message {
	reason, detail := "unknown", "unknown error"
	var ee *EventError
	if errors.As(err, &ee) {
		reason, detail = ee.Reason, ee.Detail
	} else if err != nil {
		detail = err.Error()
	}
	headers := append(append([]kafka.Header{}, in.Headers...), sourceHeaders(in)...)
	headers = append(headers,
		kafka.Header{Key: HeaderRoute, Value: []byte(RouteDeadLetter)},
		kafka.Header{Key: HeaderErrorCode, Value: []byte(reason)},
		kafka.Header{Key: HeaderError, Value: []byte(truncate(detail, 1024))},
	)
	return kafka.Message{Topic: topics.DeadLetter, Key: in.Key, Value: in.Value, Headers: headers}
}

// outputMessages builds the messages that publish env: a dead-lettered
// event goes to the dead-letter topic unchanged; every other event
// publishes the note as stored (env.Note after Process) to each of its
// Routes, keyed by note_id, with headers that let a feed order the
// messages of one key by (version, revision).
func outputMessages(topics Topics, in kafka.Message, env *Envelope) ([]kafka.Message, error) {
	if env.Err != nil {
		return []kafka.Message{DeadLetter(topics, in, env.Err)}, nil
	}
	index := IndexUnchanged
	if env.Written {
		index = IndexWritten
	}
	extra := []kafka.Header{{Key: HeaderIndex, Value: []byte(index)}}
	return RouteMessages(topics, in, env.Note, env.EverApproved, extra...)
}

// RouteMessages are the messages that publish one stored note state to
// each of its Routes, keyed by note_id; in is the message behind it (its
// source headers are copied). extra headers are added to every message.
func RouteMessages(topics Topics, in kafka.Message, n *models.Note, everApproved bool, extra ...kafka.Header) ([]kafka.Message, error) {
	var full, withdrawn []byte
	var out []kafka.Message
	for _, route := range Routes(n, everApproved) {
		var value []byte
		var err error
		if route == RouteWithdrawn {
			if withdrawn == nil {
				withdrawn, err = json.Marshal(Withdrawal(n))
			}
			value = withdrawn
		} else {
			if full == nil {
				full, err = json.Marshal(n)
			}
			value = full
		}
		if err != nil {
			return nil, fmt.Errorf("encode note %s: %w", n.NoteID, err)
		}
		headers := append(sourceHeaders(in),
			kafka.Header{Key: HeaderRoute, Value: []byte(route)},
			kafka.Header{Key: HeaderVersion, Value: []byte(strconv.FormatInt(n.Version, 10))},
			kafka.Header{Key: HeaderRevision, Value: []byte(strconv.FormatInt(n.Revision, 10))},
		)
		if !n.Deleted() {
			headers = append(headers,
				kafka.Header{Key: HeaderDecision, Value: []byte(n.Moderation.Decision)},
				kafka.Header{Key: HeaderMarkets, Value: []byte(strings.Join(n.ApprovedMarkets, ","))},
				kafka.Header{Key: HeaderPolicyVersion, Value: []byte(n.Moderation.PolicyVersion)},
			)
		}
		headers = append(headers, extra...)
		out = append(out, kafka.Message{Topic: topics.Topic(route), Key: []byte(n.NoteID), Value: value, Headers: headers})
	}
	return out, nil
}

// Withdrawal is what a withdrawn note carries to feeds: who and which
// state, the market decisions, and none of its texts, labels or review.
func Withdrawal(n *models.Note) *models.Note {
	return &models.Note{
		NoteEvent: models.NoteEvent{Type: n.Type, NoteID: n.NoteID, Version: n.Version, Kind: n.Kind,
			ParentID: n.ParentID, AuthorID: n.AuthorID, Market: n.Market, CreatedAt: n.CreatedAt},
		Moderation: models.Moderation{Decision: n.Moderation.Decision, Markets: n.Moderation.Markets,
			PolicyVersion: n.Moderation.PolicyVersion},
		ProcessedAt: n.ProcessedAt,
		Revision:    n.Revision,
	}
}

// newWriter is the writer of every consumer's output: RequireAll acks,
// murmur2 partitioning by key (as Kafka's own clients), and a bounded
// write timeout so that a broker that does not answer is retried rather
// than waited on forever. It makes one attempt per write: publishAll is
// the one retry, of the messages that failed only, with backoff and
// readiness.
func newWriter(cfg Config, log *slog.Logger) *kafka.Writer {
	kafkaLog := log.With("component", "kafka-go")
	return &kafka.Writer{
		Addr:         kafka.TCP(cfg.Brokers...),
		Balancer:     kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll,
		BatchTimeout: cfg.WriteBatchTimeout,
		BatchSize:    max(100, cfg.BatchSize),
		BatchBytes:   int64(max(1<<20, 4*cfg.MaxEventBytes)),
		MaxAttempts:  1,
		WriteTimeout: 10 * time.Second,
		ReadTimeout:  10 * time.Second,
		Logger:       kafka.LoggerFunc(func(msg string, args ...any) { kafkaLog.Debug(fmt.Sprintf(msg, args...)) }),
		ErrorLogger:  kafka.LoggerFunc(func(msg string, args ...any) { kafkaLog.Warn(fmt.Sprintf(msg, args...)) }),
	}
}

// publishAll writes msgs with w, retrying the messages that failed with
// backoff until all are written or ctx ends, and reports failures and
// recovery as ConditionPublish.
func publishAll(ctx context.Context, w *kafka.Writer, msgs []kafka.Message, backoff Backoff, health *Health, metrics *Metrics, log *slog.Logger) error {
	pending := msgs
	for attempt := 0; len(pending) > 0; attempt++ {
		err := w.WriteMessages(ctx, pending...)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var werrs kafka.WriteErrors
		if errors.As(err, &werrs) && len(werrs) == len(pending) {
			var retry []kafka.Message
			for i, e := range werrs {
				if e != nil {
					retry = append(retry, pending[i])
				}
			}
			pending = retry
		}
		health.fail(ConditionPublish, fmt.Errorf("publish %d messages (first to %s): %w", len(pending), firstTopic(pending), err))
		metrics.retry("publish")
		log.Warn("publish failed, retrying", "attempt", attempt+1, "messages", len(pending), "err", err)
		if err := backoff.Wait(ctx, attempt); err != nil {
			return err
		}
	}
	health.ok(ConditionPublish)
	return nil
}

func firstTopic(msgs []kafka.Message) string {
	if len(msgs) == 0 {
		return ""
	}
	return msgs[0].Topic
}
