package indextest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
)

// inReview builds a note in review in markets, with one label, that
// notegate first saw at seen. Its created_at, which the author's service
// supplies, says the opposite order, years earlier: the queue's age must
// not follow it.
func inReview(id string, category models.Category, score float64, seen time.Time, lang string, markets ...string) *models.Note {
	n := Note(id, 1, lang, "title "+id, "body "+id)
	n.FirstSeenAt = seen
	n.CreatedAt = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).Add(-seen.Sub(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	n.Moderation.Decision = models.DecisionReview
	for _, m := range markets {
		n.Moderation.Markets[m] = models.DecisionReview
	}
	n.Moderation.Labels = []models.Label{{Category: category, Score: score, Source: "test"}}
	return n
}

func queueIDs(t *testing.T, idx index.Index, q models.QueueQuery) []string {
	t.Helper()
	visible(t, idx)
	res, err := idx.Queue(context.Background(), q)
	if err != nil {
		t.Fatalf("Queue(%+v): %v", q, err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.Note.NoteID)
	}
	if res.Total < len(ids) {
		t.Fatalf("Queue(%+v): total %d below %d hits", q, res.Total, len(ids))
	}
	return ids
}

func testQueue(t *testing.T, f Factory) {
	idx := open(t, f)
	t0 := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	old := inReview("q-old", models.CategorySpam, 0.9, t0, "en", "intl")
	severe := inReview("q-severe", models.CategoryViolence, 0.9, t0.Add(2*time.Hour), "zh", "cn")
	mild := inReview("q-mild", models.CategorySpam, 0.9, t0.Add(time.Hour), "en", "cn", "intl")
	escalated := inReview("q-escalated", models.CategoryProfanity, 0.5, t0.Add(3*time.Hour), "en", "intl")
	escalated.Moderation.Review = &models.Review{DecisionID: "d1", Action: models.ReviewEscalate, Reviewer: "r", Escalated: true}
	approved := Note("q-approved", 1, "en", "fine", "fine", "cn", "intl")
	blocked := withDecision(Note("q-blocked", 1, "en", "bad", "bad"), models.DecisionBlock)
	gone := inReview("q-gone", models.CategorySpam, 1, t0, "en", "intl")
	// An author at risk: in review, low severity, newest, first anyway.
	atRisk := inReview("q-at-risk", models.CategorySelfHarm, 0.6, t0.Add(5*time.Hour), "en", "cn", "intl")
	atRisk.Moderation.Support = &models.Support{Category: models.CategorySelfHarm, ShowResources: true}
	atRisk.Moderation.Urgent = models.CategorySelfHarm
	// Zero tolerance: blocked in every market and still queued, second.
	minors := withDecision(Note("q-minors", 1, "en", "bad", "bad"), models.DecisionBlock)
	minors.FirstSeenAt = t0.Add(4 * time.Hour)
	minors.Moderation.Markets = map[string]models.Decision{"cn": models.DecisionBlock}
	minors.Moderation.Labels = []models.Label{{Category: models.CategorySexualMinors, Score: 0.95, Source: "test"}}
	minors.Moderation.Urgent = models.CategorySexualMinors
	apply(t, idx, old, severe, mild, escalated, approved, blocked, gone, atRisk, minors)
	apply(t, idx, Deletion("q-gone", 2))

	if got, want := queueIDs(t, idx, models.QueueQuery{}), []string{"q-at-risk", "q-minors", "q-escalated", "q-severe", "q-old", "q-mild"}; !slices.Equal(got, want) {
		t.Errorf("queue by priority = %v, want %v", got, want)
	}
	if got, want := queueIDs(t, idx, models.QueueQuery{Oldest: true}), []string{"q-old", "q-mild", "q-severe", "q-escalated", "q-minors", "q-at-risk"}; !slices.Equal(got, want) {
		t.Errorf("queue by age = %v, want %v", got, want)
	}
	for _, c := range []struct {
		name string
		q    models.QueueQuery
		want []string
	}{
		{"market", models.QueueQuery{Market: "cn"}, []string{"q-at-risk", "q-minors", "q-severe", "q-mild"}},
		{"a reviewer's markets", models.QueueQuery{Markets: []string{"cn"}}, []string{"q-at-risk", "q-minors", "q-severe", "q-mild"}},
		{"either of a reviewer's markets", models.QueueQuery{Markets: []string{"cn", "intl"}, Oldest: true}, []string{"q-old", "q-mild", "q-severe", "q-escalated", "q-minors", "q-at-risk"}},
		{"market within a reviewer's markets", models.QueueQuery{Market: "intl", Markets: []string{"cn"}}, []string{"q-at-risk", "q-mild"}},
		{"category", models.QueueQuery{Category: models.CategorySpam}, []string{"q-old", "q-mild"}},
		{"urgent category", models.QueueQuery{Category: models.CategorySexualMinors}, []string{"q-minors"}},
		{"language", models.QueueQuery{Language: "zh"}, []string{"q-severe"}},
		{"author", models.QueueQuery{AuthorID: "author-q-mild"}, []string{"q-mild"}},
		{"queued before", models.QueueQuery{QueuedBefore: t0.Add(90 * time.Minute)}, []string{"q-old", "q-mild"}},
		{"queued after", models.QueueQuery{QueuedAfter: t0.Add(90 * time.Minute), Oldest: true}, []string{"q-severe", "q-escalated", "q-minors", "q-at-risk"}},
		{"page", models.QueueQuery{Limit: 2, Offset: 3}, []string{"q-severe", "q-old"}},
	} {
		if got := queueIDs(t, idx, c.q); !slices.Equal(got, c.want) {
			t.Errorf("%s: queue = %v, want %v", c.name, got, c.want)
		}
	}

	// A reviewer's approval (a higher revision) takes the note out.
	decided := inReview("q-old", models.CategorySpam, 0.9, t0, "en", "intl")
	decided.Revision = 1
	decided.Moderation.Markets["intl"] = models.DecisionAllow
	decided.ApprovedMarkets = []string{"intl"}
	apply(t, idx, decided)
	if got := queueIDs(t, idx, models.QueueQuery{Market: "intl"}); slices.Contains(got, "q-old") {
		t.Errorf("an approved note is still queued: %v", got)
	}

	// A reviewer's rejection confirms the blocked urgent note: it leaves
	// the queue.
	confirmed := *minors
	confirmed.Revision = 1
	confirmed.Moderation.Review = &models.Review{DecisionID: "d2", Action: models.ReviewReject, Reviewer: "r", Category: models.CategorySexualMinors}
	apply(t, idx, &confirmed)
	if got := queueIDs(t, idx, models.QueueQuery{}); slices.Contains(got, "q-minors") {
		t.Errorf("a rejected urgent note is still queued: %v", got)
	}

	// An urgent note confirmed in intl only still waits in cn.
	split := withDecision(Note("q-minors-split", 1, "en", "bad", "bad"), models.DecisionBlock)
	split.Moderation.Markets = map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionBlock}
	split.Moderation.Labels = []models.Label{{Category: models.CategorySexualMinors, Score: 0.95, Source: "test"}}
	split.Moderation.Urgent = models.CategorySexualMinors
	split.Moderation.Review = &models.Review{DecisionID: "d3", Action: models.ReviewReject, Reviewer: "r", Markets: []string{"intl"},
		Decided: map[string]models.MarketDecision{"intl": {DecisionID: "d3", Action: models.ReviewReject, Reviewer: "r"}}}
	apply(t, idx, split)
	if got := queueIDs(t, idx, models.QueueQuery{Markets: []string{"cn"}}); !slices.Contains(got, "q-minors-split") {
		t.Errorf("an urgent note confirmed in intl only is not in cn's queue: %v", got)
	}
	if got := queueIDs(t, idx, models.QueueQuery{Market: "intl"}); slices.Contains(got, "q-minors-split") {
		t.Errorf("an urgent note confirmed in intl is still in intl's queue: %v", got)
	}

	// Users' reports queue a note approved in intl there, after urgent
	// and escalated notes and before the rest whatever their severity,
	// more reporters first; an appeal queues a note blocked everywhere in
	// the markets appealed.
	reported := func(id string, reporters int) *models.Note {
		n := Note(id, 1, "en", "title "+id, "body "+id, "intl")
		n.Moderation.Reports = &models.Reports{Reporters: reporters, Since: map[string]string{"intl": ""}}
		return n
	}
	appealed := withDecision(Note("q-appealed", 1, "en", "t", "b"), models.DecisionBlock)
	appealed.Moderation.Appeal = &models.Appeal{ID: "a1", Original: map[string]models.AppealedDecision{"cn": {Decision: models.DecisionBlock}}}
	apply(t, idx, reported("q-reported-5", 5), reported("q-reported-40", 40), appealed)
	if got, want := queueIDs(t, idx, models.QueueQuery{Market: "intl"}), []string{"q-at-risk", "q-escalated", "q-reported-40", "q-reported-5", "q-mild"}; !slices.Equal(got, want) {
		t.Errorf("intl queue with reported notes = %v, want %v", got, want)
	}
	if got := queueIDs(t, idx, models.QueueQuery{Market: "cn"}); !slices.Contains(got, "q-appealed") || slices.Contains(got, "q-reported-40") {
		t.Errorf("cn queue = %v, want the appealed note and no reported one (approved in intl only)", got)
	}
	// A reviewer's approval in intl settles the reports there.
	settled := reported("q-reported-40", 40)
	settled.Revision = 1
	settled.Moderation.Review = &models.Review{DecisionID: "d4", Action: models.ReviewApprove, Reviewer: "r", Markets: []string{"intl"},
		Decided: map[string]models.MarketDecision{"intl": {DecisionID: "d4", Action: models.ReviewApprove, Reviewer: "r"}}}
	apply(t, idx, settled)
	if got := queueIDs(t, idx, models.QueueQuery{Market: "intl"}); slices.Contains(got, "q-reported-40") {
		t.Errorf("a reported note a reviewer approved since is still queued: %v", got)
	}
}
