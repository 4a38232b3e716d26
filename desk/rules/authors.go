package rules

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// AuthorsConfig configures the author actions topic and the standings
// kept from it.
type AuthorsConfig struct {
	// Topic carries models.AuthorAction events keyed by author_id. Every
	// replica reads all of it from the start, without a consumer group:
	// keep its retention unlimited (strikes add up, so it is not
	// compacted). Default "authors.actions".
	Topic string `yaml:"topic"`
	// MaxAuthors bounds the standings held in memory; past it, clear
	// standings go first, then muted or struck authors, then suspended
	// ones, the least recently changed first. Default 100000.
	MaxAuthors int `yaml:"max_authors"`
}

// WithDefaults fills unset fields with their defaults.
func (c AuthorsConfig) WithDefaults() AuthorsConfig {
	c.Topic = cmp.Or(c.Topic, "authors.actions")
	c.MaxAuthors = cmp.Or(c.MaxAuthors, 100000)
	return c
}

// Validate reports contradictions in a configuration with defaults
// applied.
func (c AuthorsConfig) Validate() error {
	if c.MaxAuthors < 1 {
		return errors.New("authors.max_authors must be positive")
	}
	return nil
}

// AuthorStore holds the standing of every author a reviewer acted on, in
// memory, bounded by MaxAuthors: what the moderate stage reads for every
// note (moderate.AuthorStandings) and the desk shows. The AuthorConsumer
// is its only writer. Safe for concurrent use.
type AuthorStore struct {
	max     int
	markets []string

	mu   sync.RWMutex
	byID map[string]heldStanding
	seq  uint64 // orders changes, for eviction
}

type heldStanding struct {
	models.AuthorStanding
	seq uint64
}

// NewAuthorStore holds up to maxAuthors standings; markets are the
// configured markets, which an action naming none acts in.
func NewAuthorStore(maxAuthors int, markets []string) *AuthorStore {
	return &AuthorStore{max: max(maxAuthors, 1), markets: markets, byID: map[string]heldStanding{}}
}

// Standing returns a copy of the author's standing and whether the store
// holds one (a clear standing, after a lift, counts).
func (s *AuthorStore) Standing(authorID string) (models.AuthorStanding, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	h, ok := s.byID[authorID]
	st := h.AuthorStanding
	st.Markets = maps.Clone(st.Markets)
	return st, ok
}

// Len is the number of standings held.
func (s *AuthorStore) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.byID)
}

