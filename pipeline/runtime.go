package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"
)

// Config configures the Kafka runtime.
type Config struct {
	// Brokers are the bootstrap addresses. Required.
	Brokers []string `yaml:"brokers"`
	// GroupID is the consumer group; replicas with the same group share the
	// input partitions. Default "notegate".
	GroupID string `yaml:"group_id"`
	// InputTopic carries the note events. Default "notes.events".
	InputTopic string `yaml:"input_topic"`
	// Topics names the output topics.
	Topics Topics `yaml:"topics"`
	// MaxEventBytes: larger events are dead-lettered. Default 65536.
	MaxEventBytes int `yaml:"max_event_bytes"`
	// BatchSize caps the notes processed together per partition. Default 64.
	BatchSize int `yaml:"batch_size"`
	// BatchLinger is how long a partition worker waits to fill a batch.
	// Default 5ms.
	BatchLinger time.Duration `yaml:"batch_linger"`
	// PartitionQueue bounds the fetched messages waiting per partition;
	// when full, fetching stops (back-pressure). Default 256.
	PartitionQueue int `yaml:"partition_queue"`
	// CommitInterval is how often finished offsets are committed. Default 1s.
	CommitInterval time.Duration `yaml:"commit_interval"`
	// DrainTimeout bounds how long shutdown waits for in-flight batches.
	// Default 30s.
	DrainTimeout time.Duration `yaml:"drain_timeout"`
	// WriteBatchTimeout is kafka-go's writer linger. Default 5ms.
	WriteBatchTimeout time.Duration `yaml:"write_batch_timeout"`
	// SessionTimeout is the consumer group session timeout. Default 10s.
	SessionTimeout time.Duration `yaml:"session_timeout"`
	// Backoff spaces out retries of transport errors.
	Backoff Backoff `yaml:"backoff"`
}

// WithDefaults fills unset fields with their defaults.
func (c Config) WithDefaults() Config {
	if c.GroupID == "" {
		c.GroupID = "notegate"
	}
	if c.InputTopic == "" {
		c.InputTopic = "notes.events"
	}
	d := DefaultTopics()
	if c.Topics.Approved == "" {
		c.Topics.Approved = d.Approved
	}
	if c.Topics.Review == "" {
		c.Topics.Review = d.Review
	}
	if c.Topics.Rejected == "" {
		c.Topics.Rejected = d.Rejected
	}
	if c.Topics.DeadLetter == "" {
		c.Topics.DeadLetter = d.DeadLetter
	}
	if c.MaxEventBytes == 0 {
		c.MaxEventBytes = 64 << 10
	}
	if c.BatchSize == 0 {
		c.BatchSize = 64
	}
	if c.BatchLinger == 0 {
		c.BatchLinger = 5 * time.Millisecond
	}
	if c.PartitionQueue == 0 {
		c.PartitionQueue = 256
	}
	if c.CommitInterval == 0 {
		c.CommitInterval = time.Second
	}
	if c.DrainTimeout == 0 {
		c.DrainTimeout = 30 * time.Second
	}
	if c.WriteBatchTimeout == 0 {
		c.WriteBatchTimeout = 5 * time.Millisecond
	}
	if c.SessionTimeout == 0 {
		c.SessionTimeout = 10 * time.Second
	}
	c.Backoff = c.Backoff.withDefaults()
	return c
}

// Validate reports contradictions in a configuration with defaults applied.
func (c Config) Validate() error {
	var errs []error
	if len(c.Brokers) == 0 {
		errs = append(errs, errors.New("brokers: at least one is required"))
	}
	if err := c.Topics.Validate(); err != nil {
		errs = append(errs, err)
	}
	for _, out := range []string{c.Topics.Approved, c.Topics.Review, c.Topics.Rejected, c.Topics.DeadLetter} {
		if out == c.InputTopic {
			errs = append(errs, fmt.Errorf("output topic %q is also the input topic", out))
		}
	}
	if c.MaxEventBytes < 0 || c.BatchSize < 0 || c.PartitionQueue < 0 {
		errs = append(errs, errors.New("max_event_bytes, batch_size and partition_queue must not be negative"))
	}
	if c.BatchSize > c.PartitionQueue && c.PartitionQueue > 0 {
		errs = append(errs, fmt.Errorf("batch_size %d exceeds partition_queue %d", c.BatchSize, c.PartitionQueue))
	}
	return errors.Join(errs...)
}

// Runtime consumes the input topic with a kafka-go consumer group, runs a
// Processor over per-partition batches, routes results with a kafka-go
// writer (RequireAll acks) and commits, per partition, only offsets whose
// messages and all before them are routed and indexed.
type Runtime struct {
	cfg     Config
	proc    *Processor
	reader  *kafka.Reader
	writer  *kafka.Writer
	cp      *checkpointer
	metrics *Metrics
	log     *slog.Logger

	commitMu sync.Mutex
	unsent   map[int]int64 // partition → offset not yet committed; guarded by commitMu

	// followUps, when set, adds messages published with each routed note
	// (followup.go).
	followUps FollowUps

	// crashed is closed by crash (tests): stop at once, commit nothing more.
	crashOnce sync.Once
	crashed   chan struct{}
}

