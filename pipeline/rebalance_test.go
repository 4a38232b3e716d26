package pipeline_test

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

// handledLog records which message values each member of a group handled.
type handledLog struct {
	mu  sync.Mutex
	ids map[string]map[string]int // member → value → times handled
}

func (l *handledLog) add(member string, msgs []kafka.Message) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ids[member] == nil {
		l.ids[member] = map[string]int{}
	}
	for _, m := range msgs {
		l.ids[member][string(m.Value)]++
	}
}

// count is how many times member handled id ("" for every member).
func (l *handledLog) count(member, id string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for mem, ids := range l.ids {
		if member == "" || mem == member {
			n += ids[id]
		}
	}
	return n
}

func (l *handledLog) total(member string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, c := range l.ids[member] {
		n += c
	}
	return n
}

// TestConsumerRebalance: two members of one group share a topic; one
// leaves mid-stream while it holds messages in flight. Every message is
// handled at least once, the messages the leaver held are finished by it
// (a drain) or redelivered to the other member (a death), and once the
// other member drains the group's committed offsets reach the end of
// every partition: nothing lost, nothing left behind.
func TestConsumerRebalance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// dies makes the leaver crash (no drain, no last commit) instead
		// of stopping.
		dies bool
	}{
		{name: "a member that stops finishes what it holds and its partitions move", dies: false},
		{name: "a member that dies has what it held redelivered to the other", dies: true},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			topic := fmt.Sprintf("side.rebalance-%d", i)
			group := "rebalance-" + strconv.Itoa(i)
			brokers := pipelinetest.StartBroker(t, topic)
			const half = 90
			produce := func(from int) {
				var msgs []kafka.Message
				for n := from; n < from+half; n++ {
					id := fmt.Sprintf("m-%03d", n)
					msgs = append(msgs, kafka.Message{Key: []byte(id), Value: []byte(id)})
				}
				pipelinetest.Produce(t, brokers, topic, msgs...)
			}
			log := &handledLog{ids: map[string]map[string]int{}}
			cfg := pipelinetest.Config(brokers)
			consumer := func(member string, handle pipeline.Handler) *pipeline.Consumer {
				c, err := pipeline.NewConsumer(cfg, pipeline.ConsumerConfig{Name: member, GroupID: group, Topic: topic}, handle, nil, nil, pipelinetest.QuietLogger())
				if err != nil {
					t.Fatal(err)
				}
				return c
			}

			// A handles a third of the first half, then holds every
			// message it is given until released (or its work is cut).
			release := make(chan struct{})
			holding := make(chan struct{})
			var holdOnce sync.Once
			var heldMu sync.Mutex
			held := map[string]bool{}
			var handledA atomic.Int64
			var leaving atomic.Bool // held stops counting once A is told to leave
			a := consumer("a", func(ctx context.Context, msgs []kafka.Message) ([]kafka.Message, error) {
				if handledA.Load() >= half/3 {
					heldMu.Lock()
					if !leaving.Load() {
						for _, m := range msgs {
							held[string(m.Value)] = true
						}
					}
					heldMu.Unlock()
					holdOnce.Do(func() { close(holding) })
					select {
					case <-release:
					case <-ctx.Done():
						return nil, ctx.Err()
					}
				}
				log.add("a", msgs)
				handledA.Add(int64(len(msgs)))
				return nil, nil
			})

			produce(0)
			ctxA, stopA := context.WithCancel(context.Background())
			defer stopA()
			doneA := make(chan error, 1)
			go func() { doneA <- a.Run(ctxA) }()
			<-holding

			// B joins: the group rebalances while A holds messages. (A
			// built Consumer is a member already, so B is built only now.)
			b := consumer("b", func(_ context.Context, msgs []kafka.Message) ([]kafka.Message, error) {
				log.add("b", msgs)
				return nil, nil
			})
			ctxB, stopB := context.WithCancel(context.Background())
			defer stopB()
			doneB := make(chan error, 1)
			go func() { doneB <- b.Run(ctxB) }()
			produce(half)
			pipelinetest.WaitFor(t, "b to be given partitions and handle messages", func() bool { return log.total("b") > 0 })

			// A leaves mid-stream.
			heldMu.Lock()
			leaving.Store(true)
			heldMu.Unlock()
			if tc.dies {
				a.Crash()
			} else {
				stopA()
				close(release)
			}
			if err := <-doneA; err != nil {
				t.Fatalf("a: %v", err)
			}
			heldMu.Lock()
			heldIDs := make([]string, 0, len(held))
			for id := range held {
				heldIDs = append(heldIDs, id)
			}
			heldMu.Unlock()
			if len(heldIDs) == 0 {
				t.Fatal("a held nothing when it left")
			}

			pipelinetest.WaitFor(t, "every message handled at least once", func() bool {
				for n := range 2 * half {
					if log.count("", fmt.Sprintf("m-%03d", n)) == 0 {
						return false
					}
				}
				return true
			})
			for _, id := range heldIDs {
				if tc.dies && log.count("b", id) == 0 {
					t.Errorf("%s, in flight at a when it died, was not redelivered to b", id)
				}
				if !tc.dies && log.count("a", id) == 0 {
					t.Errorf("%s, in flight at a when it stopped, was not finished by a", id)
				}
			}

			// What a handled may not be committed: a's last commit can fall
			// in the rebalance its leaving starts, and then b handles the
			// rest of that partition again from the last commit (the
			// contract's at-least-once). So b runs until the group's
			// commits reach the end of every partition, then drains.
			pipelinetest.WaitFor(t, "the group's commits to reach the end of every partition", func() bool {
				committed, end, err := groupOffsets(brokers, group, topic)
				return err == nil && behind(committed, end) == ""
			})
			stopB()
			if err := <-doneB; err != nil {
				t.Fatalf("b: %v", err)
			}
			committed, end, err := groupOffsets(brokers, group, topic)
			if err != nil {
				t.Fatal(err)
			}
			if lag := behind(committed, end); lag != "" {
				t.Errorf("after b drained: %s", lag)
			}
			t.Logf("a handled %d, b handled %d of %d messages; %d held by a when it left", log.total("a"), log.total("b"), 2*half, len(heldIDs))
		})
	}
}

