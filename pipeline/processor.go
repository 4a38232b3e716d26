package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sort"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/segmentio/kafka-go"
)

// Envelope carries one event through the processor. Delivery bookkeeping
// (partition, offset) stays with whoever built the envelope; the processor
// only fills Note, Err and Route.
type Envelope struct {
	// Key and Value are the event as received.
	Key, Value []byte
	// Source is the Kafka message the event came in: the route topics
	// publish where the note came from (topic, partition, offset, time),
	// and the dead-letter topic the headers too. Zero outside Kafka (the
	// process command).
	Source kafka.Message
	// Note is the decoded and enriched note; nil when Err is set by Decode.
	// After Process it is the note as the index stores it, which is not
	// the event's own note when the index already held this version or a
	// newer one (Written false).
	Note *models.Note
	// Err, when set, is why the event goes to the dead-letter topic. It is
	// an *EventError.
	Err error
	// Route is the primary route (RouteOf), set by Process.
	Route Route
	// Written reports that the index stored this event's note; false for a
	// replay or a stale or duplicate event. Set by Process.
	Written bool
	// EverApproved is Applied.EverApproved: the note must be withdrawn
	// from feeds when it is approved nowhere. Set by Process.
	EverApproved bool
}

// Processor decodes events, runs the stages, writes to the index, decides
// each event's route and writes to the other sinks. It is safe for
// concurrent use.
type Processor struct {
	stages []Stage
	// index is the index's sink, nil without an index; sinks are the
	// others, in order.
	index   Sink
	sinks   []Sink
	metrics *Metrics
	health  *Health
	backoff Backoff
	log     *slog.Logger
	maxSize int
	now     func() time.Time
}

// ProcessorConfig configures a Processor.
type ProcessorConfig struct {
	// Stages run in this order on every batch of upserted notes.
	Stages []Stage
	// Indexer receives every note, deletions included, after the stages;
	// it is the first sink. Nil means no index (the process command).
	Indexer Indexer
	// Sinks receive every processed batch after the index, in order (see
	// Sink); a Runtime adds the route topics after them. Default none.
	Sinks []Sink
	// Metrics may be nil.
	Metrics *Metrics
	// Health receives index failures and recoveries; nil: none.
	Health *Health
	// Backoff spaces out retries of transport errors.
	Backoff Backoff
	// MaxEventBytes rejects larger events; 0 means no limit.
	MaxEventBytes int
	// Logger defaults to slog.Default().
	Logger *slog.Logger
}

// NewProcessor builds a Processor.
func NewProcessor(cfg ProcessorConfig) *Processor {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	p := &Processor{
		stages: cfg.Stages, sinks: cfg.Sinks, metrics: cfg.Metrics, health: cfg.Health,
		backoff: cfg.Backoff.WithDefaults(), log: log, maxSize: cfg.MaxEventBytes, now: time.Now,
	}
	if cfg.Indexer != nil {
		p.index = &indexSink{indexer: cfg.Indexer, metrics: cfg.Metrics}
	}
	return p
}

// Process handles a batch in order. When it returns nil every envelope has
// a Route and every note that is not dead-lettered is in the index and
// the other sinks. It returns an error only when ctx ends before the work
// is done; the batch must then be processed again.
func (p *Processor) Process(ctx context.Context, batch []*Envelope) error {
	var upserts []*Envelope
	for _, env := range batch {
		if env.Note == nil && env.Err == nil {
			ev, err := Decode(env.Key, env.Value, p.maxSize)
			if err != nil {
				env.Err = err
				continue
			}
			env.Note = &models.Note{NoteEvent: ev}
		}
		if env.Err == nil && !env.Note.Deleted() {
			upserts = append(upserts, env)
		}
	}
	for _, st := range p.stages {
		var err error
		upserts, err = p.runStage(ctx, st, upserts)
		if err != nil {
			return err
		}
	}
	now := p.now().UTC()
	for _, env := range batch {
		if env.Err == nil && !env.Note.Deleted() {
			env.Note.ProcessedAt = now
			// The index keeps an earlier time it holds for the id.
			if env.Note.FirstSeenAt.IsZero() {
				env.Note.FirstSeenAt = now
			}
			sort.Strings(env.Note.ApprovedMarkets)
		}
	}
	if p.index == nil {
		for _, env := range batch {
			env.Written = env.Err == nil // without an index every note counts as written
		}
	} else if err := p.write(ctx, p.index, batch); err != nil {
		return err
	}
	for _, env := range batch {
		if env.Err != nil {
			env.Route = RouteDeadLetter
		} else {
			env.Route = RouteOf(env.Note)
		}
	}
	for _, sink := range p.sinks {
		if err := p.write(ctx, sink, batch); err != nil {
			return err
		}
	}
	return nil
}

