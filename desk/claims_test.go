package desk

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

var testClaimsConfig = ClaimsConfig{Idle: 90 * time.Second, MaxHold: 10 * time.Minute, Max: 3}

var ctx = context.Background()

// holder returns the owner of the live claim on id, or "".
func holder(t *testing.T, c claimStore, id string) string {
	t.Helper()
	held, err := c.live(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return held[id].Owner
}

// claimedBy reports whether err is a *ClaimedError naming owner.
func claimedBy(err error, owner string) bool {
	var ce *ClaimedError
	return errors.As(err, &ce) && ce.Claim.Owner == owner
}

// TestClaims is the conformance suite of claimStore: every
// implementation follows the in-process rules.
func TestClaims(t *testing.T) {
	t.Parallel()
	impls := impls(t)
	for _, c := range []struct {
		name string
		run  func(t *testing.T, c claimStore, clock *fakeClock, im impl)
	}{
		{"a_claim_lapses_after_the_idle_time_without_activity", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			cl, err := c.claim(ctx, "n", "r1")
			if err != nil {
				t.Fatal(err)
			}
			if want := clock.Now().Add(90 * time.Second); !cl.Expires.Equal(want) || !cl.Until.Equal(clock.Now().Add(10*time.Minute)) {
				t.Errorf("claim expires %v until %v, want %v and 10m later", cl.Expires, cl.Until, want)
			}
			clock.Advance(89 * time.Second)
			if got := holder(t, c, "n"); got != "r1" {
				t.Errorf("1s before the idle time the holder is %q, want r1", got)
			}
			clock.Advance(time.Second)
			if got := holder(t, c, "n"); got != "" {
				t.Errorf("at the idle time the holder is %q, want none", got)
			}
			if _, err := c.claim(ctx, "n", "r2"); err != nil {
				t.Errorf("another reviewer cannot claim an idle note: %v", err)
			}
		}},
		{"activity_extends_a_claim_by_the_idle_time", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			if _, err := c.claim(ctx, "n", "r1"); err != nil {
				t.Fatal(err)
			}
			for range 5 {
				clock.Advance(60 * time.Second)
				if _, err := c.touch(ctx, "n", "r1"); err != nil {
					t.Fatalf("heartbeat: %v", err)
				}
			}
			clock.Advance(80 * time.Second)
			if got := holder(t, c, "n"); got != "r1" {
				t.Errorf("5 minutes of heartbeats then 80s: holder %q, want r1", got)
			}
			if _, err := c.claim(ctx, "n", "r2"); !claimedBy(err, "r1") {
				t.Errorf("another reviewer's claim: %v, want claimed by r1", err)
			}
		}},
		{"activity_never_extends_a_claim_past_its_hard_maximum", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			first, err := c.claim(ctx, "n", "r1")
			if err != nil {
				t.Fatal(err)
			}
			for clock.Now().Before(first.Until.Add(-time.Minute)) {
				clock.Advance(time.Minute)
				cl, err := c.touch(ctx, "n", "r1")
				if err != nil {
					t.Fatalf("heartbeat at %v: %v", clock.Now(), err)
				}
				if cl.Expires.After(first.Until) || !cl.Since.Equal(first.Since) {
					t.Fatalf("heartbeat gave %+v, past the hard maximum %v", cl, first.Until)
				}
			}
			clock.Advance(time.Minute)
			if got := holder(t, c, "n"); got != "" {
				t.Errorf("at the hard maximum the holder is %q, want none", got)
			}
			if _, err := c.touch(ctx, "n", "r1"); !errors.Is(err, ErrNoClaim) {
				t.Errorf("heartbeat after the hard maximum: %v, want ErrNoClaim", err)
			}
			cl, err := c.claim(ctx, "n", "r1")
			if err != nil || !cl.Since.Equal(clock.Now()) {
				t.Errorf("claiming again after the hard maximum: %+v %v, want a fresh claim", cl, err)
			}
		}},
		{"a_heartbeat_never_takes_a_claim", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			if _, err := c.touch(ctx, "n", "r1"); !errors.Is(err, ErrNoClaim) {
				t.Errorf("heartbeat on a free note: %v, want ErrNoClaim", err)
			}
			if got := holder(t, c, "n"); got != "" {
				t.Errorf("a heartbeat on a free note gave it to %q", got)
			}
			if _, err := c.claim(ctx, "n", "r2"); err != nil {
				t.Fatal(err)
			}
			if _, err := c.touch(ctx, "n", "r1"); !claimedBy(err, "r2") {
				t.Errorf("heartbeat on another reviewer's note: %v, want claimed by r2", err)
			}
		}},
		{"release_frees_the_note_and_only_its_owner_can_release", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			if _, err := c.claim(ctx, "n", "r1"); err != nil {
				t.Fatal(err)
			}
			c.release(ctx, "n", "r2")
			if got := holder(t, c, "n"); got != "r1" {
				t.Errorf("after another reviewer's release the holder is %q, want r1", got)
			}
			c.release(ctx, "n", "r1")
			if got := holder(t, c, "n"); got != "" {
				t.Errorf("after its owner's release the holder is %q, want none", got)
			}
			if _, err := c.claim(ctx, "n", "r2"); err != nil {
				t.Errorf("claim after release: %v", err)
			}
		}},
		{"a_decision_without_a_claim_takes_a_free_note", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			if _, err := c.take(ctx, "n", "r1", 0, false); err != nil {
				t.Fatalf("decision on a free note: %v", err)
			}
			if got := holder(t, c, "n"); got != "" {
				t.Errorf("after an approval the holder is %q, want none", got)
			}
			if _, err := c.take(ctx, "n", "r2", 0, false); !errors.Is(err, ErrDecided) {
				t.Errorf("a second decision about the same revision: %v, want ErrDecided", err)
			}
			if _, err := c.take(ctx, "n", "r2", 1, false); err != nil {
				t.Errorf("a decision about the next revision: %v", err)
			}
		}},
		{"a_decision_is_refused_while_another_reviewer_holds_the_note", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			if _, err := c.claim(ctx, "n", "r1"); err != nil {
				t.Fatal(err)
			}
			if _, err := c.take(ctx, "n", "r2", 0, false); !claimedBy(err, "r1") {
				t.Errorf("decision on another reviewer's note: %v, want claimed by r1", err)
			}
			clock.Advance(90 * time.Second)
			if _, err := c.take(ctx, "n", "r2", 0, false); err != nil {
				t.Errorf("decision once the claim went idle: %v", err)
			}
		}},
		{"a_label_keeps_the_claim_and_other_decisions_end_it", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			if _, err := c.take(ctx, "n", "r1", 0, true); err != nil {
				t.Fatal(err)
			}
			if got := holder(t, c, "n"); got != "r1" {
				t.Errorf("after a label the holder is %q, want r1", got)
			}
			if _, err := c.take(ctx, "n", "r2", 1, false); !claimedBy(err, "r1") {
				t.Errorf("another reviewer's decision after the label: %v, want claimed by r1", err)
			}
			if _, err := c.take(ctx, "n", "r1", 1, false); err != nil {
				t.Fatal(err)
			}
			if got := holder(t, c, "n"); got != "" {
				t.Errorf("after the approval the holder is %q, want none", got)
			}
		}},
		{"restore_gives_the_claim_back_after_a_failed_publish", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			held, err := c.claim(ctx, "n", "r1")
			if err != nil {
				t.Fatal(err)
			}
			clock.Advance(10 * time.Second)
			prev, err := c.take(ctx, "n", "r1", 0, false)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.restore(ctx, prev, 0); err != nil {
				t.Fatal(err)
			}
			if got, err := c.live(ctx, "n"); err != nil || !sameClaim(got["n"], held) {
				t.Errorf("after restore: %+v %v, want %+v", got, err, held)
			}
			if _, err := c.take(ctx, "n", "r1", 0, false); err != nil {
				t.Errorf("the decision again after restore: %v", err)
			}
		}},
		{"an_undo_after_an_unknown_outcome_drops_only_its_own_decided_record", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			if _, err := c.take(ctx, "n", "r1", 0, true); err != nil {
				t.Fatal(err)
			}
			// Another reviewer's undo leaves r1's record: r1's decision stands.
			if err := c.restore(ctx, Claim{NoteID: "n", Owner: "r2"}, 0); err != nil {
				t.Fatal(err)
			}
			if _, err := c.take(ctx, "n", "r1", 0, true); !errors.Is(err, ErrDecided) {
				t.Errorf("a second decision about revision 0 after another reviewer's undo: %v, want ErrDecided", err)
			}
			if err := c.restore(ctx, Claim{NoteID: "n", Owner: "r1"}, 0); err != nil {
				t.Fatal(err)
			}
			if got := holder(t, c, "n"); got != "r1" {
				t.Errorf("after the undo the holder is %q, want r1 still (the label kept the claim)", got)
			}
			if _, err := c.take(ctx, "n", "r1", 0, false); err != nil {
				t.Errorf("the decision again after its undo: %v", err)
			}
		}},
		{"the_live_claims_of_several_notes_are_read_at_once", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			for _, id := range []string{"a", "b"} {
				if _, err := c.claim(ctx, id, "r-"+id); err != nil {
					t.Fatal(err)
				}
			}
			clock.Advance(30 * time.Second)
			if _, err := c.claim(ctx, "c", "r-c"); err != nil {
				t.Fatal(err)
			}
			clock.Advance(60 * time.Second) // a and b go idle
			got, err := c.live(ctx, "a", "b", "c", "never-claimed")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got["c"].Owner != "r-c" || got["c"].NoteID != "c" {
				t.Errorf("live claims %+v, want c's alone", got)
			}
		}},
		{"a_full_store_refuses_new_claims_until_one_lapses", func(t *testing.T, c claimStore, clock *fakeClock, im impl) {
			for i := range testClaimsConfig.Max {
				if _, err := c.claim(ctx, fmt.Sprint("n", i), "r1"); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := c.claim(ctx, "extra", "r2"); !errors.Is(err, ErrTooManyClaims) {
				t.Errorf("claim past the bound: %v, want ErrTooManyClaims", err)
			}
			if _, err := c.claim(ctx, "n0", "r1"); err != nil {
				t.Errorf("extending a held claim in a full store: %v", err)
			}
			clock.Advance(90 * time.Second)
			if _, err := c.claim(ctx, "extra", "r2"); err != nil {
				t.Errorf("claim once the others lapsed: %v", err)
			}
			if n := im.held(t, c); n > testClaimsConfig.Max {
				t.Errorf("%d claims held, bound %d", n, testClaimsConfig.Max)
			}
		}},
	} {
		for _, im := range impls {
			t.Run(im.name+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				clock := &fakeClock{now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
				store, _, _ := im.stores(t, Config{Claims: testClaimsConfig}, clock.Now)
				c.run(t, store, clock, im)
			})
		}
	}
}

