package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/internal/devbroker"
	"github.com/notegate/notegate/internal/samples"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
)

// faultEvents is how many events TestFaults... sends; the environment
// variable NOTEGATE_FAULT_EVENTS changes it (the acceptance run uses the
// default).
func faultEvents(t *testing.T) int {
	if v := os.Getenv("NOTEGATE_FAULT_EVENTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 {
			t.Fatalf("NOTEGATE_FAULT_EVENTS=%q: want an integer of at least 1000", v)
		}
		return n
	}
	if raceDetector {
		// Under the race detector the service (this test binary) runs
		// many times slower: 50,000 events no longer drain within the
		// 20 minutes the test allows, and the faults are what is tested
		// here, not throughput. A release build drives all 50,000
		// (go test -run TestFaultsNeverLose ./cmd/notegate/).
		return 12000
	}
	return 50000
}

// TestFaultsNeverLoseOrMisrouteTheFeed drives tens of thousands of events
// through the real service running as a child process, against a broker
// that outlives it (kfake in this process, behind a TCP proxy the test
// owns), while it is killed with SIGKILL five times, the broker stalls for
// a minute, the index directory refuses writes for 30 seconds (a full
// tmpfs; root only), and a reviewer rejects an approved note whose event
// is then replayed. It then checks what a consumer of every output topic
// sees: no event lost; replays never publish a different decision for the
// same note state; no note the machine held for review or blocked reaches
// notes.approved unless a reviewer approved it; for every note, the newest
// message on the route topics agrees with the index; the service never
// exited on its own, went unready during the stall and ready after.
func TestFaultsNeverLoseOrMisrouteTheFeed(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the service through minutes of faults")
	}
	n := faultEvents(t)
	cfg := config.Default()
	tp := cfg.Kafka.Topics
	b, err := devbroker.Start(devbroker.Config{Partitions: 6, Stallable: true,
		Topics: []string{cfg.Kafka.InputTopic, tp.Approved, tp.Review, tp.Rejected, tp.DeadLetter}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	brokers := b.Addrs()

	dir := t.TempDir()
	disk := newSmallDisk(t, filepath.Join(dir, "disk"), 1<<30)
	indexDir := filepath.Join(disk.dir(), "index")
	httpAddr := freeAddr(t)
	configPath := filepath.Join(dir, "notegate.yaml")
	yaml := fmt.Sprintf(`log_level: warn
http:
  addr: %s
kafka:
  brokers: [%s]
  group_id: fault-test
  commit_interval: 200ms
  session_timeout: 6s
  drain_timeout: 10s
  backoff: {min: 50ms, max: 2s}
index:
  embedded:
    dir: %s
review:
  audit_file: %s
health:
  unready_after: 5s
  stuck_after: 30s
  probe_interval: 500ms
  probe_timeout: 1s
`, httpAddr, brokers[0], indexDir, filepath.Join(dir, "audit.db"))
	if err := os.WriteFile(configPath, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}

	svc := newChildService(t, configPath, filepath.Join(dir, "service.log"))
	ready := newReadinessWatch(t, httpAddr)
	svc.start()

	// The posting service: n events at a steady pace, waiting out stalls.
	events := faultEventStream(n)
	produced := make(chan error, 1)
	// Spread over about 150s (at most ~800 a second), so that every fault
	// meets traffic.
	pace := max(250*time.Millisecond, 150*time.Second*200/time.Duration(n))
	go func() { produced <- produceAll(brokers, cfg.Kafka.InputTopic, events, pace) }()

	report := func(format string, args ...any) {
		t.Logf("%6.1fs "+format, append([]any{time.Since(svc.began).Seconds()}, args...)...)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	sleepRandom := func(lo, hi time.Duration) { time.Sleep(lo + time.Duration(rng.Int64N(int64(hi-lo)))) }

	// Each fault starts once the service is consuming.
	waitConsuming := func(what string) {
		ready.waitFor(t, true, "", 5*time.Minute)
		report("ready (%s)", what)
	}
	waitConsuming("first start")

	// Two kills at random moments while notes flow.
	for range 2 {
		sleepRandom(3*time.Second, 8*time.Second)
		svc.kill()
		report("SIGKILL %d", svc.kills)
		svc.start()
		waitConsuming("after the restart")
	}

	// The index directory refuses writes for 30s, with a kill in the middle.
	sleepRandom(2*time.Second, 4*time.Second)
	if disk.fill(t) {
		fullAt := time.Now()
		report("index disk full")
		// Index writes (condition index) or the embedded search index
		// (search_index) fail first, depending on which needs room first;
		// either way the problem names the full disk.
		unready := ready.waitFor(t, false, "no space left on device", 30*time.Second)
		report("readiness went unready (disk full) %.1fs after the disk filled", unready.Sub(fullAt).Seconds())
		time.Sleep(time.Until(fullAt.Add(12 * time.Second)))
		svc.kill()
		report("SIGKILL %d (disk still full)", svc.kills)
		svc.start()
		time.Sleep(time.Until(fullAt.Add(30 * time.Second)))
		disk.free(t)
		freedAt := time.Now()
		report("index disk freed after %.1fs", freedAt.Sub(fullAt).Seconds())
		again := ready.waitFor(t, true, "", 5*time.Minute)
		report("ready again %.1fs after the disk was freed", again.Sub(freedAt).Seconds())
	} else {
		waitConsuming("no disk fault")
	}

	// The broker stalls for 60s; a kill and a start happen during it.
	sleepRandom(2*time.Second, 4*time.Second)
	stallAt := time.Now()
	b.Stall()
	report("broker stalled")
	unreadyAfter := ready.waitFor(t, false, "broker", time.Minute)
	report("readiness went unready %.1fs into the stall", unreadyAfter.Sub(stallAt).Seconds())
	time.Sleep(10 * time.Second)
	svc.kill()
	report("SIGKILL %d (broker stalled)", svc.kills)
	svc.start()
	startedInStall := time.Now()
	live := waitLive(t, httpAddr, 2*time.Minute)
	report("a process started during the stall answered /livez after %.1fs", live.Sub(startedInStall).Seconds())
	time.Sleep(time.Until(stallAt.Add(60 * time.Second)))
	resumeAt := time.Now()
	b.Resume()
	report("broker resumed")
	readyAgain := ready.waitFor(t, true, "", 5*time.Minute)
	report("ready again %.1fs after the stall ended", readyAgain.Sub(resumeAt).Seconds())

	// The fifth kill.
	waitConsuming("after the stall")
	sleepRandom(2*time.Second, 5*time.Second)
	svc.kill()
	report("SIGKILL %d", svc.kills)
	svc.start()

	if err := <-produced; err != nil {
		t.Fatalf("producing: %v", err)
	}
	report("all %d events produced", len(events))

	// A reviewer rejects an approved note; its event is then replayed. A
	// reviewer approves a note the machine held for review.
	feed := readTopics(t, brokers, []string{tp.Approved, tp.Review, tp.Rejected, tp.DeadLetter})
	rejectedNote, approvedNote := pickForReview(t, feed, events)
	w := rules.NewDecisionWriter(brokers, cfg.Decisions)
	defer w.Close()
	ctx := context.Background()
	decisions := []models.ReviewDecision{
		{ID: "fault-reject", NoteID: rejectedNote.NoteID, NoteVersion: rejectedNote.Version, Action: models.ReviewReject,
			Category: models.CategorySpam, Reason: "fault test", Reviewer: "reviewer", Role: "reviewer", At: time.Now().UTC()},
		{ID: "fault-approve", NoteID: approvedNote.NoteID, NoteVersion: approvedNote.Version, Action: models.ReviewApprove,
			Reviewer: "reviewer", Role: "reviewer", At: time.Now().UTC()},
	}
	if err := w.Publish(ctx, decisions...); err != nil {
		t.Fatal(err)
	}
	waitForDecision(t, brokers, []string{tp.Rejected}, "fault-reject")
	report("reviewer rejected %s v%d; replaying its event", rejectedNote.NoteID, rejectedNote.Version)
	replay := events[rejectedNote.index]
	if err := produceAll(brokers, cfg.Kafka.InputTopic, []kafka.Message{replay}, 0); err != nil {
		t.Fatal(err)
	}
	// A restart replays whatever was not committed, the replay included.
	svc.kill()
	report("SIGKILL %d (after the replay)", svc.kills)
	svc.start()

	// Everything produced comes out; then a clean stop.
	inputs := readInputs(t, brokers, cfg.Kafka.InputTopic)
	waitAllOut(t, brokers, tp, inputs, 20*time.Minute, func() string {
		return "readiness " + ready.latest() + "; " + serviceCounters(httpAddr)
	})
	report("every input event has its output")
	stopAt := time.Now()
	if err := svc.stop(); err != nil {
		t.Errorf("the service did not stop cleanly on SIGTERM: %v", err)
	}
	report("stopped %.1fs after SIGTERM (drain_timeout 10s)", time.Since(stopAt).Seconds())
	if svc.unexpected > 0 {
		t.Errorf("the service exited on its own %d times (see %s)", svc.unexpected, svc.logPath)
	}

	// What the feeds saw.
	out := readTopics(t, brokers, []string{tp.Approved, tp.Review, tp.Rejected, tp.DeadLetter})
	idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: indexDir})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	f := checkFeed(t, tp, inputs, out, idx)
	report("figures: %d events in (%d produced; the rest are the producer's own retries and the replay), %d output messages, %d lost, %d duplicate messages, "+
		"%d notes checked against the index, %d disagree (newest by version and revision), %d disagree (last on %s by offset), "+
		"%d flipped decisions, %d unreviewed approvals, %d SIGKILLs, %d exits on its own",
		len(inputs), len(events), f.messages, f.lost, f.duplicates, f.notes, f.disagree, f.feedView, tp.Approved, f.flipped, f.unreviewed, svc.kills, svc.unexpected)
	if f.lost > 0 || f.disagree > 0 || f.feedView > 0 || f.flipped > 0 || f.unreviewed > 0 {
		t.Errorf("the feed is wrong: %+v (service log %s)", f, svc.logPath)
	}
	// The replay of the rejected note's event published the rejection.
	var replayed inputEvent
	for _, in := range inputs {
		if in.key == rejectedNote.NoteID && in.offset >= replayed.offset {
			replayed = in
		}
	}
	var replayRoutes []string
	for _, m := range out {
		if sourceOf(m) == fmt.Sprintf("%d/%d", replayed.partition, replayed.offset) {
			route := headerValue(m, pipeline.HeaderRoute)
			replayRoutes = append(replayRoutes, route)
			if route == string(pipeline.RouteApproved) || headerValue(m, pipeline.HeaderRevision) == "0" {
				t.Errorf("the replay after the rejection published %s at revision %s", route, headerValue(m, pipeline.HeaderRevision))
			}
		}
	}
	report("the replayed event of the rejected note was published as %v", replayRoutes)
	if len(replayRoutes) == 0 {
		t.Error("the replayed event was not published")
	}
	if n, err := idx.Get(ctx, rejectedNote.NoteID); err != nil || n.Moderation.Review == nil || n.Moderation.Review.DecisionID != "fault-reject" || len(n.ApprovedMarkets) != 0 {
		t.Errorf("the rejected note after its replay: %+v, %v", n, err)
	}
	if n, err := idx.Get(ctx, approvedNote.NoteID); err != nil || n.Moderation.Review == nil || n.Moderation.Review.DecisionID != "fault-approve" || len(n.ApprovedMarkets) == 0 {
		t.Errorf("the approved note: %+v, %v", n, err)
	}
}