// write gives batch to sink until it is written, retrying transport errors
// with backoff (only the envelopes a *PartialWrite names) until ctx ends,
// and reports failures and recovery as the condition named as the sink.
func (p *Processor) write(ctx context.Context, sink Sink, batch []*Envelope) error {
	cond := Condition(sink.Name())
	pending := batch
	failed := false
	defer func() {
		if failed {
			p.health.WriterRecovered(cond)
		}
	}()
	for attempt := 0; ; attempt++ {
		start := time.Now()
		err := sink.Write(ctx, pending)
		p.metrics.observeStage(sink.Name(), time.Since(start).Seconds())
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var partial *PartialWrite
		if errors.As(err, &partial) && len(partial.Failed) > 0 {
			pending = partial.Failed
		}
		if !failed {
			failed = true
			p.health.WriterFailed(cond, fmt.Errorf("%s: %w", sink.Name(), err))
		} else {
			p.health.fail(cond, fmt.Errorf("%s: %w", sink.Name(), err))
		}
		p.metrics.retry(sink.Name())
		p.log.Warn("writing to a sink failed, retrying", "sink", sink.Name(), "attempt", attempt+1, "notes", len(pending), "err", err)
		if err := p.backoff.Wait(ctx, attempt); err != nil {
			return err
		}
	}
}

// runStage runs one stage over the live upserts, retrying transport errors
// until ctx ends. A stage that panics is retried note by note, and the notes
// it still panics on are dead-lettered, so one poisonous note never stops
// the consumer. It returns the envelopes still live.
func (p *Processor) runStage(ctx context.Context, st Stage, envs []*Envelope) ([]*Envelope, error) {
	if len(envs) == 0 {
		return envs, nil
	}
	notes := make([]*models.Note, len(envs))
	for i, env := range envs {
		notes[i] = env.Note
	}
	for attempt := 0; ; attempt++ {
		start := time.Now()
		err := safeProcess(ctx, st, notes)
		p.metrics.observeStage(st.Name(), time.Since(start).Seconds())
		if err == nil {
			return envs, nil
		}
		var pe *panicError
		if errors.As(err, &pe) {
			return p.isolate(ctx, st, envs), nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		p.metrics.retry(st.Name())
		p.log.Warn("stage failed, retrying", "stage", st.Name(), "attempt", attempt+1, "notes", len(notes), "err", err)
		if err := p.backoff.Wait(ctx, attempt); err != nil {
			return nil, err
		}
	}
}

// isolate runs st on each note alone and dead-letters those it panics on.
// Transport errors in this slow path are retried like in runStage.
func (p *Processor) isolate(ctx context.Context, st Stage, envs []*Envelope) []*Envelope {
	live := envs[:0:0]
	for _, env := range envs {
		for attempt := 0; ; attempt++ {
			err := safeProcess(ctx, st, []*models.Note{env.Note})
			var pe *panicError
			if err == nil {
				live = append(live, env)
			} else if errors.As(err, &pe) {
				p.log.Error("stage panicked on a note; dead-lettering it", "stage", st.Name(), "note_id", env.Note.NoteID, "panic", pe.value, "stack", pe.stack)
				env.Err = BadEvent(ReasonStageFailure, "stage %s failed on this note: %v", st.Name(), pe.value)
			} else if ctx.Err() == nil {
				p.metrics.retry(st.Name())
				if p.backoff.Wait(ctx, attempt) == nil {
					continue
				}
				live = append(live, env)
			} else {
				live = append(live, env)
			}
			break
		}
	}
	return live
}

type panicError struct {
	value any
	stack string
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

func safeProcess(ctx context.Context, st Stage, notes []*models.Note) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &panicError{value: r, stack: string(debug.Stack())}
		}
	}()
	return st.Process(ctx, notes)
}
