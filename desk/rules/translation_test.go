package rules_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/internal/devbroker"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/translate"
	"github.com/notegate/notegate/stages/translate/pending"
)

// blockedInCN stands in for the moderate stage: the note is blocked in cn
// and waits for a reviewer in intl, with the evidence of a contact spam.
type blockedInCN struct{}

func (blockedInCN) Name() string { return "moderate" }

func (blockedInCN) Process(_ context.Context, notes []*models.Note) error {
	for _, n := range notes {
		n.Language = models.Language{Code: "zh", Script: "Hans", Confidence: 0.99}
		n.Moderation = models.Moderation{Decision: models.DecisionBlock, PolicyVersion: "p1",
			Markets: map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionReview},
			Labels: []models.Label{{Category: models.CategorySpam, Score: 0.9, Source: "contact",
				Evidence: []models.Evidence{{Field: "body", Start: 0, End: len("加V信"), Text: "加V信"}}}}}
		n.ApprovedMarkets = nil
	}
	return nil
}

func glossStage(t *testing.T, reg prometheus.Registerer) *translate.Stage {
	t.Helper()
	g, err := translate.NewCedictGloss()
	if err != nil {
		t.Fatal(err)
	}
	s, err := translate.New(translate.Config{}, []translate.Provider{g}, slog.New(slog.DiscardHandler), translate.WithMetrics(reg))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// counter reads one series of a counter from reg.
func counter(t *testing.T, reg prometheus.Gatherer, name string, labels map[string]string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	series:
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if v, ok := labels[l.GetName()]; ok && v != l.GetValue() {
					continue series
				}
			}
			return m.GetCounter().GetValue()
		}
	}
	return 0
}

// TestProcessorTranslatesANoteBlockedInCNForItsIntlReviewers runs a note
// through the processor with the translate stage after a moderation that
// blocks it in cn and holds it for review in intl: it is stored with its
// English translation, counted as translated for review, and stays off
// the feed and out of search.
func TestProcessorTranslatesANoteBlockedInCNForItsIntlReviewers(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: filepath.Join(t.TempDir(), "index")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	p := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{blockedInCN{}, glossStage(t, reg)}, Indexer: idx,
		Logger: slog.New(slog.DiscardHandler)})
	env := &pipeline.Envelope{Value: []byte(`{"note_id":"q1","version":1,"market":"cn","body":"加V信 abc123 领取福利"}`)}
	if err := p.Process(context.Background(), []*pipeline.Envelope{env}); err != nil {
		t.Fatal(err)
	}
	if env.Err != nil {
		t.Fatal(env.Err)
	}
	en := env.Note.Translations["en"]
	if en.Status != models.TranslationOK || en.Provider != translate.CedictGlossName || !strings.Contains(en.Body, "abc123") {
		t.Errorf("the note in review in intl has English %+v, want the gloss", en)
	}
	routes := pipeline.Routes(env.Note, env.EverApproved)
	if len(routes) != 1 || routes[0] != pipeline.RouteReview {
		t.Errorf("routes %v, want review only: a translation for review puts the note on no feed", routes)
	}
	review := counter(t, reg, "notegate_translate_chars_sent_total", map[string]string{"provider": translate.CedictGlossName, "purpose": translate.PurposeReview})
	feed := counter(t, reg, "notegate_translate_chars_sent_total", map[string]string{"provider": translate.CedictGlossName, "purpose": translate.PurposeFeed})
	if review != float64(len([]rune("加V信 abc123 领取福利"))) || feed != 0 {
		t.Errorf("characters sent: review %v, feed %v; want the body's %d for review and none for feeds", review, feed, len([]rune("加V信 abc123 领取福利")))
	}
	if err := idx.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, market := range []string{"", "intl", "cn"} {
		res, err := idx.Search(context.Background(), models.SearchQuery{Text: "abc123", Market: market})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 0 {
			t.Errorf("search in %q finds the note in review: %+v", market, res.Hits)
		}
	}
}

