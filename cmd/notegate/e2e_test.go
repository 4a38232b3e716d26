package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/internal/devbroker"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
)

// e2e is a whole notegate (real stages, embedded index, kafka-go) against
// an embedded broker over TCP.
type e2e struct {
	cfg     config.Config
	brokers []string
	svc     *service
	idx     index.Index // opened after the service stops, to check the disk
	cancel  context.CancelFunc
	done    chan error
}

func startE2E(t *testing.T) *e2e {
	t.Helper()
	cfg := config.Default()
	b, err := devbroker.Start(devbroker.Config{Partitions: 3, Topics: []string{cfg.Kafka.InputTopic, cfg.Kafka.Topics.Approved, cfg.Kafka.Topics.Review, cfg.Kafka.Topics.Rejected, cfg.Kafka.Topics.DeadLetter}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	cfg.Kafka.Brokers = b.Addrs()
	cfg.Kafka.GroupID = "e2e"
	cfg.Kafka.CommitInterval = 100 * time.Millisecond
	cfg.Kafka.SessionTimeout = 2 * time.Second
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Index.Embedded.Dir = filepath.Join(t.TempDir(), "index")
	cfg.Review.AuditFile = filepath.Join(t.TempDir(), "audit.db")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	svc, err := startService(context.Background(), cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &e2e{cfg: cfg, brokers: b.Addrs(), svc: svc, cancel: cancel, done: make(chan error, 1)}
	go func() { e.done <- svc.Run(ctx) }()
	return e
}

// stop drains the service (as on SIGTERM) and reopens its index to read.
func (e *e2e) stop(t *testing.T) {
	t.Helper()
	e.cancel()
	if err := <-e.done; err != nil {
		t.Fatalf("service: %v", err)
	}
	idx, err := index.OpenEmbedded(e.cfg.Index.Embedded)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	e.idx = idx
}

func (e *e2e) produce(t *testing.T, msgs []kafka.Message) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(e.brokers...), Topic: e.cfg.Kafka.InputTopic, Balancer: kafka.Murmur2Balancer{}, RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond, BatchBytes: 4 << 20}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// A broker that has just created its topics may not yet route every
	// partition (kafka-go: "topic partition not found"); the messages that
	// failed are written again until the deadline, as a posting service would.
	for pending := msgs; ; {
		err := w.WriteMessages(ctx, pending...)
		if err == nil {
			return
		}
		var werrs kafka.WriteErrors
		if !errors.As(err, &werrs) || ctx.Err() != nil {
			t.Fatalf("produce: %v", err)
		}
		var again []kafka.Message
		for i, e := range werrs {
			if e != nil {
				again = append(again, pending[i])
			}
		}
		pending = again
		time.Sleep(100 * time.Millisecond)
	}
}

// outputs reads the output topics together until n events have been
// published (one event may be published to more than one topic, approved
// and review: it counts once, by its primary route; an event processed
// again after a crash counts again), and returns the messages by topic.
func (e *e2e) outputs(t *testing.T, n int) map[string][]kafka.Message {
	t.Helper()
	tp := e.cfg.Kafka.Topics
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: e.brokers, GroupID: fmt.Sprintf("e2e-check-%d", time.Now().UnixNano()),
		GroupTopics: []string{tp.Approved, tp.Review, tp.Rejected, tp.DeadLetter}, StartOffset: kafka.FirstOffset,
		MaxWait: 50 * time.Millisecond, JoinGroupBackoff: 200 * time.Millisecond})
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out := map[string][]kafka.Message{}
	for published := 0; published < n; {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("read outputs: %d of %d events: %v", published, n, err)
		}
		out[m.Topic] = append(out[m.Topic], m)
		if primaryMessage(t, m) {
			published++
		}
	}
	return out
}

// primaryMessage reports whether m is the message of its event's primary
// route (pipeline.RouteOf), the one every published event has exactly once.
func primaryMessage(t *testing.T, m kafka.Message) bool {
	switch pipeline.Route(headerValue(m, pipeline.HeaderRoute)) {
	case pipeline.RouteDeadLetter:
		return true
	case pipeline.RouteWithdrawn:
		return false
	}
	var n models.Note
	if err := json.Unmarshal(m.Value, &n); err != nil {
		t.Fatalf("output %s/%d is not a note: %v", m.Topic, m.Offset, err)
	}
	return string(pipeline.RouteOf(&n)) == headerValue(m, pipeline.HeaderRoute)
}

// sourceOf names the input event an output message came from.
func sourceOf(m kafka.Message) string {
	return headerValue(m, pipeline.HeaderSourcePart) + "/" + headerValue(m, pipeline.HeaderSourceOffset)
}

func noteEvent(t *testing.T, ev models.NoteEvent) kafka.Message {
	t.Helper()
	v, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return kafka.Message{Key: []byte(ev.NoteID), Value: v}
}

