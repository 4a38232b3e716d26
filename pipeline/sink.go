package pipeline

import (
	"context"
	"fmt"
)

// Sink is an output of processed notes. The index and the route topics
// are sinks; a new output is a new Sink plus its configuration, given to
// ProcessorConfig.Sinks.
//
// Write is called with one partition's batch of envelopes, in order, once
// the stages ran, from one goroutine per partition at a time, so it must
// be safe for concurrent calls on different batches. The sinks of a
// batch run one after another: the index first (it is the source of
// truth: after it, each envelope's Note is what the index stores and its
// Route is set), then ProcessorConfig.Sinks in order, then the route
// topics, so a note reaches the feeds only once every other sink has it.
// An envelope whose Err is set is dead-lettered: a sink other than the
// route topics' skips it. The envelopes and their notes belong to the
// runtime: the index fills them (Note, Written, EverApproved, and Err for
// a note it refuses), the route topics dead-letter a note they cannot
// encode, and any other sink only reads them and keeps nothing of them
// after Write returns.
//
// Write must be idempotent: a batch is written again after a crash or a
// drain that cut it off (at-least-once), and again after an error, so
// writing an envelope twice must come to what writing it once does (key
// by note id; a note's Version, then Revision, orders its states).
//
// A nil error means every envelope given is written for good. An error is
// a transport error (the output is down, slow or full): the runtime
// reports it under the readiness condition named as the sink, waits with
// backoff and calls Write again, until it returns nil or the context ends;
// that is the one retry, so a sink does not retry by itself. A sink that
// wrote some envelopes and not others returns a *PartialWrite naming the
// others, and only they are given again. A problem with one note's data
// that retrying cannot fix is not an error: the sink logs and drops the
// note, or counts it, and returns nil for it.
//
// Offsets are committed only once every sink returned nil for every
// envelope of the batch and of the batches before it in the partition.
type Sink interface {
	// Name names the sink in metrics (notegate_stage_duration_seconds and
	// notegate_retries_total, label stage) and as the readiness condition
	// of its failures.
	Name() string
	Write(ctx context.Context, batch []*Envelope) error
}

// PartialWrite is the error of a Sink that wrote some envelopes of a batch
// and not Failed: only Failed are given to it again.
type PartialWrite struct {
	// Failed are envelopes of the batch given, not written.
	Failed []*Envelope
	// Err is why.
	Err error
}

func (e *PartialWrite) Error() string {
	return fmt.Sprintf("%d notes not written: %v", len(e.Failed), e.Err)
}

func (e *PartialWrite) Unwrap() error { return e.Err }
