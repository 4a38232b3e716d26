package moderate

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate/devnotes"
)

// tableEntry states a team note as the table does: a harmful note is
// caught with any of its labels; sexual content about minors blocks
// everywhere; a person at risk is reviewed; swearing alone may stay in
// intl; an innocent note is allowed (cn may review one that hands out a
// messenger id: that is its contact policy, and the report counts it).
func tableEntry(n devnotes.Note) tableNote {
	e := tableNote{ID: n.ID, Lang: n.Lang, Body: n.Text, CN: "allow", Intl: "allow"}
	if !n.Harmful() {
		return e
	}
	var cats []string
	for _, c := range n.Labels {
		cats = append(cats, string(c))
	}
	e.Category = strings.Join(cats, "|")
	e.CN, e.Intl = "review|block", "review|block"
	switch {
	case slices.Contains(n.Labels, models.CategorySexualMinors):
		e.CN, e.Intl = "block", "block"
	case n.Support:
		e.CN, e.Intl = "review", "review"
		yes := true
		e.Support = &yes
	case len(n.Labels) == 1 && n.Labels[0] == models.CategoryProfanity:
		e.Intl = "allow|review"
	}
	return e
}

func loadTeamNotes(tb testing.TB) []tableNote {
	tb.Helper()
	notes, err := devnotes.Load(filepath.Join("testdata", "teamnotes"))
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]tableNote, len(notes))
	for i, n := range notes {
		out[i] = tableEntry(n)
	}
	return out
}

// TestTeamNotes runs the stage over the team's 2,568 development notes
// (testdata/teamnotes): harmful and innocent notes in every category and
// language, written blind to the rules. It is a development set — rules
// are built against it — so it reports how far the stage is, per category
// and language, and fails only when the stage falls below the floors it
// reached (raise them as it improves). The honest figure is a fresh
// blind set: go test -run 'TestNoteTable$' -v . -args -table FILE.
// moderateNotes runs the table stage over notes in one batch and judges
// each result as the table does.
func moderateNotes(t *testing.T, notes []tableNote) ([]*models.Note, []tableOutcome) {
	t.Helper()
	s := newTableStage(t)
	batch := make([]*models.Note, len(notes))
	for i := range notes {
		batch[i] = notes[i].note()
	}
	if err := s.Process(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	outcomes := make([]tableOutcome, len(notes))
	for i := range notes {
		outcomes[i] = judgeNote(s.Policy(), &notes[i], batch[i].Moderation)
	}
	return batch, outcomes
}

func TestTeamNotes(t *testing.T) {
	notes := loadTeamNotes(t)
	batch, outcomes := moderateNotes(t, notes)
	var harmful, caught, innocent, flaggedIntl, flaggedCN int
	for i := range notes {
		for _, e := range checkEvidence(batch[i], batch[i].Moderation) {
			t.Errorf("%s: %s", notes[i].ID, e)
		}
		if notes[i].harmful() {
			harmful++
			if outcomes[i].caught {
				caught++
			}
			continue
		}
		innocent++
		if batch[i].Moderation.Markets["intl"] != models.DecisionAllow {
			flaggedIntl++
		}
		if batch[i].Moderation.Markets["cn"] != models.DecisionAllow {
			flaggedCN++
		}
	}
	t.Log("\n" + tableReport(notes, outcomes))
	t.Logf("team notes: harmful caught with a right category %d/%d (%.1f %%); innocent not allowed in intl %d/%d, in cn %d/%d",
		caught, harmful, 100*float64(caught)/float64(harmful), flaggedIntl, innocent, flaggedCN, innocent)
	const (
		minCaught      = 0.96  // share of harmful notes caught
		maxFlaggedIntl = 0.025 // share of innocent notes not allowed in intl
	)
	if got := float64(caught) / float64(harmful); got < minCaught {
		t.Errorf("caught %.3f of the harmful team notes, the floor is %.3f", got, minCaught)
	}
	if got := float64(flaggedIntl) / float64(innocent); got > maxFlaggedIntl {
		t.Errorf("flagged %.3f of the innocent team notes in intl, the ceiling is %.3f", got, maxFlaggedIntl)
	}
}