// behind describes the partitions whose committed offset is not their
// end offset, or is "" when every partition is committed to its end.
func behind(committed, end map[int]int64) string {
	var lag string
	for p, e := range end {
		if committed[p] != e {
			lag += fmt.Sprintf("partition %d: committed %d, end %d; ", p, committed[p], e)
		}
	}
	return lag
}

// groupOffsets returns group's committed offset and the end offset of
// every partition of topic.
func groupOffsets(brokers []string, group, topic string) (committed, end map[int]int64, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := kafka.DialContext(ctx, "tcp", brokers[0])
	if err != nil {
		return nil, nil, err
	}
	parts, err := conn.ReadPartitions(topic)
	_ = conn.Close()
	if err != nil {
		return nil, nil, err
	}
	end = map[int]int64{}
	ids := make([]int, 0, len(parts))
	for _, p := range parts {
		ids = append(ids, p.ID)
		leader, err := kafka.DialLeader(ctx, "tcp", net.JoinHostPort(p.Leader.Host, strconv.Itoa(p.Leader.Port)), topic, p.ID)
		if err != nil {
			return nil, nil, err
		}
		end[p.ID], err = leader.ReadLastOffset()
		_ = leader.Close()
		if err != nil {
			return nil, nil, err
		}
	}
	client := &kafka.Client{Addr: kafka.TCP(brokers...)}
	resp, err := client.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: group, Topics: map[string][]int{topic: ids}})
	if err != nil {
		return nil, nil, err
	}
	if resp.Error != nil {
		return nil, nil, resp.Error
	}
	committed = map[int]int64{}
	for _, p := range resp.Topics[topic] {
		if p.Error != nil {
			return nil, nil, fmt.Errorf("partition %d: %w", p.Partition, p.Error)
		}
		committed[p.Partition] = p.CommittedOffset
	}
	return committed, end, nil
}
