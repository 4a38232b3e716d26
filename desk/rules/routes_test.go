package rules

import (
	"slices"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// TestReportedAndAppealedNotesAreOnTheReviewTopic: a note in the review
// queue for users' reports or an appeal is published to the review topic
// besides its route, as an urgent one is, and only while it waits.
func TestReportedAndAppealedNotesAreOnTheReviewTopic(t *testing.T) {
	t.Parallel()
	appealed, _ := ApplyAppeal(shownNote("a", "cn", "intl"), models.AppealEvent{AppealID: "ap", NoteID: "a", AuthorID: "author-a"})
	reported, _ := ApplyReports(shownNote("r"), reportsBy("r", "spam", "u1", "u2", "u3", "u4", "u5"), ReportsConfig{}, time.Now())
	settled := ApplyDecision(reported, models.ReviewDecision{ID: "d1", NoteID: "r", NoteVersion: 1, Action: models.ReviewApprove, Reviewer: "r2"})
	for _, c := range []struct {
		name string
		note *models.Note
		want []pipeline.Route
	}{
		{"a reported note shown everywhere is approved and in review", reported, []pipeline.Route{pipeline.RouteApproved, pipeline.RouteReview}},
		{"a reported note a reviewer approved since is approved only", settled, []pipeline.Route{pipeline.RouteApproved}},
		{"an appealed note blocked everywhere is rejected and in review", appealed, []pipeline.Route{pipeline.RouteRejected, pipeline.RouteReview}},
		{"below the threshold reports change no route", func() *models.Note {
			n, _ := ApplyReports(shownNote("q"), reportsBy("q", "spam", "u1"), ReportsConfig{}, time.Now())
			return n
		}(), []pipeline.Route{pipeline.RouteApproved}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := pipeline.Routes(c.note, false); !slices.Equal(got, c.want) {
				t.Errorf("pipeline.Routes = %v, want %v", got, c.want)
			}
		})
	}
}
