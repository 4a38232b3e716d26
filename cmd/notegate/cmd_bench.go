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
	"sync"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/internal/backoff"
	"github.com/notegate/notegate/internal/samples"
	"github.com/notegate/notegate/pipeline"
)

// benchReport is the final JSON line of notegate bench.
type benchReport struct {
	Mode string `json:"mode"`
	// Rate is the offered events per second of a steady run; 0 for max.
	Rate         int     `json:"rate"`
	Events       int     `json:"events"`
	Seconds      float64 `json:"seconds"`
	EventsPerSec float64 `json:"events_per_sec"`
	// LatencyMillis is produce→routed: from an event's due time (steady)
	// or its write (max) to its first output.
	LatencyMillis map[string]float64 `json:"latency_ms"`
	// ProduceLagMillisMax is the longest wait from an event's due time to
	// the broker's acknowledgement of it (steady only): large means events
	// went out late (the bench or the broker fell behind), which their
	// latency counts.
	ProduceLagMillisMax float64 `json:"produce_lag_ms_max,omitempty"`
	// InFlightAfterLastSend is how many events were not yet routed when
	// the last was acknowledged: in a steady run that keeps up, about the
	// rate times the mean latency.
	InFlightAfterLastSend int            `json:"in_flight_after_last_send"`
	Routes                map[string]int `json:"routes"`
	// PeakRSSMB and PeakHeapMB are the bench process's: the service
	// (pipeline, stages, index) with the bench's producer and the reader
	// of its outputs, not the embedded broker, which runs in a process of
	// its own.
	PeakRSSMB  float64 `json:"peak_rss_mb"`
	PeakHeapMB float64 `json:"peak_heap_mb"`
	// PeakRSSAnonMB and PeakRSSFileMB are the peaks of the RSS's anonymous
	// part (the heap, mostly) and of its mapped files' pages (the
	// executable with its embedded tables, the index's files), sampled.
	PeakRSSAnonMB float64 `json:"peak_rss_anon_mb"`
	PeakRSSFileMB float64 `json:"peak_rss_file_mb"`
	// PeakLiveHeapMB is the largest heap a collection found reachable;
	// the heap grows to about GOGC % more before the next.
	PeakLiveHeapMB float64 `json:"peak_live_heap_mb"`
	// BrokerPeakRSSMB is the embedded broker's process's peak RSS; absent
	// with --brokers.
	BrokerPeakRSSMB float64  `json:"broker_peak_rss_mb,omitempty"`
	Stages          []string `json:"stages"`
	Index           string   `json:"index"`
	Broker          string   `json:"broker"`
	GOMAXPROCS      int      `json:"gomaxprocs"`
	LoadAvg         string   `json:"load_avg"`
}

// Modes of notegate bench.
const (
	benchSteady = "steady"
	benchMax    = "max"
)

// benchWarmUpKey keys the one note that goes through the pipeline before
// the clock starts, so joining the consumer group is not counted as
// latency; its outputs are not counted.
const benchWarmUpKey = "bench-warm-up"

