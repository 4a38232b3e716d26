package desk

import (
	"crypto/sha256"
	"fmt"
	"testing"
	"time"
)

// TestSessions is the conformance suite of sessionStore.
func TestSessions(t *testing.T) {
	t.Parallel()
	key := func(token string) [32]byte { return sha256.Sum256([]byte(token)) }
	alice := Principal{Name: "alice", Role: RoleReviewer, Markets: []string{"cn", "intl"}}
	found := func(t *testing.T, s sessionStore, token string) (Principal, bool) {
		t.Helper()
		got, ok, err := s.get(ctx, key(token))
		if err != nil {
			t.Fatal(err)
		}
		return got.Principal, ok
	}
	impls := impls(t)
	for _, c := range []struct {
		name string
		run  func(t *testing.T, s sessionStore, clock *fakeClock)
	}{
		{"a_session_is_found_by_its_key_until_it_expires", func(t *testing.T, s sessionStore, clock *fakeClock) {
			if err := s.open(ctx, key("t1"), session{Principal: alice, expires: clock.Now().Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			if p, ok := found(t, s, "t1"); !ok || p.Name != "alice" || p.Role != RoleReviewer || fmt.Sprint(p.Markets) != "[cn intl]" {
				t.Errorf("session: %+v %v, want alice, reviewer of cn and intl", p, ok)
			}
			if _, ok := found(t, s, "t2"); ok {
				t.Error("a token never issued finds a session")
			}
			clock.Advance(time.Hour - time.Second)
			if _, ok := found(t, s, "t1"); !ok {
				t.Error("the session is gone a second before it expires")
			}
			clock.Advance(time.Second)
			if _, ok := found(t, s, "t1"); ok {
				t.Error("the session is found when it expires")
			}
		}},
		{"an_ended_session_is_gone", func(t *testing.T, s sessionStore, clock *fakeClock) {
			for _, tok := range []string{"t1", "t2"} {
				if err := s.open(ctx, key(tok), session{Principal: alice, expires: clock.Now().Add(time.Hour)}); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.end(ctx, key("t1")); err != nil {
				t.Fatal(err)
			}
			if _, ok := found(t, s, "t1"); ok {
				t.Error("the ended session is found")
			}
			if _, ok := found(t, s, "t2"); !ok {
				t.Error("ending one session ended the other")
			}
		}},
		{"a_full_store_drops_the_session_that_expires_first", func(t *testing.T, s sessionStore, clock *fakeClock) {
			// The store holds 3 (see below); t2 expires first.
			for i, tok := range []string{"t1", "t2", "t3"} {
				exp := clock.Now().Add(time.Duration(3-i) * time.Hour)
				if tok == "t2" {
					exp = clock.Now().Add(30 * time.Minute)
				}
				if err := s.open(ctx, key(tok), session{Principal: alice, expires: exp}); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.open(ctx, key("t4"), session{Principal: alice, expires: clock.Now().Add(4 * time.Hour)}); err != nil {
				t.Fatal(err)
			}
			for tok, want := range map[string]bool{"t1": true, "t2": false, "t3": true, "t4": true} {
				if _, ok := found(t, s, tok); ok != want {
					t.Errorf("%s found %v, want %v", tok, ok, want)
				}
			}
		}},
	} {
		for _, im := range impls {
			t.Run(im.name+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				clock := &fakeClock{now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
				_, s, _ := im.stores(t, Config{MaxSessions: 3}, clock.Now)
				c.run(t, s, clock)
			})
		}
	}
}
