package pending

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// Retranslator attempts pending translations of a note again (the
// translate stage). It sets each target's status on n (ok, pending again,
// failed, skipped) and returns an error only when ctx ends.
type Retranslator interface {
	Retranslate(ctx context.Context, n *models.Note, targets []string) error
}

// Config configures the Retrier.
type Config struct {
	// Topic carries Translation messages. Default
	// DefaultTopic.
	Topic string
	// GroupID is the retrier's consumer group. Default
	// "<kafka group_id>-translate-retry".
	GroupID string
	// MaxAttempts: after this attempt a translation still pending is
	// marked failed. Default 10.
	MaxAttempts int
	// Delay is the wait before attempt n (from 1). Default 5s·2^(n-1),
	// at most 10m.
	Delay func(attempt int) time.Duration
	// MaxWait caps how long a message waits for its not_before, against
	// clock skew. Default Delay(MaxAttempts).
	MaxWait time.Duration
}

func (c Config) withDefaults(groupID string) Config {
	if c.Topic == "" {
		c.Topic = DefaultTopic
	}
	if c.GroupID == "" {
		c.GroupID = groupID + "-translate-retry"
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 10
	}
	if c.Delay == nil {
		c.Delay = func(n int) time.Duration {
			d := 5 * time.Second
			for i := 1; i < n && d < 10*time.Minute; i++ {
				d *= 2
			}
			return min(d, 10*time.Minute)
		}
	}
	if c.MaxWait <= 0 {
		c.MaxWait = c.Delay(c.MaxAttempts)
	}
	return c
}

// Retrier consumes the retry topic: for each message, once its
// not_before has come, it reads the note from the store; if that version
// still has the translations pending it attempts them again, writes the
// note back as its next revision (so a replay of the original event cannot
// undo it) and re-publishes it to its route's topic, so feeds and search
// get the translation. What is still pending is asked for again with a
// later not_before, until MaxAttempts, after which it is marked failed.
// The offset is committed once all that is written; transport errors are
// retried with backoff.
//
// Messages are handled one at a time, in order: a message waits for its
// not_before, so one due late holds those behind it on the same consumer
// for at most MaxWait. The main pipeline never waits on any of it.
type Retrier struct {
	rcfg               Config
	store              pipeline.NoteStore
	tr                 Retranslator
	isNotFound         func(error) bool
	*pipeline.Consumer // runs handle; its Run consumes until ctx ends, then drains
	log                *slog.Logger
	now                func() time.Time
	outcomes           *prometheus.CounterVec // nil: no metrics
}

// ConditionTranslateRetry: pending translations are worked (index, store
// and publish succeed; a provider that fails only requeues).
const ConditionTranslateRetry pipeline.Condition = "translate_retry"

// Outcomes of one retry message, the outcome label of
// notegate_translate_retries_total.
const (
	RetryFilled   = "filled"   // every pending target translated
	RetryRequeued = "requeued" // some still pending, asked for again
	RetryGaveUp   = "gave_up"  // still pending after MaxAttempts: marked failed
	RetryStale    = "stale"    // the note is gone, newer, or no longer pending
)

// NewRetrier builds a retrier; it connects when Run starts.
// isNotFound tells the store's "no such note" error. reg and health may be
// nil.
func NewRetrier(cfg pipeline.Config, rcfg Config, store pipeline.NoteStore, tr Retranslator, isNotFound func(error) bool, reg prometheus.Registerer, health *pipeline.Health, log *slog.Logger) (*Retrier, error) {
	rcfg = rcfg.withDefaults(cfg.WithDefaults().GroupID)
	if store == nil || tr == nil || isNotFound == nil {
		return nil, errors.New("translation retrier: store, retranslator and isNotFound are required")
	}
	if log == nil {
		log = slog.Default()
	}
	r := &Retrier{rcfg: rcfg, store: store, tr: tr, isNotFound: isNotFound, log: log.With("component", "translate-retry"), now: time.Now}
	var err error
	// Messages wait for their not_before on purpose, so a long wait is not
	// a stuck route (WatchRouting off).
	r.Consumer, err = pipeline.NewConsumer(cfg, pipeline.ConsumerConfig{
		Name: "translate-retry", GroupID: rcfg.GroupID, Topic: rcfg.Topic, Condition: ConditionTranslateRetry,
		MaxWait: time.Second,
	}, pipeline.PerMessage(r.Handle), nil, health, log)
	if err != nil {
		return nil, err
	}
	if reg != nil {
		r.outcomes = prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_translate_retries_total",
			Help: "Pending-translation retry messages handled, by outcome (filled, requeued, gave_up, stale).",
		}, []string{"outcome"})
		if err := reg.Register(r.outcomes); err != nil {
			return nil, fmt.Errorf("translation retrier metrics: %w", err)
		}
	}
	return r, nil
}

func (r *Retrier) count(outcome string) {
	if r.outcomes != nil {
		r.outcomes.WithLabelValues(outcome).Inc()
	}
}

