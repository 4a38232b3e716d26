package models

import (
	"slices"
	"time"
)

// AppealEvent is an author's appeal of the decision on a note, the event
// on the appeals topic (key = note_id), published by the posting service.
type AppealEvent struct {
	// AppealID is unique per appeal. Required.
	AppealID string `json:"appeal_id"`
	// NoteID is the note appealed. Required.
	NoteID string `json:"note_id"`
	// AuthorID must be the note's author.
	AuthorID string `json:"author_id"`
	// Version is the note version appealed; 0: the stored one.
	Version int64 `json:"version,omitempty"`
	// Markets are the markets appealed; empty: every market the note is
	// blocked in.
	Markets []string `json:"markets,omitempty"`
	// Message is the author's words to the reviewer.
	Message string    `json:"message,omitempty"`
	At      time.Time `json:"at,omitzero"`
}

// Appeal is an author's appeal recorded on the note it appeals. One
// appeal is taken per note version.
type Appeal struct {
	ID      string    `json:"id"`
	Message string    `json:"message,omitempty"`
	At      time.Time `json:"at,omitzero"`
	// Original maps each appealed market to the decision under appeal.
	// The appeal waits in a market while that decision still stands there
	// (Moderation.AppealWaitsIn).
	Original map[string]AppealedDecision `json:"original"`
}

// AppealedDecision is the decision under appeal in one market: a
// reviewer's, or the machine's when DecisionID is empty.
type AppealedDecision struct {
	Decision   Decision     `json:"decision"`
	DecisionID string       `json:"decision_id,omitempty"`
	Reviewer   string       `json:"reviewer,omitempty"`
	Action     ReviewAction `json:"action,omitempty"`
	Category   Category     `json:"category,omitempty"`
	Reason     string       `json:"reason,omitempty"`
	At         time.Time    `json:"at,omitzero"`
}

// StandingDecision is the id of the reviewer decision that stands in
// market (an approval or a rejection no undo restored since), or "" when
// the machine's decision stands there.
func (m *Moderation) StandingDecision(market string) string {
	r := m.Review
	switch {
	case r == nil:
		return ""
	case r.Decided != nil:
		return r.Decided[market].DecisionID
	case m.DecidedIn(market):
		return r.DecisionID
	}
	return ""
}

// AppealWaitsIn reports whether the note's appeal waits for a reviewer in
// market: the market was appealed and the decision under appeal still
// stands there.
func (m *Moderation) AppealWaitsIn(market string) bool {
	if m.Appeal == nil {
		return false
	}
	o, ok := m.Appeal.Original[market]
	return ok && m.StandingDecision(market) == o.DecisionID
}

// AppealMarkets lists, sorted, the markets in which the appeal waits.
func (m *Moderation) AppealMarkets() []string {
	var out []string
	if m.Appeal == nil {
		return nil
	}
	for market := range m.Appeal.Original {
		if m.AppealWaitsIn(market) {
			out = append(out, market)
		}
	}
	slices.Sort(out)
	return out
}

// AppealConflict returns the first of markets, in order, where the
// decision under an appeal that still waits was made by reviewer: the
// appeal must be decided by someone else. It returns "" when there is
// none, and for actions that do not decide (escalate, label).
func (m *Moderation) AppealConflict(reviewer string, action ReviewAction, markets []string) string {
	if m.Appeal == nil || reviewer == "" || action == ReviewEscalate || action == ReviewLabel {
		return ""
	}
	if len(markets) == 0 {
		for market := range m.Markets {
			markets = append(markets, market)
		}
		slices.Sort(markets)
	}
	for _, market := range markets {
		if o := m.Appeal.Original[market]; o.Reviewer == reviewer && m.AppealWaitsIn(market) {
			return market
		}
	}
	return ""
}