// cmdBench publishes synthetic notes, runs the whole pipeline over them and
// reports throughput, produce→routed latency and peak memory: progress
// lines while it runs, then a latency histogram and figures on stderr and
// one JSON line on stdout.
func cmdBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 20000, "synthetic notes to publish")
	mode := fs.String("mode", benchSteady, "steady: publish at --rate, open loop, and measure latency from each event's due time; max: publish as fast as the broker takes them and measure throughput (latency then includes queueing)")
	rate := fs.Int("rate", 500, "events per second of --mode steady")
	progress := fs.Duration("progress", time.Second, "interval of the progress lines on stderr (0: none)")
	seed := fs.Int64("seed", 1, "seed of the synthetic note generator")
	brokers := fs.String("brokers", "", "comma-separated brokers; empty starts an embedded one")
	indexKind := fs.String("index", "embedded", "embedded (a temporary folder), elasticsearch (from --config/env) or none")
	stagesFlag := fs.String("stages", strings.Join(stageNames, ","), "stages to run")
	path := fs.String("config", "", "optional YAML configuration file")
	timeout := fs.Duration("timeout", 10*time.Minute, "give up after this long")
	partitions := fs.Int("partitions", 4, "partitions of the embedded broker's topics")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	memProfile := fs.String("memprofile", "", "write a heap profile to this file when the last note is routed (the service's; the embedded broker runs in another process)")
	peakProfile := fs.String("peakprofile", "", "write a heap profile to this file at the largest live heap of the run (what was reachable then)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n <= 0 {
		return errors.New("--n must be positive")
	}
	switch *mode {
	case benchSteady:
		if *rate <= 0 {
			return errors.New("--rate must be positive (--mode max publishes as fast as it can)")
		}
	case benchMax:
		rateSet := false
		fs.Visit(func(f *flag.Flag) { rateSet = rateSet || f.Name == "rate" })
		if rateSet {
			return errors.New("--rate is for --mode steady; --mode max publishes as fast as it can")
		}
		*rate = 0
	default:
		return fmt.Errorf("--mode %q: want steady or max", *mode)
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
	cfg, err := config.Load(*path, os.Getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel, stderr)
	applyMemoryLimit(cfg.MemoryLimit, os.Getenv, log)
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	// Unique topics and group, so a bench never reads an earlier run's data.
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	cfg.Kafka.GroupID = "notegate-bench-" + run
	cfg.Kafka.InputTopic = "bench." + run + ".events"
	cfg.Kafka.Topics = pipeline.Topics{Approved: "bench." + run + ".approved", Review: "bench." + run + ".review", Rejected: "bench." + run + ".rejected", DeadLetter: "bench." + run + ".dlq"}
	outTopics := []string{cfg.Kafka.Topics.Approved, cfg.Kafka.Topics.Review, cfg.Kafka.Topics.Rejected, cfg.Kafka.Topics.DeadLetter}
	brokerName := *brokers
	brokerRSS := func() float64 { return 0 } // an external broker's is not ours to measure
	brokerPeakRSS := brokerRSS
	if *brokers == "" {
		// The broker runs in a process of its own, so that the records it
		// keeps in memory are not counted as the service's.
		b, err := startBenchBroker(ctx, *partitions, append([]string{cfg.Kafka.InputTopic}, outTopics...))
		if err != nil {
			return err
		}
		defer b.Close()
		cfg.Kafka.Brokers = b.Addrs()
		brokerName = "embedded"
		brokerRSS, brokerPeakRSS = b.RSSMB, b.PeakRSSMB
	} else {
		cfg.Kafka.Brokers = splitList(*brokers)
	}

	mem := startMemorySampler(*peakProfile)
	defer mem.Stop()
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
			cfg.Index.Embedded.Dir = dir // the rest from --config
		} else {
			cfg.Index.Backend = config.BackendElasticsearch
		}
		ix, err := openIndex(ctx, cfg, nil, log)
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
	stopPipeline := func() error {
		stopRun()
		return <-runDone
	}

	// Read every output topic from the start, in one group; nothing is
	// committed, the group is the bench's alone.
	reader := kafka.NewReader(kafka.ReaderConfig{
		Brokers: cfg.Kafka.Brokers, GroupID: "notegate-bench-check-" + run, GroupTopics: outTopics,
		StartOffset: kafka.FirstOffset, MaxWait: 50 * time.Millisecond, JoinGroupBackoff: 200 * time.Millisecond,
	})
	defer reader.Close()
	writer := newBenchWriter(cfg.Kafka.Brokers, cfg.Kafka.InputTopic)
	defer writer.Close()

	offered := "as fast as the broker takes them"
	if *mode == benchSteady {
		offered = fmt.Sprintf("%d/s for %.1fs", *rate, float64(*n)/float64(*rate))
	}
	fmt.Fprintf(stderr, "bench: %s mode, %d notes %s; stages %s, index %s, broker %s, GOMAXPROCS %d, load %s\n",
		*mode, *n, offered, *stagesFlag, *indexKind, brokerName, runtime.GOMAXPROCS(0), loadAvg())
	warm, err := warmUp(ctx, writer, reader, *seed)
	if err != nil {
		_ = stopPipeline()
		return err
	}
	fmt.Fprintf(stderr, "bench: warm-up note routed in %s; the clock starts now\n", warm.Round(time.Millisecond))

	prog := &benchProgress{}
	start := time.Now()
	progCtx, stopProgress := context.WithCancel(ctx)
	var progressDone sync.WaitGroup
	if *progress > 0 {
		progressDone.Go(func() { prog.report(progCtx, stderr, start, *progress, brokerRSS) })
	}
	endProgress := func() {
		stopProgress()
		progressDone.Wait()
	}
	defer endProgress()
	type produced struct {
		lag      time.Duration
		inFlight int // when the last event was acknowledged
		err      error
	}
	prodDone := make(chan produced, 1)
	go func() {
		gen := samples.NewGenerator(*seed)
		if *mode == benchMax {
			err := produceMax(ctx, writer, gen, *n, prog)
			prodDone <- produced{inFlight: prog.inFlight(), err: err}
			return
		}
		p := pacer{start: start, rate: *rate, n: *n, maxBatch: benchMaxBatch, minWait: time.Millisecond}
		lag, err := produceSteady(ctx, writer, gen, p, prog)
		prodDone <- produced{lag, prog.inFlight(), err}
	}()

	latencies := make([]float64, 0, *n)
	routes := map[string]int{}
	// One event may be published to several topics (approved and review):
	// count each input event once, when its first output arrives.
	seen := make(map[string]struct{}, *n)
	var lastRouted time.Time
	stop := func(err error) error {
		endProgress()
		if len(latencies) > 0 {
			slices.Sort(latencies)
			fmt.Fprintf(stderr, "bench: stopped after %d of %d events; latency of those routed:\n", len(latencies), *n)
			plotLatency(stderr, latencies, 40)
		}
		_ = stopPipeline()
		return err
	}
	for len(latencies) < *n {
		m, err := reader.FetchMessage(ctx)
		if err != nil {
			return stop(fmt.Errorf("read outputs after %d of %d: %w", len(latencies), *n, err))
		}
		if string(m.Key) == benchWarmUpKey {
			continue
		}
		routes[headerValue(m, pipeline.HeaderRoute)]++
		src := headerValue(m, pipeline.HeaderSourcePart) + "/" + headerValue(m, pipeline.HeaderSourceOffset)
		if _, dup := seen[src]; dup {
			continue
		}
		seen[src] = struct{}{}
		if m.Time.After(lastRouted) {
			lastRouted = m.Time
		}
		// Every event the bench sends has a timestamp, so every output
		// must say it.
		sourceTime, err := time.Parse(time.RFC3339Nano, headerValue(m, pipeline.HeaderSourceTime))
		if err != nil {
			return stop(fmt.Errorf("output on %s from %s without its %s: %w", m.Topic, src, pipeline.HeaderSourceTime, err))
		}
		ms := m.Time.Sub(sourceTime).Seconds() * 1000
		latencies = append(latencies, ms)
		prog.routedOne(ms)
	}
	endProgress()
	res := <-prodDone
	if res.err != nil {
		return res.err
	}
	if *memProfile != "" {
		if err := writeProfile(*memProfile, true); err != nil {
			return err
		}
	}
	if err := stopPipeline(); err != nil {
		return err
	}
	if err := mem.Stop(); err != nil {
		return fmt.Errorf("peakprofile: %w", err)
	}
	// Kafka timestamps are whole milliseconds: the last output may carry a
	// time a little before start in a tiny run.
	elapsed := max(lastRouted.Sub(start).Seconds(), 0.001)
	slices.Sort(latencies)
	rep := benchReport{
		Mode: *mode, Rate: *rate,
		Events: *n, Seconds: round(elapsed, 3), EventsPerSec: round(float64(*n)/elapsed, 1),
		LatencyMillis: map[string]float64{
			"p50": round(percentile(latencies, 0.50), 1), "p90": round(percentile(latencies, 0.90), 1),
			"p99": round(percentile(latencies, 0.99), 1), "p999": round(percentile(latencies, 0.999), 1),
			"max": round(latencies[len(latencies)-1], 1),
		},
		ProduceLagMillisMax: round(res.lag.Seconds()*1000, 1), InFlightAfterLastSend: res.inFlight,
		Routes: routes, PeakRSSMB: round(peakRSSMB(), 1), PeakHeapMB: round(mem.PeakHeapInuseMB(), 1), PeakLiveHeapMB: round(mem.PeakLiveHeapMB(), 1),
		PeakRSSAnonMB: round(mem.PeakRSSAnonMB(), 1), PeakRSSFileMB: round(mem.PeakRSSFileMB(), 1), BrokerPeakRSSMB: round(brokerPeakRSS(), 1),
		Stages: splitList(*stagesFlag), Index: *indexKind, Broker: brokerName, GOMAXPROCS: runtime.GOMAXPROCS(0), LoadAvg: loadAvg(),
	}
	brokerPeak := ""
	if rep.BrokerPeakRSSMB > 0 {
		brokerPeak = fmt.Sprintf(", the embedded broker's process %.0f MB", rep.BrokerPeakRSSMB)
	}
	fmt.Fprintf(stderr, "bench: %d events in %.2fs = %.0f events/s (%s); load %s\n",
		rep.Events, rep.Seconds, rep.EventsPerSec, offered, rep.LoadAvg)
	fmt.Fprintf(stderr, "bench: peak RSS %.0f MB (anonymous %.0f, mapped files %.0f)%s; Go heap %.0f MB, of which live %.0f MB\n",
		rep.PeakRSSMB, rep.PeakRSSAnonMB, rep.PeakRSSFileMB, brokerPeak, rep.PeakHeapMB, rep.PeakLiveHeapMB)
	fmt.Fprintf(stderr, "bench: produce→routed latency ms p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f\n",
		rep.LatencyMillis["p50"], rep.LatencyMillis["p90"], rep.LatencyMillis["p99"], rep.LatencyMillis["p999"], rep.LatencyMillis["max"])
	if *mode == benchSteady {
		fmt.Fprintf(stderr, "bench: longest wait from due to acknowledged %.1f ms; %d in flight after the last send\n", rep.ProduceLagMillisMax, rep.InFlightAfterLastSend)
		// A pipeline that keeps up routes at the offered rate, the run
		// lasting n/rate plus the last note's latency.
		if rep.EventsPerSec < 0.9*float64(*rate) {
			fmt.Fprintf(stderr, "bench: routed %.0f events/s of the %d/s offered: the pipeline did not keep up, so latency includes queueing; a lower --rate measures it without\n", rep.EventsPerSec, *rate)
		}
	} else {
		fmt.Fprintln(stderr, "bench: (max mode: latency counts the time events queued in the topic)")
	}
	plotLatency(stderr, latencies, 40)
	return json.NewEncoder(stdout).Encode(rep)
}