// faultEventStream returns n events: the synthetic mix of bench (languages,
// spam, abuse, edits), versions far beyond 2^43 and 2^62 for some notes,
// deletions of recent notes.
func faultEventStream(n int) []kafka.Message {
	gen := samples.NewGenerator(42)
	last := map[string]int64{}
	var recent []string
	out := make([]kafka.Message, 0, n)
	for len(out) < n {
		var ev models.NoteEvent
		if len(out)%97 == 96 && len(recent) > 0 {
			id := recent[len(out)%len(recent)]
			ev = models.NoteEvent{Type: models.EventDeleted, NoteID: id, Version: last[id] + 1}
		} else {
			ev = gen.Next()
			switch ev.NoteID[len(ev.NoteID)-1] {
			case '3':
				ev.Version += 1 << 43
			case '7':
				ev.Version += 1 << 62
			}
			if v := last[ev.NoteID]; ev.Version <= v {
				ev.Version = v + 1 // an edit after our deletion
			}
			if len(recent) < 500 {
				recent = append(recent, ev.NoteID)
			} else {
				recent[len(out)%500] = ev.NoteID
			}
		}
		last[ev.NoteID] = ev.Version
		v, _ := json.Marshal(ev)
		out = append(out, kafka.Message{Key: []byte(ev.NoteID), Value: v})
	}
	return out
}

