package moderate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/notegate/notegate/models"
)

// wideNote is one line of testdata/widenotes: a harmful note has its
// category as label, an innocent one "ok" and the category whose words it
// shares as contrast.
type wideNote struct {
	Lang     string `json:"lang"`
	Label    string `json:"label"`
	Contrast string `json:"contrast"`
	Text     string `json:"text"`
}

// loadWideNotes reads every file of testdata/widenotes as table entries
// (the way tableEntry states a team note: a harmful note must be stopped
// in both markets with its category; an innocent one allowed).
func loadWideNotes(tb testing.TB) []tableNote {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "widenotes", "*.jsonl"))
	if err != nil || len(names) == 0 {
		tb.Fatalf("no wide notes: %v", err)
	}
	slices.Sort(names)
	var out []tableNote
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		for line := 1; sc.Scan(); line++ {
			var n wideNote
			if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
				tb.Fatalf("%s:%d: %v", name, line, err)
			}
			id := fmt.Sprintf("%s-%s-%d", n.Lang, filepath.Base(name), line)
			e := tableNote{ID: id, Lang: n.Lang, Body: n.Text, CN: "allow", Intl: "allow", Contrast: n.Contrast}
			if n.Label != "ok" {
				if !models.Category(n.Label).Valid() {
					tb.Fatalf("%s:%d: label %q", name, line, n.Label)
				}
				e.Category, e.CN, e.Intl, e.Contrast = n.Label, "review|block", "review|block", ""
			}
			out = append(out, e)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			tb.Fatal(err)
		}
	}
	return out
}

// TestWideNotes runs the stage over 5,907 notes that writers blind to the
// rules wrote in every language, with the widest vocabulary they could
// (testdata/widenotes/README.md). The rules were then widened against
// them, so like the team notes they are development data: the test
// reports caught and flagged per category and language and fails only
// below the floors the stage has reached. A held-out part of the second
// round is kept outside the repository as the measure.
func TestWideNotes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the stage over 5,907 notes")
	}
	notes := loadWideNotes(t)
	_, outcomes := moderateNotes(t, notes)
	var harmful, caught, innocent, flagged int
	for i := range notes {
		if notes[i].harmful() {
			harmful++
			if outcomes[i].caught {
				caught++
			}
			continue
		}
		innocent++
		if outcomes[i].flagged {
			flagged++
		}
	}
	t.Log("\n" + tableReport(notes, outcomes))
	t.Logf("wide notes: harmful caught with the right category %d/%d (%.1f %%); innocent flagged in some market %d/%d (%.1f %%)",
		caught, harmful, 100*float64(caught)/float64(harmful), flagged, innocent, 100*float64(flagged)/float64(innocent))
	if got := float64(caught) / float64(harmful); got < wideMinCaught {
		t.Errorf("caught %.3f of the harmful wide notes, the floor is %.3f", got, wideMinCaught)
	}
	if got := float64(flagged) / float64(innocent); got > wideMaxFlagged {
		t.Errorf("flagged %.3f of the innocent wide notes, the ceiling is %.3f", got, wideMaxFlagged)
	}
}

// The floors TestWideNotes holds the stage to: what it reached, less a
// margin for rules that trade one note for another. Raise them as it
// improves.
const (
	wideMinCaught  = 0.92
	wideMaxFlagged = 0.04
)
