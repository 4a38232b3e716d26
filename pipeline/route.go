package pipeline

import (
	"errors"
	"fmt"

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
	case RouteApproved, RouteDeleted:
		return t.Approved
	case RouteRejected:
		return t.Rejected
	case RouteDeadLetter:
		return t.DeadLetter
	}
	return t.Review
}

// RouteOf decides the route of a processed note: a deletion is forwarded; a
// note approved in any market is approved; otherwise the most restrictive
// decision wins, and a note without a decision waits for a human.
func RouteOf(n *models.Note) Route {
	if n.Deleted() {
		return RouteDeleted
	}
	if len(n.ApprovedMarkets) > 0 {
		return RouteApproved
	}
	if n.Moderation.Decision == models.DecisionBlock {
		return RouteRejected
	}
	return RouteReview
}
