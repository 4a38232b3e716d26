package pipeline_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

func TestRouteOf(t *testing.T) {
	t.Parallel()
	del := &models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted}}
	tests := []struct {
		name string
		note *models.Note
		want pipeline.Route
	}{
		{"a deletion is forwarded", del, pipeline.RouteDeleted},
		{"a note allowed everywhere is approved", &models.Note{Moderation: models.Moderation{Decision: models.DecisionAllow}, ApprovedMarkets: []string{"cn", "intl"}}, pipeline.RouteApproved},
		{"a note allowed in one market is approved", &models.Note{Moderation: models.Moderation{Decision: models.DecisionBlock}, ApprovedMarkets: []string{"intl"}}, pipeline.RouteApproved},
		{"a note in review everywhere goes to review", &models.Note{Moderation: models.Moderation{Decision: models.DecisionReview}}, pipeline.RouteReview},
		{"a blocked note goes to rejected", &models.Note{Moderation: models.Moderation{Decision: models.DecisionBlock}}, pipeline.RouteRejected},
		{"a note nobody moderated waits for a human", &models.Note{}, pipeline.RouteReview},
		{"a note blocked under zero tolerance is rejected first", &models.Note{Moderation: models.Moderation{Decision: models.DecisionBlock, Urgent: models.CategorySexualMinors}}, pipeline.RouteRejected},
	}
	topics := pipeline.DefaultTopics()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := pipeline.RouteOf(tt.note); got != tt.want {
				t.Errorf("RouteOf = %q, want %q", got, tt.want)
			}
			if topics.Topic(pipeline.RouteOf(tt.note)) == "" {
				t.Error("route has no topic")
			}
		})
	}
	if topics.Topic(pipeline.RouteDeleted) != "notes.approved" || topics.Topic(pipeline.RouteWithdrawn) != "notes.approved" || topics.Topic(pipeline.RouteDeadLetter) != "notes.dlq" {
		t.Error("deletions must reach the feed topic and bad events the dead-letter topic")
	}
}

// TestRoutesOfEveryCombinationOfMarketDecisions walks every combination of
// decisions in two markets, for a note that feeds never saw and for one
// they may show, and checks the contract: approved wherever a market
// approves, on the review topic whenever a market is in review (so the
// review topic holds the whole queue), rejected only when every market
// blocks, and withdrawn from feeds when a note they saw is approved
// nowhere.
func TestRoutesOfEveryCombinationOfMarketDecisions(t *testing.T) {
	t.Parallel()
	ds := []models.Decision{models.DecisionAllow, models.DecisionReview, models.DecisionBlock}
	for _, cn := range ds {
		for _, intl := range ds {
			for _, ever := range []bool{false, true} {
				n := &models.Note{Moderation: models.Moderation{Markets: map[string]models.Decision{"cn": cn, "intl": intl}}}
				n.Moderation.Decision = models.MostRestrictive(cn, intl)
				for m, d := range n.Moderation.Markets {
					if d == models.DecisionAllow {
						n.ApprovedMarkets = append(n.ApprovedMarkets, m)
					}
				}
				approved := cn == models.DecisionAllow || intl == models.DecisionAllow
				review := cn == models.DecisionReview || intl == models.DecisionReview
				var want []pipeline.Route
				if approved {
					want = append(want, pipeline.RouteApproved)
				}
				if review {
					want = append(want, pipeline.RouteReview)
				}
				if !approved && !review {
					want = append(want, pipeline.RouteRejected)
				}
				if !approved && ever {
					want = append(want, pipeline.RouteWithdrawn)
				}
				name := fmt.Sprintf("cn_%s_intl_%s_ever_approved_%v", cn, intl, ever)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					got := pipeline.Routes(n, ever)
					if !slices.Equal(got, want) {
						t.Errorf("Routes = %v, want %v", got, want)
					}
					if pipeline.RouteOf(n) != got[0] {
						t.Errorf("RouteOf = %s, want the first route %s", pipeline.RouteOf(n), got[0])
					}
				})
			}
		}
	}
}

