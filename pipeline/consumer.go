package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"
)

// consumerConfig configures one consumer loop.
type consumerConfig struct {
	// name tells the consumer in logs, metrics and readiness problems.
	name           string
	brokers        []string
	groupID, topic string
	// batchSize caps the messages handed to handle at once, per partition.
	batchSize   int
	batchLinger time.Duration
	// partitionQueue bounds the fetched messages waiting per partition.
	partitionQueue int
	commitInterval time.Duration
	// drainTimeout bounds everything the loop does once its context ends:
	// finishing batches in hand, the last commit and closing the reader.
	drainTimeout   time.Duration
	sessionTimeout time.Duration
	maxBytes       int
	maxWait        time.Duration
	backoff        Backoff
	// watchRouting makes an event that waits longer than the health's
	// StuckAfter a readiness problem (not for consumers whose messages
	// wait on purpose, like the translation retrier's).
	watchRouting bool
}

// batchHandler handles one partition's messages, in order (Consumer's
// handleBatch). It returns nil once every message is done (routed,
// written, whatever the consumer does) and retries transport errors
// itself; it returns an error only when ctx ends first, and the messages
// are then left uncommitted and redelivered.
type batchHandler func(ctx context.Context, msgs []kafka.Message) error

// consumer is the one loop every Kafka consumer of notegate runs (through
// Consumer: note events, reviewer decisions, appeals, reports, pending
// translations): it fetches from a consumer group, hands each partition's
// messages in order to one worker per partition in bounded batches, and
// commits each partition only up to the highest offset below which every
// message is handled.
//
// Fetch and commit errors are transport errors: they are retried with
// backoff for as long as they last and never end the loop; a stuck
// partition shows in readiness. When ctx ends the loop stops fetching,
// lets batches in hand finish, commits what they cover and closes the
// reader, all within drainTimeout, even when the broker does not answer.
//
// Partition assignment and revocation are handled here and nowhere else.
// kafka-go's Reader owns the group membership and tells nothing before a
// rebalance: when the group's generation ends it stops fetching every
// partition, and when the next one starts it fetches the partitions it
// was given from the group's committed offsets. Hence the contract:
//   - Membership: the member joins when it is built (newReader: a kafka-go
//     group Reader joins at once) and leaves when run closes its reader. A
//     consumer that is built must be run soon, or run with an ended
//     context to close it (pipelinetest.Stop): until then it holds
//     partitions it does not read.
//   - Assignment: a partition's first message starts its worker; a worker
//     outlives a revocation (idle, its goroutine and bounded queue kept)
//     and serves the partition again if it comes back.
//   - Revocation: messages of a revoked partition that were fetched
//     (queued for its worker or in a batch in hand) are finished, in
//     order, not dropped; kafka-go hands out nothing more of it.
//   - Commits: only offsets below which everything is handled are ever
//     committed. A commit that fails because the generation ended
//     (rebalance in progress, illegal generation, unknown member; kafka-go
//     returns the broker's error after its own retries) is kept and sent
//     with the next commit, in the next generation. For a partition that
//     moved meanwhile that commit can only move its offset back to work
//     this member finished, which makes the new owner see it again.
//   - Hence at-least-once across rebalances: the new owner of a partition
//     starts at the committed offset, so it handles again what this member
//     had in flight or had not committed yet, and a handler must be
//     idempotent (Handler says so). Nothing is skipped. A redelivered
//     offset the checkpointer had seen starts its bookkeeping over
//     (checkpointer.track).
//   - Leaving: a drained member (ctx ended) finishes and commits its work
//     and leaves the group (closing the reader), so the others take its
//     partitions at once; a member that dies commits nothing more, and its
//     partitions move after the session timeout, from its last commit.
//
// Each new generation (join or rebalance) is logged with the count of
// generations since the last commit tick (Reader.Stats().Rebalances).
type consumer struct {
	cfg     consumerConfig
	reader  *kafka.Reader
	cp      *checkpointer
	handle  batchHandler
	metrics *Metrics // the note pipeline's; nil for the side consumers
	health  *Health
	log     *slog.Logger
	now     func() time.Time

	commitMu sync.Mutex
	unsent   map[int]int64 // partition → offset not yet committed; guarded by commitMu

	// crashed is closed by crash (tests): stop at once, commit nothing more.
	crashOnce sync.Once
	crashed   chan struct{}
}

