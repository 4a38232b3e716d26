package models

import (
	"slices"
	"time"
)

// ReviewAction is what a reviewer decided about a note.
type ReviewAction string

const (
	// ReviewApprove allows the note in the decided markets.
	ReviewApprove ReviewAction = "approve"
	// ReviewReject blocks the note in the decided markets, under a category.
	ReviewReject ReviewAction = "reject"
	// ReviewEscalate keeps the note in review, flagged for a senior
	// reviewer; it sorts first in the queue.
	ReviewEscalate ReviewAction = "escalate"
	// ReviewLabel adds a reviewer's label without deciding: the market
	// decisions stand and the note stays in the queue.
	ReviewLabel ReviewAction = "label"
	// ReviewUndo reverses the note's latest reviewer decision by a new
	// event: the machine's decisions are restored and the note returns to
	// the queue. Nothing is deleted.
	ReviewUndo ReviewAction = "undo"
)

// ReviewActions lists every action, in a fixed order.
var ReviewActions = []ReviewAction{ReviewApprove, ReviewReject, ReviewEscalate, ReviewLabel, ReviewUndo}

// Valid reports whether a is a known action.
func (a ReviewAction) Valid() bool {
	for _, k := range ReviewActions {
		if a == k {
			return true
		}
	}
	return false
}

