package pipeline

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/segmentio/kafka-go"
)

// consumeInOrder is the loop of the side consumers (reviewer decisions,
// pending translations), whose messages are few: it fetches one message
// at a time, hands it to handle and commits it once handle succeeded.
// handle's errors and commit errors are transport errors, retried with
// backoff until ctx ends; the message in hand is then left uncommitted and
// redelivered. It returns nil when ctx ends, and an error only when the
// reader fails for another reason.
func consumeInOrder(ctx context.Context, name string, reader *kafka.Reader, backoff Backoff, log *slog.Logger, handle func(context.Context, kafka.Message) error) error {
	for {
		msg, err := reader.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("%s: fetch: %w", name, err)
		}
		if err := retryUntilDone(ctx, backoff, log, name+": handle", func() error { return handle(ctx, msg) }); err != nil {
			return nil
		}
		if err := retryUntilDone(ctx, backoff, log, name+": commit", func() error { return reader.CommitMessages(ctx, msg) }); err != nil {
			return nil
		}
	}
}

// retryUntilDone calls f until it succeeds or ctx ends, waiting with
// backoff between attempts; it returns ctx's error in the second case.
func retryUntilDone(ctx context.Context, backoff Backoff, log *slog.Logger, what string, f func() error) error {
	for attempt := 0; ; attempt++ {
		err := f()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		log.Warn(what+" failed, retrying", "attempt", attempt+1, "err", err)
		if err := backoff.Wait(ctx, attempt); err != nil {
			return err
		}
	}
}
