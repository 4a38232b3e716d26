package models

import "time"

// ThreadQuery selects the comments that answer one note: the live notes
// whose ParentID is ParentID, whatever their decisions.
type ThreadQuery struct {
	ParentID string
	// Limit is the page size; zero means the index's default.
	Limit int
	// Offset skips that many notes.
	Offset int
}

// AuthorQuery selects one author's live notes, whatever their decisions.
type AuthorQuery struct {
	AuthorID string
	// Limit is how many of the most recent notes to return; zero means
	// the index's default.
	Limit int
}

// AuthorHistory is what the index holds of one author: the reviewer
// desk's author panel.
type AuthorHistory struct {
	// Total counts the author's live notes.
	Total int `json:"total"`
	// Recent are the most recent of them by Note.QueuedAt (when notegate
	// first saw them), newest first.
	Recent []*Note `json:"recent"`
	// Markets counts the author's live notes per market of their
	// moderation; see AuthorCounts.
	Markets map[string]AuthorCounts `json:"markets"`
	// FirstSeen and LastSeen are the earliest and latest Note.QueuedAt of
	// the author's live notes (when notegate first saw the first and the
	// last of them), zero when there is none.
	FirstSeen time.Time `json:"first_seen,omitzero"`
	LastSeen  time.Time `json:"last_seen,omitzero"`
}

// AuthorCounts counts an author's notes in one market by decision. A note
// counts once in each map where it has an entry for the market.
type AuthorCounts struct {
	// Now is the decision standing in the market now.
	Now map[Decision]int `json:"now,omitempty"`
	// Machine is what the stages decided before any reviewer.
	Machine map[Decision]int `json:"machine,omitempty"`
	// Reviewer is the reviewer decision standing in the market (approve
	// or reject; Moderation.DecidedIn), for the notes that have one.
	Reviewer map[ReviewAction]int `json:"reviewer,omitempty"`
}

// MachineDecision is the decision the stages made in market, before any
// reviewer: Review.Machine's when a reviewer decided, else the one
// standing.
func (m *Moderation) MachineDecision(market string) Decision {
	if m.Review != nil && m.Review.Machine != nil {
		if d, ok := m.Review.Machine.Markets[market]; ok {
			return d
		}
	}
	return m.Markets[market]
}

// StandingReview is the reviewer decision that stands in market
// (DecidedIn), or false when none does.
func (m *Moderation) StandingReview(market string) (MarketDecision, bool) {
	if !m.DecidedIn(market) {
		return MarketDecision{}, false
	}
	r := m.Review
	if r.Decided != nil {
		return r.Decided[market], true
	}
	return MarketDecision{DecisionID: r.DecisionID, Action: r.Action, Reviewer: r.Reviewer, At: r.At}, true
}