// ReviewDecision is one reviewer decision, the event on the decisions
// topic (key = note_id). Decisions are never edited: a re-decision, an
// appeal or an undo is a new event that names the one it supersedes.
type ReviewDecision struct {
	// ID is unique per decision (random, hex).
	ID     string `json:"id"`
	NoteID string `json:"note_id"`
	// NoteVersion is the version the reviewer saw; a decision about an
	// older version than the stored one is audited but not applied.
	NoteVersion int64        `json:"note_version"`
	Action      ReviewAction `json:"action"`
	// Markets are the markets decided. The review desk always names them
	// (the reviewer's markets, or those of them the reviewer picked), so
	// the audit trail records them; empty, in events from before markets
	// were recorded, means every market of the note's moderation.
	Markets []string `json:"markets,omitempty"`
	// Category is required for reject and label.
	Category Category  `json:"category,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	Reviewer string    `json:"reviewer"`
	Role     string    `json:"role,omitempty"`
	At       time.Time `json:"at"`
	// PolicyVersion is the machine policy the reviewer saw the note under.
	PolicyVersion string `json:"policy_version,omitempty"`
	// Evidence is the labels the reviewer saw, as they were.
	Evidence []Label `json:"evidence,omitempty"`
	// Supersedes is the id of the decision this one reverses or revisits.
	Supersedes string `json:"supersedes,omitempty"`
	// Bulk names the note whose near-duplicates were decided together.
	Bulk string `json:"bulk,omitempty"`
}

// Review is the latest reviewer decision applied to a note.
type Review struct {
	DecisionID string       `json:"decision_id"`
	Action     ReviewAction `json:"action"`
	Reviewer   string       `json:"reviewer"`
	At         time.Time    `json:"at"`
	Category   Category     `json:"category,omitempty"`
	Reason     string       `json:"reason,omitempty"`
	// Markets are the markets the latest decision covered; empty on
	// decisions from before markets were recorded, which covered all.
	Markets []string `json:"markets,omitempty"`
	// Decided maps each market a reviewer approved or rejected (and no
	// undo restored since) to that decision, whichever decision came
	// last: what the reviewers of the other markets see, and what takes
	// an urgent note out of that market's queue. Nil on notes decided
	// before it was recorded (see Moderation.DecidedIn).
	Decided map[string]MarketDecision `json:"decided,omitempty"`
	// Escalated stays true until a decision or an undo.
	Escalated bool `json:"escalated,omitempty"`
	// Machine is the moderation outcome before any reviewer decision,
	// which an undo restores.
	Machine *MachineOutcome `json:"machine,omitempty"`
}

// MarketDecision is the reviewer decision that stands in one market.
type MarketDecision struct {
	DecisionID string       `json:"decision_id"`
	Action     ReviewAction `json:"action"`
	Reviewer   string       `json:"reviewer"`
	At         time.Time    `json:"at"`
}

// MachineOutcome is what the stages decided before a human did.
type MachineOutcome struct {
	Decision        Decision            `json:"decision"`
	Markets         map[string]Decision `json:"markets"`
	ApprovedMarkets []string            `json:"approved_markets,omitempty"`
	Labels          []Label             `json:"labels,omitempty"`
}

// AuditOutcome says what became of a decision.
type AuditOutcome string

const (
	// AuditApplied: the note was updated and routed.
	AuditApplied AuditOutcome = "applied"
	// AuditStale: the note changed (a newer version, or deleted) before
	// the decision arrived; nothing was changed.
	AuditStale AuditOutcome = "stale"
	// AuditRefused: the decision decides an appeal of a decision its own
	// reviewer made (models.Moderation.AppealConflict); nothing was
	// changed.
	AuditRefused AuditOutcome = "refused"
)

// AuditEntry is one line of the audit trail: a decision and its outcome.
// Entries are appended, never overwritten.
type AuditEntry struct {
	// Seq orders entries in one audit store.
	Seq      uint64         `json:"seq"`
	Decision ReviewDecision `json:"decision"`
	Outcome  AuditOutcome   `json:"outcome"`
	// Revision is the note revision the decision produced.
	Revision int64 `json:"revision,omitempty"`
	// Overturns is the id of an earlier decision this one reversed
	// (approve after reject, reject after approve, undo).
	Overturns  string    `json:"overturns,omitempty"`
	RecordedAt time.Time `json:"recorded_at"`
}

// QueueQuery selects notes waiting for a reviewer.
type QueueQuery struct {
	// Market keeps notes in review in that market; empty: in any.
	Market string
	// Markets keeps notes in review in at least one of them (a reviewer's
	// markets); empty: in any. Market, when set too, must hold as well.
	Markets []string
	// Category keeps notes with a label of that category.
	Category Category
	// Language keeps notes whose detected language has that code.
	Language string
	// AuthorID keeps one author's notes.
	AuthorID string
	// QueuedBefore and QueuedAfter bound when notegate first saw a note
	// (Note.QueuedAt); zero: unbounded.
	QueuedBefore, QueuedAfter time.Time
	// Oldest orders by age alone (oldest first) instead of priority
	// (urgency, then escalated, then reported, then severity, then
	// oldest).
	Oldest bool
	// Limit is the page size; zero means the index's default.
	Limit int
	// Offset skips that many notes.
	Offset int
}

// categorySeverity weighs categories by the harm of showing them.
var categorySeverity = map[Category]float64{
	CategorySexualMinors: 1, CategoryViolence: 0.9, CategorySelfHarm: 0.9,
	CategoryHate: 0.8, CategoryHarassment: 0.7, CategoryIllicit: 0.7,
	CategorySexual: 0.6, CategoryPII: 0.5, CategorySpam: 0.4, CategoryProfanity: 0.3,
}

// Severity is in [0, 1]: the greatest label score weighed by its
// category's harm. It orders the review queue.
func (m *Moderation) Severity() float64 {
	var s float64
	for _, l := range m.Labels {
		w, ok := categorySeverity[l.Category]
		if !ok {
			w = 0.5
		}
		s = max(s, l.Score*w)
	}
	return s
}

// Urgency is the review queue's first sort key, above escalation and
// severity: 2 for an author at risk (Urgent "self_harm": a life may be at
// stake and the note waits unseen), 1 for zero-tolerance content about
// minors (Urgent "sexual_minors": already blocked everywhere, so nobody
// sees it while it waits, but a person must confirm and report it), 0
// for every other note. It drops to 0 once a reviewer approved or
// rejected the note in every market of it (DecidedIn).
func (m *Moderation) Urgency() int {
	var u int
	switch m.Urgent {
	case CategorySelfHarm:
		u = 2
	case CategorySexualMinors:
		u = 1
	default:
		return 0
	}
	if len(m.Markets) == 0 {
		if m.Review != nil && (m.Review.Action == ReviewApprove || m.Review.Action == ReviewReject) {
			return 0
		}
		return u
	}
	for market := range m.Markets {
		if !m.DecidedIn(market) {
			return u
		}
	}
	return 0
}

// DecidedIn reports whether a reviewer approved or rejected the note in
// market, and no undo restored the machine's decision there since. A note
// decided before per-market records (Review.Decided nil) counts as
// decided in the markets of its latest decision when that was an approval
// or a rejection: every market when it named none.
func (m *Moderation) DecidedIn(market string) bool {
	r := m.Review
	switch {
	case r == nil:
		return false
	case r.Decided != nil:
		_, ok := r.Decided[market]
		return ok
	case r.Action != ReviewApprove && r.Action != ReviewReject:
		return false
	}
	return len(r.Markets) == 0 || slices.Contains(r.Markets, market)
}

// QueueMarkets lists the markets in which the note waits for a reviewer,
// sorted: those whose decision is review; every market of an urgent note
// (Urgency above 0), blocked or not, until a reviewer approves or rejects
// it there; the markets of an appeal that waits (AppealWaitsIn); and the
// markets users' reports queued it in, until a reviewer decision other
// than the one standing then stands there.
func (m *Moderation) QueueMarkets() []string {
	var out []string
	urgent := m.Urgency() > 0
	for market, d := range m.Markets {
		if d == DecisionReview || urgent && !m.DecidedIn(market) || m.AppealWaitsIn(market) || m.Reports.waitsIn(m, market) {
			out = append(out, market)
		}
	}
	slices.Sort(out)
	return out
}

// ReviewMarkets lists the markets whose decision is review, in map order
// sorted by the caller.
func (m *Moderation) ReviewMarkets() []string {
	var out []string
	for market, d := range m.Markets {
		if d == DecisionReview {
			out = append(out, market)
		}
	}
	return out
}

// EarliestSeen is the earlier of two FirstSeenAt times, a zero time
// counting as unknown: what the index keeps for a note id.
func EarliestSeen(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

// QueuedAt is where a note's age on the review queue counts from: when
// notegate first saw it (FirstSeenAt), or, for a note stored before that
// field existed, when notegate processed it. Never the author-supplied
// CreatedAt, which may say anything.
func (n *Note) QueuedAt() time.Time {
	if !n.FirstSeenAt.IsZero() {
		return n.FirstSeenAt
	}
	return n.ProcessedAt
}