// produceAll writes msgs in batches of 200, one batch per pace at most,
// retrying every batch until the broker takes it (a stalled broker is
// waited out).
func produceAll(brokers []string, topic string, msgs []kafka.Message, pace time.Duration) error {
	w := &kafka.Writer{Addr: kafka.TCP(brokers...), Topic: topic, Balancer: kafka.Murmur2Balancer{}, RequiredAcks: kafka.RequireAll,
		BatchTimeout: 2 * time.Millisecond, BatchSize: 200, WriteTimeout: 5 * time.Second, MaxAttempts: 1}
	defer w.Close()
	deadline := time.Now().Add(15 * time.Minute)
	for start := 0; start < len(msgs); start += 200 {
		batch := msgs[start:min(start+200, len(msgs))]
		began := time.Now()
		for {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			err := w.WriteMessages(ctx, batch...)
			cancel()
			if err == nil {
				break
			}
			var werrs kafka.WriteErrors
			if errors.As(err, &werrs) {
				var retry []kafka.Message
				for i, e := range werrs {
					if e != nil {
						retry = append(retry, batch[i])
					}
				}
				batch = retry
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("batch at %d: %w", start, err)
			}
			time.Sleep(200 * time.Millisecond)
		}
		time.Sleep(time.Until(began.Add(pace)))
	}
	return nil
}