// Apply applies a to its author's standing and returns the standing
// after it, and how many standings were forgotten to make room.
func (s *AuthorStore) Apply(a models.AuthorAction) (models.AuthorStanding, int) {
	markets := a.Markets
	if len(markets) == 0 {
		markets = s.markets
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.byID[a.AuthorID]
	evicted := 0
	if !ok {
		for len(s.byID) >= s.max {
			s.evictOne()
			evicted++
		}
	}
	s.seq++
	next := h.AuthorStanding.Apply(a, markets)
	s.byID[a.AuthorID] = heldStanding{AuthorStanding: next, seq: s.seq}
	next.Markets = maps.Clone(next.Markets)
	return next, evicted
}

// evictOne forgets the standing that matters least: clear before muted or
// struck before suspended, the least recently changed first. It scans
// every standing; evictions only happen once MaxAuthors is reached.
func (s *AuthorStore) evictOne() {
	rank := func(st models.AuthorStanding) int {
		switch {
		case st.Clear():
			return 0
		case !suspendedAnywhere(st):
			return 1
		}
		return 2
	}
	victim, vr, vseq := "", 3, uint64(0)
	for id, h := range s.byID {
		if r := rank(h.AuthorStanding); r < vr || r == vr && h.seq < vseq {
			victim, vr, vseq = id, r, h.seq
		}
	}
	delete(s.byID, victim)
}

func suspendedAnywhere(st models.AuthorStanding) bool {
	for _, m := range st.Markets {
		if m.State == models.AuthorSuspended {
			return true
		}
	}
	return false
}

// AuthorAuditor appends author actions to the audit trail.
// RecordAuthorAction is idempotent by action id: recording an entry again
// (every start reads the topic again) changes nothing and returns nil. An
// error is a transport error and is retried.
type AuthorAuditor interface {
	RecordAuthorAction(ctx context.Context, e models.AuthorActionEntry) error
}

// AuthorActionWriter publishes author actions to the author actions topic
// with RequireAll acks, keyed by author id. It is the only way the desk
// changes an author's standing.
type AuthorActionWriter struct{ eventWriter }

// NewAuthorActionWriter writes to cfg.Topic on brokers.
func NewAuthorActionWriter(brokers []string, cfg AuthorsConfig) *AuthorActionWriter {
	return &AuthorActionWriter{newEventWriter(brokers, cfg.WithDefaults().Topic)}
}

// PublishAuthorAction writes a and returns once the broker has it or
// with the error.
func (w *AuthorActionWriter) PublishAuthorAction(ctx context.Context, a models.AuthorAction) error {
	return w.publish(ctx, "author action", 1, func(int) (string, string, any) { return a.ID, a.AuthorID, a })
}

// ConditionAuthors: the author actions topic is read (its partitions
// listed and fetched, its actions audited).
const ConditionAuthors pipeline.Condition = "authors"

// AuthorConsumer keeps an AuthorStore up to date from the author actions
// topic. It reads every partition from the first offset on every start,
// without a consumer group and without committing, so every replica
// holds every author's standing and a restart rebuilds it; Ready is
// closed once it has read up to the end each partition had when it
// started. Actions of one author are on one partition (the key), so they
// apply in order. Each action is audited once it is applied; an event
// that is not an action is logged, counted and skipped (every replica
// reads it, so it is not dead-lettered).
type AuthorConsumer struct {
	cfg     pipeline.Config
	acfg    AuthorsConfig
	store   *AuthorStore
	audit   AuthorAuditor
	metrics *EventMetrics
	health  *pipeline.Health
	log     *slog.Logger

	ready     chan struct{}
	readyOnce sync.Once
}

// NewAuthorConsumer builds a consumer of acfg.Topic feeding store. audit,
// metrics and health may be nil.
func NewAuthorConsumer(cfg pipeline.Config, acfg AuthorsConfig, store *AuthorStore, audit AuthorAuditor, metrics *EventMetrics, health *pipeline.Health, log *slog.Logger) (*AuthorConsumer, error) {
	cfg = cfg.WithDefaults()
	acfg = acfg.WithDefaults()
	if err := errors.Join(cfg.Validate(), acfg.Validate()); err != nil {
		return nil, fmt.Errorf("author actions consumer config: %w", err)
	}
	if store == nil {
		return nil, errors.New("author actions consumer: a store is required")
	}
	if log == nil {
		log = slog.Default()
	}
	return &AuthorConsumer{cfg: cfg, acfg: acfg, store: store, audit: audit, metrics: metrics, health: health,
		log: log.With("component", "authors"), ready: make(chan struct{})}, nil
}

// Ready is closed once the store holds every action that was on the topic
// when Run started: the note pipeline waits for it, so that a restart
// never lets a suspended author's note through.
func (c *AuthorConsumer) Ready() <-chan struct{} { return c.ready }

// Run reads the topic until ctx ends. It returns nil: transport errors
// are retried with backoff for as long as they last.
func (c *AuthorConsumer) Run(ctx context.Context) error {
	var partitions int
	err := pipeline.RetryUntilDone(ctx, c.cfg.Backoff, c.log, c.health, ConditionAuthors, "authors: list the partitions of "+c.acfg.Topic, func() error {
		var err error
		partitions, err = pipeline.PartitionCount(ctx, c.cfg.Brokers, c.acfg.Topic, 5*time.Second)
		return err
	})
	if err != nil {
		return nil // ctx ended
	}
	var caught, running sync.WaitGroup
	caught.Add(partitions)
	for p := range partitions {
		running.Add(1)
		go func() {
			defer running.Done()
			c.readPartition(ctx, p, caught.Done)
		}()
	}
	go func() {
		caught.Wait()
		c.readyOnce.Do(func() { close(c.ready) })
		if ctx.Err() == nil {
			c.log.Info("author standings rebuilt", "topic", c.acfg.Topic, "partitions", partitions, "standings", c.store.Len())
		}
	}()
	running.Wait()
	return nil
}

// partitionOffsets asks the partition's leader for its first offset and
// the offset it will write next.
func (c *AuthorConsumer) partitionOffsets(ctx context.Context, partition int) (first, end int64, err error) {
	d := &kafka.Dialer{Timeout: 5 * time.Second}
	for _, b := range c.cfg.Brokers {
		var conn *kafka.Conn
		if conn, err = d.DialLeader(ctx, "tcp", b, c.acfg.Topic, partition); err != nil {
			continue
		}
		_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
		first, end, err = conn.ReadOffsets()
		_ = conn.Close()
		if err == nil {
			return first, end, nil
		}
	}
	return 0, 0, fmt.Errorf("offsets of %s partition %d: %w", c.acfg.Topic, partition, err)
}

// readPartition applies the partition's actions in order from its first
// offset until ctx ends, calling caughtUp once every action that was
// there when it started is applied.
func (c *AuthorConsumer) readPartition(ctx context.Context, partition int, caughtUp func()) {
	var once sync.Once
	done := func() { once.Do(caughtUp) }
	defer done() // a consumer that stops must not hold Ready's waiters
	var first, end int64
	err := pipeline.RetryUntilDone(ctx, c.cfg.Backoff, c.log, c.health, ConditionAuthors, fmt.Sprintf("authors: offsets of partition %d", partition), func() error {
		var err error
		first, end, err = c.partitionOffsets(ctx, partition)
		return err
	})
	if err != nil {
		return // ctx ended
	}
	if first >= end {
		done() // nothing to read
	}
	kafkaLog := c.log.With("component", "kafka-go", "partition", partition)
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers: c.cfg.Brokers, Topic: c.acfg.Topic, Partition: partition,
		MinBytes: 1, MaxBytes: 10 << 20, MaxWait: 500 * time.Millisecond,
		ReadBackoffMin: 50 * time.Millisecond, ReadBackoffMax: time.Second,
		Logger:      kafka.LoggerFunc(func(msg string, args ...any) { kafkaLog.Debug(fmt.Sprintf(msg, args...)) }),
		ErrorLogger: kafka.LoggerFunc(func(msg string, args ...any) { kafkaLog.Warn(fmt.Sprintf(msg, args...)) }),
	})
	defer pipeline.CloseWithin(time.Second, r.Close)
	if err := r.SetOffset(kafka.FirstOffset); err != nil {
		c.log.Error("cannot read the author actions from the start", "partition", partition, "err", err)
		return
	}
	for failures := 0; ; {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			// Not a readiness problem of its own: actions are rare, so
			// nothing might clear it, and the broker probe reports a
			// broker that does not answer.
			if failures%10 == 0 {
				c.log.Warn("fetching author actions failed; retrying", "partition", partition, "failures", failures+1, "err", err)
			}
			if c.cfg.Backoff.Wait(ctx, failures) != nil {
				return
			}
			failures++
			continue
		}
		failures = 0
		if err := c.apply(ctx, m); err != nil {
			return // ctx ended
		}
		if m.Offset+1 >= end {
			done()
		}
	}
}

