package rules_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/internal/devbroker"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
	"github.com/notegate/notegate/stages/index"
)

// gatedStore is the real index with writes held until open is closed, to
// look at the committed offset while a decision is in flight.
type gatedStore struct {
	*index.Embedded
	applying chan struct{} // closed at the first Apply
	started  atomic.Bool
	open     chan struct{}
}

func (g *gatedStore) Apply(ctx context.Context, notes []*models.Note) ([]pipeline.Applied, error) {
	if g.started.CompareAndSwap(false, true) {
		close(g.applying)
	}
	select {
	case <-g.open:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.Embedded.Apply(ctx, notes)
}

// TestDecisionConsumerAppliesOnceOverKafka runs the decisions consumer
// against the kfake broker, the embedded index and the bbolt audit trail:
// a reviewer's approval of a note in review becomes the note's next
// revision, goes to the feed's topic with its route, is audited once, and
// its offset is committed only once all that is done. A replay of the
// same event (a consumer that never saw the commit) is recognised by the
// decision id on the note: not applied again (the revision stays), not
// audited again, only routed again; a restart of the committed group does
// not see it at all.
func TestDecisionConsumerAppliesOnceOverKafka(t *testing.T) {
	t.Parallel()
	topics := pipeline.DefaultTopics()
	dcfg := rules.DecisionsConfig{}.WithDefaults()
	b, err := devbroker.Start(devbroker.Config{Partitions: 1, Topics: []string{"notes.events", topics.Approved, topics.Review, topics.Rejected, topics.DeadLetter, dcfg.Topic}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	brokers := b.Addrs()
	idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: filepath.Join(t.TempDir(), "index")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	audit, err := desk.OpenAudit(filepath.Join(t.TempDir(), "audit.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { audit.Close() })
	ctx := context.Background()

	n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Version: 3, Market: "intl", Body: "weekend hotpot with friends"}}
	n.Moderation = models.Moderation{Decision: models.DecisionReview, PolicyVersion: "p1",
		Markets: map[string]models.Decision{"cn": models.DecisionReview, "intl": models.DecisionReview},
		Labels:  []models.Label{{Category: models.CategorySpam, Score: 0.6, Source: "contact"}}}
	if _, err := idx.Apply(ctx, []*models.Note{n}); err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Brokers: brokers, GroupID: "notegate-test", MaxEventBytes: 4096,
		SessionTimeout: 2 * time.Second, DrainTimeout: 10 * time.Second,
		Backoff: pipeline.Backoff{Min: time.Millisecond, Max: 20 * time.Millisecond}}
	isNotFound := func(err error) bool { return errors.Is(err, index.ErrNotFound) }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	start := func(dcfg rules.DecisionsConfig, store pipeline.NoteStore) func() {
		c, err := rules.NewDecisionConsumer(cfg, dcfg, store, audit, isNotFound, nil, log)
		if err != nil {
			t.Fatal(err)
		}
		cctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- c.Run(cctx) }()
		return func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("decisions consumer: %v", err)
			}
		}
	}
	committed := func(group string) int64 {
		t.Helper()
		res, err := (&kafka.Client{Addr: kafka.TCP(brokers...)}).OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: group, Topics: map[string][]int{dcfg.Topic: {0}}})
		if err != nil || res.Error != nil || len(res.Topics[dcfg.Topic]) != 1 {
			t.Fatalf("offset fetch of %s: %v %v %+v", group, err, res.Error, res)
		}
		return res.Topics[dcfg.Topic][0].CommittedOffset
	}
	feed := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Topic: topics.Approved, Partition: 0, MaxWait: 100 * time.Millisecond})
	t.Cleanup(func() { feed.Close() })
	nextOnFeed := func() kafka.Message {
		t.Helper()
		rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		m, err := feed.ReadMessage(rctx)
		if err != nil {
			t.Fatalf("read %s: %v", topics.Approved, err)
		}
		return m
	}
	gated := &gatedStore{Embedded: idx, applying: make(chan struct{}), open: make(chan struct{})}
	stop := start(dcfg, gated)
	w := rules.NewDecisionWriter(brokers, dcfg)
	t.Cleanup(func() { w.Close() })
	d1 := models.ReviewDecision{ID: "d1", NoteID: "n1", NoteVersion: 3, Action: models.ReviewApprove, Reviewer: "alice", Role: "reviewer", At: time.Now().UTC(), PolicyVersion: "p1"}
	if err := w.Publish(ctx, d1); err != nil {
		t.Fatal(err)
	}
	<-gated.applying // the decision is being written to the index
	if off := committed(dcfg.GroupID); off >= 0 {
		t.Errorf("offset %d committed while the decision was still being written", off)
	}
	close(gated.open)

	m := nextOnFeed()
	if string(m.Key) != "n1" || pipelinetest.Header(m, pipeline.HeaderRoute) != string(pipeline.RouteApproved) || pipelinetest.Header(m, rules.HeaderReviewDecision) != "d1" {
		t.Errorf("feed got key %s route %q decision %q", m.Key, pipelinetest.Header(m, pipeline.HeaderRoute), pipelinetest.Header(m, rules.HeaderReviewDecision))
	}
	deadline := time.Now().Add(30 * time.Second)
	for committed(dcfg.GroupID) != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("the decision's offset was never committed (at %d)", committed(dcfg.GroupID))
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()

	checkOnce := func(when string) {
		t.Helper()
		got, err := idx.Get(ctx, "n1")
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 3 || got.Revision != 1 || got.Moderation.Review == nil || got.Moderation.Review.DecisionID != "d1" ||
			got.Moderation.Decision != models.DecisionAllow || fmt.Sprint(got.ApprovedMarkets) != "[cn intl]" {
			t.Errorf("%s: stored version %d revision %d, decision %s in %v, review %+v; want version 3 revision 1 approved in cn and intl by d1",
				when, got.Version, got.Revision, got.Moderation.Decision, got.ApprovedMarkets, got.Moderation.Review)
		}
		entries, err := audit.ByNote("n1", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].Decision.ID != "d1" || entries[0].Outcome != models.AuditApplied || entries[0].Revision != 1 {
			t.Errorf("%s: audit %+v, want one applied entry of d1 at revision 1", when, entries)
		}
	}
	checkOnce("after the decision")

	// A replay: a group that never committed reads the event again.
	stopReplay := start(rules.DecisionsConfig{Topic: dcfg.Topic, GroupID: "replay"}, idx)
	if m := nextOnFeed(); pipelinetest.Header(m, rules.HeaderReviewDecision) != "d1" {
		t.Errorf("the replay routed decision %q", pipelinetest.Header(m, rules.HeaderReviewDecision))
	}
	stopReplay()
	checkOnce("after a replay")

	// A restart of the committed group resumes after d1: the next message
	// on the feed is d2's withdrawal, not d1 again.
	stop = start(dcfg, idx)
	defer stop()
	d2 := models.ReviewDecision{ID: "d2", NoteID: "n1", NoteVersion: 3, Action: models.ReviewReject, Category: models.CategorySpam,
		Reason: "a campaign", Reviewer: "bob", At: time.Now().UTC(), PolicyVersion: "p1", Supersedes: "d1"}
	if err := w.Publish(ctx, d2); err != nil {
		t.Fatal(err)
	}
	if m := nextOnFeed(); pipelinetest.Header(m, rules.HeaderReviewDecision) != "d2" || pipelinetest.Header(m, pipeline.HeaderRoute) != string(pipeline.RouteWithdrawn) {
		t.Errorf("after the restart the feed got decision %q route %q, want d2 withdrawn", pipelinetest.Header(m, rules.HeaderReviewDecision), pipelinetest.Header(m, pipeline.HeaderRoute))
	}
	entries, err := audit.ByNote("n1", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[1].Decision.ID != "d2" || entries[1].Revision != 2 || entries[1].Overturns != "d1" {
		t.Errorf("audit after d2: %+v, want d1 then d2 at revision 2 overturning d1", entries)
	}
}