// childService runs `notegate run` as a child process and knows which of
// its exits the test caused.
type childService struct {
	t          *testing.T
	configPath string
	logPath    string
	log        *os.File
	began      time.Time

	mu         sync.Mutex
	cmd        *exec.Cmd
	exited     chan error
	expected   bool // the next exit is ours
	kills      int
	unexpected int
}

func newChildService(t *testing.T, configPath, logPath string) *childService {
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	s := &childService{t: t, configPath: configPath, logPath: logPath, log: f, began: time.Now()}
	t.Cleanup(func() {
		s.mu.Lock()
		cmd := s.cmd
		s.expected = true
		s.mu.Unlock()
		if cmd != nil && cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
		f.Close()
		if t.Failed() {
			tailFile(t, logPath, 60)
		}
	})
	return s
}

func (s *childService) start() {
	s.t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+"run"+string(filepath.ListSeparator)+"--config"+string(filepath.ListSeparator)+s.configPath)
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	exited := make(chan error, 1)
	s.mu.Lock()
	s.cmd, s.exited, s.expected = cmd, exited, false
	s.mu.Unlock()
	go func() {
		err := cmd.Wait()
		s.mu.Lock()
		if !s.expected {
			s.unexpected++
			fmt.Fprintf(s.log, "=== the service exited on its own: %v\n", err)
		}
		s.mu.Unlock()
		exited <- err
	}()
}

// kill sends SIGKILL and waits for the process to be gone.
func (s *childService) kill() {
	s.mu.Lock()
	cmd, exited := s.cmd, s.exited
	s.expected = true
	s.kills++
	s.mu.Unlock()
	_ = cmd.Process.Signal(syscall.SIGKILL)
	<-exited
}

// stop sends SIGTERM and returns how the process exited.
func (s *childService) stop() error {
	s.mu.Lock()
	cmd, exited := s.cmd, s.exited
	s.expected = true
	s.mu.Unlock()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		return err
	case <-time.After(time.Minute):
		_ = cmd.Process.Kill()
		return errors.New("still running a minute after SIGTERM")
	}
}

func tailFile(t *testing.T, path string, lines int) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	all := strings.Split(strings.TrimSpace(string(b)), "\n")
	t.Logf("last lines of %s:\n%s", path, strings.Join(all[max(0, len(all)-lines):], "\n"))
}

// freeAddr returns a free local address for the service under test, on a
// port below the kernel's ephemeral range. The service is killed and
// restarted on it; while it is down, a port of the ephemeral range could be
// handed to any listener on ":0" (another package's test server, run in
// parallel), and the test's own readiness watch would then poll that
// server. A port outside the range is never handed out that way.
func freeAddr(t *testing.T) string {
	t.Helper()
	low := 32768
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			if n, err := strconv.Atoi(f[0]); err == nil {
				low = n
			}
		}
	}
	const from = 20000
	if low-from < 1000 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		return ln.Addr().String()
	}
	for range 200 {
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(from+rand.IntN(low-from)))
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			continue
		}
		ln.Close()
		return addr
	}
	t.Fatal("no free port below the ephemeral range")
	return ""
}

