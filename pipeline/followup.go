package pipeline

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
)

// Follow-ups are extra messages the Runtime publishes for an event along
// with its routed note, in the same write and so under the same commit: a
// crash between the two cannot lose one of them. The pending-translation
// follow-up below is the one notegate uses: a note whose translations are
// pending flows on to its route at once, and a message on the retry topic
// asks for the translations later.

// FollowUps returns the follow-up messages of a processed envelope (Topic
// set, usually keyed by note id), or none. It is called for every
// envelope that is not dead-lettered, from the partition workers, so it
// must be safe for concurrent use; it must not keep env.
type FollowUps func(env *Envelope) []kafka.Message

// SetFollowUps installs f; call it before Run.
func (r *Runtime) SetFollowUps(f FollowUps) { r.followUps = f }

// DefaultTranslateRetryTopic carries PendingTranslation messages.
const DefaultTranslateRetryTopic = "notes.translate.retry"

// HeaderRetryAttempt is set on notes re-published by the TranslationRetrier.
const HeaderRetryAttempt = "notegate-translation-attempt"

// PendingTranslation asks for the pending translations of one version of a
// note to be attempted again. It is the value of a message on the retry
// topic, keyed by note id.
type PendingTranslation struct {
	NoteID  string `json:"note_id"`
	Version int64  `json:"version"`
	// Targets are the translation keys that were pending ("en", "zh-Hant").
	Targets []string `json:"targets"`
	// Attempt numbers the later attempts, from 1.
	Attempt int `json:"attempt"`
	// NotBefore is when the attempt is due.
	NotBefore time.Time `json:"not_before"`
}

