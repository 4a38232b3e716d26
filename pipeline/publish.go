package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
)

// Headers that notegate sets on the messages it writes.
const (
	HeaderRoute         = "notegate-route"
	HeaderDecision      = "notegate-decision"
	HeaderMarkets       = "notegate-markets"
	HeaderPolicyVersion = "notegate-policy-version"
	HeaderVersion       = "notegate-note-version"
	HeaderSourceTime    = "notegate-source-time"
	HeaderError         = "notegate-error"
	HeaderErrorCode     = "notegate-error-code"
	HeaderSourceTopic   = "notegate-source-topic"
	HeaderSourcePart    = "notegate-source-partition"
	HeaderSourceOffset  = "notegate-source-offset"
)

// outputMessage builds the message that carries env to its route's topic.
// A dead-lettered event is forwarded byte for byte, with its original
// headers and the reason added; every other event carries the enriched note
// as JSON, keyed by note_id.
func outputMessage(topics Topics, in kafka.Message, env *Envelope) (kafka.Message, error) {
	source := []kafka.Header{
		{Key: HeaderSourceTopic, Value: []byte(in.Topic)},
		{Key: HeaderSourcePart, Value: []byte(strconv.Itoa(in.Partition))},
		{Key: HeaderSourceOffset, Value: []byte(strconv.FormatInt(in.Offset, 10))},
	}
	if !in.Time.IsZero() {
		source = append(source, kafka.Header{Key: HeaderSourceTime, Value: []byte(in.Time.UTC().Format(time.RFC3339Nano))})
	}
	if env.Route == RouteDeadLetter {
		reason, detail := "unknown", "unknown error"
		var ee *EventError
		if errors.As(env.Err, &ee) {
			reason, detail = ee.Reason, ee.Detail
		} else if env.Err != nil {
			detail = env.Err.Error()
		}
		headers := append(append([]kafka.Header{}, in.Headers...), source...)
		headers = append(headers,
			kafka.Header{Key: HeaderRoute, Value: []byte(RouteDeadLetter)},
			kafka.Header{Key: HeaderErrorCode, Value: []byte(reason)},
			kafka.Header{Key: HeaderError, Value: []byte(truncate(detail, 1024))},
		)
		return kafka.Message{Topic: topics.DeadLetter, Key: in.Key, Value: in.Value, Headers: headers}, nil
	}
	n := env.Note
	value, err := json.Marshal(n)
	if err != nil {
		return kafka.Message{}, fmt.Errorf("encode note %s: %w", n.NoteID, err)
	}
	headers := append(source,
		kafka.Header{Key: HeaderRoute, Value: []byte(env.Route)},
		kafka.Header{Key: HeaderVersion, Value: []byte(strconv.FormatInt(n.Version, 10))},
	)
	if !n.Deleted() {
		headers = append(headers,
			kafka.Header{Key: HeaderDecision, Value: []byte(n.Moderation.Decision)},
			kafka.Header{Key: HeaderMarkets, Value: []byte(strings.Join(n.ApprovedMarkets, ","))},
			kafka.Header{Key: HeaderPolicyVersion, Value: []byte(n.Moderation.PolicyVersion)},
		)
	}
	return kafka.Message{Topic: topics.Topic(env.Route), Key: []byte(n.NoteID), Value: value, Headers: headers}, nil
}
