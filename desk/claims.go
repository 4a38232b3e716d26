package desk

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Claim is a reviewer's hold on a note while working on it: other
// reviewers may read the note but not decide it. Reading never claims; a
// claim is taken by the first action on the note (a decision, starting a
// reject or label dialog) or explicitly, is extended by its owner's
// activity, and ends when the owner moves on (an explicit release), after
// the idle time without activity, or at the hard maximum, whichever comes
// first.
type Claim struct {
	NoteID string `json:"note_id"`
	Owner  string `json:"owner"`
	// Since is when the claim was taken.
	Since time.Time `json:"since"`
	// Expires is when the claim lapses unless its owner is active again:
	// the last activity plus the idle time, at most Until.
	Expires time.Time `json:"expires"`
	// Until is the hard maximum, Since plus the longest hold: activity
	// never extends a claim past it.
	Until time.Time `json:"until"`
}

// ClaimedError is returned when another reviewer holds a live claim.
type ClaimedError struct{ Claim Claim }

func (e *ClaimedError) Error() string {
	return "claimed by " + e.Claim.Owner + " since " + e.Claim.Since.UTC().Format(time.RFC3339) +
		" (until " + e.Claim.Expires.UTC().Format(time.RFC3339) + " unless they stay active, " +
		e.Claim.Until.UTC().Format(time.RFC3339) + " at the latest)"
}

// ErrNoClaim is returned by touch when the caller holds no live claim.
var ErrNoClaim = errors.New("you hold no live claim on this note: claim it again (it was released, went idle or reached its longest hold)")

// ErrDecided is returned (wrapped, naming the reviewer) by take when
// another decision about the same revision of the note was already taken.
var ErrDecided = errors.New("this note was decided meanwhile")

// ErrTooManyClaims is returned when the store is full of live claims.
var ErrTooManyClaims = errors.New("too many live claims; try again shortly")

// claims is a bounded in-process claimStore. Every method is one
// compare-and-swap under a mutex, so of two reviewers racing for a note
// exactly one wins. It suits a single replica, or sticky routing of
// /api/review to one replica; with several replicas behind a load
// balancer, the claims live in Redis (redisState). Its methods never fail
// but for ErrTooManyClaims and the refusals of the rules.
type claims struct {
	mu sync.Mutex
	// idle ends a claim that long after its owner's last activity;
	// maxHold ends it that long after it was taken, whatever the activity.
	idle, maxHold time.Duration
	max           int
	byID          map[string]Claim
	// decided remembers, for maxHold, the note revision the last decision
	// was based on, so a second decision about what the reviewer saw
	// before the first one was applied is refused.
	decided map[string]decidedAt
	clock   func() time.Time
}

type decidedAt struct {
	revision int64
	by       string
	until    time.Time
}

func newClaims(cfg ClaimsConfig, clock func() time.Time) *claims {
	return &claims{idle: cfg.Idle, maxHold: cfg.MaxHold, max: cfg.Max,
		byID: map[string]Claim{}, decided: map[string]decidedAt{}, clock: clock}
}

// alive reports whether cl holds at now.
func alive(cl Claim, now time.Time) bool { return now.Before(cl.Expires) }

// active returns cl extended by activity at now.
func (c *claims) active(cl Claim, now time.Time) Claim {
	cl.Expires = now.Add(c.idle)
	if cl.Expires.After(cl.Until) {
		cl.Expires = cl.Until
	}
	return cl
}

// heldByOther returns the live claim of someone other than owner.
// The caller holds c.mu.
func (c *claims) heldByOther(noteID, owner string, now time.Time) (Claim, bool) {
	cur, ok := c.byID[noteID]
	if ok && cur.Owner != owner && alive(cur, now) {
		return cur, true
	}
	return Claim{}, false
}