// NewRuntime builds a Runtime; it connects lazily when Run starts.
func NewRuntime(cfg Config, proc *Processor, metrics *Metrics, log *slog.Logger) (*Runtime, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("pipeline config: %w", err)
	}
	if log == nil {
		log = slog.Default()
	}
	kafkaLog := log.With("component", "kafka-go")
	reader := kafka.NewReader(kafka.ReaderConfig{
		Brokers:  cfg.Brokers,
		GroupID:  cfg.GroupID,
		Topic:    cfg.InputTopic,
		MinBytes: 1,
		MaxBytes: max(10<<20, 2*cfg.MaxEventBytes),
		// The broker answers as soon as one byte is there (MinBytes), so a
		// long wait costs no latency; a short one makes kafka-go's read
		// deadline race the broker's own wait and log i/o timeouts.
		MaxWait:        2 * time.Second,
		QueueCapacity:  cfg.PartitionQueue,
		CommitInterval: 0, // synchronous: Runtime decides when and what
		StartOffset:    kafka.FirstOffset,
		SessionTimeout: cfg.SessionTimeout,
		// A consumer group that joins while another member is mid-session
		// must not wait for kafka-go's 5s default before retrying.
		JoinGroupBackoff:  500 * time.Millisecond,
		HeartbeatInterval: cfg.SessionTimeout / 4,
		ReadBackoffMin:    50 * time.Millisecond,
		ReadBackoffMax:    time.Second,
		Logger:            kafka.LoggerFunc(func(msg string, args ...any) { kafkaLog.Debug(fmt.Sprintf(msg, args...)) }),
		ErrorLogger:       kafka.LoggerFunc(func(msg string, args ...any) { kafkaLog.Warn(fmt.Sprintf(msg, args...)) }),
	})
	writer := &kafka.Writer{
		Addr:         kafka.TCP(cfg.Brokers...),
		Balancer:     kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll,
		BatchTimeout: cfg.WriteBatchTimeout,
		BatchSize:    max(100, cfg.BatchSize),
		BatchBytes:   int64(max(1<<20, 4*cfg.MaxEventBytes)),
		MaxAttempts:  3,
		Logger:       kafka.LoggerFunc(func(msg string, args ...any) { kafkaLog.Debug(fmt.Sprintf(msg, args...)) }),
		ErrorLogger:  kafka.LoggerFunc(func(msg string, args ...any) { kafkaLog.Warn(fmt.Sprintf(msg, args...)) }),
	}
	return &Runtime{
		cfg: cfg, proc: proc, reader: reader, writer: writer, cp: newCheckpointer(),
		unsent: map[int]int64{}, metrics: metrics, log: log, crashed: make(chan struct{}),
	}, nil
}

