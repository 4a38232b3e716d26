package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
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
	// CreateTopics makes the service create the output topics it writes
	// (and the decisions and translation-retry topics) when they are
	// missing, with as many partitions as the input topic; when false, a
	// missing topic keeps the service unready until someone creates it.
	// The input topic is never created. Default true.
	CreateTopics *bool `yaml:"create_topics"`
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
	c.Backoff = c.Backoff.WithDefaults()
	if c.CreateTopics == nil {
		yes := true
		c.CreateTopics = &yes
	}
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

// Runtime consumes the input topic with a kafka-go consumer group (the
// shared consumer loop), runs a Processor over per-partition batches,
// whose last sink publishes what the index stored to the route topics with
// a kafka-go writer (RequireAll acks), and commits, per partition, only
// offsets whose messages and all before them are written to every sink.
type Runtime struct {
	cfg      Config
	proc     *Processor
	consumer *Consumer
	routes   *routeSink
	metrics  *Metrics
	log      *slog.Logger
}

// NewRuntime builds a Runtime; it connects lazily when Run starts. It adds
// the route topics to proc's sinks, last. health may be nil.
func NewRuntime(cfg Config, proc *Processor, metrics *Metrics, health *Health, log *slog.Logger) (*Runtime, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("pipeline config: %w", err)
	}
	if log == nil {
		log = slog.Default()
	}
	r := &Runtime{cfg: cfg, proc: proc, metrics: metrics, log: log,
		routes: &routeSink{topics: cfg.Topics, writer: newWriter(cfg, log)}}
	proc.sinks = append(proc.sinks, r.routes)
	var err error
	r.consumer, err = NewConsumer(cfg, ConsumerConfig{
		Name: "notes", GroupID: cfg.GroupID, Topic: cfg.InputTopic,
		BatchSize: cfg.BatchSize, BatchLinger: cfg.BatchLinger, PartitionQueue: cfg.PartitionQueue,
		CommitInterval: cfg.CommitInterval, MaxWait: 2 * time.Second, MaxBytes: 2 * cfg.MaxEventBytes, WatchRouting: true,
	}, r.handle, metrics, health, log)
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Run consumes until ctx ends, then drains: it stops fetching, finishes the
// batches in flight, commits what they cover and closes its connections,
// all within DrainTimeout. Transport errors never end it; it returns nil.
func (r *Runtime) Run(ctx context.Context) error {
	clock := startDrainClock(ctx, r.cfg.DrainTimeout)
	defer clock.stop()
	err := r.consumer.Run(ctx)
	if !CloseWithin(min(clock.left(), time.Second), r.routes.writer.Close) {
		r.log.Warn("the writer did not close in time; leaving it")
	}
	r.log.Info("pipeline stopped")
	return err
}

// handle processes one batch and writes it to every sink, the route
// topics last; it returns an error only when ctx ends first.
func (r *Runtime) handle(ctx context.Context, msgs []kafka.Message) ([]kafka.Message, error) {
	envs := make([]*Envelope, len(msgs))
	for i, m := range msgs {
		envs[i] = &Envelope{Key: m.Key, Value: m.Value, Source: m}
	}
	if err := r.proc.Process(ctx, envs); err != nil {
		return nil, err
	}
	for _, env := range envs {
		reason := ""
		var ee *EventError
		if errors.As(env.Err, &ee) {
			reason = ee.Reason
		}
		r.metrics.routedTo(env.Route, reason)
	}
	return nil, nil
}

// crash stops the runtime as a killed process would: no more fetching, no
// draining, no further commit. Tests use it to prove nothing is lost.
func (r *Runtime) crash() { r.consumer.crash() }
