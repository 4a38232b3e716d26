package desk

import (
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// TestLoginComparesOnceAtTheAccountsCost shows that an unknown name and a
// wrong password do the same work: one bcrypt comparison, against a hash
// of the same cost.
func TestLoginComparesOnceAtTheAccountsCost(t *testing.T) {
	t.Parallel()
	const cost = bcrypt.MinCost + 2
	low, err := bcrypt.GenerateFromPassword([]byte("low cost password"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	high, err := bcrypt.GenerateFromPassword([]byte("correct horse battery"), cost)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Accounts: []Account{{Name: "bob", Role: RoleReviewer, PasswordHash: string(low)}, {Name: "alice", Role: RoleReviewer, PasswordHash: string(high)}}}.WithDefaults()
	a, err := newAuthenticator(cfg, nil, newSessionMap(cfg.MaxSessions, time.Now), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	var costs []int
	a.compare = func(hash, password []byte) error {
		c, err := bcrypt.Cost(hash)
		if err != nil {
			t.Fatal(err)
		}
		costs = append(costs, c)
		return bcrypt.CompareHashAndPassword(hash, password)
	}
	for _, tt := range []struct{ name, password string }{
		{"nobody", "correct horse battery"},
		{"alice", "wrong password"},
	} {
		costs = costs[:0]
		if _, _, ok, err := a.login(ctx, tt.name, tt.password); ok || err != nil {
			t.Fatalf("login %s/%s succeeded (%v)", tt.name, tt.password, err)
		}
		if len(costs) != 1 || costs[0] != cost {
			t.Errorf("login as %s compared hashes of costs %v, want exactly one of cost %d (the highest of the accounts)", tt.name, costs, cost)
		}
	}
}

func TestTheDummyHashWithoutAccountsHasTheDefaultCost(t *testing.T) {
	t.Parallel()
	a, err := newAuthenticator(Config{}.WithDefaults(), nil, newSessionMap(1, time.Now), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := bcrypt.Cost(a.dummy); err != nil || c != bcrypt.DefaultCost {
		t.Errorf("dummy cost %d (%v), want %d", c, err, bcrypt.DefaultCost)
	}
}
