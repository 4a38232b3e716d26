package desk

import (
	"context"
	"errors"
	"time"
)

// The desk's shared state is what every replica behind a load balancer
// must see alike: claims (with the guard against a second decision about
// one revision), sessions, and the counts of failed logins. Each has an
// in-process implementation (claims, sessionMap, loginLimiter: one
// replica, or sticky routing) and one in Redis (redisState: every
// replica). Author state is not here: it comes from the authors.actions
// topic, which every replica reads.
//
// Every method is atomic: of two callers racing, in one process or in two
// replicas sharing the store, exactly one wins. Time is the desk's clock,
// passed in by the store's owner, never the server's: replicas' clocks
// must agree (NTP) to well within the claims' idle time.
//
// An error wraps ErrSharedStateUnavailable: the store could not be
// reached, or did not answer in time. The outcome is then unknown (a reply
// may be lost after the change was made); the desk answers 503 with
// Retry-After and changes nothing else, never falling back to state that
// only this replica would see.

// ErrSharedStateUnavailable is wrapped by every error of a shared store
// that could not be reached.
var ErrSharedStateUnavailable = errors.New("the desk's shared state is unavailable")

// claimStore holds claims and the decided-revision guard (see claims for
// the in-process one and its rules, which every implementation follows).
type claimStore interface {
	// claim gives noteID to owner, or extends owner's live claim (a claim
	// that went idle or reached its longest hold is taken afresh), unless
	// another owner holds a live one: then a *ClaimedError names it.
	// ErrTooManyClaims when the store is full of live claims.
	claim(ctx context.Context, noteID, owner string) (Claim, error)
	// touch extends owner's live claim by the idle time, never past its
	// hard maximum. It never takes a claim: ErrNoClaim when owner holds
	// none, a *ClaimedError when another owner does.
	touch(ctx context.Context, noteID, owner string) (Claim, error)
	// take claims noteID for owner's decision about revision seen, in one
	// step: refused by another owner's live claim (*ClaimedError) or by an
	// earlier decision about the same revision (ErrDecided). With keep
	// the claim stays, extended; otherwise the decision ends it. It
	// returns the claim to restore if the decision cannot be published.
	take(ctx context.Context, noteID, owner string, seen int64, keep bool) (Claim, error)
	// restore undoes take of cl.Owner about revision seen: the decided
	// record goes if it is cl.Owner's about seen, and, when cl.Expires is
	// set, cl is put back unless another owner holds a live claim. A zero
	// cl.Expires undoes only the decided record (after a take whose
	// outcome is unknown).
	restore(ctx context.Context, cl Claim, seen int64) error
	// release drops owner's claim; it does nothing when owner holds none.
	release(ctx context.Context, noteID, owner string) error
	// live returns the live claims among noteIDs, by note id.
	live(ctx context.Context, noteIDs ...string) (map[string]Claim, error)
}

// session is a login: who, and until when.
type session struct {
	Principal
	expires time.Time
}

// sessionStore holds sessions by the SHA-256 digest of their token, so
// the store never holds a token that works.
type sessionStore interface {
	// open stores s under key until s.expires. When the store holds its
	// most sessions, the one that expires first is dropped.
	open(ctx context.Context, key [32]byte, s session) error
	// get returns the live session under key.
	get(ctx context.Context, key [32]byte) (session, bool, error)
	// end drops the session under key, if any.
	end(ctx context.Context, key [32]byte) error
}

// loginThrottle counts failed logins per key (see loginLimiter for the
// in-process one and its rules, which every implementation follows).
type loginThrottle interface {
	// begin starts an attempt on every key, or on none: ok false and how
	// long to wait when any key is locked or has as many attempts under
	// way as it may have. Every begin that returns ok must be followed by
	// one finish with the same keys.
	begin(ctx context.Context, keys ...string) (retryAfter time.Duration, ok bool, err error)
	// finish ends an attempt begun on keys. A failure counts against every
	// key and locks those past MaxFailures; a success clears the key
	// clear and only ends the attempt on the others.
	finish(ctx context.Context, failed bool, clear string, keys ...string) error
}