func newConsumer(cfg consumerConfig, handle batchHandler, metrics *Metrics, health *Health, log *slog.Logger) *consumer {
	if cfg.batchSize <= 0 {
		cfg.batchSize = 1
	}
	if cfg.partitionQueue < cfg.batchSize {
		cfg.partitionQueue = cfg.batchSize
	}
	if cfg.commitInterval <= 0 {
		cfg.commitInterval = time.Second
	}
	if cfg.drainTimeout <= 0 {
		cfg.drainTimeout = 30 * time.Second
	}
	if cfg.maxWait <= 0 {
		cfg.maxWait = time.Second
	}
	cfg.backoff = cfg.backoff.WithDefaults()
	log = log.With("consumer", cfg.name)
	c := &consumer{cfg: cfg, cp: newCheckpointer(), handle: handle, metrics: metrics,
		health: health, log: log, now: time.Now, unsent: map[int]int64{}, crashed: make(chan struct{})}
	c.reader = c.newReader()
	if cfg.watchRouting {
		health.watch(cfg.name, func() (string, time.Time, bool) {
			part, off, at, ok := c.cp.oldest()
			return fmt.Sprintf("%s partition %d offset %d", cfg.topic, part, off), at, ok
		})
	}
	return c
}

// newReader makes the loop's kafka-go Reader. A group Reader joins its
// group as soon as it exists (and its metadata requests let a broker that
// auto-creates topics create the consumed one, which startup waits for).
func (c *consumer) newReader() *kafka.Reader {
	kafkaLog := c.log.With("component", "kafka-go")
	return kafka.NewReader(kafka.ReaderConfig{
		Brokers:  c.cfg.brokers,
		GroupID:  c.cfg.groupID,
		Topic:    c.cfg.topic,
		MinBytes: 1,
		MaxBytes: max(10<<20, c.cfg.maxBytes),
		// The broker answers as soon as one byte is there (MinBytes), so a
		// long wait costs no latency; a short one makes kafka-go's read
		// deadline race the broker's own wait and log i/o timeouts.
		MaxWait:        c.cfg.maxWait,
		QueueCapacity:  c.cfg.partitionQueue,
		CommitInterval: 0, // synchronous: the loop decides when and what
		StartOffset:    kafka.FirstOffset,
		SessionTimeout: c.cfg.sessionTimeout,
		// A consumer group that joins while another member is mid-session
		// must not wait for kafka-go's 5s default before retrying.
		JoinGroupBackoff:  500 * time.Millisecond,
		HeartbeatInterval: c.cfg.sessionTimeout / 4,
		ReadBackoffMin:    50 * time.Millisecond,
		ReadBackoffMax:    time.Second,
		Logger:            kafka.LoggerFunc(func(msg string, args ...any) { kafkaLog.Debug(fmt.Sprintf(msg, args...)) }),
		ErrorLogger:       kafka.LoggerFunc(func(msg string, args ...any) { kafkaLog.Warn(fmt.Sprintf(msg, args...)) }),
	})
}

// drainReserve is the part of drainTimeout kept for the last commit and
// closing the reader after in-flight work is cut off.
func (c *consumer) drainReserve() time.Duration {
	return min(c.cfg.drainTimeout/4, 3*time.Second)
}

