package indextest

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
)

// postedAt sets when n was posted, first seen and processed: its
// QueuedAt is t.
func postedAt(n *models.Note, t time.Time) *models.Note {
	n.CreatedAt, n.FirstSeenAt, n.ProcessedAt = t, t, t
	return n
}

func noteIDs(notes []*models.Note) []string {
	out := make([]string, 0, len(notes))
	for _, n := range notes {
		out = append(out, n.NoteID)
	}
	return out
}

func threadIDs(t *testing.T, idx index.Index, q models.ThreadQuery) ([]string, int) {
	t.Helper()
	visible(t, idx)
	res, err := idx.Thread(context.Background(), q)
	if err != nil {
		t.Fatalf("Thread(%+v): %v", q, err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.Note.NoteID)
	}
	return ids, res.Total
}

func testThread(t *testing.T, f Factory) {
	idx := open(t, f)
	t0 := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	comment := func(id, parent string, at time.Time) *models.Note {
		n := postedAt(Note(id, 1, "en", "", "comment "+id, "cn", "intl"), at)
		n.Kind, n.ParentID = models.KindComment, parent
		return n
	}
	parent := postedAt(Note("t-parent", 1, "en", "a note", "the note answered", "cn", "intl"), t0)
	first := comment("t-c1", "t-parent", t0.Add(time.Minute))
	// Comments in review and blocked are in the thread: reviewers read them.
	second := withDecision(comment("t-c2", "t-parent", t0.Add(2*time.Minute)), models.DecisionReview)
	third := withDecision(comment("t-c3", "t-parent", t0.Add(3*time.Minute)), models.DecisionBlock)
	gone := comment("t-gone", "t-parent", t0.Add(4*time.Minute))
	elsewhere := comment("t-other", "t-another", t0.Add(5*time.Minute))
	apply(t, idx, parent, first, second, third, gone, elsewhere)
	apply(t, idx, Deletion("t-gone", 2))

	for _, c := range []struct {
		name      string
		q         models.ThreadQuery
		want      []string
		wantTotal int
	}{
		{"comments of a note, newest first, whatever their decisions, deletions left out", models.ThreadQuery{ParentID: "t-parent"}, []string{"t-c3", "t-c2", "t-c1"}, 3},
		{"a page of the thread", models.ThreadQuery{ParentID: "t-parent", Limit: 1, Offset: 1}, []string{"t-c2"}, 3},
		{"another note's thread", models.ThreadQuery{ParentID: "t-another"}, []string{"t-other"}, 1},
		{"a note without comments", models.ThreadQuery{ParentID: "t-c1"}, []string{}, 0},
		{"no parent", models.ThreadQuery{}, []string{}, 0},
	} {
		got, total := threadIDs(t, idx, c.q)
		if !slices.Equal(got, c.want) || total != c.wantTotal {
			t.Errorf("%s: thread = %v (total %d), want %v (total %d)", c.name, got, total, c.want, c.wantTotal)
		}
	}

	// A comment edited under another parent leaves the first thread.
	moved := comment("t-c1", "t-another", t0.Add(time.Minute))
	moved.Version = 2
	apply(t, idx, moved)
	if got, _ := threadIDs(t, idx, models.ThreadQuery{ParentID: "t-parent"}); !slices.Equal(got, []string{"t-c3", "t-c2"}) {
		t.Errorf("after t-c1 moved, the thread = %v, want [t-c3 t-c2]", got)
	}
}

