package models

import (
	"maps"
	"slices"
	"time"
)

// AuthorActionKind is what a reviewer did to an author's account.
type AuthorActionKind string

const (
	// AuthorStrike records a strike against the author; it changes how
	// no note is decided, and counts in the author's standing.
	AuthorStrike AuthorActionKind = "strike"
	// AuthorMute holds the author's new notes in the action's markets as
	// the policy says for muted authors (review by default).
	AuthorMute AuthorActionKind = "mute"
	// AuthorSuspend holds the author's new notes in the action's markets
	// as the policy says for suspended authors (block by default).
	AuthorSuspend AuthorActionKind = "suspend"
	// AuthorLift ends a mute or a suspension in the action's markets.
	// Strikes stay on record.
	AuthorLift AuthorActionKind = "lift"
)

// AuthorActionKinds lists every author action, in a fixed order.
var AuthorActionKinds = []AuthorActionKind{AuthorStrike, AuthorMute, AuthorSuspend, AuthorLift}

// Valid reports whether k is a known author action.
func (k AuthorActionKind) Valid() bool { return slices.Contains(AuthorActionKinds, k) }

// AuthorState is an author's state in one market: muted or suspended.
// An author with no state in a market is active there.
type AuthorState string

const (
	AuthorMuted     AuthorState = "muted"
	AuthorSuspended AuthorState = "suspended"
)

// AuthorAction is one action on an author's account, the event on the
// author actions topic (key = author_id). Actions are never edited: a
// lift is a new event.
type AuthorAction struct {
	// ID is unique per action (random, hex).
	ID       string           `json:"id"`
	AuthorID string           `json:"author_id"`
	Action   AuthorActionKind `json:"action"`
	// Markets are the markets the action acts in (a reviewer's markets,
	// or those of them the reviewer picked); empty means every market.
	// A strike counts once, whatever its markets.
	Markets []string `json:"markets,omitempty"`
	// Reason is the reviewer's words; Category optionally names the harm.
	Reason   string   `json:"reason,omitempty"`
	Category Category `json:"category,omitempty"`
	// NoteID is the note that prompted the action, if any.
	NoteID string    `json:"note_id,omitempty"`
	Actor  string    `json:"actor"`
	Role   string    `json:"role,omitempty"`
	At     time.Time `json:"at"`
}

// AuthorMarketState is an author's state in one market and the action
// that set it.
type AuthorMarketState struct {
	State    AuthorState `json:"state"`
	ActionID string      `json:"action_id"`
	Actor    string      `json:"actor"`
	At       time.Time   `json:"at"`
	Reason   string      `json:"reason,omitempty"`
}

// AuthorStanding is what notegate knows of an author's account: strikes
// and, per market, a mute or a suspension. The zero value is an active
// author without strikes.
type AuthorStanding struct {
	AuthorID string `json:"author_id"`
	// Strikes counts the author's strikes.
	Strikes int `json:"strikes,omitempty"`
	// Markets maps each market the author is muted or suspended in to
	// that state; markets not listed are active.
	Markets map[string]AuthorMarketState `json:"markets,omitempty"`
	// LastAction is the id of the latest action applied.
	LastAction string    `json:"last_action,omitempty"`
	UpdatedAt  time.Time `json:"updated_at,omitzero"`
}

// StateIn is the author's state in market, or "" when active there.
func (s *AuthorStanding) StateIn(market string) AuthorState {
	if s == nil {
		return ""
	}
	return s.Markets[market].State
}

// Clear reports whether the standing changes nothing and records
// nothing: no strikes, active in every market.
func (s *AuthorStanding) Clear() bool { return s == nil || s.Strikes == 0 && len(s.Markets) == 0 }

// Apply returns the standing after a: a strike adds one; a mute or a
// suspension sets that state in markets (the latest action in a market
// wins); a lift makes the author active in markets again. markets are
// the markets the action resolves to (AuthorAction.Markets, or every
// market when it names none). s is not changed.
func (s AuthorStanding) Apply(a AuthorAction, markets []string) AuthorStanding {
	out := s
	out.AuthorID = a.AuthorID
	out.Markets = maps.Clone(s.Markets)
	switch a.Action {
	case AuthorStrike:
		out.Strikes++
	case AuthorMute, AuthorSuspend:
		state := AuthorMuted
		if a.Action == AuthorSuspend {
			state = AuthorSuspended
		}
		if out.Markets == nil {
			out.Markets = make(map[string]AuthorMarketState, len(markets))
		}
		for _, m := range markets {
			out.Markets[m] = AuthorMarketState{State: state, ActionID: a.ID, Actor: a.Actor, At: a.At, Reason: a.Reason}
		}
	case AuthorLift:
		for _, m := range markets {
			delete(out.Markets, m)
		}
	}
	if len(out.Markets) == 0 {
		out.Markets = nil
	}
	out.LastAction, out.UpdatedAt = a.ID, a.At
	return out
}

// AuthorActionEntry is one line of the audit trail of author actions: the
// action and the standing it left. Entries are appended, never
// overwritten.
type AuthorActionEntry struct {
	// Seq orders entries in one audit store.
	Seq        uint64         `json:"seq"`
	Action     AuthorAction   `json:"action"`
	Standing   AuthorStanding `json:"standing"`
	RecordedAt time.Time      `json:"recorded_at"`
}