// marketNote is a note with the machine decisions markets and a spam
// label.
func marketNote(markets map[string]models.Decision) *models.Note {
	n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "m1", Version: 1, Body: "crypto giveaway, dm me"}}
	n.Moderation = models.Moderation{Markets: markets, PolicyVersion: "p1",
		Labels: []models.Label{{Category: models.CategorySpam, Score: 0.8, Source: "contact"}}}
	for m, v := range markets {
		n.Moderation.Decision = models.MostRestrictive(n.Moderation.Decision, v)
		if v == models.DecisionAllow {
			n.ApprovedMarkets = append(n.ApprovedMarkets, m)
		}
	}
	return n
}

// TestApplyDecisionActsInItsMarketsOnly applies sequences of decisions
// and checks every market's decision, the approved markets, the markets
// still queued and the decisions standing per market: a decision never
// changes a market it does not name.
func TestApplyDecisionActsInItsMarketsOnly(t *testing.T) {
	t.Parallel()
	const (
		allow, review, block = models.DecisionAllow, models.DecisionReview, models.DecisionBlock
	)
	dec := func(id string, action models.ReviewAction, markets ...string) models.ReviewDecision {
		d := models.ReviewDecision{ID: id, NoteID: "m1", NoteVersion: 1, Action: action, Markets: markets, Reviewer: "r-" + id}
		if action == models.ReviewReject || action == models.ReviewLabel {
			d.Category, d.Reason = models.CategorySpam, "spam"
		}
		return d
	}
	for _, c := range []struct {
		name      string
		machine   map[string]models.Decision
		urgent    models.Category
		escalated bool
		decisions []models.ReviewDecision
		markets   map[string]models.Decision
		approved  []string
		queued    []string
		decided   map[string]string // market → standing decision id
		escalate  bool
		labels    int
	}{
		{name: "approve in intl leaves the block in cn", machine: map[string]models.Decision{"cn": block, "intl": review},
			decisions: []models.ReviewDecision{dec("d1", models.ReviewApprove, "intl")},
			markets:   map[string]models.Decision{"cn": block, "intl": allow}, approved: []string{"intl"},
			decided: map[string]string{"intl": "d1"}, labels: 1},
		{name: "reject in cn leaves intl in review and in intl's queue", machine: map[string]models.Decision{"cn": review, "intl": review},
			decisions: []models.ReviewDecision{dec("d1", models.ReviewReject, "cn")},
			markets:   map[string]models.Decision{"cn": block, "intl": review}, queued: []string{"intl"},
			decided: map[string]string{"cn": "d1"}, labels: 2},
		{name: "a market the note has no decision in is never added", machine: map[string]models.Decision{"intl": review},
			decisions: []models.ReviewDecision{dec("d1", models.ReviewApprove, "cn", "intl")},
			markets:   map[string]models.Decision{"intl": allow}, approved: []string{"intl"},
			decided: map[string]string{"intl": "d1"}, labels: 1},
		{name: "an event naming no market decides every market", machine: map[string]models.Decision{"cn": block, "intl": review},
			decisions: []models.ReviewDecision{dec("d1", models.ReviewApprove)},
			markets:   map[string]models.Decision{"cn": allow, "intl": allow}, approved: []string{"cn", "intl"},
			decided: map[string]string{"cn": "d1", "intl": "d1"}, labels: 1},
		{name: "two markets decided by two reviewers both stand", machine: map[string]models.Decision{"cn": review, "intl": review},
			decisions: []models.ReviewDecision{dec("d1", models.ReviewReject, "cn"), dec("d2", models.ReviewApprove, "intl")},
			markets:   map[string]models.Decision{"cn": block, "intl": allow}, approved: []string{"intl"},
			decided: map[string]string{"cn": "d1", "intl": "d2"}, labels: 2},
		{name: "undo in intl restores intl only and keeps cn's rejection and its label", machine: map[string]models.Decision{"cn": review, "intl": review},
			decisions: []models.ReviewDecision{dec("d1", models.ReviewReject, "cn"), dec("d2", models.ReviewApprove, "intl"), dec("d3", models.ReviewUndo, "intl")},
			markets:   map[string]models.Decision{"cn": block, "intl": review}, queued: []string{"intl"},
			decided: map[string]string{"cn": "d1"}, labels: 2},
		{name: "undo of every market restores the machine's labels", machine: map[string]models.Decision{"cn": review, "intl": review},
			decisions: []models.ReviewDecision{dec("d1", models.ReviewReject, "cn"), dec("d2", models.ReviewUndo, "cn", "intl")},
			markets:   map[string]models.Decision{"cn": review, "intl": review}, queued: []string{"cn", "intl"},
			decided: map[string]string{}, labels: 1},
		{name: "an urgent note confirmed in intl still waits in cn", machine: map[string]models.Decision{"cn": block, "intl": block},
			urgent:    models.CategorySexualMinors,
			decisions: []models.ReviewDecision{dec("d1", models.ReviewReject, "intl")},
			markets:   map[string]models.Decision{"cn": block, "intl": block}, queued: []string{"cn"},
			decided: map[string]string{"intl": "d1"}, labels: 2},
		{name: "an urgent note confirmed in both markets leaves the queue", machine: map[string]models.Decision{"cn": block, "intl": block},
			urgent:    models.CategorySexualMinors,
			decisions: []models.ReviewDecision{dec("d1", models.ReviewReject, "intl"), dec("d2", models.ReviewReject, "cn")},
			markets:   map[string]models.Decision{"cn": block, "intl": block},
			decided:   map[string]string{"cn": "d2", "intl": "d1"}, labels: 3},
		{name: "an escalation stands while a market is still in review", machine: map[string]models.Decision{"cn": review, "intl": review},
			escalated: true,
			decisions: []models.ReviewDecision{dec("d1", models.ReviewApprove, "intl")},
			markets:   map[string]models.Decision{"cn": review, "intl": allow}, approved: []string{"intl"}, queued: []string{"cn"},
			decided: map[string]string{"intl": "d1"}, escalate: true, labels: 1},
		{name: "an escalation ends when the last market is decided", machine: map[string]models.Decision{"cn": review, "intl": review},
			escalated: true,
			decisions: []models.ReviewDecision{dec("d1", models.ReviewApprove, "intl"), dec("d2", models.ReviewReject, "cn")},
			markets:   map[string]models.Decision{"cn": block, "intl": allow}, approved: []string{"intl"},
			decided: map[string]string{"cn": "d2", "intl": "d1"}, labels: 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			n := marketNote(c.machine)
			n.Moderation.Urgent = c.urgent
			if c.escalated {
				n.Moderation.Review = &models.Review{DecisionID: "d0", Action: models.ReviewEscalate, Reviewer: "r0", Escalated: true}
			}
			orig, before := n, fmt.Sprint(n.Moderation.Markets)
			for _, d := range c.decisions {
				n = rules.ApplyDecision(n, d)
			}
			if got := fmt.Sprint(orig.Moderation.Markets); got != before {
				t.Fatalf("ApplyDecision changed the note it was given: markets %s, were %s", got, before)
			}
			if fmt.Sprint(n.Moderation.Markets) != fmt.Sprint(c.markets) {
				t.Errorf("markets %v, want %v", n.Moderation.Markets, c.markets)
			}
			if fmt.Sprint(n.ApprovedMarkets) != fmt.Sprint(c.approved) {
				t.Errorf("approved in %v, want %v", n.ApprovedMarkets, c.approved)
			}
			if got := n.Moderation.QueueMarkets(); fmt.Sprint(got) != fmt.Sprint(c.queued) {
				t.Errorf("queued in %v, want %v", got, c.queued)
			}
			decided := map[string]string{}
			for m, s := range n.Moderation.Review.Decided {
				decided[m] = s.DecisionID
				if !n.Moderation.DecidedIn(m) {
					t.Errorf("DecidedIn(%s) is false with %s standing there", m, s.DecisionID)
				}
			}
			if fmt.Sprint(decided) != fmt.Sprint(c.decided) {
				t.Errorf("standing decisions %v, want %v", decided, c.decided)
			}
			if n.Moderation.Review.Escalated != c.escalate {
				t.Errorf("escalated %v, want %v", n.Moderation.Review.Escalated, c.escalate)
			}
			if len(n.Moderation.Labels) != c.labels {
				t.Errorf("%d labels, want %d: %+v", len(n.Moderation.Labels), c.labels, n.Moderation.Labels)
			}
			last := c.decisions[len(c.decisions)-1]
			if n.Revision != int64(len(c.decisions)) || n.Moderation.Review.DecisionID != last.ID {
				t.Errorf("revision %d, review %s; want %d, %s", n.Revision, n.Moderation.Review.DecisionID, len(c.decisions), last.ID)
			}
		})
	}
}

