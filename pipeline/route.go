package pipeline

import (
	"errors"
	"fmt"
	"slices"

	"github.com/notegate/notegate/models"
)

// Route is where a processed event goes.
type Route string

const (
	// RouteApproved: allowed in at least one market; the feed's input.
	RouteApproved Route = "approved"
	// RouteReview: needs a human before it is shown anywhere.
	RouteReview Route = "review"
	// RouteRejected: blocked in every market.
	RouteRejected Route = "rejected"
	// RouteDeleted: a deletion, forwarded to the feed's input so feeds drop
	// the note.
	RouteDeleted Route = "deleted"
	// RouteDeadLetter: a bad event, with its reason.
	RouteDeadLetter Route = "dead_letter"
	// RouteWithdrawn: a note that feeds may be showing and that is now
	// approved in no market (a new version in review or blocked, a
	// reviewer's rejection), sent to the approved topic without its texts
	// so that feeds drop it.
	RouteWithdrawn Route = "withdrawn"
)

// Topics names the output topics.
type Topics struct {
	// Approved receives notes allowed in at least one market, and deletions.
	// Default "notes.approved".
	Approved string `yaml:"approved"`
	// Review receives notes that need a human. Default "notes.review".
	Review string `yaml:"review"`
	// Rejected receives notes blocked everywhere. Default "notes.rejected".
	Rejected string `yaml:"rejected"`
	// DeadLetter receives bad events, unchanged, with the reason in headers.
	// Default "notes.dlq".
	DeadLetter string `yaml:"dead_letter"`
	// TranslateRetry carries the follow-ups of notes whose translations are
	// pending (PendingTranslation). Default "notes.translate.retry".
	TranslateRetry string `yaml:"translate_retry,omitempty"`
}

// DefaultTopics returns the documented topic names.
func DefaultTopics() Topics {
	return Topics{Approved: "notes.approved", Review: "notes.review", Rejected: "notes.rejected", DeadLetter: "notes.dlq"}
}

// Validate reports a missing topic name.
func (t Topics) Validate() error {
	var errs []error
	for name, v := range map[string]string{"approved": t.Approved, "review": t.Review, "rejected": t.Rejected, "dead_letter": t.DeadLetter} {
		if v == "" {
			errs = append(errs, fmt.Errorf("topics.%s is empty", name))
		}
	}
	return errors.Join(errs...)
}

// Topic returns the topic of a route.
func (t Topics) Topic(r Route) string {
	switch r {
	case RouteApproved, RouteDeleted, RouteWithdrawn:
		return t.Approved
	case RouteRejected:
		return t.Rejected
	case RouteDeadLetter:
		return t.DeadLetter
	}
	return t.Review
}

// RouteOf is the primary route of a stored note, the one metrics count: a
// deletion is forwarded; a note approved in any market is approved;
// otherwise one in review in any market (or without any decision) waits
// for a human, and one blocked in every market is rejected.
func RouteOf(n *models.Note) Route {
	return Routes(n, false)[0]
}

// Routes returns every route a stored note state is published to, the
// primary one (RouteOf) first:
//
//   - a deletion: deleted (on the approved topic, so feeds drop the note);
//   - approved in at least one market: approved;
//   - in review in at least one market: review, besides approved when
//     another market approved it, so that every note in the review queue
//     is on the review topic;
//   - approved nowhere and in review nowhere: rejected when blocked in
//     every market, review when no market decided (no moderation);
//   - in the review queue (models.Moderation.QueueMarkets: urgent,
//     appealed, queued by users' reports) and in review nowhere: review
//     as well, as the review queue lists it;
//   - approved nowhere although everApproved (some earlier state was
//     approved, so a feed may show it): withdrawn as well, on the approved
//     topic, so feeds drop it.
func Routes(n *models.Note, everApproved bool) []Route {
	if n.Deleted() {
		return []Route{RouteDeleted}
	}
	var out []Route
	if len(n.ApprovedMarkets) > 0 {
		out = append(out, RouteApproved)
	}
	inReview := false
	for _, d := range n.Moderation.Markets {
		if d == models.DecisionReview {
			inReview = true
			break
		}
	}
	switch {
	case inReview:
		out = append(out, RouteReview)
	case len(out) > 0:
	case n.Moderation.Decision == models.DecisionBlock:
		out = append(out, RouteRejected)
	default:
		out = append(out, RouteReview)
	}
	if !inReview && !slices.Contains(out, RouteReview) && len(n.Moderation.QueueMarkets()) > 0 {
		// An urgent note (sexual_minors blocked under zero tolerance), an
		// appealed or a reported one is in the review queue whatever its
		// decisions: it is on the review topic too.
		out = append(out, RouteReview)
	}
	if len(n.ApprovedMarkets) == 0 && everApproved {
		out = append(out, RouteWithdrawn)
	}
	return out
}
