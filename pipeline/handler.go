package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/segmentio/kafka-go"
)

// ConsumerConfig names one consumer of a topic and shapes its batches;
// what every consumer shares (brokers, session and drain timeouts,
// backoff, the dead-letter topic) comes from Config.
type ConsumerConfig struct {
	// Name tells the consumer in logs, metrics and readiness problems.
	// Required.
	Name string
	// GroupID is the consumer group. Required.
	GroupID string
	// Topic is the topic consumed. Required.
	Topic string
	// Condition is the readiness condition under which a Handler's
	// transport errors are reported. Default Condition(Name).
	Condition Condition
	// BatchSize caps the messages handed to the Handler at once, per
	// partition. Default 1.
	BatchSize int
	// BatchLinger is how long a partition waits to fill a batch. Default 0.
	BatchLinger time.Duration
	// PartitionQueue bounds the fetched messages waiting per partition;
	// when full, fetching stops (back-pressure). Default 64, at least
	// BatchSize.
	PartitionQueue int
	// CommitInterval is how often finished offsets are committed.
	// Default Config.CommitInterval, at most 200ms.
	CommitInterval time.Duration
	// MaxWait is how long a fetch waits for the broker. Default 500ms.
	MaxWait time.Duration
	// MaxBytes caps one fetch. Default 10 MiB.
	MaxBytes int
	// WatchRouting makes a message that waits longer than
	// HealthConfig.StuckAfter to be handled a readiness problem; leave it
	// off when messages wait on purpose (the translation retrier's).
	WatchRouting bool
}

// Handler handles one partition's messages, in order, at most
// ConsumerConfig.BatchSize at a time. It returns the messages to publish
// for them: routed notes (RouteMessages), follow-ups, and a DeadLetter
// for each message that is bad data, which is no error of the handler.
// The consumer publishes them (RequireAll acks, retrying only the
// messages that failed) and only then counts the batch done, so that its
// offsets may be committed.
//
// A non-nil error is a transport error (the index, the audit trail, a
// provider is down): the consumer publishes what the handler returned
// with it (what it finished before the failure), reports the error under
// ConsumerConfig.Condition, waits with backoff and calls the handler again
// with the same messages, until it returns nil or ctx ends. This is the
// only retry of a message's work, so a handler must not retry itself, and
// it must be idempotent: what it finished in an earlier call must come to
// nothing again (the version and revision rules of the index see to that
// for note writes). When ctx ends the batch is left uncommitted and
// redelivered.
type Handler func(ctx context.Context, msgs []kafka.Message) ([]kafka.Message, error)

// Consumer runs a Handler over one topic: the consumer loop (consumer
// group, one worker per partition, commits only below finished work), the
// one publisher of what the handler returns, and the one retry of the
// handler's transport errors. Every consumer of notegate is one: the note
// events (Runtime), reviewer decisions, appeals, reports and pending
// translations.
type Consumer struct {
	cfg     Config
	cc      ConsumerConfig
	loop    *consumer
	writer  *kafka.Writer
	handle  Handler
	metrics *Metrics
	health  *Health
	log     *slog.Logger
}

// NewConsumer builds a Consumer of cc.Topic. Its reader joins the
// consumer group at once (kafka-go's does), so run it soon after, or run it
// with an ended context to close it: a member that does not fetch holds its
// partitions.
// cc.Topic may be neither an output topic nor, unless cc.GroupID is the
// note pipeline's, the input topic. metrics (the note pipeline's) and
// health may be nil.
func NewConsumer(cfg Config, cc ConsumerConfig, handle Handler, metrics *Metrics, health *Health, log *slog.Logger) (*Consumer, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("%s consumer config: %w", cc.Name, err)
	}
	if cc.Name == "" || cc.GroupID == "" || cc.Topic == "" || handle == nil {
		return nil, errors.New("consumer: a name, a group, a topic and a handler are required")
	}
	outputs := []string{cfg.Topics.Approved, cfg.Topics.Review, cfg.Topics.Rejected, cfg.Topics.DeadLetter}
	if slices.Contains(outputs, cc.Topic) || cc.Topic == cfg.InputTopic && cc.GroupID != cfg.GroupID {
		return nil, fmt.Errorf("%s topic %q is also another topic of the pipeline", cc.Name, cc.Topic)
	}
	if cc.Condition == "" {
		cc.Condition = Condition(cc.Name)
	}
	if cc.BatchSize <= 0 {
		cc.BatchSize = 1
	}
	if cc.PartitionQueue <= 0 {
		cc.PartitionQueue = 64
	}
	if cc.CommitInterval <= 0 {
		cc.CommitInterval = min(cfg.CommitInterval, 200*time.Millisecond)
	}
	if cc.MaxWait <= 0 {
		cc.MaxWait = 500 * time.Millisecond
	}
	if log == nil {
		log = slog.Default()
	}
	c := &Consumer{cfg: cfg, cc: cc, writer: newWriter(cfg, log), handle: handle, metrics: metrics, health: health, log: log.With("consumer", cc.Name)}
	c.loop = newConsumer(consumerConfig{
		name: cc.Name, brokers: cfg.Brokers, groupID: cc.GroupID, topic: cc.Topic,
		batchSize: cc.BatchSize, batchLinger: cc.BatchLinger, partitionQueue: cc.PartitionQueue,
		commitInterval: cc.CommitInterval, drainTimeout: cfg.DrainTimeout, sessionTimeout: cfg.SessionTimeout,
		maxBytes: cc.MaxBytes, maxWait: cc.MaxWait, backoff: cfg.Backoff, watchRouting: cc.WatchRouting,
	}, c.handleBatch, metrics, health, log)
	return c, nil
}