// TestApprovalPublishesTheTranslationToTheFeed approves, in intl, notes
// blocked in cn: one translated for review reaches notes.approved with
// its translation at once; one stored before (its translation skipped as
// blocked) reaches it first with the translation pending, then, through
// the retrier, with it filled in.
func TestApprovalPublishesTheTranslationToTheFeed(t *testing.T) {
	t.Parallel()
	topics := pipeline.DefaultTopics()
	dcfg := rules.DecisionsConfig{}.WithDefaults()
	b, err := devbroker.Start(devbroker.Config{Partitions: 1, Topics: []string{"notes.events", topics.Approved, topics.Review, topics.Rejected,
		topics.DeadLetter, dcfg.Topic, pending.DefaultTopic}})
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
	tr := glossStage(t, prometheus.NewRegistry())

	// One note as the pipeline stores it now, one as it stored it before.
	p := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: []pipeline.Stage{blockedInCN{}, tr}, Indexer: idx, Logger: slog.New(slog.DiscardHandler)})
	fresh := &pipeline.Envelope{Value: []byte(`{"note_id":"fresh","version":1,"market":"cn","body":"加V信 abc123 领取福利"}`)}
	if err := p.Process(ctx, []*pipeline.Envelope{fresh}); err != nil || fresh.Err != nil {
		t.Fatal(err, fresh.Err)
	}
	old := &models.Note{NoteEvent: models.NoteEvent{NoteID: "old", Version: 1, Market: "cn", Body: "火锅 加V信 领取福利"}}
	if err := (blockedInCN{}).Process(ctx, []*models.Note{old}); err != nil {
		t.Fatal(err)
	}
	old.Translations = map[string]models.Translation{"en": {Status: models.TranslationSkipped, Error: translate.ReasonBlocked}}
	if _, err := idx.Apply(ctx, []*models.Note{old}); err != nil {
		t.Fatal(err)
	}

	cfg := pipeline.Config{Brokers: brokers, GroupID: "notegate-test", MaxEventBytes: 4096,
		SessionTimeout: 2 * time.Second, DrainTimeout: 10 * time.Second,
		Backoff: pipeline.Backoff{Min: time.Millisecond, Max: 20 * time.Millisecond}}
	isNotFound := func(err error) bool { return errors.Is(err, index.ErrNotFound) }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	dc, err := rules.NewDecisionConsumer(cfg, dcfg, idx, audit, isNotFound, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	dc.TranslateAfterDecisions(tr, pending.FollowUps(pending.DefaultTopic, func(int) time.Duration { return 0 }, nil))
	retrier, err := pending.NewRetrier(cfg, pending.Config{}, idx, tr, isNotFound, nil, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 2)
	go func() { done <- dc.Run(runCtx) }()
	go func() { done <- retrier.Run(runCtx) }()
	t.Cleanup(func() {
		stop()
		for range 2 {
			if err := <-done; err != nil {
				t.Errorf("consumer: %v", err)
			}
		}
	})

	w := rules.NewDecisionWriter(brokers, dcfg)
	t.Cleanup(func() { w.Close() })
	approve := func(id string) {
		t.Helper()
		d := models.ReviewDecision{ID: "d-" + id, NoteID: id, NoteVersion: 1, Action: models.ReviewApprove, Markets: []string{"intl"},
			Reviewer: "alice", Role: "reviewer", At: time.Now().UTC(), PolicyVersion: "p1"}
		if err := w.Publish(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	feed := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Topic: topics.Approved, Partition: 0, MaxWait: 100 * time.Millisecond})
	t.Cleanup(func() { feed.Close() })
	next := func() models.Note {
		t.Helper()
		rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		m, err := feed.ReadMessage(rctx)
		if err != nil {
			t.Fatalf("read %s: %v", topics.Approved, err)
		}
		var n models.Note
		if err := json.Unmarshal(m.Value, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	intlOnly := func(n models.Note) bool {
		return len(n.ApprovedMarkets) == 1 && n.ApprovedMarkets[0] == "intl" && n.Moderation.Markets["cn"] == models.DecisionBlock
	}

	t.Run("a note translated for review reaches the feed with its translation", func(t *testing.T) {
		approve("fresh")
		n := next()
		en := n.Translations["en"]
		if n.NoteID != "fresh" || !intlOnly(n) || en.Status != models.TranslationOK || en.Body != fresh.Note.Translations["en"].Body {
			t.Errorf("the feed got %s approved in %v (cn %s) with English %+v; want fresh in intl only with %q",
				n.NoteID, n.ApprovedMarkets, n.Moderation.Markets["cn"], en, fresh.Note.Translations["en"].Body)
		}
	})
	t.Run("a note stored without its translation gets it after the approval", func(t *testing.T) {
		approve("old")
		first := next()
		if first.NoteID != "old" || !intlOnly(first) || first.Translations["en"].Status != models.TranslationPending {
			t.Fatalf("the feed got %s approved in %v with English %+v; want old in intl only, its translation pending",
				first.NoteID, first.ApprovedMarkets, first.Translations["en"])
		}
		filled := next()
		en := filled.Translations["en"]
		if filled.NoteID != "old" || !intlOnly(filled) || filled.Revision <= first.Revision ||
			en.Status != models.TranslationOK || en.Provider != translate.CedictGlossName || !strings.Contains(en.Body, "hotpot") {
			t.Errorf("then the feed got %s revision %d (after %d) in %v with English %+v; want old translated by the gloss",
				filled.NoteID, filled.Revision, first.Revision, filled.ApprovedMarkets, en)
		}
	})
}
