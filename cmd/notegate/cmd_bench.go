package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/broker"
	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/samples"
	"github.com/notegate/notegate/stages/index"
)

// benchReport is the final JSON line of notegate bench.
type benchReport struct {
	Events        int                `json:"events"`
	Seconds       float64            `json:"seconds"`
	EventsPerSec  float64            `json:"events_per_sec"`
	LatencyMillis map[string]float64 `json:"latency_ms"`
	Routes        map[string]int     `json:"routes"`
	PeakRSSMB     float64            `json:"peak_rss_mb"`
	PeakHeapMB    float64            `json:"peak_heap_mb"`
	Stages        []string           `json:"stages"`
	Index         string             `json:"index"`
	Broker        string             `json:"broker"`
	GOMAXPROCS    int                `json:"gomaxprocs"`
}

// cmdBench publishes synthetic notes, runs the whole pipeline over them and
// reports throughput, produce→routed latency and peak memory.
func cmdBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 20000, "synthetic notes to publish")
	rate := fs.Int("rate", 0, "events per second to publish (0: as fast as the broker takes them)")
	seed := fs.Int64("seed", 1, "seed of the synthetic note generator")
	brokers := fs.String("brokers", "", "comma-separated brokers; empty starts an embedded one")
	indexKind := fs.String("index", "embedded", "embedded (a temporary folder), elasticsearch (from --config/env) or none")
	stagesFlag := fs.String("stages", strings.Join(stageNames, ","), "stages to run")
	path := fs.String("config", "", "optional YAML configuration file")
	timeout := fs.Duration("timeout", 10*time.Minute, "give up after this long")
	partitions := fs.Int("partitions", 4, "partitions of the embedded broker's topics")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *n <= 0 {
		return errors.New("--n must be positive")
	}
	cfg, err := config.Load(*path, os.Getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel, stderr)
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	// Unique topics and group, so a bench never reads an earlier run's data.
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	cfg.Kafka.GroupID = "notegate-bench-" + run
	cfg.Kafka.InputTopic = "bench." + run + ".events"
	cfg.Kafka.Topics = pipeline.Topics{Approved: "bench." + run + ".approved", Review: "bench." + run + ".review", Rejected: "bench." + run + ".rejected", DeadLetter: "bench." + run + ".dlq"}
	outTopics := []string{cfg.Kafka.Topics.Approved, cfg.Kafka.Topics.Review, cfg.Kafka.Topics.Rejected, cfg.Kafka.Topics.DeadLetter}
	brokerName := *brokers
	if *brokers == "" {
		b, err := broker.Start(broker.Config{Partitions: *partitions, Topics: append([]string{cfg.Kafka.InputTopic}, outTopics...)})
		if err != nil {
			return err
		}
		defer b.Close()
		cfg.Kafka.Brokers = b.Addrs()
		brokerName = "embedded"
	} else {
		cfg.Kafka.Brokers = splitList(*brokers)
	}

	peak := startMemorySampler(ctx)
	built, err := buildStages(cfg, splitList(*stagesFlag), log)
	if err != nil {
		return err
	}
	var idx pipeline.Indexer
	switch *indexKind {
	case "none":
	case "embedded", "elasticsearch":
		if *indexKind == "embedded" {
			dir, err := os.MkdirTemp("", "notegate-bench-index-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			cfg.Index.Backend = config.BackendEmbedded
			cfg.Index.Embedded = index.EmbeddedConfig{Dir: dir}
		} else {
			cfg.Index.Backend = config.BackendElasticsearch
		}
		ix, err := openIndex(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer ix.Close()
		idx = ix
	default:
		return fmt.Errorf("--index %q: want embedded, elasticsearch or none", *indexKind)
	}
	quiet := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	proc := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: built.stages, Indexer: idx, MaxEventBytes: cfg.Kafka.MaxEventBytes, Backoff: cfg.Kafka.Backoff, Logger: quiet})
	rt, err := pipeline.NewRuntime(cfg.Kafka, proc, nil, nil, quiet)
	if err != nil {
		return err
	}
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	runDone := make(chan error, 1)
	go func() { runDone <- rt.Run(runCtx) }()

	// Read every output topic from the start, in one group.
	reader := kafka.NewReader(kafka.ReaderConfig{
		Brokers: cfg.Kafka.Brokers, GroupID: "notegate-bench-check-" + run, GroupTopics: outTopics,
		StartOffset: kafka.FirstOffset, MaxWait: 50 * time.Millisecond, JoinGroupBackoff: 200 * time.Millisecond,
	})
	defer reader.Close()

	fmt.Fprintf(stderr, "bench: %d notes, stages %s, index %s, broker %s\n", *n, *stagesFlag, *indexKind, brokerName)
	start := time.Now()
	prodErr := make(chan error, 1)
	go func() { prodErr <- produceSynthetic(ctx, cfg.Kafka.Brokers, cfg.Kafka.InputTopic, *n, *rate, *seed) }()

	latencies := make([]float64, 0, *n)
	routes := map[string]int{}
	// One event may be published to several topics (approved and review):
	// count each input event once, when its first output arrives.
	seen := make(map[string]struct{}, *n)
	var last time.Time
	for len(latencies) < *n {
		m, err := reader.ReadMessage(ctx)
		if err != nil {
			stopRun()
			<-runDone
			return fmt.Errorf("read outputs after %d of %d: %w", len(latencies), *n, err)
		}
		routes[headerValue(m, pipeline.HeaderRoute)]++
		src := headerValue(m, pipeline.HeaderSourcePart) + "/" + headerValue(m, pipeline.HeaderSourceOffset)
		if _, dup := seen[src]; dup {
			continue
		}
		seen[src] = struct{}{}
		last = time.Now()
		if src, err := time.Parse(time.RFC3339Nano, headerValue(m, pipeline.HeaderSourceTime)); err == nil {
			latencies = append(latencies, m.Time.Sub(src).Seconds()*1000)
		} else {
			latencies = append(latencies, 0)
		}
	}
	if err := <-prodErr; err != nil {
		return err
	}
	elapsed := last.Sub(start).Seconds()
	stopRun()
	if err := <-runDone; err != nil {
		return err
	}
	slices.Sort(latencies)
	rep := benchReport{
		Events: *n, Seconds: round(elapsed, 3), EventsPerSec: round(float64(*n)/elapsed, 1),
		LatencyMillis: map[string]float64{
			"p50": round(percentile(latencies, 0.50), 1), "p90": round(percentile(latencies, 0.90), 1),
			"p99": round(percentile(latencies, 0.99), 1), "max": round(latencies[len(latencies)-1], 1),
		},
		Routes: routes, PeakRSSMB: round(peakRSSMB(), 1), PeakHeapMB: round(float64(peak.Load())/(1<<20), 1),
		Stages: splitList(*stagesFlag), Index: *indexKind, Broker: brokerName, GOMAXPROCS: runtime.GOMAXPROCS(0),
	}
	fmt.Fprintf(stderr, "bench: %d events in %.2fs = %.0f events/s; latency ms p50 %.1f p90 %.1f p99 %.1f; peak RSS %.0f MB\n",
		rep.Events, rep.Seconds, rep.EventsPerSec, rep.LatencyMillis["p50"], rep.LatencyMillis["p90"], rep.LatencyMillis["p99"], rep.PeakRSSMB)
	return json.NewEncoder(stdout).Encode(rep)
}

