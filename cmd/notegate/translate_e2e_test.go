package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/internal/devbroker"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/translate"
	"github.com/notegate/notegate/stages/translate/pending"
)

// fakeLibre is a LibreTranslate server (POST /translate, q as an array)
// that can be killed and brought back on the same address. It counts the
// texts it is asked to translate.
type fakeLibre struct {
	addr string

	mu    sync.Mutex
	srv   *http.Server
	texts map[string]int
}

func startFakeLibre(t *testing.T) *fakeLibre {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeLibre{addr: ln.Addr().String(), texts: map[string]int{}}
	f.serve(ln)
	t.Cleanup(f.kill)
	return f
}

func (f *fakeLibre) serve(ln net.Listener) {
	srv := &http.Server{Handler: http.HandlerFunc(f.translate)}
	f.mu.Lock()
	f.srv = srv
	f.mu.Unlock()
	go srv.Serve(ln)
}

func (f *fakeLibre) translate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Q      []string `json:"q"`
		Source string   `json:"source"`
		Target string   `json:"target"`
	}
	if r.URL.Path != "/translate" || json.NewDecoder(r.Body).Decode(&req) != nil {
		http.Error(w, `{"error":"bad request"}`, http.StatusBadRequest)
		return
	}
	out := make([]string, len(req.Q))
	f.mu.Lock()
	for i, q := range req.Q {
		f.texts[q]++
		out[i] = fmt.Sprintf("[%s→%s] %s", req.Source, req.Target, q)
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
}

// kill closes the listener and every connection: calls are refused.
func (f *fakeLibre) kill() {
	f.mu.Lock()
	srv := f.srv
	f.srv = nil
	f.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// revive serves again on the same address.
func (f *fakeLibre) revive(t *testing.T) {
	t.Helper()
	var ln net.Listener
	var err error
	for range 50 {
		if ln, err = net.Listen("tcp", f.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("revive on %s: %v", f.addr, err)
	}
	f.serve(ln)
}

func (f *fakeLibre) counts() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string]int, len(f.texts))
	for k, v := range f.texts {
		out[k] = v
	}
	return out
}

// translateE2E is a notegate whose only zh→en translator is a
// LibreTranslate server, and a reader of every routed message.
type translateE2E struct {
	cfg     config.Config
	brokers []string
	svc     *service
	libre   *fakeLibre
	routed  chan kafka.Message
}

func startTranslateE2E(t *testing.T) *translateE2E {
	t.Helper()
	cfg := config.Default()
	topics := []string{cfg.Kafka.InputTopic, cfg.Kafka.Topics.Approved, cfg.Kafka.Topics.Review, cfg.Kafka.Topics.Rejected,
		cfg.Kafka.Topics.DeadLetter, pending.DefaultTopic}
	b, err := devbroker.Start(devbroker.Config{Partitions: 3, Topics: topics})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	libre := startFakeLibre(t)
	cfg.Kafka.Brokers = b.Addrs()
	cfg.Kafka.GroupID = "translate-e2e"
	cfg.Kafka.CommitInterval = 100 * time.Millisecond
	cfg.Kafka.SessionTimeout = 2 * time.Second
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Index.Embedded.Dir = filepath.Join(t.TempDir(), "index")
	cfg.Review.AuditFile = filepath.Join(t.TempDir(), "audit.db")
	cfg.Translate = translate.Config{
		Targets:   []string{"en", "zh"},
		Providers: []string{translate.LibreTranslateName},
		Timeout:   2 * time.Second,
		Retry:     translate.RetryConfig{Attempts: 2, MinBackoff: 20 * time.Millisecond, MaxBackoff: 100 * time.Millisecond},
		Breaker:   translate.BreakerConfig{Failures: 3, Cooldown: 300 * time.Millisecond},
		Pending:   translate.PendingConfig{FirstDelay: 100 * time.Millisecond, MaxDelay: 500 * time.Millisecond, MaxAttempts: 1000},
	}
	lt, err := translate.NewLibreTranslate(translate.LibreTranslateConfig{HTTPConfig: translate.HTTPConfig{URL: "http://" + libre.addr, Timeout: 2 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	svc, err := startService(context.Background(), cfg, log, withTranslationProviders(lt))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("service: %v", err)
		}
	})
	e := &translateE2E{cfg: cfg, brokers: b.Addrs(), svc: svc, libre: libre, routed: make(chan kafka.Message, 1024)}
	tp := cfg.Kafka.Topics
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: e.brokers, GroupID: "translate-e2e-check",
		GroupTopics: []string{tp.Approved, tp.Review, tp.Rejected, tp.DeadLetter}, StartOffset: kafka.FirstOffset,
		MaxWait: 50 * time.Millisecond, JoinGroupBackoff: 200 * time.Millisecond})
	readCtx, stopRead := context.WithCancel(context.Background())
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		for {
			m, err := r.FetchMessage(readCtx)
			if err != nil {
				return
			}
			e.routed <- m
		}
	}()
	t.Cleanup(func() { stopRead(); <-readDone; r.Close() })
	return e
}