// readinessWatch polls /readyz every 200ms and remembers every answer.
type readinessWatch struct {
	mu    sync.Mutex
	polls []readinessPoll
}

type readinessPoll struct {
	at    time.Time
	ready bool
	body  string
}

func newReadinessWatch(t *testing.T, addr string) *readinessWatch {
	w := &readinessWatch{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	t.Cleanup(func() { cancel(); <-done })
	go func() {
		defer close(done)
		client := &http.Client{Timeout: time.Second}
		for ctx.Err() == nil {
			res, err := client.Get("http://" + addr + "/readyz")
			if err == nil {
				body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
				res.Body.Close()
				w.mu.Lock()
				w.polls = append(w.polls, readinessPoll{at: time.Now(), ready: res.StatusCode == http.StatusOK, body: string(body)})
				w.mu.Unlock()
			}
			select {
			case <-ctx.Done():
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
	return w
}

// serviceCounters returns the service's metrics that tell whether it
// consumes and routes: events consumed and routed, consumer lag.
func serviceCounters(addr string) string {
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get("http://" + addr + "/metrics")
	if err != nil {
		return "metrics: " + err.Error()
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 4<<20))
	if err != nil {
		return "metrics: " + err.Error()
	}
	var keep []string
	for _, line := range strings.Split(string(body), "\n") {
		for _, name := range []string{"notegate_events_consumed_total ", "notegate_events_routed_total{", "notegate_consumer_lag_messages ", "notegate_fetch_errors_total{"} {
			if strings.HasPrefix(line, name) {
				keep = append(keep, line)
			}
		}
	}
	return "metrics: " + strings.Join(keep, ", ")
}

// latest describes the newest answer: ready or not, and its body.
func (w *readinessWatch) latest() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.polls) == 0 {
		return "never answered"
	}
	p := w.polls[len(w.polls)-1]
	state := "unready"
	if p.ready {
		state = "ready"
	}
	body := strings.TrimSpace(p.body)
	if len(body) > 400 {
		body = body[:400] + "…"
	}
	return fmt.Sprintf("%s %.0fs ago: %s", state, time.Since(p.at).Seconds(), body)
}

// waitFor waits for the first answer from now on that is ready (or
// unready with why in its body), and returns when it came.
func (w *readinessWatch) waitFor(t *testing.T, ready bool, why string, within time.Duration) time.Time {
	t.Helper()
	since := time.Now()
	deadline := since.Add(within)
	for time.Now().Before(deadline) {
		w.mu.Lock()
		for _, p := range w.polls {
			if !p.at.Before(since) && p.ready == ready && strings.Contains(p.body, why) {
				w.mu.Unlock()
				return p.at
			}
		}
		w.mu.Unlock()
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("readiness never became ready=%v (%q) within %s", ready, why, within)
	return time.Time{}
}

func waitLive(t *testing.T, addr string, within time.Duration) time.Time {
	t.Helper()
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		res, err := client.Get("http://" + addr + "/livez")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return time.Now()
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("/livez did not answer within %s", within)
	return time.Time{}
}

// smallDisk is a size-limited tmpfs the test can fill (root only).
type smallDisk struct {
	mount  string
	filler string
	ok     bool
}

func newSmallDisk(t *testing.T, mount string, size int64) *smallDisk {
	d := &smallDisk{mount: mount, filler: filepath.Join(mount, "filler")}
	if err := os.MkdirAll(mount, 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI runs as root: the index disk fault needs a tmpfs mount")
		}
		t.Log("not root: the index directory cannot be made to fail; skipping that fault")
		return d
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", size), "tmpfs", mount).CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mount tmpfs: %v: %s", err, out)
		}
		t.Logf("cannot mount a tmpfs (%v: %s); skipping the disk fault", err, out)
		return d
	}
	d.ok = true
	t.Cleanup(func() { _ = exec.Command("umount", "-l", mount).Run() })
	return d
}

func (d *smallDisk) dir() string { return d.mount }

// fill writes a filler file until the disk is full; false when there is
// no disk to fill.
func (d *smallDisk) fill(t *testing.T) bool {
	if !d.ok {
		return false
	}
	f, err := os.Create(d.filler)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return true
		}
	}
}

func (d *smallDisk) free(t *testing.T) {
	if err := os.Remove(d.filler); err != nil {
		t.Fatal(err)
	}
}

