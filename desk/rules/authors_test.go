package rules

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

func authorAction(id, author string, k models.AuthorActionKind, markets ...string) models.AuthorAction {
	return models.AuthorAction{ID: id, AuthorID: author, Action: k, Markets: markets, Actor: "r1", Reason: "test",
		At: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
}

func TestAuthorStoreForgetsWhatMattersLeastFirst(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		actions []models.AuthorAction
		gone    string
	}{
		{"a clear standing goes before a muted one", []models.AuthorAction{
			authorAction("a1", "muted", models.AuthorMute), authorAction("a2", "lifted", models.AuthorMute), authorAction("a3", "lifted", models.AuthorLift),
			authorAction("a4", "suspended", models.AuthorSuspend)}, "lifted"},
		{"a struck author goes before a suspended one changed earlier", []models.AuthorAction{
			authorAction("a1", "suspended", models.AuthorSuspend), authorAction("a2", "struck", models.AuthorStrike),
			authorAction("a3", "suspended-2", models.AuthorSuspend)}, "struck"},
		{"among suspended authors the least recently changed goes", []models.AuthorAction{
			authorAction("a1", "s1", models.AuthorSuspend), authorAction("a2", "s2", models.AuthorSuspend),
			authorAction("a3", "s3", models.AuthorSuspend), authorAction("a4", "s1", models.AuthorStrike)}, "s2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := NewAuthorStore(3, []string{"cn", "intl"})
			for _, a := range c.actions {
				s.Apply(a)
			}
			newcomer, evicted := s.Apply(authorAction("z", "newcomer", models.AuthorMute, "cn"))
			if evicted != 1 || s.Len() != 3 {
				t.Fatalf("evicted %d, holding %d; want 1 and 3", evicted, s.Len())
			}
			if _, ok := s.Standing(c.gone); ok {
				t.Errorf("%s is still held", c.gone)
			}
			if newcomer.StateIn("cn") != models.AuthorMuted || newcomer.StateIn("intl") != "" {
				t.Errorf("the newcomer's standing %+v, want muted in cn only", newcomer)
			}
		})
	}
}

func TestAuthorStoreActsInEveryMarketWhenAnActionNamesNone(t *testing.T) {
	t.Parallel()
	s := NewAuthorStore(10, []string{"cn", "intl"})
	s.Apply(authorAction("a1", "u", models.AuthorSuspend))
	st, ok := s.Standing("u")
	if !ok || st.StateIn("cn") != models.AuthorSuspended || st.StateIn("intl") != models.AuthorSuspended {
		t.Fatalf("standing %+v, want suspended in cn and intl", st)
	}
	// The copy is the caller's.
	delete(st.Markets, "cn")
	if again, _ := s.Standing("u"); again.StateIn("cn") != models.AuthorSuspended {
		t.Error("changing a returned standing changed the store")
	}
}

// memAuthorAudit is an AuthorAuditor in memory that counts calls.
type memAuthorAudit struct {
	mu      sync.Mutex
	entries map[string]models.AuthorActionEntry
	calls   int
}

func (m *memAuthorAudit) RecordAuthorAction(_ context.Context, e models.AuthorActionEntry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	if m.entries == nil {
		m.entries = map[string]models.AuthorActionEntry{}
	}
	if _, ok := m.entries[e.Action.ID]; !ok {
		m.entries[e.Action.ID] = e
	}
	return nil
}

func (m *memAuthorAudit) count() (entries, calls int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries), m.calls
}

// TestAuthorConsumerRebuildsStandingsOnEveryStart: actions published
// before the consumer starts are all applied before Ready, over three
// partitions; one published while it runs is applied too; a bad event is
// skipped; a second consumer (a restart, or another replica) with an
// empty store rebuilds the same standings, and the audit trail holds each
// action once.
func TestAuthorConsumerRebuildsStandingsOnEveryStart(t *testing.T) {
	t.Parallel()
	acfg := AuthorsConfig{}.WithDefaults()
	brokers := pipelinetest.StartBroker(t, "notes.events", acfg.Topic)
	ctx := context.Background()
	w := NewAuthorActionWriter(brokers, acfg)
	t.Cleanup(func() { w.Close() })
	var actions []models.AuthorAction
	for i := range 12 {
		author := fmt.Sprintf("u%d", i%4)
		kind := []models.AuthorActionKind{models.AuthorStrike, models.AuthorSuspend, models.AuthorMute}[i%3]
		actions = append(actions, authorAction(fmt.Sprintf("a%02d", i), author, kind, "cn"))
	}
	for _, a := range actions {
		if err := w.PublishAuthorAction(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	pipelinetest.Produce(t, brokers, acfg.Topic, kafka.Message{Key: []byte("u0"), Value: []byte(`{"not":"an action"}`)})
	want := map[string]models.AuthorStanding{}
	for _, a := range actions {
		want[a.AuthorID] = want[a.AuthorID].Apply(a, a.Markets)
	}
	audit := &memAuthorAudit{}
	run := func() (*AuthorStore, *AuthorConsumer, func()) {
		store := NewAuthorStore(100, []string{"cn", "intl"})
		c, err := NewAuthorConsumer(pipelinetest.Config(brokers), acfg, store, audit, nil, nil, pipelinetest.QuietLogger())
		if err != nil {
			t.Fatal(err)
		}
		cctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- c.Run(cctx) }()
		return store, c, func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("authors consumer: %v", err)
			}
		}
	}
	check := func(who string, store *AuthorStore) {
		t.Helper()
		for author, w := range want {
			got, ok := store.Standing(author)
			if !ok || got.Strikes != w.Strikes || got.StateIn("cn") != w.StateIn("cn") || got.LastAction != w.LastAction {
				t.Errorf("%s: %s is %+v (held %v), want %+v", who, author, got, ok, w)
			}
		}
	}

	store, c, stop := run()
	select {
	case <-c.Ready():
	case <-time.After(60 * time.Second):
		t.Fatal("the first consumer never caught up")
	}
	check("after the first start", store)
	late := authorAction("a-late", "u9", models.AuthorSuspend, "intl")
	if err := w.PublishAuthorAction(ctx, late); err != nil {
		t.Fatal(err)
	}
	want["u9"] = models.AuthorStanding{}.Apply(late, late.Markets)
	pipelinetest.WaitFor(t, "the late action", func() bool { st, _ := store.Standing("u9"); return st.LastAction == "a-late" })
	stop()

	store2, c2, stop2 := run()
	defer stop2()
	select {
	case <-c2.Ready():
	case <-time.After(60 * time.Second):
		t.Fatal("the second consumer never caught up")
	}
	check("after a restart", store2)
	if entries, calls := audit.count(); entries != len(actions)+1 || calls != 2*(len(actions)+1) {
		t.Errorf("audit holds %d entries from %d calls, want %d from %d", entries, calls, len(actions)+1, 2*(len(actions)+1))
	}
}
