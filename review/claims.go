package review

import (
	"errors"
	"sync"
	"time"
)

// Claim keeps other reviewers off a note until it expires.
type Claim struct {
	NoteID  string    `json:"note_id"`
	Owner   string    `json:"owner"`
	Expires time.Time `json:"expires"`
}

// ClaimedError is returned when another reviewer holds a live claim.
type ClaimedError struct{ Claim Claim }

func (e *ClaimedError) Error() string {
	return "claimed by " + e.Claim.Owner + " until " + e.Claim.Expires.UTC().Format(time.RFC3339)
}

// ErrNoClaim is returned by Take when the caller holds no live claim.
var ErrNoClaim = errors.New("you hold no live claim on this note: claim it first (someone else may have decided it, or your claim expired)")

// ErrDecided is returned by take when another decision about the same
// revision of the note was already taken.
var ErrDecided = errors.New("another reviewer decided this note meanwhile: reload it")

// ErrTooManyClaims is returned when the store is full of live claims.
var ErrTooManyClaims = errors.New("too many live claims; try again shortly")

// claims is a bounded in-process claim store; every method is one
// compare-and-swap under a mutex, so of two reviewers racing for a note
// exactly one wins. With several replicas behind a load balancer, claims
// must live in a shared store (a conditional write in Elasticsearch or a
// compacted Kafka topic); this one suits a single replica, or sticky
// routing of /api/review to one replica.
type claims struct {
	mu   sync.Mutex
	ttl  time.Duration
	max  int
	byID map[string]Claim
	// decided remembers, for ttl, the note revision the last decision was
	// based on, so a second decision about what the reviewer saw before
	// the first one was applied is refused.
	decided map[string]decidedAt
	clock   func() time.Time
}

type decidedAt struct {
	revision int64
	until    time.Time
}

func newClaims(ttl time.Duration, maxClaims int, clock func() time.Time) *claims {
	return &claims{ttl: ttl, max: maxClaims, byID: map[string]Claim{}, decided: map[string]decidedAt{}, clock: clock}
}

// claim gives noteID to owner, or extends owner's claim, unless another
// owner holds it.
func (c *claims) claim(noteID, owner string) (Claim, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock()
	if cur, ok := c.byID[noteID]; ok && cur.Owner != owner && now.Before(cur.Expires) {
		return Claim{}, &ClaimedError{Claim: cur}
	}
	if _, ok := c.byID[noteID]; !ok && len(c.byID) >= c.max {
		for id, cl := range c.byID {
			if !now.Before(cl.Expires) {
				delete(c.byID, id)
			}
		}
		if len(c.byID) >= c.max {
			return Claim{}, ErrTooManyClaims
		}
	}
	cl := Claim{NoteID: noteID, Owner: owner, Expires: now.Add(c.ttl)}
	c.byID[noteID] = cl
	return cl, nil
}

// take consumes owner's live claim on noteID for a decision based on the
// note's revision seen: the one decision it allows.
func (c *claims) take(noteID, owner string, seen int64) (Claim, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock()
	if d, ok := c.decided[noteID]; ok && now.Before(d.until) && seen <= d.revision {
		return Claim{}, ErrDecided
	}
	cur, ok := c.byID[noteID]
	if !ok || cur.Owner != owner || !c.clock().Before(cur.Expires) {
		if ok && cur.Owner != owner && c.clock().Before(cur.Expires) {
			return Claim{}, &ClaimedError{Claim: cur}
		}
		return Claim{}, ErrNoClaim
	}
	delete(c.byID, noteID)
	if len(c.decided) >= c.max {
		for id, d := range c.decided {
			if !now.Before(d.until) || len(c.decided) >= c.max {
				delete(c.decided, id)
			}
		}
	}
	c.decided[noteID] = decidedAt{revision: seen, until: now.Add(c.ttl)}
	return cur, nil
}

// restore puts back a claim taken for a decision that could not be
// published, unless someone claimed the note meanwhile.
func (c *claims) restore(cl Claim) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.decided, cl.NoteID)
	if _, ok := c.byID[cl.NoteID]; !ok {
		c.byID[cl.NoteID] = cl
	}
}

// release drops owner's claim.
func (c *claims) release(noteID, owner string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cur, ok := c.byID[noteID]; ok && cur.Owner == owner {
		delete(c.byID, noteID)
	}
}

// get returns the live claim on noteID.
func (c *claims) get(noteID string) (Claim, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cur, ok := c.byID[noteID]
	if !ok || !c.clock().Before(cur.Expires) {
		return Claim{}, false
	}
	return cur, true
}