// warmUp sends one note through the pipeline and waits for its first
// output: the pipeline and the reader have joined their groups and every
// stage has seen a note. It returns how long that took.
func warmUp(ctx context.Context, w *kafka.Writer, r *kafka.Reader, seed int64) (time.Duration, error) {
	started := time.Now()
	ev := samples.NewGenerator(seed + 1).Next()
	ev.NoteID = benchWarmUpKey
	m, err := syntheticMessage(ev)
	if err != nil {
		return 0, err
	}
	// A broker that has just created the topics may not yet answer for
	// their partitions: a temporary Kafka error is waited out, with
	// backoff, until ctx ends.
	retry := backoff.Policy{Min: 20 * time.Millisecond, Max: time.Second}
	for attempt := 0; ; attempt++ {
		err := w.WriteMessages(ctx, m)
		if err == nil {
			break
		}
		if !temporaryKafkaError(err) {
			return 0, fmt.Errorf("warm-up: %w", err)
		}
		if werr := retry.Wait(ctx, attempt); werr != nil {
			return 0, fmt.Errorf("warm-up: %w (waiting out %v)", werr, err)
		}
	}
	for {
		out, err := r.FetchMessage(ctx)
		if err != nil {
			return 0, fmt.Errorf("warm-up: %w", err)
		}
		if string(out.Key) == benchWarmUpKey {
			return time.Since(started), nil
		}
	}
}

// temporaryKafkaError reports whether err is a Kafka error that may pass
// if the call is retried (for a batch, every message's error is).
func temporaryKafkaError(err error) bool {
	var werrs kafka.WriteErrors
	if errors.As(err, &werrs) {
		for _, e := range werrs {
			if e != nil && !temporaryKafkaError(e) {
				return false
			}
		}
		return true
	}
	var kerr kafka.Error
	return errors.As(err, &kerr) && kerr.Temporary()
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