func testAuthor(t *testing.T, f Factory) {
	idx := open(t, f)
	t0 := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)
	by := func(n *models.Note, at time.Time) *models.Note {
		n.AuthorID = "a-flood"
		return postedAt(n, at)
	}
	allowed := by(Note("a-allowed", 1, "en", "fine", "fine", "cn", "intl"), t0)
	split := by(Note("a-split", 1, "en", "split", "split", "intl"), t0.Add(time.Hour))
	split.Moderation.Markets = map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionReview}
	split.ApprovedMarkets = nil
	// The machine sent it to review in both; a reviewer rejected it in intl.
	rejected := by(Note("a-rejected", 1, "en", "rejected", "rejected"), t0.Add(2*time.Hour))
	rejected.Moderation.Markets = map[string]models.Decision{"cn": models.DecisionReview, "intl": models.DecisionBlock}
	rejected.Moderation.Review = &models.Review{DecisionID: "d1", Action: models.ReviewReject, Reviewer: "r", Markets: []string{"intl"},
		Decided: map[string]models.MarketDecision{"intl": {DecisionID: "d1", Action: models.ReviewReject, Reviewer: "r"}},
		Machine: &models.MachineOutcome{Decision: models.DecisionReview, Markets: map[string]models.Decision{"cn": models.DecisionReview, "intl": models.DecisionReview}}}
	gone := by(Note("a-gone", 1, "en", "gone", "gone", "cn", "intl"), t0.Add(3*time.Hour))
	// Blocked in cn by the machine, approved there by a reviewer before
	// per-market records: the latest decision names its markets only.
	approved := by(Note("a-approved", 1, "en", "approved", "approved", "cn", "intl"), t0.Add(4*time.Hour))
	approved.Moderation.Review = &models.Review{DecisionID: "d2", Action: models.ReviewApprove, Reviewer: "r", Markets: []string{"cn"},
		Machine: &models.MachineOutcome{Decision: models.DecisionBlock, Markets: map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionAllow}}}
	other := postedAt(Note("a-other", 1, "en", "other", "other", "cn"), t0.Add(5*time.Hour))
	apply(t, idx, allowed, split, rejected, gone, approved, other)
	apply(t, idx, Deletion("a-gone", 2))

	visible(t, idx)
	h, err := idx.Author(context.Background(), models.AuthorQuery{AuthorID: "a-flood", Limit: 2})
	if err != nil {
		t.Fatalf("Author: %v", err)
	}
	if got, want := noteIDs(h.Recent), []string{"a-approved", "a-rejected"}; h.Total != 4 || !slices.Equal(got, want) {
		t.Errorf("author's notes: %v of %d, want %v of 4 (newest first, the deleted one left out)", got, h.Total, want)
	}
	if !h.FirstSeen.Equal(t0) || !h.LastSeen.Equal(t0.Add(4*time.Hour)) {
		t.Errorf("first and last seen %v, %v; want %v, %v", h.FirstSeen, h.LastSeen, t0, t0.Add(4*time.Hour))
	}
	want := map[string]models.AuthorCounts{
		"cn": {
			Now:      map[models.Decision]int{models.DecisionAllow: 2, models.DecisionBlock: 1, models.DecisionReview: 1},
			Machine:  map[models.Decision]int{models.DecisionAllow: 1, models.DecisionBlock: 2, models.DecisionReview: 1},
			Reviewer: map[models.ReviewAction]int{models.ReviewApprove: 1},
		},
		"intl": {
			Now:      map[models.Decision]int{models.DecisionAllow: 2, models.DecisionReview: 1, models.DecisionBlock: 1},
			Machine:  map[models.Decision]int{models.DecisionAllow: 2, models.DecisionReview: 2},
			Reviewer: map[models.ReviewAction]int{models.ReviewReject: 1},
		},
	}
	if !reflect.DeepEqual(h.Markets, want) {
		t.Errorf("counts per market:\n got %+v\nwant %+v", h.Markets, want)
	}

	for _, c := range []struct {
		name string
		q    models.AuthorQuery
	}{{"an author without notes", models.AuthorQuery{AuthorID: "a-nobody"}}, {"no author", models.AuthorQuery{}}} {
		h, err := idx.Author(context.Background(), c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if h.Total != 0 || len(h.Recent) != 0 || len(h.Markets) != 0 || !h.FirstSeen.IsZero() || !h.LastSeen.IsZero() {
			t.Errorf("%s: %+v, want nothing", c.name, h)
		}
	}
}
