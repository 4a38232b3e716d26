package pipeline

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/segmentio/kafka-go"

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
		{"a note blocked under zero tolerance is rejected first", &models.Note{Moderation: models.Moderation{Decision: models.DecisionBlock, Urgent: models.CategorySexualMinors}}, RouteRejected},
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
	if topics.Topic(RouteDeleted) != "notes.approved" || topics.Topic(RouteWithdrawn) != "notes.approved" || topics.Topic(RouteDeadLetter) != "notes.dlq" {
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
				var want []Route
				if approved {
					want = append(want, RouteApproved)
				}
				if review {
					want = append(want, RouteReview)
				}
				if !approved && !review {
					want = append(want, RouteRejected)
				}
				if !approved && ever {
					want = append(want, RouteWithdrawn)
				}
				name := fmt.Sprintf("cn_%s_intl_%s_ever_approved_%v", cn, intl, ever)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					got := Routes(n, ever)
					if !slices.Equal(got, want) {
						t.Errorf("Routes = %v, want %v", got, want)
					}
					if RouteOf(n) != got[0] {
						t.Errorf("RouteOf = %s, want the first route %s", RouteOf(n), got[0])
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
		want []Route
	}{
		{"blocked everywhere and unseen: rejected and review", blocked(nil), []Route{RouteRejected, RouteReview}},
		{"escalated: still in review", blocked(&models.Review{Action: models.ReviewEscalate, Escalated: true}), []Route{RouteRejected, RouteReview}},
		{"rejected by a reviewer: rejected only", blocked(&models.Review{Action: models.ReviewReject}), []Route{RouteRejected}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Routes(tt.note, false); !slices.Equal(got, tt.want) {
				t.Errorf("Routes = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOutputMessagesPublishTheStoredNote(t *testing.T) {
	t.Parallel()
	topics := DefaultTopics()
	in := kafka.Message{Topic: "notes.events", Partition: 2, Offset: 41}
	stored := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Version: 1 << 62, Title: "secret title", Body: "blocked words"},
		Moderation: models.Moderation{Decision: models.DecisionBlock, Markets: map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionReview},
			Labels: []models.Label{{Category: models.CategorySpam, Score: 1, Evidence: []models.Evidence{{Field: "body", Text: "blocked"}}}}},
		Revision: 7}
	tests := []struct {
		name        string
		env         *Envelope
		wantTopics  []string
		wantRoutes  []string
		wantIndex   string
		withdrawnOK bool
	}{
		{"a replay publishes the stored state marked unchanged",
			&Envelope{Note: stored, Written: false},
			[]string{"notes.review"}, []string{"review"}, IndexUnchanged, false},
		{"a written note that feeds saw is withdrawn from them without its texts",
			&Envelope{Note: stored, Written: true, EverApproved: true},
			[]string{"notes.review", "notes.approved"}, []string{"review", "withdrawn"}, IndexWritten, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			msgs, err := outputMessages(topics, in, tt.env)
			if err != nil {
				t.Fatal(err)
			}
			var gotTopics, gotRoutes []string
			for _, m := range msgs {
				gotTopics = append(gotTopics, m.Topic)
				gotRoutes = append(gotRoutes, header(m, HeaderRoute))
				if string(m.Key) != "n1" || header(m, HeaderVersion) != "4611686018427387904" || header(m, HeaderRevision) != "7" ||
					header(m, HeaderIndex) != tt.wantIndex || header(m, HeaderSourceOffset) != "41" {
					t.Errorf("message to %s: key %s headers %v", m.Topic, m.Key, m.Headers)
				}
				var n models.Note
				if err := json.Unmarshal(m.Value, &n); err != nil {
					t.Fatal(err)
				}
				if header(m, HeaderRoute) == string(RouteWithdrawn) {
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
