package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/internal/devbroker"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
)

// childEnv makes the test binary act as `notegate` itself, so a test can
// start the real service in another process and kill it.
const childEnv = "NOTEGATE_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(childEnv); args != "" {
		ctx, stop := signalContext()
		defer stop()
		if err := run(ctx, splitArgs(args), os.Stdin, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	// bench starts its broker by running this binary: here, the test
	// binary as a child.
	selfCommand = func(args ...string) (*exec.Cmd, error) {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(args, string(filepath.ListSeparator)))
		return cmd, nil
	}
	os.Exit(m.Run())
}

func splitArgs(s string) []string {
	var out []string
	for _, a := range filepath.SplitList(s) {
		if a != "" {
			out = append(out, a)
		}
	}
	return out
}

// startChild runs `notegate run --config path` in a child process.
func startChild(t *testing.T, configPath string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+"run"+string(filepath.ListSeparator)+"--config"+string(filepath.ListSeparator)+configPath)
	if testing.Verbose() {
		cmd.Stderr = os.Stderr
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd
}

// TestKilledBetweenProcessingAndCommitLosesNothing runs the real service in
// a child process that never gets to commit, kills it with SIGKILL once it
// has routed and indexed everything, restarts it, and checks that every
// event is processed again and that no note regressed in the index.
func TestKilledBetweenProcessingAndCommitLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage twice")
	}
	cfg := config.Default()
	tp := cfg.Kafka.Topics
	b, err := devbroker.Start(devbroker.Config{Partitions: 3, Topics: []string{cfg.Kafka.InputTopic, tp.Approved, tp.Review, tp.Rejected, tp.DeadLetter}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	dir := t.TempDir()
	writeConfig := func(commitInterval string) string {
		path := filepath.Join(dir, "notegate-"+commitInterval+".yaml")
		yaml := fmt.Sprintf("log_level: warn\nhttp:\n  addr: 127.0.0.1:0\nkafka:\n  brokers: [%s]\n  group_id: kill-test\n  commit_interval: %s\n  session_timeout: 2s\nindex:\n  embedded:\n    dir: %s\nreview:\n  audit_file: %s\n",
			b.Addrs()[0], commitInterval, filepath.Join(dir, "index"), filepath.Join(dir, "audit.db"))
		if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}

	// Two versions of each note, then stale replays of version 1.
	const notes = 40
	var msgs []kafka.Message
	for v := int64(1); v <= 2; v++ {
		for i := 0; i < notes; i++ {
			msgs = append(msgs, noteEvent(t, models.NoteEvent{NoteID: fmt.Sprintf("k-%02d", i), Version: v, Body: fmt.Sprintf("version %d of note %d, about hotpot", v, i)}))
		}
	}
	for i := 0; i < notes; i += 4 {
		msgs = append(msgs, noteEvent(t, models.NoteEvent{NoteID: fmt.Sprintf("k-%02d", i), Version: 1, Body: "a stale replay"}))
	}
	e := &e2e{cfg: cfg, brokers: b.Addrs()}
	e.produce(t, msgs)

	child := startChild(t, writeConfig("1h")) // it will never commit
	e.outputs(t, len(msgs))                   // everything routed (so also indexed)
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()

	child = startChild(t, writeConfig("100ms"))
	e.outputs(t, 2*len(msgs)) // every event again: nothing was committed, nothing lost
	if err := child.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := child.Wait(); err != nil {
		t.Fatalf("the restarted service did not drain cleanly: %v", err)
	}

	idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: filepath.Join(dir, "index")})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < notes; i++ {
		n, err := idx.Get(context.Background(), fmt.Sprintf("k-%02d", i))
		if err != nil {
			t.Fatalf("note %d: %v", i, err)
		}
		if n.Version != 2 || n.Body != fmt.Sprintf("version 2 of note %d, about hotpot", i) {
			t.Errorf("note %d regressed to version %d %q", i, n.Version, n.Body)
		}
	}
	if _, err := idx.Get(context.Background(), "nope"); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("Get of an unknown note = %v", err)
	}
	if err := idx.Close(); err != nil { // one process at a time owns the folder
		t.Fatal(err)
	}

	// After the clean drain, a third start has nothing left to redo: once
	// it has drained again, the output topics hold exactly one more event.
	child = startChild(t, writeConfig("100ms"))
	e.produce(t, []kafka.Message{noteEvent(t, models.NoteEvent{NoteID: "after", Version: 1, Body: "one more"})})
	e.outputs(t, 2*len(msgs)+1)
	if err := child.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := child.Wait(); err != nil {
		t.Fatalf("third run: %v", err)
	}
	if got := e.countOutputs(t); got != 2*len(msgs)+1 {
		t.Errorf("after a clean drain the restart reprocessed committed events: %d outputs, want %d", got, 2*len(msgs)+1)
	}
}

// countOutputs sums the end offsets of every partition of the output topics.
func (e *e2e) countOutputs(t *testing.T) int {
	t.Helper()
	tp := e.cfg.Kafka.Topics
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	total := 0
	for _, topic := range []string{tp.Approved, tp.Review, tp.Rejected, tp.DeadLetter} {
		conn, err := kafka.DialContext(ctx, "tcp", e.brokers[0])
		if err != nil {
			t.Fatal(err)
		}
		parts, err := conn.ReadPartitions(topic)
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parts {
			lc, err := kafka.DialLeader(ctx, "tcp", e.brokers[0], topic, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			last, err := lc.ReadLastOffset()
			lc.Close()
			if err != nil {
				t.Fatal(err)
			}
			total += int(last)
		}
	}
	return total
}