// apply applies one message and audits it; it returns an error only when
// ctx ends.
func (c *AuthorConsumer) apply(ctx context.Context, m kafka.Message) error {
	var a models.AuthorAction
	if err := json.Unmarshal(m.Value, &a); err != nil || a.ID == "" || a.AuthorID == "" || !a.Action.Valid() {
		reason := "not an author action (id, author_id and a known action are required)"
		if err != nil {
			reason = pipeline.BadJSON(err).Error()
		}
		c.log.Error("skipping a bad author action event", "partition", m.Partition, "offset", m.Offset, "reason", reason)
		c.metrics.authorAction("bad")
		return nil
	}
	standing, evicted := c.store.Apply(a)
	c.metrics.authorAction("applied")
	c.metrics.standingsHeld(c.store.Len(), evicted)
	if evicted > 0 {
		c.log.Warn("forgot author standings to make room (authors.max_authors)", "forgotten", evicted)
	}
	if c.audit == nil {
		return nil
	}
	entry := models.AuthorActionEntry{Action: a, Standing: standing, RecordedAt: time.Now().UTC()}
	return pipeline.RetryUntilDone(ctx, c.cfg.Backoff, c.log, c.health, ConditionAuthors, "authors: audit "+a.ID, func() error {
		return c.audit.RecordAuthorAction(ctx, entry)
	})
}
