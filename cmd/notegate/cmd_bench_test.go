package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

// TestBenchReports runs bench small in each mode, without stages or index
// so it takes about a second: every event is counted once, the report says
// the mode, the latency figures are ordered and the histogram is drawn. The
// figures themselves are for people, not for this test.
func TestBenchReports(t *testing.T) {
	t.Parallel()
	small := []string{"--stages", "", "--index", "none", "--n", "200", "--progress", "10ms"}
	profiles := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		wantMode string
		wantRate int
	}{
		{"the default steady mode publishes at the rate asked", append([]string{"--rate", "1000"}, small...), benchSteady, 1000},
		{"max mode publishes as fast as it can, with no rate", append([]string{"--mode", "max"}, small...), benchMax, 0},
		{"a run asked for heap profiles writes them", append([]string{"--mode", "max", "--memprofile", filepath.Join(profiles, "end"), "--peakprofile", filepath.Join(profiles, "peak")}, small...), benchMax, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			if err := cmdBench(context.Background(), tt.args, &out, &errOut); err != nil {
				t.Fatalf("%v\n%s", err, errOut.String())
			}
			var rep benchReport
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("%v: %s", err, out.String())
			}
			if rep.Mode != tt.wantMode || rep.Rate != tt.wantRate || rep.Events != 200 {
				t.Errorf("mode %q rate %d events %d, want %q %d 200", rep.Mode, rep.Rate, rep.Events, tt.wantMode, tt.wantRate)
			}
			routed := 0
			for _, c := range rep.Routes {
				routed += c
			}
			if routed < 200 {
				t.Errorf("routes %v count %d outputs, want at least one per event", rep.Routes, routed)
			}
			l := rep.LatencyMillis
			if len(l) != 5 || l["p50"] > l["p90"] || l["p90"] > l["p99"] || l["p99"] > l["p999"] || l["p999"] > l["max"] {
				t.Errorf("latency %v: want p50 ≤ p90 ≤ p99 ≤ p999 ≤ max", l)
			}
			if tt.wantMode == benchSteady && rep.ProduceLagMillisMax <= 0 {
				t.Errorf("produce lag %v ms: a steady run measures how late its writes were acknowledged", rep.ProduceLagMillisMax)
			}
			if runtime.GOOS == "linux" && (rep.PeakRSSMB <= 0 || rep.BrokerPeakRSSMB <= 0 || rep.PeakRSSAnonMB <= 0 || rep.PeakRSSFileMB <= 0) {
				t.Errorf("peak RSS %v MB (anonymous %v, files %v), broker's %v MB: want the bench's and the broker process's both measured",
					rep.PeakRSSMB, rep.PeakRSSAnonMB, rep.PeakRSSFileMB, rep.BrokerPeakRSSMB)
			}
			if rep.PeakHeapMB <= 0 || rep.PeakLiveHeapMB <= 0 {
				t.Errorf("peak heap %v MB, live %v MB: want both sampled", rep.PeakHeapMB, rep.PeakLiveHeapMB)
			}
			for i, a := range tt.args {
				if a == "--memprofile" || a == "--peakprofile" {
					if b, err := os.ReadFile(tt.args[i+1]); err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
						t.Errorf("%s %s: want a gzipped profile, got %d bytes, %v", a, tt.args[i+1], len(b), err)
					}
				}
			}
			stderr := errOut.String()
			if !strings.Contains(stderr, "produce→routed latency ms p50") || !strings.Contains(stderr, "│") {
				t.Errorf("stderr has no summary or histogram:\n%s", stderr)
			}
		})
	}
}

func TestBenchRefusesContradictoryFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a rate with max mode", []string{"--mode", "max", "--rate", "2000"}, "--rate is for --mode steady"},
		{"a steady mode without a rate", []string{"--rate", "0"}, "--rate must be positive"},
		{"an unknown mode", []string{"--mode", "fast"}, `--mode "fast"`},
		{"no events", []string{"--n", "0"}, "--n must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := cmdBench(context.Background(), tt.args, &out, &errOut)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestTemporaryKafkaError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"a topic the broker does not know yet is waited out", kafka.UnknownTopicOrPartition, true},
		{"a wrapped temporary error is waited out", fmt.Errorf("write: %w", kafka.LeaderNotAvailable), true},
		{"a batch whose every error is temporary is waited out", kafka.WriteErrors{nil, kafka.UnknownTopicOrPartition}, true},
		{"a batch with one permanent error is not", kafka.WriteErrors{kafka.UnknownTopicOrPartition, kafka.MessageSizeTooLarge}, false},
		{"a message too large is not", kafka.MessageSizeTooLarge, false},
		{"an error that is not Kafka's is not", errors.New("connection refused"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := temporaryKafkaError(tt.err); got != tt.want {
				t.Fatalf("temporaryKafkaError(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

// TestBenchBrokerProcess starts the embedded broker in its own process as
// bench does: it answers on the address it gives, its memory is read from
// outside, and it exits once its stdin ends, which is what happens when the
// bench goes.
func TestBenchBrokerProcess(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b, err := startBenchBroker(ctx, 2, []string{"bench-broker-test"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	conn, err := kafka.DialContext(ctx, "tcp", b.Addrs()[0])
	if err != nil {
		t.Fatalf("dial the broker at %v: %v", b.Addrs(), err)
	}
	parts, err := conn.ReadPartitions("bench-broker-test")
	conn.Close()
	if err != nil || len(parts) != 2 {
		t.Fatalf("partitions of the seeded topic: %v %v, want 2", parts, err)
	}
	// The broker is alive and may grow between two reads: the current RSS
	// is read first, so the peak read after it can only be as large.
	if rss := b.RSSMB(); runtime.GOOS == "linux" {
		if peak := b.PeakRSSMB(); peak <= 0 || rss <= 0 || peak < rss {
			t.Errorf("broker peak RSS %v MB, RSS before it %v MB: want both read, the peak at least the current", peak, rss)
		}
	}
	if err := b.stdin.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-b.done:
	case <-ctx.Done():
		t.Fatal("the broker process did not exit when its stdin ended")
	}
	if !b.cmd.ProcessState.Success() {
		t.Errorf("the broker process exited with %v", b.cmd.ProcessState)
	}
}