func TestEndToEndEventsLandInTheirTopicAndTheIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	e := startE2E(t)
	tp := e.cfg.Kafka.Topics
	events := []struct {
		ev    models.NoteEvent
		topic string
	}{
		{models.NoteEvent{NoteID: "hello", Version: 1, Market: "intl", Title: "TikTok refugee here", Body: "Hi from Ohio! I love cats and hotpot."}, tp.Approved},
		{models.NoteEvent{NoteID: "hotpot", Version: 1, Market: "cn", Title: "火锅推荐", Body: "成都的火锅太好吃了，推荐给大家"}, tp.Approved},
		{models.NoteEvent{NoteID: "trad", Version: 1, Market: "cn", Body: "台北的夜市小吃真的很好吃，推薦給大家"}, tp.Approved},
		// Blocked in cn and held for review in intl: on the review topic
		// (the whole review queue is there), never approved.
		{models.NoteEvent{NoteID: "spam", Version: 1, Market: "cn", Body: "加V信 abc12345 免费领取，手慢无"}, tp.Review},
		{models.NoteEvent{NoteID: "abuse", Version: 1, Market: "cn", Body: "你就是个傻*逼"}, tp.Review},
	}
	var msgs []kafka.Message
	for _, x := range events {
		msgs = append(msgs, noteEvent(t, x.ev))
	}
	msgs = append(msgs,
		kafka.Message{Key: []byte("broken"), Value: []byte(`{"note_id":"broken",`)},
		noteEvent(t, models.NoteEvent{Type: models.EventDeleted, NoteID: "trad", Version: 2}),
	)
	e.produce(t, msgs)
	out := e.outputs(t, len(msgs))

	where := map[string][]string{}
	for topic, ms := range out {
		for _, m := range ms {
			where[string(m.Key)] = append(where[string(m.Key)], topic+"/"+headerValue(m, pipeline.HeaderRoute))
		}
	}
	for _, x := range events {
		if got := where[x.ev.NoteID]; len(got) == 0 || !strings.HasPrefix(got[0], x.topic+"/") {
			t.Errorf("%s landed in %v, want %s", x.ev.NoteID, got, x.topic)
		}
	}
	for _, id := range []string{"spam", "abuse"} {
		for _, w := range where[id] {
			if strings.HasPrefix(w, tp.Approved+"/") {
				t.Errorf("%s reached the feed: %v", id, where[id])
			}
		}
	}
	if got := where["trad"]; len(got) != 2 || got[1] != tp.Approved+"/deleted" {
		t.Errorf("the deletion of trad was not forwarded to the feed: %v", got)
	}
	if got := where["broken"]; len(got) != 1 || got[0] != tp.DeadLetter+"/dead_letter" {
		t.Errorf("the broken event landed in %v", got)
	}

	// Search goes through the running service's index before it stops.
	res, err := e.svcSearch("hotpot", "intl")
	if err != nil {
		t.Fatal(err)
	}
	if !hasHit(res, "hotpot") || !hasHit(res, "hello") {
		t.Errorf("searching hotpot in intl found %v; want the Chinese note through its translation and the English one", hitIDs(res))
	}
	e.stop(t)
	ctx := context.Background()
	for _, id := range []string{"hello", "hotpot", "spam", "abuse"} {
		n, err := e.idx.Get(ctx, id)
		if err != nil {
			t.Errorf("index lacks %s: %v", id, err)
			continue
		}
		if n.Language.Code == "" || n.Moderation.PolicyVersion == "" {
			t.Errorf("%s is stored unenriched: %+v", id, n)
		}
	}
	if _, err := e.idx.Get(ctx, "trad"); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("deleted note still in the index: %v", err)
	}
	if n, err := e.idx.Get(ctx, "hotpot"); err == nil {
		if n.Language.Script != "Hans" || n.Translations["en"].Status != models.TranslationOK || n.Translations["en"].Provider != "cedict-gloss" {
			t.Errorf("hotpot: language %+v, translation %+v", n.Language, n.Translations["en"])
		}
	}
	// Blocked in cn but waiting for a reviewer in intl: translated for the
	// reviewers, and still on no feed (checked above).
	if n, err := e.idx.Get(ctx, "spam"); err == nil && (n.Translations["en"].Status != models.TranslationOK || n.Translations["en"].Body == "") {
		t.Errorf("a queued note blocked in one market was not translated for review: %+v", n.Translations)
	}
}

// svcSearch searches the running service's index once what it wrote is
// searchable.
func (e *e2e) svcSearch(q, market string) (models.SearchResult, error) {
	if err := e.svc.index.Refresh(context.Background()); err != nil {
		return models.SearchResult{}, err
	}
	return e.svc.index.Search(context.Background(), models.SearchQuery{Text: q, Market: market})
}

