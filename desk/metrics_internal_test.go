package desk

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/notegate/notegate/models"
)

// oneNoteQueue is a queue holding one note.
type oneNoteQueue struct{ note *models.Note }

func (q oneNoteQueue) Get(context.Context, string) (*models.Note, error) {
	return nil, errors.New("not used")
}

func (q oneNoteQueue) Queue(context.Context, models.QueueQuery) (models.SearchResult, error) {
	return models.SearchResult{Total: 1, Hits: []models.SearchHit{{Note: q.note}}}, nil
}

// TestQueueOldestSecondsCountsFromFirstSeen: the oldest-item metric is the
// age since notegate first saw the note, not since the created_at its
// author's service supplied (which once made it read 5.9e7 s).
func TestQueueOldestSecondsCountsFromFirstSeen(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n", Version: 1, CreatedAt: now.Add(-2 * 365 * 24 * time.Hour)},
		ProcessedAt: now.Add(-time.Minute), FirstSeenAt: now.Add(-90 * time.Second)}
	c := NewQueueGauges(oneNoteQueue{n}, []string{"cn"})
	c.clock = func() time.Time { return now }
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range families {
		if f.GetName() != "notegate_review_queue_oldest_seconds" {
			continue
		}
		for _, m := range f.GetMetric() {
			seen++
			if got := m.GetGauge().GetValue(); got != 90 {
				t.Errorf("oldest seconds %v for %v, want 90", got, m.GetLabel())
			}
		}
	}
	if seen != 2 {
		t.Errorf("%d oldest-seconds series, want 2 (all markets and cn)", seen)
	}
}

// countingQueue counts the queries it answers; it fails them while failing
// is set.
type countingQueue struct {
	mu      sync.Mutex
	calls   int
	failing bool
	depth   int
}

func (q *countingQueue) Queue(context.Context, models.QueueQuery) (models.SearchResult, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.calls++
	if q.failing {
		return models.SearchResult{}, errors.New("index down")
	}
	return models.SearchResult{Total: q.depth}, nil
}

func (q *countingQueue) count() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.calls
}

// TestQueueGaugesScrapesNeverQueryTheIndex: /metrics reads what the last
// refresh found, so no number of scrapes adds a query to the index.
func TestQueueGaugesScrapesNeverQueryTheIndex(t *testing.T) {
	t.Parallel()
	idx := &countingQueue{depth: 7}
	g := NewQueueGauges(idx, []string{"cn", "intl"})
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(g)
	depths := func() map[string]float64 {
		t.Helper()
		families, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		for _, f := range families {
			if f.GetName() == "notegate_review_queue_depth" {
				for _, m := range f.GetMetric() {
					out[m.GetLabel()[0].GetValue()] = m.GetGauge().GetValue()
				}
			}
		}
		return out
	}
	if d := depths(); len(d) != 0 || idx.count() != 0 {
		t.Fatalf("before any refresh: depths %v after %d queries, want none and 0", d, idx.count())
	}
	if err := g.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if idx.count() != 3 {
		t.Fatalf("a refresh made %d queries, want 3 (all markets, cn, intl)", idx.count())
	}
	for range 50 {
		if d := depths(); len(d) != 3 || d[""] != 7 || d["cn"] != 7 || d["intl"] != 7 {
			t.Fatalf("depths %v, want 7 for all, cn and intl", d)
		}
	}
	if idx.count() != 3 {
		t.Errorf("50 scrapes made %d more queries, want none", idx.count()-3)
	}
	// A refresh that fails keeps the figures of the last one.
	idx.mu.Lock()
	idx.failing, idx.depth = true, 9
	idx.mu.Unlock()
	if err := g.Refresh(context.Background()); err == nil {
		t.Error("a failed refresh returned no error")
	}
	if d := depths(); d["cn"] != 7 {
		t.Errorf("after a failed refresh depths %v, want the last ones (7)", d)
	}
}