// TestOverturnedLooksAtTheDecisionStandingInEachMarket: a decision
// reverses the one standing in one of its markets, not the latest
// decision of another market.
func TestOverturnedLooksAtTheDecisionStandingInEachMarket(t *testing.T) {
	t.Parallel()
	rejectCN := models.ReviewDecision{ID: "d1", NoteID: "m1", NoteVersion: 1, Action: models.ReviewReject, Markets: []string{"cn"}, Category: models.CategorySpam}
	approveIntl := models.ReviewDecision{ID: "d2", NoteID: "m1", NoteVersion: 1, Action: models.ReviewApprove, Markets: []string{"intl"}}
	n := rules.ApplyDecision(marketNote(map[string]models.Decision{"cn": models.DecisionReview, "intl": models.DecisionReview}), rejectCN)
	for _, c := range []struct {
		name string
		prev *models.Review
		d    models.ReviewDecision
		want string
	}{
		{"approval in intl after a rejection in cn reverses nothing", n.Moderation.Review, approveIntl, ""},
		{"approval in cn after a rejection in cn reverses it", n.Moderation.Review, models.ReviewDecision{ID: "d3", Action: models.ReviewApprove, Markets: []string{"cn"}}, "d1"},
		{"undo in cn reverses the rejection standing there", rules.ApplyDecision(n, approveIntl).Moderation.Review, models.ReviewDecision{ID: "d4", Action: models.ReviewUndo, Markets: []string{"cn"}}, "d1"},
		{"undo in intl reverses the approval standing there", rules.ApplyDecision(n, approveIntl).Moderation.Review, models.ReviewDecision{ID: "d4", Action: models.ReviewUndo, Markets: []string{"intl"}}, "d2"},
		{"a decision from before per-market records reverses in any market",
			&models.Review{DecisionID: "old", Action: models.ReviewApprove}, models.ReviewDecision{ID: "d5", Action: models.ReviewReject, Markets: []string{"cn"}}, "old"},
		{"a decision from before per-market records in intl is not reversed in cn",
			&models.Review{DecisionID: "old", Action: models.ReviewApprove, Markets: []string{"intl"}}, models.ReviewDecision{ID: "d6", Action: models.ReviewReject, Markets: []string{"cn"}}, ""},
	} {
		if got := rules.Overturned(c.prev, c.d); got != c.want {
			t.Errorf("%s: overturns %q, want %q", c.name, got, c.want)
		}
	}
}
