package moderate

import (
	"path/filepath"
	"testing"

	"github.com/notegate/notegate/stages/moderate/devnotes"
)

// loadWideNotes reads every file of testdata/widenotes (devnotes.LoadWide)
// as table entries (the way tableEntry states a team note: a harmful note
// must be stopped in both markets with its category; an innocent one
// allowed).
func loadWideNotes(tb testing.TB) []tableNote {
	tb.Helper()
	wide, err := devnotes.LoadWide(filepath.Join("testdata", "widenotes"))
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]tableNote, 0, len(wide))
	for _, n := range wide {
		e := tableNote{ID: n.ID, Lang: n.Lang, Body: n.Text, CN: "allow", Intl: "allow", Contrast: n.Contrast}
		if n.Harmful() {
			e.Category, e.CN, e.Intl, e.Contrast = n.Label, "review|block", "review|block", ""
		}
		out = append(out, e)
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
