package pipeline_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/internal/devbroker"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

// TestRuntimeRidesOutABrokerStall stalls the broker (connections open,
// nothing answered) for longer than the group session, while events are
// in flight: the runtime must not end, readiness must go unready and come
// back, every event must be routed afterwards, and a stop requested while
// the broker hangs must return within the drain timeout.
func TestRuntimeRidesOutABrokerStall(t *testing.T) {
	if testing.Short() {
		t.Skip("stalls a broker for several seconds")
	}
	t.Parallel()
	topics := pipeline.DefaultTopics()
	b, err := devbroker.Start(devbroker.Config{Partitions: 3, Stallable: true,
		Topics: []string{"notes.events", topics.Approved, topics.Review, topics.Rejected, topics.DeadLetter}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	brokers := b.Addrs()

	cfg := pipelinetest.Config(brokers)
	cfg.DrainTimeout = 3 * time.Second
	health := pipeline.NewHealth(pipeline.HealthConfig{UnreadyAfter: time.Second, ProbeInterval: 100 * time.Millisecond, ProbeTimeout: 300 * time.Millisecond})
	idx := pipelinetest.NewMemIndex()
	proc := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{keywordModerator{}}, Indexer: idx, Health: health, Logger: pipelinetest.QuietLogger(), Backoff: cfg.Backoff})
	rt, err := pipeline.NewRuntime(cfg, proc, nil, health, pipelinetest.QuietLogger())
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	done := make(chan error, 1)
	go func() { done <- rt.Run(ctx) }()
	probeCtx, stopProbe := context.WithCancel(context.Background())
	defer stopProbe()
	go pipeline.ProbeBroker(probeCtx, brokers, "notes.events", cfg.OutputTopics(), true, health, pipelinetest.QuietLogger())

	const before, after = 50, 50
	var msgs []kafka.Message
	for i := range before {
		msgs = append(msgs, event(fmt.Sprintf("s-%03d", i), 1, "before the stall"))
	}
	pipelinetest.Produce(t, brokers, "notes.events", msgs...)
	seen := newOutputWatcher(t, brokers, topics.Approved)
	pipelinetest.WaitFor(t, "the first events routed", func() bool { return seen.count() >= before })

	b.Stall()
	pipelinetest.WaitFor(t, "readiness to go unready during the stall", func() bool {
		ok, problems := health.Ready()
		return !ok && len(problems) > 0 && problems[0].Condition == pipeline.ConditionBroker
	})
	time.Sleep(3 * time.Second) // past the 2s group session
	select {
	case err := <-done:
		t.Fatalf("the runtime ended during a broker stall: %v", err)
	default:
	}
	b.Resume()
	pipelinetest.WaitFor(t, "readiness back after the stall", func() bool { ok, _ := health.Ready(); return ok })

	msgs = msgs[:0]
	for i := range after {
		msgs = append(msgs, event(fmt.Sprintf("s-%03d", before+i), 1, "after the stall"))
	}
	pipelinetest.Produce(t, brokers, "notes.events", msgs...)
	pipelinetest.WaitFor(t, "every event routed after the stall", func() bool { return seen.distinct() == before+after })

	// A stop while the broker hangs drains within the drain timeout.
	b.Stall()
	produceAsync(brokers, event("s-late", 1, "in flight when the broker hangs"))
	stopped := time.Now()
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		took := time.Since(stopped)
		t.Logf("stopped %s after the stop with the broker hung (drain timeout %s)", took.Round(time.Millisecond), cfg.DrainTimeout)
		if took > cfg.DrainTimeout+time.Second {
			t.Errorf("stopping took %s with the broker hung; drain timeout is %s", took, cfg.DrainTimeout)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the runtime did not stop with the broker hung")
	}
	b.Resume()
}

// outputWatcher reads a topic from the start in the background.
type outputWatcher struct {
	mu   sync.Mutex
	n    int
	keys map[string]bool
}

func newOutputWatcher(t *testing.T, brokers []string, topic string) *outputWatcher {
	w := &outputWatcher{keys: map[string]bool{}}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, GroupID: fmt.Sprintf("watch-%d", time.Now().UnixNano()), Topic: topic,
		StartOffset: kafka.FirstOffset, MaxWait: 100 * time.Millisecond, JoinGroupBackoff: 200 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan struct{})
	t.Cleanup(func() { cancel(); <-finished; r.Close() })
	go func() {
		defer close(finished)
		for {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				if ctx.Err() != nil {
					return
				}
				continue
			}
			w.mu.Lock()
			w.n++
			w.keys[string(m.Key)] = true
			w.mu.Unlock()
		}
	}()
	return w
}

func (w *outputWatcher) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

func (w *outputWatcher) distinct() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for k := range w.keys {
		if strings.HasPrefix(k, "s-") && k != "s-late" {
			n++
		}
	}
	return n
}

// produceAsync writes msgs without waiting (the broker may be hung).
func produceAsync(brokers []string, msgs ...kafka.Message) {
	go func() {
		w := &kafka.Writer{Addr: kafka.TCP(brokers...), Topic: "notes.events", Balancer: kafka.Murmur2Balancer{}, BatchTimeout: time.Millisecond}
		defer w.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = w.WriteMessages(ctx, msgs...)
	}()
}

// TestConsumerSurvivesAPanickingHandler: a handler that panics (a bug
// outside the stages) must not take the process down; the batch is tried
// again and, once the handler stops panicking, is marked done for the commit.
func TestConsumerSurvivesAPanickingHandler(t *testing.T) {
	t.Parallel()
	brokers := pipelinetest.StartBroker(t, "panics")
	pipelinetest.Produce(t, brokers, "panics", event("p1", 1, "x"))
	var mu sync.Mutex
	calls := 0
	handled := make(chan struct{})
	cfg := pipelinetest.Config(brokers)
	cfg.DrainTimeout, cfg.Backoff = 2*time.Second, pipeline.Backoff{Min: time.Millisecond, Max: 5 * time.Millisecond}
	c, err := pipeline.NewConsumer(cfg, pipeline.ConsumerConfig{Name: "test", GroupID: "panics", Topic: "panics", CommitInterval: 50 * time.Millisecond},
		func(context.Context, []kafka.Message) ([]kafka.Message, error) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			if calls < 3 {
				panic("a bug")
			}
			if calls == 3 {
				close(handled)
			}
			return nil, nil
		}, nil, nil, pipelinetest.QuietLogger())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	select {
	case <-handled:
	case <-time.After(30 * time.Second):
		t.Fatal("the batch was not handled after the handler stopped panicking")
	}
	pipelinetest.WaitFor(t, "the message marked done", func() bool { return !c.Waiting() })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