// TestUrgentNotesAreOnTheReviewTopic: a note the review queue lists
// whatever its decisions (urgent, models.Moderation.Urgency) is on the
// review topic too, until a reviewer approved or rejected it.
func TestUrgentNotesAreOnTheReviewTopic(t *testing.T) {
	t.Parallel()
	blocked := func(review *models.Review) *models.Note {
		return &models.Note{Moderation: models.Moderation{
			Decision: models.DecisionBlock, Urgent: models.CategorySexualMinors, Review: review,
			Markets: map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionBlock},
		}}
	}
	tests := []struct {
		name string
		note *models.Note
		want []pipeline.Route
	}{
		{"blocked everywhere and unseen: rejected and review", blocked(nil), []pipeline.Route{pipeline.RouteRejected, pipeline.RouteReview}},
		{"escalated: still in review", blocked(&models.Review{Action: models.ReviewEscalate, Escalated: true}), []pipeline.Route{pipeline.RouteRejected, pipeline.RouteReview}},
		{"rejected by a reviewer: rejected only", blocked(&models.Review{Action: models.ReviewReject}), []pipeline.Route{pipeline.RouteRejected}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := pipeline.Routes(tt.note, false); !slices.Equal(got, tt.want) {
				t.Errorf("Routes = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOutputMessagesPublishTheStoredNote(t *testing.T) {
	t.Parallel()
	topics := pipeline.DefaultTopics()
	in := kafka.Message{Topic: "notes.events", Partition: 2, Offset: 41}
	stored := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Version: 1 << 62, Title: "secret title", Body: "blocked words"},
		Moderation: models.Moderation{Decision: models.DecisionBlock, Markets: map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionReview},
			Labels: []models.Label{{Category: models.CategorySpam, Score: 1, Evidence: []models.Evidence{{Field: "body", Text: "blocked"}}}}},
		Revision: 7}
	tests := []struct {
		name        string
		env         *pipeline.Envelope
		wantTopics  []string
		wantRoutes  []string
		wantIndex   string
		withdrawnOK bool
	}{
		{"a replay publishes the stored state marked unchanged",
			&pipeline.Envelope{Note: stored, Written: false},
			[]string{"notes.review"}, []string{"review"}, pipeline.IndexUnchanged, false},
		{"a written note that feeds saw is withdrawn from them without its texts",
			&pipeline.Envelope{Note: stored, Written: true, EverApproved: true},
			[]string{"notes.review", "notes.approved"}, []string{"review", "withdrawn"}, pipeline.IndexWritten, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			msgs, err := pipeline.OutputMessages(topics, in, tt.env)
			if err != nil {
				t.Fatal(err)
			}
			var gotTopics, gotRoutes []string
			for _, m := range msgs {
				gotTopics = append(gotTopics, m.Topic)
				gotRoutes = append(gotRoutes, pipelinetest.Header(m, pipeline.HeaderRoute))
				if string(m.Key) != "n1" || pipelinetest.Header(m, pipeline.HeaderVersion) != "4611686018427387904" || pipelinetest.Header(m, pipeline.HeaderRevision) != "7" ||
					pipelinetest.Header(m, pipeline.HeaderIndex) != tt.wantIndex || pipelinetest.Header(m, pipeline.HeaderSourceOffset) != "41" {
					t.Errorf("message to %s: key %s headers %v", m.Topic, m.Key, m.Headers)
				}
				var n models.Note
				if err := json.Unmarshal(m.Value, &n); err != nil {
					t.Fatal(err)
				}
				if pipelinetest.Header(m, pipeline.HeaderRoute) == string(pipeline.RouteWithdrawn) {
					if n.Title != "" || n.Body != "" || len(n.Moderation.Labels) != 0 || n.Revision != 7 || n.NoteID != "n1" {
						t.Errorf("withdrawal carries %s", m.Value)
					}
				} else if n.Body != "blocked words" {
					t.Errorf("routed note lost its body: %s", m.Value)
				}
			}
			if !slices.Equal(gotTopics, tt.wantTopics) || !slices.Equal(gotRoutes, tt.wantRoutes) {
				t.Errorf("published to %v as %v, want %v as %v", gotTopics, gotRoutes, tt.wantTopics, tt.wantRoutes)
			}
		})
	}
}