func hasHit(res models.SearchResult, id string) bool {
	for _, h := range res.Hits {
		if h.Note.NoteID == id {
			return true
		}
	}
	return false
}

func hitIDs(res models.SearchResult) []string {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.Note.NoteID)
	}
	return ids
}

// TestEndToEndBadEventsAreAllAccountedFor sends malformed events and every
// string of the Big List of Naughty Strings as a title and as a body: each
// event must come out exactly once (on each of its route topics, or
// dead-lettered with a reason), and the consumer must keep going.
func TestEndToEndBadEventsAreAllAccountedFor(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	raw, err := os.ReadFile("../../../shared/evaldata/robustness/blns.json")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI must have the evaluation data: %v", err)
		}
		t.Skipf("no BLNS data: %v", err)
	}
	var naughty []string
	if err := json.Unmarshal(raw, &naughty); err != nil {
		t.Fatal(err)
	}
	e := startE2E(t)
	var msgs []kafka.Message
	for i, s := range naughty {
		msgs = append(msgs,
			noteEvent(t, models.NoteEvent{NoteID: fmt.Sprintf("blns-title-%03d", i), Version: 1, Title: s, Body: "ok"}),
			noteEvent(t, models.NoteEvent{NoteID: fmt.Sprintf("blns-body-%03d", i), Version: 1, Body: s}),
		)
	}
	bad := map[string]string{
		"bad-json":     pipeline.ReasonInvalidJSON,
		"bad-utf8":     pipeline.ReasonInvalidUTF8,
		"no-id":        pipeline.ReasonMissingNoteID,
		"no-version":   pipeline.ReasonBadVersion,
		"oversize":     pipeline.ReasonTooLarge,
		"zero-version": pipeline.ReasonBadVersion,
	}
	msgs = append(msgs,
		kafka.Message{Key: []byte("bad-json"), Value: []byte(`{"note_id": "bad-json", version: 1}`)},
		kafka.Message{Key: []byte("bad-utf8"), Value: []byte("{\"note_id\":\"bad-utf8\",\"version\":1,\"body\":\"caf\xe9\"}")},
		kafka.Message{Key: []byte("no-id"), Value: []byte(`{"version":1,"body":"who am I"}`)},
		kafka.Message{Key: []byte("no-version"), Value: []byte(`{"note_id":"no-version","body":"x"}`)},
		kafka.Message{Key: []byte("oversize"), Value: []byte(`{"note_id":"oversize","version":1,"body":"` + strings.Repeat("长", 30000) + `"}`)},
		kafka.Message{Key: []byte("zero-version"), Value: []byte(`{"note_id":"zero-version","version":0}`)},
	)
	// The consumer keeps going after them.
	msgs = append(msgs, noteEvent(t, models.NoteEvent{NoteID: "after", Version: 1, Body: "still here after the bad ones"}))
	e.produce(t, msgs)
	out := e.outputs(t, len(msgs))

	seen := map[string]int{}
	dead := map[string]string{}
	sources := map[string]map[string]bool{} // key → input events it came out of
	for topic, ms := range out {
		for _, m := range ms {
			if sources[string(m.Key)] == nil {
				sources[string(m.Key)] = map[string]bool{}
			}
			if !sources[string(m.Key)][sourceOf(m)] {
				seen[string(m.Key)]++ // once per input event, whatever its topics
			}
			sources[string(m.Key)][sourceOf(m)] = true
			if topic == e.cfg.Kafka.Topics.DeadLetter {
				dead[string(m.Key)] = headerValue(m, pipeline.HeaderErrorCode)
				if headerValue(m, pipeline.HeaderError) == "" {
					t.Errorf("dead letter %q has no reason", m.Key)
				}
			}
		}
	}
	for _, m := range msgs {
		if seen[string(m.Key)] != 1 {
			t.Errorf("event %q came out %d times", m.Key, seen[string(m.Key)])
		}
	}
	for k, reason := range bad {
		if dead[k] != reason {
			t.Errorf("%s: dead-letter reason %q, want %q", k, dead[k], reason)
		}
	}
	var blnsDead []string
	for k, r := range dead {
		if strings.HasPrefix(k, "blns-") {
			blnsDead = append(blnsDead, k+"="+r)
		}
	}
	t.Logf("%d events: %d approved, %d review, %d rejected, %d dead-lettered (BLNS dead-lettered: %v)", len(msgs),
		len(out[e.cfg.Kafka.Topics.Approved]), len(out[e.cfg.Kafka.Topics.Review]), len(out[e.cfg.Kafka.Topics.Rejected]), len(dead), blnsDead)
	e.stop(t)
	for _, m := range msgs {
		if _, isDead := dead[string(m.Key)]; isDead {
			continue
		}
		if _, err := e.idx.Get(context.Background(), string(m.Key)); err != nil {
			t.Errorf("routed event %q is not in the index: %v", m.Key, err)
		}
	}
}