// readTopics returns every message of topics, read partition by partition
// up to each one's end.
func readTopics(t *testing.T, brokers []string, topics []string) []kafka.Message {
	t.Helper()
	return newTopicTail(brokers, topics).poll(t)
}

// topicTail reads topics partition by partition; each poll returns what
// was written since the one before.
type topicTail struct {
	brokers []string
	topics  []string
	// next is the offset to read from, by topic and partition.
	next map[string]int64
}

func newTopicTail(brokers, topics []string) *topicTail {
	return &topicTail{brokers: brokers, topics: topics, next: map[string]int64{}}
}

func (tt *topicTail) poll(t *testing.T) []kafka.Message {
	t.Helper()
	var out []kafka.Message
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	client := &kafka.Client{Addr: kafka.TCP(tt.brokers...), Timeout: 30 * time.Second}
	md, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: tt.topics})
	if err != nil {
		t.Fatal(err)
	}
	for _, topic := range md.Topics {
		for _, p := range topic.Partitions {
			key := fmt.Sprintf("%s/%d", topic.Name, p.ID)
			conn, err := kafka.DialLeader(ctx, "tcp", tt.brokers[0], topic.Name, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			last, err := conn.ReadLastOffset()
			if err != nil {
				conn.Close()
				t.Fatal(err)
			}
			for next := tt.next[key]; next < last; tt.next[key] = next {
				if _, err := conn.Seek(next, kafka.SeekAbsolute); err != nil {
					conn.Close()
					t.Fatalf("seek %s to %d: %v", key, next, err)
				}
				_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
				batch := conn.ReadBatch(1, 16<<20)
				for {
					m, err := batch.ReadMessage()
					if err != nil {
						break
					}
					m.Topic, m.Partition = topic.Name, p.ID
					out = append(out, m)
					next = m.Offset + 1
				}
				if err := batch.Close(); err != nil && !errors.Is(err, io.EOF) {
					conn.Close()
					t.Fatalf("read %s at %d: %v", key, next, err)
				}
			}
			conn.Close()
		}
	}
	return out
}

// inputEvent is one message of the input topic.
type inputEvent struct {
	partition int
	offset    int64
	key       string
}

func readInputs(t *testing.T, brokers []string, topic string) []inputEvent {
	var out []inputEvent
	for _, m := range readTopics(t, brokers, []string{topic}) {
		out = append(out, inputEvent{partition: m.Partition, offset: m.Offset, key: string(m.Key)})
	}
	return out
}

// waitAllOut waits until every input event has an output message on the
// route topics or the dead-letter topic, reading them partition by
// partition (no consumer group of its own to wait for). Every minute it
// logs how many wait and what the service says of itself (status), so a
// failure tells a slow service from a stalled one.
func waitAllOut(t *testing.T, brokers []string, tp pipeline.Topics, inputs []inputEvent, within time.Duration, status func() string) {
	t.Helper()
	want := map[string]bool{}
	for _, in := range inputs {
		want[fmt.Sprintf("%d/%d", in.partition, in.offset)] = true
	}
	tail := newTopicTail(brokers, []string{tp.Approved, tp.Review, tp.Rejected, tp.DeadLetter})
	began := time.Now()
	deadline, nextLog := began.Add(within), began.Add(time.Minute)
	for {
		for _, m := range tail.poll(t) {
			if headerValue(m, pipeline.HeaderSourceTopic) == "notes.events" {
				delete(want, sourceOf(m))
			}
		}
		if len(want) == 0 {
			return
		}
		now := time.Now()
		if now.After(nextLog) || now.After(deadline) {
			t.Logf("%4.0fs into the drain: %d input events without output; %s", now.Sub(began).Seconds(), len(want), status())
			nextLog = now.Add(time.Minute)
		}
		if now.After(deadline) {
			var some []string
			for src := range want {
				if some = append(some, src); len(some) == 10 {
					break
				}
			}
			sort.Strings(some)
			t.Fatalf("%d input events still have no output after %s (some, as partition/offset: %v)", len(want), within, some)
		}
		time.Sleep(2 * time.Second)
	}
}

// waitForDecision waits for a message on topics carrying the reviewer
// decision id.
func waitForDecision(t *testing.T, brokers []string, topics []string, id string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		for _, m := range readTopics(t, brokers, topics) {
			if headerValue(m, rules.HeaderReviewDecision) == id {
				return
			}
		}
		time.Sleep(2 * time.Second)
	}
	t.Fatalf("decision %s was never applied", id)
}

