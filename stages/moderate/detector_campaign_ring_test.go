package moderate

import (
	"fmt"
	"testing"
	"time"
)

func TestCampaignRingGrowsAsItFills(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		maxNotes int
		window   time.Duration
		notes    int
		every    time.Duration // between notes
		want     int           // slots allocated after the notes
		wantLen  int           // notes remembered
	}{
		{"a detector that has seen nothing holds no slots", 100_000, time.Hour, 0, time.Second, 0, 0},
		{"one note takes one chunk", 100_000, time.Hour, 1, time.Second, campaignChunk, 1},
		{"notes take chunks as they fill them", 100_000, time.Hour, 2*campaignChunk + 1, time.Millisecond, 3 * campaignChunk, 2*campaignChunk + 1},
		{"a full ring stays at its bound", 2500, time.Hour, 6000, time.Millisecond, 2500, 2500},
		{"a bound below one chunk allocates only the bound", 50, time.Hour, 500, time.Millisecond, 50, 50},
		{"chunks whose notes left the window are given back", 100_000, time.Minute, 10*campaignChunk + 30, time.Second, 2 * campaignChunk, 61},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
			d, err := NewCampaignDetector(CampaignConfig{MaxNotes: tt.maxNotes, Window: tt.window}, c.now)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.notes {
				c.t = c.t.Add(tt.every)
				n := campaignNote(fmt.Sprint("n", i), fmt.Sprint("a", i), fmt.Sprintf("%s 第%d号", campaignText, i))
				n.CreatedAt = c.t
				detectNote(t, d, n)
			}
			if got := d.ring.allocated(); got != tt.want {
				t.Errorf("%d slots allocated, want %d", got, tt.want)
			}
			if got := d.Len(); got != tt.wantLen {
				t.Errorf("%d notes remembered, want %d", got, tt.wantLen)
			}
		})
	}
}

// The chunks come and go under the entries; what a note version was judged
// with must not.
func TestCampaignRingKeepsVerdictsAcrossChunks(t *testing.T) {
	t.Parallel()
	c := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
	d, err := NewCampaignDetector(CampaignConfig{MaxNotes: 3 * campaignChunk, Window: time.Hour}, c.now)
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]int{}
	for i := range 5 * campaignChunk {
		c.t = c.t.Add(time.Millisecond)
		id := fmt.Sprint("n", i)
		n := campaignNote(id, "a", fmt.Sprintf("%s 第%d号", campaignText, i%7))
		n.CreatedAt = c.t
		first[id] = len(detectNote(t, d, n))
		// Replay a note about a chunk back, remembered or pushed out.
		if j := i - campaignChunk - 3; j >= 0 {
			old := campaignNote(fmt.Sprint("n", j), "a", fmt.Sprintf("%s 第%d号", campaignText, j%7))
			old.CreatedAt = c.t
			if got := len(detectNote(t, d, old)); got != first[old.NoteID] {
				t.Fatalf("note n%d replayed got %d findings, first %d", j, got, first[old.NoteID])
			}
		}
	}
	if got := d.ring.allocated(); got != 3*campaignChunk {
		t.Errorf("%d slots allocated, want the bound %d", got, 3*campaignChunk)
	}
}