// PendingTargets returns, sorted, the targets of n's translations whose
// status is pending.
func PendingTargets(n *models.Note) []string {
	var out []string
	for t, tr := range n.Translations {
		if tr.Status == models.TranslationPending {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

// PendingTranslationFollowUps returns the FollowUps that asks, on topic,
// for the pending translations of every processed note to be attempted
// again after delay(1).
func PendingTranslationFollowUps(topic string, delay func(attempt int) time.Duration, now func() time.Time) FollowUps {
	if now == nil {
		now = time.Now
	}
	return func(env *Envelope) []kafka.Message {
		if env.Err != nil || env.Note == nil || env.Note.Deleted() {
			return nil
		}
		targets := PendingTargets(env.Note)
		if len(targets) == 0 {
			return nil
		}
		m, err := pendingMessage(topic, PendingTranslation{NoteID: env.Note.NoteID, Version: env.Note.Version,
			Targets: targets, Attempt: 1, NotBefore: now().Add(delay(1)).UTC()})
		if err != nil {
			return nil // cannot happen: the struct always encodes
		}
		return []kafka.Message{m}
	}
}

func pendingMessage(topic string, p PendingTranslation) (kafka.Message, error) {
	v, err := json.Marshal(p)
	if err != nil {
		return kafka.Message{}, fmt.Errorf("encode pending translation of %s: %w", p.NoteID, err)
	}
	return kafka.Message{Topic: topic, Key: []byte(p.NoteID), Value: v,
		Headers: []kafka.Header{{Key: HeaderVersion, Value: []byte(strconv.FormatInt(p.Version, 10))}}}, nil
}

// Retranslator attempts pending translations of a note again (the
// translate stage). It sets each target's status on n (ok, pending again,
// failed, skipped) and returns an error only when ctx ends.
type Retranslator interface {
	Retranslate(ctx context.Context, n *models.Note, targets []string) error
}

// PendingStore is where the TranslationRetrier reads the current note and
// writes the filled-in one: the index.
type PendingStore interface {
	Indexer
	Get(ctx context.Context, noteID string) (*models.Note, error)
}

// TranslationRetryConfig configures the TranslationRetrier.
type TranslationRetryConfig struct {
	// Topic carries PendingTranslation messages. Default
	// DefaultTranslateRetryTopic.
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

func (c TranslationRetryConfig) withDefaults(groupID string) TranslationRetryConfig {
	if c.Topic == "" {
		c.Topic = DefaultTranslateRetryTopic
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

// TranslationRetrier consumes the retry topic: for each message, once its
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
type TranslationRetrier struct {
	cfg        Config
	rcfg       TranslationRetryConfig
	store      PendingStore
	tr         Retranslator
	isNotFound func(error) bool
	consumer   *consumer
	writer     *kafka.Writer
	health     *Health
	log        *slog.Logger
	now        func() time.Time
	outcomes   *prometheus.CounterVec // nil: no metrics
}

// ConditionTranslateRetry: pending translations are worked (index, store
// and publish succeed; a provider that fails only requeues).
const ConditionTranslateRetry Condition = "translate_retry"

// Outcomes of one retry message, the outcome label of
// notegate_translate_retries_total.
const (
	RetryFilled   = "filled"   // every pending target translated
	RetryRequeued = "requeued" // some still pending, asked for again
	RetryGaveUp   = "gave_up"  // still pending after MaxAttempts: marked failed
	RetryStale    = "stale"    // the note is gone, newer, or no longer pending
)

// NewTranslationRetrier builds a retrier; it connects when Run starts.
// isNotFound tells the store's "no such note" error. reg and health may be
// nil.
func NewTranslationRetrier(cfg Config, rcfg TranslationRetryConfig, store PendingStore, tr Retranslator, isNotFound func(error) bool, reg prometheus.Registerer, health *Health, log *slog.Logger) (*TranslationRetrier, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("translation retrier config: %w", err)
	}
	rcfg = rcfg.withDefaults(cfg.GroupID)
	if rcfg.Topic == cfg.InputTopic || slices.Contains([]string{cfg.Topics.Approved, cfg.Topics.Review, cfg.Topics.Rejected, cfg.Topics.DeadLetter}, rcfg.Topic) {
		return nil, fmt.Errorf("translate retry topic %q is also another topic of the pipeline", rcfg.Topic)
	}
	if store == nil || tr == nil || isNotFound == nil {
		return nil, errors.New("translation retrier: store, retranslator and isNotFound are required")
	}
	if log == nil {
		log = slog.Default()
	}
	log = log.With("component", "translate-retry")
	r := &TranslationRetrier{cfg: cfg, rcfg: rcfg, store: store, tr: tr, isNotFound: isNotFound, health: health, log: log, now: time.Now}
	if reg != nil {
		r.outcomes = prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_translate_retries_total",
			Help: "Pending-translation retry messages handled, by outcome (filled, requeued, gave_up, stale).",
		}, []string{"outcome"})
		if err := reg.Register(r.outcomes); err != nil {
			return nil, fmt.Errorf("translation retrier metrics: %w", err)
		}
	}
	r.writer = newWriter(cfg, log)
	// Messages wait for their not_before on purpose, so a long wait is not
	// a stuck route (watchRouting off).
	r.consumer = newConsumer(consumerConfig{
		name: "translate-retry", brokers: cfg.Brokers, groupID: rcfg.GroupID, topic: rcfg.Topic,
		batchSize: 1, partitionQueue: 64, commitInterval: min(cfg.CommitInterval, 200*time.Millisecond),
		drainTimeout: cfg.DrainTimeout, sessionTimeout: cfg.SessionTimeout, maxWait: time.Second,
		backoff: cfg.Backoff,
	}, oneAtATime(cfg.Backoff, log, health, ConditionTranslateRetry, r.handle), nil, health, log)
	return r, nil
}

// Run consumes until ctx ends, then drains within the drain timeout; a
// message in hand when it ends is not committed and is redelivered.
func (r *TranslationRetrier) Run(ctx context.Context) error {
	err := r.consumer.run(ctx)
	closeWithin(time.Second, r.writer.Close)
	return err
}

func (r *TranslationRetrier) count(outcome string) {
	if r.outcomes != nil {
		r.outcomes.WithLabelValues(outcome).Inc()
	}
}

// handle works one message; an error is a transport error (retried).
func (r *TranslationRetrier) handle(ctx context.Context, msg kafka.Message) error {
	var p PendingTranslation
	if err := json.Unmarshal(msg.Value, &p); err != nil || p.NoteID == "" || p.Version < 1 || len(p.Targets) == 0 {
		reason := "not a pending-translation message"
		if err != nil {
			reason = err.Error()
		}
		r.log.Error("dead-lettering a bad retry message", "offset", msg.Offset, "reason", reason)
		return r.writer.WriteMessages(ctx, deadLetter(r.cfg.Topics, msg, badEvent(ReasonBadField, "%s", reason)))
	}
	if wait := min(p.NotBefore.Sub(r.now()), r.rcfg.MaxWait); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	out, outcome, err := r.fill(ctx, msg, p)
	if err != nil {
		return err
	}
	if len(out) > 0 {
		if err := r.writer.WriteMessages(ctx, out...); err != nil {
			return fmt.Errorf("publish retry outcome of %s: %w", p.NoteID, err)
		}
	}
	r.count(outcome)
	return nil
}

// maxTranslationRaces bounds how often one message is attempted again at
// once because another writer stored the same revision first; beyond it
// the message is retried with backoff like a transport error.
const maxTranslationRaces = 4

// fill runs attempt until its write is the one stored. A reviewer's
// decision may write the note between our read and our write; the store
// then keeps theirs (same revision), so read again and redo on top of it
// (the translations are cached by then).
func (r *TranslationRetrier) fill(ctx context.Context, msg kafka.Message, p PendingTranslation) ([]kafka.Message, string, error) {
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
func (r *TranslationRetrier) attempt(ctx context.Context, msg kafka.Message, p PendingTranslation) ([]kafka.Message, string, error) {
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
	for _, t := range PendingTargets(n) {
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
			next := PendingTranslation{NoteID: p.NoteID, Version: p.Version, Targets: still, Attempt: p.Attempt + 1,
				NotBefore: r.now().Add(r.rcfg.Delay(p.Attempt + 1)).UTC()}
			m, err := pendingMessage(r.rcfg.Topic, next)
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
	routed, err := noteMessages(r.cfg.Topics, msg, a.Stored, a.EverApproved,
		kafka.Header{Key: HeaderRetryAttempt, Value: []byte(strconv.Itoa(p.Attempt))})
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
