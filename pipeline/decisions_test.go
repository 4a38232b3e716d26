package pipeline_test

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

	"github.com/notegate/notegate/broker"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/review"
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
	dcfg := pipeline.DecisionsConfig{}.WithDefaults()
	b, err := broker.Start(broker.Config{Partitions: 1, Topics: []string{"notes.events", topics.Approved, topics.Review, topics.Rejected, topics.DeadLetter, dcfg.Topic}})
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
	audit, err := review.OpenAudit(filepath.Join(t.TempDir(), "audit.db"), nil)
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
	start := func(dcfg pipeline.DecisionsConfig, store pipeline.NoteStore) func() {
		c, err := pipeline.NewDecisionConsumer(cfg, dcfg, store, audit, isNotFound, nil, log)
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
	header := func(m kafka.Message, key string) string {
		for _, h := range m.Headers {
			if h.Key == key {
				return string(h.Value)
			}
		}
		return ""
	}

	gated := &gatedStore{Embedded: idx, applying: make(chan struct{}), open: make(chan struct{})}
	stop := start(dcfg, gated)
	w := pipeline.NewDecisionWriter(brokers, dcfg)
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
	if string(m.Key) != "n1" || header(m, pipeline.HeaderRoute) != string(pipeline.RouteApproved) || header(m, pipeline.HeaderReviewDecision) != "d1" {
		t.Errorf("feed got key %s route %q decision %q", m.Key, header(m, pipeline.HeaderRoute), header(m, pipeline.HeaderReviewDecision))
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
	stopReplay := start(pipeline.DecisionsConfig{Topic: dcfg.Topic, GroupID: "replay"}, idx)
	if m := nextOnFeed(); header(m, pipeline.HeaderReviewDecision) != "d1" {
		t.Errorf("the replay routed decision %q", header(m, pipeline.HeaderReviewDecision))
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
	if m := nextOnFeed(); header(m, pipeline.HeaderReviewDecision) != "d2" || header(m, pipeline.HeaderRoute) != string(pipeline.RouteWithdrawn) {
		t.Errorf("after the restart the feed got decision %q route %q, want d2 withdrawn", header(m, pipeline.HeaderReviewDecision), header(m, pipeline.HeaderRoute))
	}
	entries, err := audit.ByNote("n1", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[1].Decision.ID != "d2" || entries[1].Revision != 2 || entries[1].Overturns != "d1" {
		t.Errorf("audit after d2: %+v, want d1 then d2 at revision 2 overturning d1", entries)
	}
}