// acquire gives noteID to owner, or extends owner's live claim, unless
// another owner holds it. The caller holds c.mu.
func (c *claims) acquire(noteID, owner string, now time.Time) (Claim, error) {
	if other, ok := c.heldByOther(noteID, owner, now); ok {
		return Claim{}, &ClaimedError{Claim: other}
	}
	if cur, ok := c.byID[noteID]; ok && alive(cur, now) {
		cl := c.active(cur, now)
		c.byID[noteID] = cl
		return cl, nil
	}
	if _, ok := c.byID[noteID]; !ok && len(c.byID) >= c.max {
		for id, cl := range c.byID {
			if !alive(cl, now) {
				delete(c.byID, id)
			}
		}
		if len(c.byID) >= c.max {
			return Claim{}, ErrTooManyClaims
		}
	}
	cl := c.active(Claim{NoteID: noteID, Owner: owner, Since: now, Until: now.Add(c.maxHold)}, now)
	c.byID[noteID] = cl
	return cl, nil
}

// claim gives noteID to owner, or extends owner's live claim (a claim that
// went idle or reached its longest hold is taken afresh), unless another
// owner holds a live one: then a *ClaimedError names it.
func (c *claims) claim(_ context.Context, noteID, owner string) (Claim, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.acquire(noteID, owner, c.clock())
}

// touch extends owner's live claim by the idle time, never past its hard
// maximum: the heartbeat of a reviewer still at work on the note. It never
// takes a claim: ErrNoClaim when owner holds none, a *ClaimedError when
// another owner does.
func (c *claims) touch(_ context.Context, noteID, owner string) (Claim, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock()
	if other, ok := c.heldByOther(noteID, owner, now); ok {
		return Claim{}, &ClaimedError{Claim: other}
	}
	cur, ok := c.byID[noteID]
	if !ok || cur.Owner != owner || !alive(cur, now) {
		return Claim{}, ErrNoClaim
	}
	cl := c.active(cur, now)
	c.byID[noteID] = cl
	return cl, nil
}

// take claims noteID for owner's decision based on the note's revision
// seen, in one step: owner's live claim, or none live (then it is taken
// now). Another owner's live claim refuses it (*ClaimedError), and so does
// an earlier decision about the same revision (ErrDecided). With keep the
// claim stays, extended (a label: the reviewer is still at work on the
// note); otherwise the decision ends it. It returns the claim to restore
// if the decision cannot be published: owner's claim as it was, or the
// one taken for the decision.
func (c *claims) take(_ context.Context, noteID, owner string, seen int64, keep bool) (Claim, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock()
	if d, ok := c.decided[noteID]; ok && now.Before(d.until) && seen <= d.revision {
		return Claim{}, fmt.Errorf("%w by %s: reload it", ErrDecided, d.by)
	}
	prev, had := c.byID[noteID]
	had = had && prev.Owner == owner && alive(prev, now)
	cl, err := c.acquire(noteID, owner, now)
	if err != nil {
		return Claim{}, err
	}
	if !keep {
		delete(c.byID, noteID)
	}
	if len(c.decided) >= c.max {
		for id, d := range c.decided {
			if !now.Before(d.until) || len(c.decided) >= c.max {
				delete(c.decided, id)
			}
		}
	}
	c.decided[noteID] = decidedAt{revision: seen, by: owner, until: now.Add(c.maxHold)}
	if !had {
		prev = cl
	}
	return prev, nil
}

// restore undoes take for a decision that could not be published: the
// decided record goes if it is cl.Owner's about seen, and owner's claim is
// put back as it was (or as taken for the decision), unless someone else
// claimed the note meanwhile. A zero cl.Expires leaves the claim alone.
func (c *claims) restore(_ context.Context, cl Claim, seen int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.decided[cl.NoteID]; ok && d.by == cl.Owner && d.revision == seen {
		delete(c.decided, cl.NoteID)
	}
	if cl.Expires.IsZero() {
		return nil
	}
	if _, ok := c.heldByOther(cl.NoteID, cl.Owner, c.clock()); !ok {
		c.byID[cl.NoteID] = cl
	}
	return nil
}

// release drops owner's claim; it does nothing when owner holds none.
func (c *claims) release(_ context.Context, noteID, owner string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cur, ok := c.byID[noteID]; ok && cur.Owner == owner {
		delete(c.byID, noteID)
	}
	return nil
}

// live returns the live claims among noteIDs.
func (c *claims) live(_ context.Context, noteIDs ...string) (map[string]Claim, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock()
	out := make(map[string]Claim, len(noteIDs))
	for _, id := range noteIDs {
		if cur, ok := c.byID[id]; ok && alive(cur, now) {
			out[id] = cur
		}
	}
	return out, nil
}