func (e *translateE2E) produce(t *testing.T, evs []models.NoteEvent) {
	t.Helper()
	msgs := make([]kafka.Message, len(evs))
	for i, ev := range evs {
		msgs[i] = noteEvent(t, ev)
	}
	w := &kafka.Writer{Addr: kafka.TCP(e.brokers...), Topic: e.cfg.Kafka.InputTopic, Balancer: kafka.Murmur2Balancer{}, RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatalf("produce: %v", err)
	}
}

// await reads routed notes until want says it has them all; it returns
// them by note id, the last one read of each.
func (e *translateE2E) await(t *testing.T, what string, want func(map[string]*models.Note) bool) map[string]*models.Note {
	t.Helper()
	got := map[string]*models.Note{}
	deadline := time.After(2 * time.Minute)
	for !want(got) {
		select {
		case m := <-e.routed:
			var n models.Note
			if err := json.Unmarshal(m.Value, &n); err != nil {
				t.Fatalf("routed message %s is not a note: %v", m.Key, err)
			}
			got[n.NoteID] = &n
		case <-deadline:
			t.Fatalf("waiting for %s: gave up with %d notes", what, len(got))
		}
	}
	return got
}

func allHave(ids []string, ok func(*models.Note) bool) func(map[string]*models.Note) bool {
	return func(got map[string]*models.Note) bool {
		for _, id := range ids {
			if n := got[id]; n == nil || !ok(n) {
				return false
			}
		}
		return true
	}
}

// chineseNotes makes n notes whose bodies cycle through distinct Chinese
// sentences.
var chineseBodies = []string{
	"今天在成都吃了火锅，味道非常好，推荐给大家。",
	"周末去公园散步，天气很好，心情也不错。",
	"这家咖啡店的蛋糕很好吃，服务也很热情。",
	"我们一起去海边看日出吧，风景特别美。",
	"第一次做红烧肉，没想到这么成功，太开心了。",
}

func chineseNotes(prefix string, n int, bodies []string) ([]models.NoteEvent, []string) {
	var evs []models.NoteEvent
	var ids []string
	for i := range n {
		id := fmt.Sprintf("%s-%03d", prefix, i)
		evs = append(evs, models.NoteEvent{NoteID: id, Version: 1, Market: "cn", Body: bodies[i%len(bodies)]})
		ids = append(ids, id)
	}
	return evs, ids
}

