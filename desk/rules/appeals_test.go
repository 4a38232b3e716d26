package rules

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

// rejectedIn is shownNote with a rejection by reviewer in market.
func rejectedIn(id, reviewer, market string) *models.Note {
	n := shownNote(id)
	return ApplyDecision(n, models.ReviewDecision{ID: "d-" + reviewer, NoteID: id, NoteVersion: n.Version, Action: models.ReviewReject,
		Markets: []string{market}, Category: models.CategorySpam, Reason: "selling followers", Reviewer: reviewer,
		At: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)})
}

func TestApplyAppealRecordsTheDecisionUnderAppeal(t *testing.T) {
	t.Parallel()
	appeal := func(markets ...string) models.AppealEvent {
		return models.AppealEvent{AppealID: "ap-1", NoteID: "n", AuthorID: "author-n", Message: "it was a joke among friends", Markets: markets}
	}
	opened, _ := ApplyAppeal(rejectedIn("n", "r1", "cn"), appeal())
	for _, c := range []struct {
		name     string
		note     *models.Note
		ev       models.AppealEvent
		want     AppealOutcome
		original map[string]models.AppealedDecision
	}{
		{"a reviewer's rejection is appealed in its market", rejectedIn("n", "r1", "cn"), appeal(), AppealOpened,
			map[string]models.AppealedDecision{"cn": {Decision: models.DecisionBlock, DecisionID: "d-r1", Reviewer: "r1", Action: models.ReviewReject,
				Category: models.CategorySpam, Reason: "selling followers", At: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}}},
		{"the machine's blocks are appealed in every blocked market", shownNote("n", "cn", "intl"), appeal(), AppealOpened,
			map[string]models.AppealedDecision{"cn": {Decision: models.DecisionBlock}, "intl": {Decision: models.DecisionBlock}}},
		{"an appeal naming markets covers those only", shownNote("n", "cn", "intl"), appeal("intl"), AppealOpened,
			map[string]models.AppealedDecision{"intl": {Decision: models.DecisionBlock}}},
		{"a note blocked nowhere has nothing to appeal", shownNote("n"), appeal(), AppealNotBlocked, nil},
		{"a market named but not blocked has nothing to appeal", shownNote("n", "cn"), appeal("intl"), AppealNotBlocked, nil},
		{"only the author appeals", shownNote("n", "cn"), models.AppealEvent{AppealID: "ap-1", NoteID: "n", AuthorID: "someone"}, AppealWrongAuthor, nil},
		{"an appeal of another version is stale", shownNote("n", "cn"), models.AppealEvent{AppealID: "ap-1", NoteID: "n", AuthorID: "author-n", Version: 7}, AppealStale, nil},
		{"the same appeal again changes nothing", opened, appeal(), AppealDuplicate, nil},
		{"one appeal is taken per version", opened, models.AppealEvent{AppealID: "ap-2", NoteID: "n", AuthorID: "author-n"}, AppealAlreadyAppealed, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, got := ApplyAppeal(c.note, c.ev)
			if got != c.want {
				t.Fatalf("outcome %s, want %s", got, c.want)
			}
			if c.want != AppealOpened {
				if out != nil {
					t.Errorf("the note was rewritten: %+v", out.Moderation.Appeal)
				}
				return
			}
			a := out.Moderation.Appeal
			if a == nil || a.ID != c.ev.AppealID || a.Message != c.ev.Message || fmt.Sprint(a.Original) != fmt.Sprint(c.original) {
				t.Fatalf("appeal %+v, want original %+v", a, c.original)
			}
			if out.Revision != c.note.Revision+1 || c.note.Moderation.Appeal != nil {
				t.Errorf("revision %d (was %d), the given note's appeal %+v", out.Revision, c.note.Revision, c.note.Moderation.Appeal)
			}
			if got, want := out.Moderation.QueueMarkets(), slices.Sorted(func(yield func(string) bool) {
				for m := range c.original {
					if !yield(m) {
						return
					}
				}
			}); !slices.Equal(got, want) {
				t.Errorf("queued in %v, want %v", got, want)
			}
		})
	}
}

// TestDecisionConsumerRefusesTheFirstReviewerOnAnAppeal: whoever published
// it, a decision by the reviewer whose rejection is under appeal is not
// applied in the appealed market; a second reviewer's is, and settles the
// appeal.
func TestDecisionConsumerRefusesTheFirstReviewerOnAnAppeal(t *testing.T) {
	t.Parallel()
	appealed, outcome := ApplyAppeal(rejectedIn("n", "r1", "cn"), models.AppealEvent{AppealID: "ap-1", NoteID: "n", AuthorID: "author-n"})
	if outcome != AppealOpened {
		t.Fatalf("setting up: %s", outcome)
	}
	idx := pipelinetest.NewMemIndex(*appealed)
	c, err := NewDecisionConsumer(pipelinetest.Config([]string{"127.0.0.1:1"}), DecisionsConfig{}, idx, nopAuditor{},
		func(err error) bool { return errors.Is(err, pipelinetest.ErrNoNote) }, nil, pipelinetest.QuietLogger())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	decision := func(id, reviewer string, action models.ReviewAction, markets ...string) models.ReviewDecision {
		return models.ReviewDecision{ID: id, NoteID: "n", NoteVersion: 1, Action: action, Markets: markets, Reviewer: reviewer, At: time.Now()}
	}
	for _, c2 := range []struct {
		name string
		d    models.ReviewDecision
		want error
	}{
		{"the first reviewer's approval in the appealed market is refused", decision("d2", "r1", models.ReviewApprove, "cn"), errDecisionRefused},
		{"the first reviewer's undo is refused", decision("d3", "r1", models.ReviewUndo, "cn"), errDecisionRefused},
		{"the first reviewer may escalate", decision("d4", "r1", models.ReviewEscalate, "cn"), nil},
		{"a second reviewer decides the appeal", decision("d5", "r2", models.ReviewApprove, "cn"), nil},
		{"once decided, the first reviewer decides again", decision("d6", "r1", models.ReviewReject, "cn"), nil},
	} {
		t.Run(c2.name, func(t *testing.T) {
			_, _, err := c.apply(ctx, c2.d)
			if !errors.Is(err, c2.want) {
				t.Fatalf("apply: %v, want %v", err, c2.want)
			}
		})
	}
	n, _ := idx.Note("n")
	if n.Moderation.AppealWaitsIn("cn") || n.Moderation.Review.Decided["cn"].Reviewer != "r1" {
		t.Errorf("after the appeal was decided: waits %v, standing %+v", n.Moderation.AppealWaitsIn("cn"), n.Moderation.Review.Decided)
	}
}

type nopAuditor struct{}

func (nopAuditor) Record(context.Context, models.AuditEntry) error { return nil }