// run consumes until ctx ends, then drains within drainTimeout. It
// returns nil: the loop never ends on a transport error.
func (c *consumer) run(ctx context.Context) error {
	// work outlives ctx so that batches in hand can finish, but never
	// past the drain deadline minus the reserve for commit and close.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	drained := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			t := time.NewTimer(c.cfg.drainTimeout - c.drainReserve())
			defer t.Stop()
			select {
			case <-t.C:
				c.log.Warn("drain timeout: abandoning batches in hand; they will be redelivered")
				cancelWork()
			case <-drained:
			case <-c.crashed:
				cancelWork()
			}
		case <-drained:
		case <-c.crashed:
			cancelWork()
		}
	}()

	fetchCtx, stopFetch := context.WithCancel(ctx)
	defer stopFetch()
	go func() {
		select {
		case <-c.crashed:
			stopFetch()
		case <-fetchCtx.Done():
		}
	}()

	workers := map[int]chan kafka.Message{}
	var wg sync.WaitGroup
	commitDone := make(chan struct{})
	commitStop := make(chan struct{})
	go func() {
		defer close(commitDone)
		c.commitLoop(commitStop)
	}()

	for failures := 0; ; {
		msg, err := c.reader.FetchMessage(fetchCtx)
		if err != nil {
			if fetchCtx.Err() != nil {
				break
			}
			// kafka-go heals itself (reconnects, rejoins the group); an
			// error here is reported and the fetch tried again.
			c.metrics.fetchFailed(c.cfg.name)
			if failures%10 == 0 {
				c.log.Warn("fetch failed; retrying", "failures", failures+1, "err", err)
			}
			if c.cfg.backoff.Wait(fetchCtx, failures) != nil {
				break
			}
			failures++
			continue
		}
		failures = 0
		if c.metrics != nil {
			c.metrics.consumed()
		}
		c.cp.track(msg.Partition, msg.Offset, c.now())
		ch, ok := workers[msg.Partition]
		if !ok {
			ch = make(chan kafka.Message, c.cfg.partitionQueue)
			workers[msg.Partition] = ch
			wg.Add(1)
			go func(partition int) {
				defer wg.Done()
				c.partitionWorker(work, partition, ch)
			}(msg.Partition)
		}
		select {
		case ch <- msg: // blocks when the partition is behind: back-pressure
		case <-fetchCtx.Done():
		}
		if fetchCtx.Err() != nil {
			break
		}
	}
	for _, ch := range workers {
		close(ch)
	}
	wg.Wait()
	close(drained)
	close(commitStop)
	<-commitDone
	reserve := c.drainReserve()
	select {
	case <-c.crashed:
	default:
		cctx, cancel := context.WithTimeout(context.Background(), reserve/2)
		if err := c.commit(cctx); err != nil {
			c.log.Error("last commit failed; uncommitted work will be redelivered", "err", err)
		}
		cancel()
	}
	if !CloseWithin(reserve/2, c.reader.Close) {
		c.log.Warn("the reader did not close in time; leaving it")
	}
	c.log.Info("consumer stopped")
	return nil
}

// partitionWorker handles one partition's messages in order, in batches.
func (c *consumer) partitionWorker(ctx context.Context, partition int, in <-chan kafka.Message) {
	batch := make([]kafka.Message, 0, c.cfg.batchSize)
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	for {
		first, ok := <-in
		if !ok {
			return
		}
		batch = append(batch[:0], first)
		if c.cfg.batchSize > 1 {
			linger.Reset(c.cfg.batchLinger)
		fill:
			for len(batch) < c.cfg.batchSize {
				select {
				case m, ok := <-in:
					if !ok {
						break fill
					}
					batch = append(batch, m)
				case <-linger.C:
					break fill
				}
			}
			linger.Stop()
		}
		if err := c.handleSafely(ctx, batch); err != nil {
			// Only a cancelled work context gets here: the rest of this
			// partition's queue is dropped uncommitted and redelivered.
			c.log.Warn("batch abandoned; it will be redelivered", "partition", partition, "from_offset", batch[0].Offset, "err", err)
			for range in {
			}
			return
		}
		for _, m := range batch {
			c.cp.done(m.Partition, m.Offset)
		}
	}
}

// handleSafely calls handle and, should it panic (a bug outside the
// stages, which isolate their own panics), logs the panic and tries the
// batch again after a backoff instead of taking the process down; a batch
// that keeps panicking holds its partition, which readiness reports as
// stuck routing.
func (c *consumer) handleSafely(ctx context.Context, batch []kafka.Message) error {
	for attempt := 0; ; attempt++ {
		panicked, err := c.handleRecovering(ctx, batch)
		if !panicked {
			return err
		}
		if c.cfg.backoff.Wait(ctx, attempt) != nil {
			return ctx.Err()
		}
	}
}

func (c *consumer) handleRecovering(ctx context.Context, batch []kafka.Message) (panicked bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			c.log.Error("handling a batch panicked; retrying it", "partition", batch[0].Partition,
				"from_offset", batch[0].Offset, "panic", r, "stack", string(debug.Stack()))
			panicked, err = true, nil
		}
	}()
	return false, c.handle(ctx, batch)
}