// reviewPick is a note chosen for a reviewer, and the position of its
// event among those produced.
type reviewPick struct {
	NoteID  string
	Version int64
	index   int
}

// pickForReview picks a note whose latest event was approved everywhere
// (to reject) and one held for review everywhere (to approve), both at
// the version their last event has.
func pickForReview(t *testing.T, feed []kafka.Message, events []kafka.Message) (reject, approve reviewPick) {
	t.Helper()
	lastEvent := map[string]int{}
	version := map[string]int64{}
	for i, m := range events {
		var ev models.NoteEvent
		_ = json.Unmarshal(m.Value, &ev)
		lastEvent[ev.NoteID] = i
		version[ev.NoteID] = ev.Version
		if ev.Type == models.EventDeleted {
			version[ev.NoteID] = -1
		}
	}
	topicsOf := map[string]map[string]bool{}
	for _, m := range feed {
		id := string(m.Key)
		if headerValue(m, pipeline.HeaderVersion) != strconv.FormatInt(version[id], 10) {
			continue
		}
		if topicsOf[id] == nil {
			topicsOf[id] = map[string]bool{}
		}
		topicsOf[id][headerValue(m, pipeline.HeaderRoute)] = true
	}
	ids := make([]string, 0, len(topicsOf))
	for id := range topicsOf {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		routes := topicsOf[id]
		switch {
		case reject.NoteID == "" && len(routes) == 1 && routes["approved"]:
			reject = reviewPick{NoteID: id, Version: version[id], index: lastEvent[id]}
		case approve.NoteID == "" && len(routes) == 1 && routes["review"]:
			approve = reviewPick{NoteID: id, Version: version[id], index: lastEvent[id]}
		}
	}
	if reject.NoteID == "" || approve.NoteID == "" {
		t.Fatalf("no note to reject (%q) or to approve (%q)", reject.NoteID, approve.NoteID)
	}
	return reject, approve
}

// feedFigures are what checkFeed found.
type feedFigures struct {
	messages   int // output messages read
	lost       int // input events without any output
	duplicates int // messages repeating an (event, topic, route) already seen
	notes      int // notes whose newest route message was compared with the index
	disagree   int // of which the index holds something else
	flipped    int // note states (id, version, revision) published with two decisions
	unreviewed int // approvals of a state the machine did not approve, without a reviewer
	feedView   int // notes whose last message on notes.approved (what a compacted feed keeps) disagrees with the index
}

