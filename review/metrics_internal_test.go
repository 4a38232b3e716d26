package review

import (
	"context"
	"errors"
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
	c := NewQueueCollector(oneNoteQueue{n}, []string{"cn"}).(*queueCollector)
	c.clock = func() time.Time { return now }
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