// Topics are the output topics the consumer's handler publishes to.
func (c *Consumer) Topics() Topics { return c.cfg.Topics }

// Run consumes until ctx ends, then drains within the drain timeout: it
// stops fetching, finishes the batches in hand, publishes and commits what
// they cover and closes its connections. Transport errors never end it;
// it returns nil.
func (c *Consumer) Run(ctx context.Context) error {
	clock := startDrainClock(ctx, c.loop.cfg.drainTimeout)
	defer clock.stop()
	err := c.loop.run(ctx)
	// The writer closes within what the loop left of the drain timeout: a
	// hung broker must not hold the shutdown past it.
	if !CloseWithin(min(clock.left(), time.Second), c.writer.Close) {
		c.log.Warn("the writer did not close in time; leaving it")
	}
	return err
}

// handleBatch is the loop's batchHandler: it calls the Handler until it
// succeeds, publishing what each call returns.
func (c *Consumer) handleBatch(ctx context.Context, msgs []kafka.Message) error {
	for attempt := 0; ; attempt++ {
		out, err := c.handle(ctx, msgs)
		if len(out) > 0 {
			start := time.Now()
			if perr := c.publish(ctx, out); perr != nil {
				return perr // ctx ended
			}
			c.metrics.observeStage("publish", time.Since(start).Seconds())
		}
		if err == nil {
			if attempt > 0 {
				c.health.ok(c.cc.Condition)
			}
			if c.metrics != nil {
				now := time.Now()
				for _, m := range msgs {
					if !m.Time.IsZero() {
						c.metrics.endToEnd.Observe(now.Sub(m.Time).Seconds())
					}
				}
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.health.fail(c.cc.Condition, fmt.Errorf("%s: %w", c.cc.Name, err))
		c.log.Warn("handling failed, retrying", "partition", msgs[0].Partition, "from_offset", msgs[0].Offset, "attempt", attempt+1, "err", err)
		if err := c.cfg.Backoff.Wait(ctx, attempt); err != nil {
			return err
		}
	}
}

// publish writes msgs with RequireAll acks, retrying only the messages
// that failed, until all are written or ctx ends.
func (c *Consumer) publish(ctx context.Context, msgs []kafka.Message) error {
	return publishAll(ctx, c.writer, msgs, c.cfg.Backoff, c.health, c.metrics, c.log)
}

// crash stops the consumer as a killed process would: no more fetching,
// no draining, no further commit. Tests use it to prove nothing is lost.
func (c *Consumer) crash() { c.loop.crash() }

// PerMessage makes a Handler of a handler of one message, for consumers
// of one message a batch (ConsumerConfig.BatchSize 1, the default): with
// larger batches a transport error would make the messages before it
// handled again.
func PerMessage(handle func(ctx context.Context, msg kafka.Message) ([]kafka.Message, error)) Handler {
	return func(ctx context.Context, msgs []kafka.Message) ([]kafka.Message, error) {
		var out []kafka.Message
		for _, m := range msgs {
			more, err := handle(ctx, m)
			out = append(out, more...)
			if err != nil {
				return out, err
			}
		}
		return out, nil
	}
}