// checkFeed checks what the consumers of the output topics saw against
// the inputs and the index.
func checkFeed(t *testing.T, tp pipeline.Topics, inputs []inputEvent, out []kafka.Message, idx index.Index) feedFigures {
	t.Helper()
	f := feedFigures{messages: len(out)}
	seen := map[string]bool{}
	bySource := map[string]bool{}
	type state struct{ decision, markets string }
	states := map[string]state{}            // id/version/revision → what was published
	machine := map[string]map[string]bool{} // id/version → markets approved at revision 0
	type ranked struct {
		version, revision int64
		m                 kafka.Message
	}
	newest := map[string]ranked{}
	lastOnFeed := map[string]kafka.Message{} // by offset, as compaction keeps
	var approvals []kafka.Message
	logged := 0
	for _, m := range out {
		route := headerValue(m, pipeline.HeaderRoute)
		src := sourceOf(m)
		bySource[src] = true
		k := src + "|" + m.Topic + "|" + route + "|" + headerValue(m, rules.HeaderReviewDecision)
		if seen[k] {
			f.duplicates++
		}
		seen[k] = true
		if m.Topic == tp.DeadLetter {
			continue
		}
		id := string(m.Key)
		if m.Topic == tp.Approved {
			if cur, ok := lastOnFeed[id]; !ok || m.Offset > cur.Offset {
				lastOnFeed[id] = m
			}
		}
		v, _ := strconv.ParseInt(headerValue(m, pipeline.HeaderVersion), 10, 64)
		r, _ := strconv.ParseInt(headerValue(m, pipeline.HeaderRevision), 10, 64)
		if cur, ok := newest[id]; !ok || v > cur.version || (v == cur.version && r > cur.revision) {
			newest[id] = ranked{v, r, m}
		}
		if route == string(pipeline.RouteDeleted) {
			continue
		}
		sk := fmt.Sprintf("%s/%d/%d", id, v, r)
		st := state{headerValue(m, pipeline.HeaderDecision), headerValue(m, pipeline.HeaderMarkets)}
		if prev, ok := states[sk]; ok && prev != st {
			f.flipped++
			if logged < 10 {
				t.Errorf("note %s version %d revision %d published as %+v and as %+v", id, v, r, prev, st)
				logged++
			}
		}
		states[sk] = st
		if r == 0 {
			vk := fmt.Sprintf("%s/%d", id, v)
			if machine[vk] == nil {
				machine[vk] = map[string]bool{}
				for _, mk := range strings.Split(st.markets, ",") {
					if mk != "" {
						machine[vk][mk] = true
					}
				}
			}
		}
		if route == string(pipeline.RouteApproved) {
			approvals = append(approvals, m)
		}
	}
	for _, in := range inputs {
		if !bySource[fmt.Sprintf("%d/%d", in.partition, in.offset)] {
			f.lost++
			if f.lost <= 10 {
				t.Errorf("input event %s (partition %d offset %d) never came out", in.key, in.partition, in.offset)
			}
		}
	}
	for _, m := range approvals {
		var n models.Note
		if err := json.Unmarshal(m.Value, &n); err != nil {
			t.Fatal(err)
		}
		base, ok := machine[fmt.Sprintf("%s/%d", n.NoteID, n.Version)]
		if !ok {
			continue // the machine state of this version was never published alone
		}
		for _, mk := range n.ApprovedMarkets {
			if !base[mk] && (n.Moderation.Review == nil || n.Moderation.Review.Action != models.ReviewApprove) {
				f.unreviewed++
				if logged < 20 {
					t.Errorf("note %s version %d revision %d approved in %s on the feed; the machine did not approve it there and no reviewer did", n.NoteID, n.Version, n.Revision, mk)
					logged++
				}
				break
			}
		}
	}
	ctx := context.Background()
	ids := make([]string, 0, len(newest))
	for id := range newest {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		last := newest[id]
		f.notes++
		got, err := idx.Get(ctx, id)
		route := headerValue(last.m, pipeline.HeaderRoute)
		if feed, ok := lastOnFeed[id]; ok {
			shown := headerValue(feed, pipeline.HeaderRoute) == string(pipeline.RouteApproved)
			shouldShow := err == nil && len(got.ApprovedMarkets) > 0
			if shown != shouldShow || (shown && headerValue(feed, pipeline.HeaderMarkets) != strings.Join(got.ApprovedMarkets, ",")) {
				f.feedView++
				if f.feedView <= 10 {
					t.Errorf("note %s: the last message on %s is %s in %q (version %s revision %s); the index holds %+v, %v", id, tp.Approved,
						headerValue(feed, pipeline.HeaderRoute), headerValue(feed, pipeline.HeaderMarkets),
						headerValue(feed, pipeline.HeaderVersion), headerValue(feed, pipeline.HeaderRevision), got, err)
				}
			}
		} else if err == nil && len(got.ApprovedMarkets) > 0 {
			f.feedView++
			t.Errorf("note %s is approved in the index but never reached %s", id, tp.Approved)
		}
		switch {
		case route == string(pipeline.RouteDeleted):
			if !errors.Is(err, index.ErrNotFound) {
				f.disagree++
				t.Errorf("note %s: the feed's newest message deletes version %d; the index holds %+v, %v", id, last.version, got, err)
			}
		case err != nil:
			f.disagree++
			t.Errorf("note %s: the feed's newest message is %s at version %d revision %d; the index: %v", id, route, last.version, last.revision, err)
		case got.Version != last.version || got.Revision != last.revision ||
			string(got.Moderation.Decision) != headerValue(last.m, pipeline.HeaderDecision) ||
			strings.Join(got.ApprovedMarkets, ",") != headerValue(last.m, pipeline.HeaderMarkets):
			f.disagree++
			if f.disagree <= 10 {
				t.Errorf("note %s: the feed's newest message is version %d revision %d %s in %q; the index holds version %d revision %d %s in %v",
					id, last.version, last.revision, headerValue(last.m, pipeline.HeaderDecision), headerValue(last.m, pipeline.HeaderMarkets),
					got.Version, got.Revision, got.Moderation.Decision, got.ApprovedMarkets)
			}
		}
	}
	return f
}
