package pipeline

import (
	"testing"

	"github.com/notegate/notegate/models"
)

func TestRouteOf(t *testing.T) {
	t.Parallel()
	del := &models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted}}
	tests := []struct {
		name string
		note *models.Note
		want Route
	}{
		{"a deletion is forwarded", del, RouteDeleted},
		{"a note allowed everywhere is approved", &models.Note{Moderation: models.Moderation{Decision: models.DecisionAllow}, ApprovedMarkets: []string{"cn", "intl"}}, RouteApproved},
		{"a note allowed in one market is approved", &models.Note{Moderation: models.Moderation{Decision: models.DecisionBlock}, ApprovedMarkets: []string{"intl"}}, RouteApproved},
		{"a note in review everywhere goes to review", &models.Note{Moderation: models.Moderation{Decision: models.DecisionReview}}, RouteReview},
		{"a blocked note goes to rejected", &models.Note{Moderation: models.Moderation{Decision: models.DecisionBlock}}, RouteRejected},
		{"a note nobody moderated waits for a human", &models.Note{}, RouteReview},
	}
	topics := DefaultTopics()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := RouteOf(tt.note); got != tt.want {
				t.Errorf("RouteOf = %q, want %q", got, tt.want)
			}
			if topics.Topic(RouteOf(tt.note)) == "" {
				t.Error("route has no topic")
			}
		})
	}
	if topics.Topic(RouteDeleted) != "notes.approved" || topics.Topic(RouteDeadLetter) != "notes.dlq" {
		t.Error("deletions must reach the feed topic and bad events the dead-letter topic")
	}
}