// Handle works one message of the retry topic, the handler its
// pipeline.Consumer runs: it returns what to publish (the note with its
// new translations, and the message that asks again for what is still
// pending). An error is a transport error, which the consumer retries.
func (r *Retrier) Handle(ctx context.Context, msg kafka.Message) ([]kafka.Message, error) {
	var p Translation
	if err := json.Unmarshal(msg.Value, &p); err != nil || p.NoteID == "" || p.Version < 1 || len(p.Targets) == 0 {
		bad := pipeline.BadEvent(pipeline.ReasonBadField, "not a pending-translation message (note_id, a version and targets are required)")
		if err != nil {
			bad = pipeline.BadJSON(err)
		}
		r.log.Error("dead-lettering a bad retry message", "offset", msg.Offset, "reason", bad)
		return []kafka.Message{pipeline.DeadLetter(r.Topics(), msg, bad)}, nil
	}
	if wait := min(p.NotBefore.Sub(r.now()), r.rcfg.MaxWait); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
	out, outcome, err := r.fill(ctx, msg, p)
	if err != nil {
		return nil, err
	}
	r.count(outcome)
	return out, nil
}

// maxTranslationRaces bounds how often one message is attempted again at
// once because another writer stored the same revision first; beyond it
// the message is retried with backoff like a transport error.
const maxTranslationRaces = 4

// fill runs attempt until its write is the one stored. A reviewer's
// decision may write the note between our read and our write; the store
// then keeps theirs (same revision), so read again and redo on top of it
// (the translations are cached by then).
func (r *Retrier) fill(ctx context.Context, msg kafka.Message, p Translation) ([]kafka.Message, string, error) {
	for race := 1; ; race++ {
		out, outcome, err := r.attempt(ctx, msg, p)
		if errors.Is(err, errLostRace) && race < maxTranslationRaces {
			r.log.Info("another writer updated the note first; translating again", "note_id", p.NoteID)
			continue
		}
		if err != nil {
			return nil, "", fmt.Errorf("retry of %s: %w", p.NoteID, err)
		}
		return out, outcome, nil
	}
}

var errLostRace = errors.New("another writer updated the note first")

// attempt translates what is pending and writes the note; it returns the
// messages to publish.
func (r *Retrier) attempt(ctx context.Context, msg kafka.Message, p Translation) ([]kafka.Message, string, error) {
	n, err := r.store.Get(ctx, p.NoteID)
	switch {
	case err != nil && r.isNotFound(err):
		return nil, RetryStale, nil
	case err != nil:
		return nil, "", fmt.Errorf("read note %s: %w", p.NoteID, err)
	case n.Version != p.Version || n.Deleted():
		return nil, RetryStale, nil
	}
	var targets []string
	for _, t := range Targets(n) {
		if slices.Contains(p.Targets, t) {
			targets = append(targets, t)
		}
	}
	if len(targets) == 0 {
		return nil, RetryStale, nil
	}
	if err := r.tr.Retranslate(ctx, n, targets); err != nil {
		return nil, "", err
	}
	var still []string
	for _, t := range targets {
		if n.Translations[t].Status == models.TranslationPending {
			still = append(still, t)
		}
	}
	outcome := RetryFilled
	var out []kafka.Message
	if len(still) > 0 {
		if p.Attempt >= r.rcfg.MaxAttempts {
			outcome = RetryGaveUp
			for _, t := range still {
				tr := n.Translations[t]
				tr.Status = models.TranslationFailed
				tr.Error = fmt.Sprintf("gave up after %d later attempts: %s", p.Attempt, tr.Error)
				n.Translations[t] = tr
			}
		} else {
			outcome = RetryRequeued
			next := Translation{NoteID: p.NoteID, Version: p.Version, Targets: still, Attempt: p.Attempt + 1,
				NotBefore: r.now().Add(r.rcfg.Delay(p.Attempt + 1)).UTC()}
			m, err := message(r.rcfg.Topic, next)
			if err != nil {
				return nil, "", err
			}
			out = append(out, m)
			if len(still) == len(targets) {
				return out, outcome, nil // nothing changed on the note
			}
		}
	}
	n.Revision++
	applied, err := r.store.Apply(ctx, []*models.Note{n})
	if err != nil {
		return nil, "", fmt.Errorf("write note %s: %w", n.NoteID, err)
	}
	if len(applied) != 1 {
		return nil, "", fmt.Errorf("write note %s: the index answered %d outcomes", n.NoteID, len(applied))
	}
	a := applied[0]
	switch {
	case a.Retry != nil:
		return nil, "", fmt.Errorf("write note %s: %w", n.NoteID, a.Retry)
	case a.Rejected != "":
		r.log.Error("the index refused a re-translated note", "note_id", n.NoteID, "reason", a.Rejected)
		return nil, RetryStale, nil
	case a.Stored == nil || a.Stored.Version != n.Version || a.Stored.Deleted():
		return nil, RetryStale, nil // deleted or superseded meanwhile
	case !a.Written && (a.Stored.Revision < n.Revision || !sameTranslations(a.Stored, n, targets)):
		// Another writer (a reviewer's decision) stored this revision
		// first, so ours was dropped: the caller reads again and redoes.
		return nil, "", errLostRace
	}
	// Our translations are stored, perhaps under a later revision that
	// another writer built on ours: publish the note as it is now.
	routed, err := pipeline.RouteMessages(r.Topics(), msg, a.Stored, a.EverApproved,
		kafka.Header{Key: HeaderAttempt, Value: []byte(strconv.Itoa(p.Attempt))})
	if err != nil {
		return nil, "", err
	}
	return append(routed, out...), outcome, nil
}

func sameTranslations(a, b *models.Note, targets []string) bool {
	for _, t := range targets {
		if a.Translations[t] != b.Translations[t] {
			return false
		}
	}
	return true
}