// TestTranslationSurvivesTheTranslatorDying is the acceptance
// test: with the translation server killed mid-stream, every note is still
// routed without waiting for it, with its translation pending; when the
// server comes back, the pending translations are filled in, in the index
// and in a re-published note of a higher revision. Repeated texts are sent
// once and show as cache hits in the metrics.
func TestTranslationSurvivesTheTranslatorDying(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	e := startTranslateE2E(t)
	okEn := func(n *models.Note) bool { return n.Translations["en"].Status == models.TranslationOK }

	// Phase 1, translator up: 30 notes over 5 distinct texts.
	evs, upIDs := chineseNotes("up", 30, chineseBodies)
	e.produce(t, evs)
	up := e.await(t, "translated notes", allHave(upIDs, func(*models.Note) bool { return true }))
	for _, id := range upIDs {
		if tr := up[id].Translations["en"]; tr.Status != models.TranslationOK || tr.Provider != translate.LibreTranslateName || !strings.HasPrefix(tr.Body, "[zh→en] ") {
			t.Errorf("%s: translation %+v", id, tr)
		}
	}
	counts := e.libre.counts()
	for _, body := range chineseBodies {
		if counts[body] != 1 {
			t.Errorf("the server was asked %d times for %q; want once", counts[body], body)
		}
	}
	hits, misses := e.cacheLookups(t)
	if misses != float64(len(chineseBodies)) || hits < 1 {
		t.Errorf("cache lookups: %v hits, %v misses; want one miss per distinct text and hits for the rest", hits, misses)
	}
	t.Logf("cache: %v hits, %v misses, hit rate %.2f; server asked for %d distinct texts for 30 notes", hits, misses, hits/(hits+misses), len(counts))

	// Phase 2, translator killed: new texts; every note is still routed,
	// with its translation pending.
	e.libre.kill()
	downBodies := []string{
		"晚上和朋友去夜市吃小吃，人好多好热闹。",
		"新买的自行车骑起来很舒服，每天上班都骑。",
		"这本书讲的是一个关于成长的故事，很感人。",
	}
	evs, downIDs := chineseNotes("down", 12, downBodies)
	produced := time.Now()
	e.produce(t, evs)
	down := e.await(t, "pending notes", allHave(downIDs, func(*models.Note) bool { return true }))
	routedIn := time.Since(produced)
	for _, id := range downIDs {
		if tr := down[id].Translations["en"]; tr.Status != models.TranslationPending || tr.Error == "" {
			t.Errorf("%s routed with translation %+v, want pending with the reason", id, tr)
		}
	}
	t.Logf("translator down: 12 notes routed %v after produce, translations pending", routedIn.Round(time.Millisecond))

	// Phase 3, translator back: the pending translations are filled in.
	time.Sleep(300 * time.Millisecond) // let a few retries find it still down
	revived := time.Now()
	e.libre.revive(t)
	filled := e.await(t, "filled-in notes", allHave(downIDs, okEn))
	filledIn := time.Since(revived)
	for _, id := range downIDs {
		n := filled[id]
		if n.Revision < 1 || !strings.HasPrefix(n.Translations["en"].Body, "[zh→en] ") {
			t.Errorf("%s re-published as revision %d with %+v", id, n.Revision, n.Translations["en"])
		}
		stored, err := e.svc.index.Get(context.Background(), id)
		if err != nil {
			t.Fatalf("index: %v", err)
		}
		if !okEn(stored) || stored.Revision < 1 {
			t.Errorf("%s in the index: revision %d, translation %+v", id, stored.Revision, stored.Translations["en"])
		}
	}
	t.Logf("translator back: all 12 pending translations filled in and re-published %v after it came back", filledIn.Round(time.Millisecond))
	counts = e.libre.counts()
	for _, body := range downBodies {
		if counts[body] != 1 {
			t.Errorf("after recovery the server was asked %d times for %q; want once", counts[body], body)
		}
	}
}

// cacheLookups reads the cache counters from the service's /metrics.
func (e *translateE2E) cacheLookups(t *testing.T) (hits, misses float64) {
	t.Helper()
	resp, err := http.Get("http://" + e.svc.httpLn.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "notegate_translate_cache_lookups_total{") {
			continue
		}
		v, err := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64)
		if err != nil {
			t.Fatalf("metrics line %q: %v", line, err)
		}
		switch {
		case strings.Contains(line, `result="hit"`):
			hits = v
		case strings.Contains(line, `result="miss"`):
			misses = v
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
	return hits, misses
}