func produceSynthetic(ctx context.Context, brokers []string, topic string, n, rate int, seed int64) error {
	w := &kafka.Writer{Addr: kafka.TCP(brokers...), Topic: topic, Balancer: kafka.Murmur2Balancer{}, RequiredAcks: kafka.RequireAll, BatchTimeout: 2 * time.Millisecond, BatchSize: 500}
	defer w.Close()
	gen := samples.NewGenerator(seed)
	const batch = 500
	var tick *time.Ticker
	if rate > 0 {
		tick = time.NewTicker(time.Second * batch / time.Duration(rate))
		defer tick.Stop()
	}
	msgs := make([]kafka.Message, 0, batch)
	for sent := 0; sent < n; {
		msgs = msgs[:0]
		for len(msgs) < batch && sent+len(msgs) < n {
			ev := gen.Next()
			v, err := json.Marshal(ev)
			if err != nil {
				return err
			}
			msgs = append(msgs, kafka.Message{Key: []byte(ev.NoteID), Value: v})
		}
		if tick != nil {
			select {
			case <-tick.C:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if err := w.WriteMessages(ctx, msgs...); err != nil {
			return fmt.Errorf("produce: %w", err)
		}
		sent += len(msgs)
	}
	return nil
}

func headerValue(m kafka.Message, key string) string {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p * float64(len(sorted)-1))
	return sorted[i]
}

func round(v float64, places int) float64 {
	s := strconv.FormatFloat(v, 'f', places, 64)
	r, _ := strconv.ParseFloat(s, 64)
	return r
}

// startMemorySampler records the peak Go heap in use until ctx ends.
func startMemorySampler(ctx context.Context) *atomic.Uint64 {
	var peak atomic.Uint64
	go func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return &peak
}

// peakRSSMB reads the process's peak resident set (VmHWM) on Linux; 0
// elsewhere.
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}
