package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/internal/devbroker"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/translate/pending"
)

// serviceConfig is a service configuration against brokers with quick
// health checks, its index and audit in a test folder.
func serviceConfig(t *testing.T, brokers []string) config.Config {
	cfg := config.Default()
	cfg.Kafka.Brokers = brokers
	cfg.Kafka.GroupID = "readiness"
	cfg.Kafka.CommitInterval = 100 * time.Millisecond
	cfg.Kafka.SessionTimeout = 2 * time.Second
	cfg.Kafka.DrainTimeout = 5 * time.Second
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Index.Embedded.Dir = filepath.Join(t.TempDir(), "index")
	cfg.Review.AuditFile = filepath.Join(t.TempDir(), "audit.db")
	cfg.Health = pipeline.HealthConfig{UnreadyAfter: time.Second, ProbeInterval: 200 * time.Millisecond, ProbeTimeout: 500 * time.Millisecond}.WithDefaults()
	return cfg
}

// readyz returns the status and body of /readyz.
func readyz(t *testing.T, svc *service) (int, string) {
	t.Helper()
	res, err := http.Get("http://" + svc.httpLn.Addr().String() + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func waitReadyz(t *testing.T, svc *service, status int, contains string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		code, body := readyz(t, svc)
		if code == status && strings.Contains(body, contains) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz stayed %d %s; want %d with %q", code, body, status, contains)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServiceWaitsUnreadyForAMissingTopic starts the service with topic
// creation off and the review topic missing: it must answer HTTP, report
// itself unready naming the topic, consume nothing, and start on its own
// once an operator creates the topic.
func TestServiceWaitsUnreadyForAMissingTopic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	t.Parallel()
	base := config.Default()
	tp := base.Kafka.Topics
	b, err := devbroker.Start(devbroker.Config{Partitions: 2, Topics: []string{base.Kafka.InputTopic, tp.Approved, tp.Rejected, tp.DeadLetter,
		base.Decisions.Topic, pending.DefaultTopic, base.Authors.Topic, base.Reports.Topic, base.Appeals.Topic}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	cfg := serviceConfig(t, b.Addrs())
	no := false
	cfg.Kafka.CreateTopics = &no
	svc, err := startService(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("service: %v", err)
		}
	}()

	body := waitReadyz(t, svc, http.StatusServiceUnavailable, tp.Review)
	if !strings.Contains(body, "kafka.create_topics is off") {
		t.Errorf("the unready answer does not say why: %s", body)
	}
	e := &e2e{cfg: cfg, brokers: b.Addrs()}
	e.produce(t, []kafka.Message{noteEvent(t, models.NoteEvent{NoteID: "waiting", Version: 1, Body: "hello from Ohio"})})
	time.Sleep(time.Second)
	if got := readTopics(t, b.Addrs(), []string{tp.Approved, tp.Rejected, tp.DeadLetter}); len(got) != 0 {
		t.Fatalf("the service published %d messages before its topics existed", len(got))
	}
	// An operator creates the topic.
	client := &kafka.Client{Addr: kafka.TCP(b.Addrs()...)}
	res, err := client.CreateTopics(context.Background(), &kafka.CreateTopicsRequest{Topics: []kafka.TopicConfig{{Topic: tp.Review, NumPartitions: 2, ReplicationFactor: 1}}})
	if err != nil || res.Errors[tp.Review] != nil {
		t.Fatalf("create %s: %v %v", tp.Review, err, res)
	}
	waitReadyz(t, svc, http.StatusOK, `"status":"ok"`)
	out := e.outputs(t, 1)
	if len(out[tp.Approved]) != 1 {
		t.Errorf("after the topic appeared the note went to %v", out)
	}
}

// TestServiceStopsWithinDrainTimeoutWhenTheBrokerHangs stops the whole
// service (three consumers, HTTP, index) while the broker answers nothing
// and events are in flight; it must be gone within kafka.drain_timeout,
// and liveness must hold while readiness names the broker.
func TestServiceStopsWithinDrainTimeoutWhenTheBrokerHangs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	t.Parallel()
	base := config.Default()
	tp := base.Kafka.Topics
	b, err := devbroker.Start(devbroker.Config{Partitions: 2, Stallable: true, Topics: []string{base.Kafka.InputTopic, tp.Approved, tp.Review, tp.Rejected, tp.DeadLetter}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	cfg := serviceConfig(t, b.Addrs())
	svc, err := startService(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	waitReadyz(t, svc, http.StatusOK, `"status":"ok"`)
	e := &e2e{cfg: cfg, brokers: b.Addrs()}
	var msgs []kafka.Message
	for i := range 200 {
		msgs = append(msgs, noteEvent(t, models.NoteEvent{NoteID: "hang-" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Version: 1, Body: "a note about hotpot in Chengdu"}))
	}
	e.produce(t, msgs)
	b.Stall()
	defer b.Resume()
	body := waitReadyz(t, svc, http.StatusServiceUnavailable, `"condition":"broker"`)
	var r struct {
		Problems []pipeline.Problem `json:"problems"`
	}
	if err := json.Unmarshal([]byte(body), &r); err != nil || len(r.Problems) == 0 {
		t.Fatalf("readiness body %s: %v", body, err)
	}
	live, err := http.Get("http://" + svc.httpLn.Addr().String() + "/livez")
	if err != nil || live.StatusCode != http.StatusOK {
		t.Fatalf("liveness during the stall: %v %v", live, err)
	}
	live.Body.Close()
	stopped := time.Now()
	cancel()
	select {
	case err := <-done:
		took := time.Since(stopped)
		t.Logf("the service stopped %s after it was asked to, with the broker hung (drain_timeout %s)", took.Round(time.Millisecond), cfg.Kafka.DrainTimeout)
		if err != nil {
			t.Errorf("service: %v", err)
		}
		if took > cfg.Kafka.DrainTimeout+time.Second {
			t.Errorf("stopping took %s, past drain_timeout %s", took, cfg.Kafka.DrainTimeout)
		}
	case <-time.After(time.Minute):
		t.Fatal("the service did not stop with the broker hung")
	}
}

// TestServiceIsDegradedNotUnreadyWithoutTheDesksRedis starts the service
// with the desk's shared state in a Redis nobody listens on: the desk
// answers 503 with Retry-After, and /readyz stays 200, listing
// review_state as failing and then as degraded.
func TestServiceIsDegradedNotUnreadyWithoutTheDesksRedis(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	t.Parallel()
	b, err := devbroker.Start(devbroker.Config{Partitions: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	cfg := serviceConfig(t, b.Addrs())
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Review.SharedState.Redis.Addr = l.Addr().String()
	l.Close() // connections are refused from now on
	svc, err := startService(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("service: %v", err)
		}
	}()
	// Ready, whether or not the health check has met the refused Redis
	// yet: on a loaded machine the stages can take longer to start than
	// health.unready_after, and the service is then degraded from the
	// first answer on (never "ok"), which is still ready.
	waitReadyz(t, svc, http.StatusOK, `"status":`)

	req, err := http.NewRequest("POST", "http://"+svc.httpLn.Addr().String()+"/api/review/login", strings.NewReader(`{"name":"nobody","password":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Notegate-Request", "1")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "5" {
		t.Errorf("login without the desk's Redis: %d (Retry-After %q), want 503 with Retry-After 5", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if code, body := readyz(t, svc); code != http.StatusOK || !strings.Contains(body, `"failing":[{"condition":"review_state"`) {
		t.Errorf("/readyz right after the failure: %d %s, want 200 listing review_state as failing", code, body)
	}
	// After health.unready_after (1s here) the service is degraded, and
	// still ready.
	body := waitReadyz(t, svc, http.StatusOK, `"status":"degraded"`)
	if !strings.Contains(body, `"degraded":[{"condition":"review_state"`) {
		t.Errorf("/readyz: %s, want review_state under degraded", body)
	}
}