// commitLoop sends the safe points every commitInterval until stop closes
// or the consumer crashes.
//
// A commit in flight when stop closes is cancelled, and stop wins over a
// tick that is due with it: with the broker hung, each periodic commit
// waits out its timeout, and a loop that picked the tick again after one
// held the drain 5s more each time (a local CI run saw 12s against a 3s
// drain timeout).
// The drain's own last commit follows at once.
func (c *consumer) commitLoop(stop <-chan struct{}) {
	stopped, cancelStopped := context.WithCancel(context.Background())
	defer cancelStopped()
	go func() {
		select {
		case <-stop:
		case <-c.crashed:
		case <-stopped.Done():
		}
		cancelStopped()
	}()
	t := time.NewTicker(c.cfg.commitInterval)
	defer t.Stop()
	for {
		select {
		case <-stopped.Done():
			return
		case <-t.C:
			if stopped.Err() != nil {
				return
			}
			ctx, cancel := context.WithTimeout(stopped, max(c.cfg.commitInterval, 5*time.Second))
			if err := c.commit(ctx); err != nil && stopped.Err() == nil {
				c.log.Warn("commit failed; will retry", "err", err)
			}
			cancel()
			// Stats counts since its last call; this is its only caller.
			stats := c.reader.Stats()
			if stats.Rebalances > 0 {
				c.log.Info("consumer group generation started; partitions may have moved", "generations", stats.Rebalances)
			}
			if c.metrics != nil {
				for part, n := range c.cp.inFlight() {
					c.metrics.commitLag.WithLabelValues(strconv.Itoa(part)).Set(float64(n))
				}
				c.metrics.consumerLag.Set(float64(stats.Lag))
			}
		}
	}
}

// commit sends every partition's safe point to the group coordinator.
// Points whose commit failed are kept and sent with the next commit.
func (c *consumer) commit(ctx context.Context) error {
	c.commitMu.Lock()
	defer c.commitMu.Unlock()
	for _, p := range c.cp.advance() {
		c.unsent[p.partition] = p.offset
	}
	if len(c.unsent) == 0 {
		c.health.ok(ConditionCommit)
		return nil
	}
	msgs := make([]kafka.Message, 0, len(c.unsent))
	for part, off := range c.unsent {
		msgs = append(msgs, kafka.Message{Topic: c.cfg.topic, Partition: part, Offset: off})
	}
	if err := c.reader.CommitMessages(ctx, msgs...); err != nil {
		err = fmt.Errorf("%s: commit %d partitions: %w", c.cfg.name, len(msgs), err)
		c.health.fail(ConditionCommit, err)
		return err
	}
	c.health.ok(ConditionCommit)
	if c.metrics != nil {
		c.metrics.commits.Inc()
	}
	clear(c.unsent)
	return nil
}

// crash stops the loop as a killed process would: no more fetching, no
// draining, no further commit. Tests use it to prove nothing is lost.
func (c *consumer) crash() {
	c.crashOnce.Do(func() { close(c.crashed) })
}

// RetryUntilDone calls f until it succeeds or ctx ends, waiting with
// backoff between attempts and reporting failures as condition; it returns
// ctx's error in the second case. It is for work outside a Consumer's
// Handler (the author actions reader); a Handler leaves retries to its
// Consumer.
func RetryUntilDone(ctx context.Context, backoff Backoff, log *slog.Logger, health *Health, condition Condition, what string, f func() error) error {
	for attempt := 0; ; attempt++ {
		err := f()
		if err == nil {
			if attempt > 0 {
				health.ok(condition)
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		health.fail(condition, fmt.Errorf("%s: %w", what, err))
		log.Warn(what+" failed, retrying", "attempt", attempt+1, "err", err)
		if err := backoff.Wait(ctx, attempt); err != nil {
			return err
		}
	}
}

// CloseWithin calls closeFn and waits at most d for it; it reports whether
// closeFn returned in time. A broker that does not answer must not hold a
// shutdown past its deadline.
func CloseWithin(d time.Duration, closeFn func() error) bool {
	done := make(chan struct{})
	go func() {
		_ = closeFn()
		close(done)
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
