package pipeline

import (
	"sort"
	"sync"
	"time"
)

// checkpointer tracks, per partition, which fetched offsets are finished,
// and answers the highest offset below which every fetched message is done.
// kafka-go commits "everything before" the offset it is given, so only that
// offset is ever safe to commit.
//
// It is safe for concurrent use. Its memory is bounded by the messages in
// flight, which the runtime bounds.
type checkpointer struct {
	mu    sync.Mutex
	parts map[int]*partitionMarks
}

type partitionMarks struct {
	pending   map[int64]mark // fetched offsets → done, and when fetched
	committed int64          // highest offset already handed to commit; -1 if none
	highest   int64          // highest offset fetched; -1 if none
}

func newCheckpointer() *checkpointer {
	return &checkpointer{parts: make(map[int]*partitionMarks)}
}

func (c *checkpointer) marks(partition int) *partitionMarks {
	p, ok := c.parts[partition]
	if !ok {
		p = &partitionMarks{pending: make(map[int64]mark), committed: -1, highest: -1}
		c.parts[partition] = p
	}
	return p
}

// mark is the state of one fetched offset.
type mark struct {
	done    bool
	fetched time.Time
}

// track records that offset was fetched (at now) and is not done yet.
// After a rebalance the broker may hand out an offset again; tracking it
// again is harmless and keeps the first fetch time.
func (c *checkpointer) track(partition int, offset int64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.marks(partition)
	if offset <= p.committed {
		// Redelivered below what we committed (another member committed
		// less, or the group rewound): start over from here.
		p.committed = offset - 1
	}
	if m, ok := p.pending[offset]; ok {
		m.done = false
		p.pending[offset] = m
	} else {
		p.pending[offset] = mark{fetched: now}
	}
	if offset > p.highest {
		p.highest = offset
	}
}

// done marks offset finished.
func (c *checkpointer) done(partition int, offset int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.marks(partition)
	if m, ok := p.pending[offset]; ok {
		m.done = true
		p.pending[offset] = m
	}
}

// commitPoint is one partition's offset that is safe to commit.
type commitPoint struct {
	partition int
	offset    int64 // the last finished message; the commit covers it and all before
}

// advance returns, for every partition whose safe point moved, the highest
// offset such that every tracked offset at or below it is done, and forgets
// those offsets. The caller must commit what it gets or call rewind.
func (c *checkpointer) advance() []commitPoint {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []commitPoint
	for part, p := range c.parts {
		if len(p.pending) == 0 {
			continue
		}
		offsets := make([]int64, 0, len(p.pending))
		for o := range p.pending {
			offsets = append(offsets, o)
		}
		sort.Slice(offsets, func(i, j int) bool { return offsets[i] < offsets[j] })
		safe := int64(-1)
		for _, o := range offsets {
			if !p.pending[o].done {
				break
			}
			safe = o
			delete(p.pending, o)
		}
		if safe >= 0 && safe > p.committed {
			p.committed = safe
			out = append(out, commitPoint{partition: part, offset: safe})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].partition < out[j].partition })
	return out
}

// inFlight returns how many fetched messages of each partition are not yet
// committable: the commit lag, in messages.
func (c *checkpointer) inFlight() map[int]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[int]int, len(c.parts))
	for part, p := range c.parts {
		out[part] = len(p.pending)
	}
	return out
}

// oldest returns the earliest fetch time among offsets not done yet, and
// which partition and offset that is; ok is false when none is waiting.
func (c *checkpointer) oldest() (partition int, offset int64, fetched time.Time, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for part, p := range c.parts {
		for o, m := range p.pending {
			if !m.done && (!ok || m.fetched.Before(fetched)) {
				partition, offset, fetched, ok = part, o, m.fetched, true
			}
		}
	}
	return partition, offset, fetched, ok
}