// sameClaim compares claims as stored: to the millisecond.
func sameClaim(a, b Claim) bool {
	return a.NoteID == b.NoteID && a.Owner == b.Owner && a.Since.Equal(b.Since) && a.Expires.Equal(b.Expires) && a.Until.Equal(b.Until)
}

// TestClaimsRaceForOneNote: several reviewers decide the same note at
// once, with and without claiming first, round after round; exactly one
// decision wins each round and every other is told who holds the note or
// that it was decided. Run with -race.
func TestClaimsRaceForOneNote(t *testing.T) {
	t.Parallel()
	for _, im := range impls(t) {
		t.Run(im.name, func(t *testing.T) {
			t.Parallel()
			const rounds, reviewers = 200, 4
			// Room for every losing claim, which stands until it lapses.
			store, _, _ := im.stores(t, Config{Claims: ClaimsConfig{Idle: time.Minute, MaxHold: time.Hour, Max: rounds * reviewers}}, time.Now)
			raceRounds(t, store, rounds, reviewers)
		})
	}
}

func raceRounds(t *testing.T, store claimStore, rounds, reviewers int) {
	for round := range rounds {
		id := fmt.Sprint("note-", round)
		var wg sync.WaitGroup
		errs := make([]error, reviewers)
		for r := range reviewers {
			wg.Go(func() {
				owner := fmt.Sprint("r", r)
				if r%2 == 0 {
					if _, err := store.claim(ctx, id, owner); err != nil {
						errs[r] = err
						return
					}
				}
				_, errs[r] = store.take(ctx, id, owner, 0, false)
			})
		}
		wg.Wait()
		winner := ""
		for r, err := range errs {
			var ce *ClaimedError
			switch {
			case err == nil && winner == "":
				winner = fmt.Sprint("r", r)
			case err == nil:
				t.Fatalf("%s: r%d and %s both decided (%v)", id, r, winner, errs)
			case errors.As(err, &ce), errors.Is(err, ErrDecided):
			default:
				t.Errorf("%s, r%d: %v", id, r, err)
			}
		}
		if winner == "" {
			t.Fatalf("%s: no decision won (%v), want exactly 1", id, errs)
		}
		// The winner's approval ended its claim.
		if got := holder(t, store, id); got == winner {
			t.Errorf("%s: the winner %s still holds the note after its approval", id, winner)
		}
	}
}
