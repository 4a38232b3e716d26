package main

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/internal/samples"
)

// recordingWriter keeps what it was asked to write, write by write.
type recordingWriter struct{ writes [][]kafka.Message }

func (w *recordingWriter) WriteMessages(_ context.Context, msgs ...kafka.Message) error {
	w.writes = append(w.writes, slices.Clone(msgs))
	return nil
}

// TestProduceSteadyStampsDueTimes runs a schedule that is entirely overdue,
// as after a stall: every event goes out at once, in writes of at most
// maxBatch, each stamped with its own due time rather than the time it was
// sent, so its latency counts the stall.
func TestProduceSteadyStampsDueTimes(t *testing.T) {
	t.Parallel()
	start := time.Now().Add(-time.Hour).Truncate(time.Second)
	p := pacer{start: start, rate: 1000, n: 1200, maxBatch: 500, minWait: time.Millisecond}
	var w recordingWriter
	var prog benchProgress
	lag, err := produceSteady(context.Background(), &w, samples.NewGenerator(1), p, &prog)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	i := 0
	gen := samples.NewGenerator(1)
	for _, write := range w.writes {
		sizes = append(sizes, len(write))
		for _, m := range write {
			if want := start.Add(time.Duration(i) * time.Millisecond); !m.Time.Equal(want) {
				t.Fatalf("event %d stamped %v, want its due time %v", i, m.Time, want)
			}
			if want := gen.Next().NoteID; string(m.Key) != want {
				t.Fatalf("event %d keyed %q, want the generator's note id %q", i, m.Key, want)
			}
			i++
		}
	}
	if want := []int{500, 500, 200}; !slices.Equal(sizes, want) {
		t.Errorf("writes of %v events, want %v", sizes, want)
	}
	if got := prog.produced.Load(); got != 1200 {
		t.Errorf("progress counts %d produced, want 1200", got)
	}
	if lag < time.Hour-time.Second {
		t.Errorf("longest wait from due to acknowledged %v, want the hour the schedule was behind", lag)
	}
}

func TestProduceMaxLeavesTheTimeToTheWrite(t *testing.T) {
	t.Parallel()
	var w recordingWriter
	var prog benchProgress
	if err := produceMax(context.Background(), &w, samples.NewGenerator(1), 1100, &prog); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, write := range w.writes {
		sizes = append(sizes, len(write))
		for _, m := range write {
			if !m.Time.IsZero() {
				t.Fatalf("message stamped %v, want no time (the client stamps the write)", m.Time)
			}
		}
	}
	if want := []int{500, 500, 100}; !slices.Equal(sizes, want) {
		t.Errorf("writes of %v events, want %v", sizes, want)
	}
	if got := prog.produced.Load(); got != 1100 {
		t.Errorf("progress counts %d produced, want 1100", got)
	}
}