// Run consumes until ctx ends, then drains: it stops fetching, finishes the
// batches in flight (up to DrainTimeout), commits what they cover and closes
// its connections. It returns nil after a clean drain.
func (r *Runtime) Run(ctx context.Context) error {
	// work outlives ctx by up to DrainTimeout so in-flight batches finish.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	go func() {
		select {
		case <-ctx.Done():
			select {
			case <-time.After(r.cfg.DrainTimeout):
				r.log.Warn("drain timeout: abandoning in-flight batches; they will be redelivered")
				cancelWork()
			case <-work.Done():
			case <-r.crashed:
				cancelWork()
			}
		case <-work.Done():
		case <-r.crashed:
			cancelWork()
		}
	}()

	fetchCtx, stopFetch := context.WithCancel(ctx)
	defer stopFetch()
	go func() {
		select {
		case <-r.crashed:
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
		r.commitLoop(commitStop)
	}()

	var fetchErr error
	for {
		msg, err := r.reader.FetchMessage(fetchCtx)
		if err != nil {
			if fetchCtx.Err() == nil {
				fetchErr = fmt.Errorf("fetch: %w", err)
			}
			break
		}
		r.metrics.consumed()
		r.cp.track(msg.Partition, msg.Offset)
		ch, ok := workers[msg.Partition]
		if !ok {
			ch = make(chan kafka.Message, r.cfg.PartitionQueue)
			workers[msg.Partition] = ch
			wg.Add(1)
			go func(partition int) {
				defer wg.Done()
				r.partitionWorker(work, partition, ch)
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
	close(commitStop)
	<-commitDone
	select {
	case <-r.crashed:
	default:
		if err := r.commit(context.Background()); err != nil {
			r.log.Error("final commit failed; uncommitted work will be redelivered", "err", err)
		}
	}
	werr := r.writer.Close()
	rerr := r.reader.Close()
	r.log.Info("pipeline stopped", "fetch_error", fetchErr)
	return errors.Join(fetchErr, werr, rerr)
}

// partitionWorker processes one partition's messages in order, in batches.
func (r *Runtime) partitionWorker(ctx context.Context, partition int, in <-chan kafka.Message) {
	batch := make([]kafka.Message, 0, r.cfg.BatchSize)
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	for {
		first, ok := <-in
		if !ok {
			return
		}
		batch = append(batch[:0], first)
		linger.Reset(r.cfg.BatchLinger)
	fill:
		for len(batch) < r.cfg.BatchSize {
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
		if err := r.handle(ctx, batch); err != nil {
			// Only a cancelled work context gets here: the rest of this
			// partition's queue is dropped uncommitted and redelivered.
			r.log.Warn("batch abandoned; it will be redelivered", "partition", partition, "from_offset", batch[0].Offset, "err", err)
			for range in {
			}
			return
		}
	}
}

// handle processes, indexes and routes one batch, then marks it done.
func (r *Runtime) handle(ctx context.Context, msgs []kafka.Message) error {
	envs := make([]*Envelope, len(msgs))
	for i, m := range msgs {
		envs[i] = &Envelope{Key: m.Key, Value: m.Value}
	}
	if err := r.proc.Process(ctx, envs); err != nil {
		return err
	}
	out := make([]kafka.Message, 0, len(msgs))
	for i, env := range envs {
		om, err := outputMessage(r.cfg.Topics, msgs[i], env)
		if err != nil {
			return err
		}
		out = append(out, om)
		if r.followUps != nil && env.Err == nil {
			out = append(out, r.followUps(env)...)
		}
	}
	start := time.Now()
	if err := r.publish(ctx, out); err != nil {
		return err
	}
	r.metrics.observeStage("publish", time.Since(start).Seconds())
	now := time.Now()
	for i, env := range envs {
		reason := ""
		var ee *EventError
		if errors.As(env.Err, &ee) {
			reason = ee.Reason
		}
		r.metrics.routedTo(env.Route, reason)
		if r.metrics != nil && !msgs[i].Time.IsZero() {
			r.metrics.endToEnd.Observe(now.Sub(msgs[i].Time).Seconds())
		}
		r.cp.done(msgs[i].Partition, msgs[i].Offset)
	}
	return nil
}

// publish writes msgs with RequireAll acks, retrying only the messages that
// failed, until all are written or ctx ends.
func (r *Runtime) publish(ctx context.Context, msgs []kafka.Message) error {
	pending := msgs
	for attempt := 0; len(pending) > 0; attempt++ {
		err := r.writer.WriteMessages(ctx, pending...)
		if err == nil {
			return nil
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
		r.metrics.retry("publish")
		r.log.Warn("publish failed, retrying", "attempt", attempt+1, "messages", len(pending), "err", err)
		if err := r.cfg.Backoff.Wait(ctx, attempt); err != nil {
			return err
		}
	}
	return nil
}

func (r *Runtime) commitLoop(stop <-chan struct{}) {
	t := time.NewTicker(r.cfg.CommitInterval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-r.crashed:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			if err := r.commit(ctx); err != nil {
				r.log.Warn("commit failed; will retry", "err", err)
			}
			cancel()
			if r.metrics != nil {
				for part, n := range r.cp.inFlight() {
					r.metrics.commitLag.WithLabelValues(strconv.Itoa(part)).Set(float64(n))
				}
				r.metrics.consumerLag.Set(float64(r.reader.Stats().Lag))
			}
		}
	}
}

// commit sends every partition's safe point to the group coordinator.
// Points whose commit failed are kept and sent with the next commit.
func (r *Runtime) commit(ctx context.Context) error {
	r.commitMu.Lock()
	defer r.commitMu.Unlock()
	for _, p := range r.cp.advance() {
		r.unsent[p.partition] = p.offset
	}
	if len(r.unsent) == 0 {
		return nil
	}
	msgs := make([]kafka.Message, 0, len(r.unsent))
	for part, off := range r.unsent {
		msgs = append(msgs, kafka.Message{Topic: r.cfg.InputTopic, Partition: part, Offset: off})
	}
	if err := r.reader.CommitMessages(ctx, msgs...); err != nil {
		return fmt.Errorf("commit %d partitions: %w", len(msgs), err)
	}
	if r.metrics != nil {
		r.metrics.commits.Inc()
	}
	clear(r.unsent)
	return nil
}

// crash stops the runtime as a killed process would: no more fetching, no
// draining, no further commit. Tests use it to prove nothing is lost.
func (r *Runtime) crash() {
	r.crashOnce.Do(func() { close(r.crashed) })
}
