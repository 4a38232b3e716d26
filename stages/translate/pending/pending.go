// Package pending is the translate stage's pending translations: a note
// whose translations every provider failed for a reason that may pass (or
// that a reviewer's decision opened to new readers) flows on at once with
// them marked pending, a follow-up message on the retry topic asks for
// them later (FollowUps), and the Retrier attempts them again, writes the
// note back as its next revision and re-publishes it. The Retrier is a
// handler plugged into pipeline.Consumer.
package pending

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// DefaultTopic carries Translation messages.
const DefaultTopic = "notes.translate.retry"

// HeaderAttempt is set on notes re-published by the Retrier.
const HeaderAttempt = "notegate-translation-attempt"

// Translation asks for the pending translations of one version of a
// note to be attempted again. It is the value of a message on the retry
// topic, keyed by note id.
type Translation struct {
	NoteID  string `json:"note_id"`
	Version int64  `json:"version"`
	// Targets are the translation keys that were pending ("en", "zh-Hant").
	Targets []string `json:"targets"`
	// Attempt numbers the later attempts, from 1.
	Attempt int `json:"attempt"`
	// NotBefore is when the attempt is due.
	NotBefore time.Time `json:"not_before"`
}

// Targets returns, sorted, the targets of n's translations whose
// status is pending.
func Targets(n *models.Note) []string {
	var out []string
	for t, tr := range n.Translations {
		if tr.Status == models.TranslationPending {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

// FollowUps returns the pipeline.FollowUps that asks, on topic, for the
// pending translations of every processed note to be attempted again
// after delay(1).
func FollowUps(topic string, delay func(attempt int) time.Duration, now func() time.Time) pipeline.FollowUps {
	if now == nil {
		now = time.Now
	}
	return func(env *pipeline.Envelope) []kafka.Message {
		if env.Err != nil || env.Note == nil || env.Note.Deleted() {
			return nil
		}
		targets := Targets(env.Note)
		if len(targets) == 0 {
			return nil
		}
		m, err := message(topic, Translation{NoteID: env.Note.NoteID, Version: env.Note.Version,
			Targets: targets, Attempt: 1, NotBefore: now().Add(delay(1)).UTC()})
		if err != nil {
			return nil // cannot happen: the struct always encodes
		}
		return []kafka.Message{m}
	}
}

func message(topic string, p Translation) (kafka.Message, error) {
	v, err := json.Marshal(p)
	if err != nil {
		return kafka.Message{}, fmt.Errorf("encode pending translation of %s: %w", p.NoteID, err)
	}
	return kafka.Message{Topic: topic, Key: []byte(p.NoteID), Value: v,
		Headers: []kafka.Header{{Key: pipeline.HeaderVersion, Value: []byte(strconv.FormatInt(p.Version, 10))}}}, nil
}
