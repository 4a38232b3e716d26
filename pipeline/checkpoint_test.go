package pipeline

import (
	"math/rand"
	"reflect"
	"testing"
	"time"
)

func TestCheckpointer(t *testing.T) {
	t.Parallel()
	type op struct {
		track, done []int64
		want        []commitPoint
	}
	tests := []struct {
		name string
		ops  []op
	}{
		{name: "nothing done commits nothing", ops: []op{
			{track: []int64{0, 1, 2}, want: nil},
		}},
		{name: "a done prefix commits its last offset", ops: []op{
			{track: []int64{0, 1, 2}, done: []int64{0, 1}, want: []commitPoint{{0, 1}}},
		}},
		{name: "a gap holds back later finished offsets", ops: []op{
			{track: []int64{0, 1, 2, 3}, done: []int64{0, 2, 3}, want: []commitPoint{{0, 0}}},
			{done: []int64{1}, want: []commitPoint{{0, 3}}},
		}},
		{name: "offsets need not be contiguous (compacted topics, transactions)", ops: []op{
			{track: []int64{10, 14, 20}, done: []int64{10, 14}, want: []commitPoint{{0, 14}}},
		}},
		{name: "an unchanged point is not committed twice", ops: []op{
			{track: []int64{0, 1}, done: []int64{0}, want: []commitPoint{{0, 0}}},
			{want: nil},
		}},
		{name: "a redelivered offset after a rewind is tracked again", ops: []op{
			{track: []int64{0, 1}, done: []int64{0, 1}, want: []commitPoint{{0, 1}}},
			{track: []int64{1, 2}, done: []int64{1}, want: []commitPoint{{0, 1}}},
			{done: []int64{2}, want: []commitPoint{{0, 2}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newCheckpointer()
			for i, o := range tt.ops {
				for _, off := range o.track {
					c.track(0, off, time.Time{})
				}
				for _, off := range o.done {
					c.done(0, off)
				}
				if got := c.advance(); !reflect.DeepEqual(got, o.want) {
					t.Fatalf("step %d: advance = %v, want %v", i, got, o.want)
				}
			}
		})
	}
}

// TestCheckpointerNeverPassesUnfinishedWork finishes offsets of three
// partitions in random order and checks after every step that no committed
// point covers an unfinished offset, and that in the end everything is
// committed.
func TestCheckpointerNeverPassesUnfinishedWork(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(7))
	c := newCheckpointer()
	const n = 300
	type po struct {
		part int
		off  int64
	}
	var work []po
	for part := 0; part < 3; part++ {
		for o := int64(0); o < n; o++ {
			c.track(part, o, time.Time{})
			work = append(work, po{part, o})
		}
	}
	rng.Shuffle(len(work), func(i, j int) { work[i], work[j] = work[j], work[i] })
	finished := map[po]bool{}
	last := map[int]int64{0: -1, 1: -1, 2: -1}
	for _, w := range work {
		c.done(w.part, w.off)
		finished[w] = true
		for _, cp := range c.advance() {
			if cp.offset <= last[cp.partition] {
				t.Fatalf("partition %d went back from %d to %d", cp.partition, last[cp.partition], cp.offset)
			}
			for o := int64(0); o <= cp.offset; o++ {
				if !finished[po{cp.partition, o}] {
					t.Fatalf("commit %d on partition %d covers unfinished offset %d", cp.offset, cp.partition, o)
				}
			}
			last[cp.partition] = cp.offset
		}
	}
	for part := 0; part < 3; part++ {
		if last[part] != n-1 {
			t.Errorf("partition %d committed up to %d, want %d", part, last[part], n-1)
		}
	}
	for part, pending := range c.inFlight() {
		if pending != 0 {
			t.Errorf("partition %d still has %d pending", part, pending)
		}
	}
}
