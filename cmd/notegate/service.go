package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/httpapi"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/translate"
	"github.com/notegate/notegate/stages/translate/pending"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// service is the running pipeline plus its HTTP server.
type service struct {
	cfg     config.Config
	log     *slog.Logger
	health  *pipeline.Health
	runtime *pipeline.Runtime
	retrier *pending.Retrier // nil without the translate stage
	index   *openingIndex
	// decisions applies reviewer decisions: the desk's single writer.
	decisions *rules.DecisionConsumer
	// authors keeps every author's standing from the author actions
	// topic; the note pipeline starts once it caught up.
	authors *rules.AuthorConsumer
	// reports and appeals queue reported and appealed notes.
	reports *rules.ReportConsumer
	appeals *rules.AppealConsumer
	// outputs are the topics checked (and created) before consuming.
	outputs []string
	httpSrv *http.Server
	httpLn  net.Listener
	// opsSrv serves probes and metrics on http.ops_addr; nil without it.
	opsSrv *http.Server
	opsLn  net.Listener
	// queueGauges are the review queue's metrics, refreshed in the
	// background while the service runs.
	queueGauges *desk.QueueGauges
	closers     []func() error
}

// shutdownReserve is the part of kafka.drain_timeout kept for stopping
// HTTP and closing the index once the consumers have drained, so that a
// SIGTERM is done within drain_timeout even when the broker hangs.
func shutdownReserve(drain time.Duration) time.Duration {
	return min(drain/5, 2*time.Second)
}

// startService builds every stage, the consumers and the HTTP server, and
// starts opening the index. Only configuration errors (and an HTTP
// address that cannot be bound) fail it: a broker or index that is not
// there yet makes the running service unready, never an exit. Run starts
// serving and consuming.
func startService(ctx context.Context, cfg config.Config, log *slog.Logger, opts ...serviceOption) (*service, error) {
	cfg.Authors, cfg.Reports, cfg.Appeals = cfg.Authors.WithDefaults(), cfg.Reports.WithDefaults(), cfg.Appeals.WithDefaults()
	s := &service{cfg: cfg, log: log, health: pipeline.NewHealth(cfg.Health)}
	s.health.Fail(pipeline.ConditionStartup, errors.New("starting"))
	deps := stageDeps{}
	for _, o := range opts {
		o(&deps)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics, err := pipeline.NewMetrics(reg)
	if err != nil {
		return nil, err
	}
	if err := s.health.Register(reg); err != nil {
		return nil, err
	}
	// The consumers drain within what is left of drain_timeout after the
	// reserve for HTTP and the index.
	kcfg := cfg.Kafka
	kcfg.DrainTimeout -= shutdownReserve(cfg.Kafka.DrainTimeout)
	idx := openIndexInBackground(cfg, s.health, log)
	s.index = idx
	s.closers = append(s.closers, idx.Close)
	// Read from memory: the index keeps the count, no scrape touches it.
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "notegate_index_search_lag_notes",
		Help: "Writes to the embedded index's note store not yet searchable (0 with Elasticsearch or before the index is open).",
	}, idx.searchLag))
	started := time.Now()
	deps.metrics = reg
	b, err := buildStagesWith(cfg, stageNames, log, deps)
	if err != nil {
		s.close()
		return nil, err
	}
	if b.translate != nil {
		s.closers = append(s.closers, b.translate.Close) // the shared cache's connections
	}
	if b.moderate != nil {
		s.closers = append(s.closers, b.moderate.Close) // stops the policy reload watcher
		if err := reg.Register(b.moderate.Collector()); err != nil {
			s.close()
			return nil, fmt.Errorf("moderate metrics: %w", err)
		}
	}
	log.Info("stages ready", "stages", stageNames, "markets", b.markets(), "took", time.Since(started).Round(time.Millisecond))
	proc := pipeline.NewProcessor(pipeline.ProcessorConfig{
		Stages: b.stages, Indexer: idx, Metrics: metrics, Health: s.health,
		Backoff: kcfg.Backoff, MaxEventBytes: kcfg.MaxEventBytes, Logger: log,
	})
	s.runtime, err = pipeline.NewRuntime(kcfg, proc, metrics, s.health, log)
	if err != nil {
		s.close()
		return nil, err
	}
	s.outputs = kcfg.OutputTopics(cfg.Decisions.Topic)
	if b.translate != nil {
		if s.retrier, err = wireTranslateRetry(kcfg, cfg, s.runtime, b.translate, idx, reg, s.health, log); err != nil {
			s.close()
			return nil, err
		}
		s.outputs = kcfg.OutputTopics(cfg.Decisions.Topic, translateRetryTopic(cfg))
	}
	// Author standings: every replica reads the whole author actions
	// topic; the moderate stage reads them for every note.
	standings := rules.NewAuthorStore(cfg.Authors.MaxAuthors, b.markets())
	if b.moderate != nil {
		b.moderate.SetAuthorStandings(standings)
	}
	reviewDesk, err := s.startReview(kcfg, cfg, reg, idx, b.markets(), standings, log)
	if err != nil {
		s.close()
		return nil, err
	}
	s.outputs = append(s.outputs, cfg.Authors.Topic, cfg.Reports.Topic, cfg.Appeals.Topic)
	if b.translate != nil {
		wireTranslateAfterDecisions(cfg, s.decisions, b.translate)
	}
	searchMetrics, err := httpapi.NewSearchMetrics(reg)
	if err != nil {
		s.close()
		return nil, err
	}
	httpCfg := httpapi.Config{
		Markets:       b.markets(),
		Gatherer:      reg,
		Logger:        log,
		Review:        reviewDesk,
		Health:        s.health,
		Search:        cfg.HTTP.Search,
		SearchMetrics: searchMetrics,
	}
	s.httpLn, err = net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		s.close()
		return nil, fmt.Errorf("http listen: %w", err)
	}
	s.httpSrv = newHTTPServer(httpapi.New(idx, httpCfg))
	if cfg.HTTP.OpsAddr != "" {
		if s.opsLn, err = net.Listen("tcp", cfg.HTTP.OpsAddr); err != nil {
			_ = s.httpLn.Close()
			s.close()
			return nil, fmt.Errorf("http ops listen: %w", err)
		}
		s.opsSrv = newHTTPServer(httpapi.NewOps(httpCfg))
	}
	return s, nil
}

func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
}

// Run serves HTTP at once, then waits for the index and the topics
// (reporting itself unready meanwhile, never giving up), then consumes
// until ctx ends. It then drains the consumers (finishing and committing
// in-flight work), stops HTTP and closes the index, all within
// kafka.drain_timeout.
func (s *service) Run(ctx context.Context) error {
	httpErr := make(chan error, 2)
	go func() { httpErr <- s.httpSrv.Serve(s.httpLn) }()
	s.log.Info("http listening", "addr", s.httpLn.Addr().String())
	if s.opsSrv != nil {
		go func() { httpErr <- s.opsSrv.Serve(s.opsLn) }()
		s.log.Info("http ops listening", "addr", s.opsLn.Addr().String(), "serves", "/livez /readyz /healthz /metrics")
	}
	probeCtx, stopProbe := context.WithCancel(ctx)
	defer stopProbe()
	go pipeline.ProbeBroker(probeCtx, s.cfg.Kafka.Brokers, s.cfg.Kafka.InputTopic, s.outputs, *s.cfg.Kafka.CreateTopics, s.health, s.log)
	go func() {
		if s.index.wait(probeCtx) == nil {
			s.queueGauges.Run(probeCtx, s.cfg.Review.WithDefaults().QueueMetricsInterval)
		}
	}()

	var runErr error
	if s.waitUntilReadyToConsume(ctx) {
		done := make(chan error, 6)
		go func() { done <- s.authors.Run(ctx) }()
		go func() { done <- s.decisions.Run(ctx) }()
		go func() { done <- s.reports.Run(ctx) }()
		go func() { done <- s.appeals.Run(ctx) }()
		n := 4
		// Notes wait for the author standings: a restart must not let a
		// suspended author's note through.
		s.health.Fail(pipeline.ConditionStartup, fmt.Errorf("reading the author standings from %s", s.cfg.Authors.Topic))
		select {
		case <-s.authors.Ready():
		case <-ctx.Done():
		}
		if ctx.Err() == nil {
			s.health.OK(pipeline.ConditionStartup)
			s.log.Info("consuming", "input", s.cfg.Kafka.InputTopic, "group", s.cfg.Kafka.GroupID)
			go func() { done <- s.runtime.Run(ctx) }()
			n++
			if s.retrier != nil {
				go func() { done <- s.retrier.Run(ctx) }()
				n++
			}
		}
		for range n {
			runErr = errors.Join(runErr, <-done)
		}
	}
	reserve := shutdownReserve(s.cfg.Kafka.DrainTimeout)
	shutCtx, cancel := context.WithTimeout(context.Background(), reserve/2)
	defer cancel()
	servers := []*http.Server{s.httpSrv}
	if s.opsSrv != nil {
		servers = append(servers, s.opsSrv)
	}
	for _, srv := range servers {
		_ = srv.Shutdown(shutCtx)
	}
	for range servers {
		if err := <-httpErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
			runErr = errors.Join(runErr, err)
		}
	}
	closed := make(chan error, 1)
	go func() { closed <- s.close() }()
	select {
	case err := <-closed:
		runErr = errors.Join(runErr, err)
	case <-time.After(reserve / 2):
		s.log.Warn("closing the index and stages took too long; leaving them")
	}
	return runErr
}

// waitUntilReadyToConsume waits for the index to open and the topics to
// exist (creating the outputs when kafka.create_topics is on), retrying
// with backoff and reporting why through ConditionStartup. It returns
// false when ctx ends first.
func (s *service) waitUntilReadyToConsume(ctx context.Context) bool {
	if err := s.index.wait(ctx); err != nil {
		return false
	}
	k := s.cfg.Kafka
	for attempt := 0; ; attempt++ {
		err := pipeline.EnsureTopics(ctx, k.Brokers, k.InputTopic, s.outputs, *k.CreateTopics, s.cfg.Health.ProbeTimeout, s.log)
		if err == nil {
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		s.health.Fail(pipeline.ConditionStartup, fmt.Errorf("waiting for topics: %w", err))
		if attempt%5 == 0 {
			s.log.Warn("topics not ready; retrying", "attempt", attempt+1, "err", err)
		}
		if k.Backoff.Wait(ctx, min(attempt, 6)) != nil {
			return false
		}
	}
}

// startReview opens the audit trail and builds the reviewer desk and the
// consumers of the desk's events and the posting services' reports and
// appeals: decisions, author actions (into standings), reports, appeals.
func (s *service) startReview(kcfg pipeline.Config, cfg config.Config, reg *prometheus.Registry, idx index.Index, markets []string, standings *rules.AuthorStore, log *slog.Logger) (*desk.Desk, error) {
	metrics, err := desk.NewMetrics(reg)
	if err != nil {
		return nil, err
	}
	// The queue's figures are read in the background (Run), never by a
	// scrape.
	s.queueGauges = desk.NewQueueGauges(idx, markets)
	reg.MustRegister(s.queueGauges)
	audit, err := desk.OpenAudit(cfg.Review.AuditFile, metrics)
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, audit.Close)
	writer := rules.NewDecisionWriter(cfg.Kafka.Brokers, cfg.Decisions)
	s.closers = append(s.closers, writer.Close)
	isNotFound := func(err error) bool { return errors.Is(err, index.ErrNotFound) }
	s.decisions, err = rules.NewDecisionConsumer(kcfg, cfg.Decisions, idx, audit, isNotFound, s.health, log)
	if err != nil {
		return nil, err
	}
	events, err := rules.NewEventMetrics(reg)
	if err != nil {
		return nil, err
	}
	if s.authors, err = rules.NewAuthorConsumer(kcfg, cfg.Authors, standings, audit, events, s.health, log); err != nil {
		return nil, err
	}
	if s.reports, err = rules.NewReportConsumer(kcfg, cfg.Reports, idx, isNotFound, events, s.health, log); err != nil {
		return nil, err
	}
	if s.appeals, err = rules.NewAppealConsumer(kcfg, cfg.Appeals, idx, isNotFound, events, s.health, log); err != nil {
		return nil, err
	}
	authorWriter := rules.NewAuthorActionWriter(cfg.Kafka.Brokers, cfg.Authors)
	s.closers = append(s.closers, authorWriter.Close)
	opts := desk.Options{Markets: markets, IsNotFound: isNotFound, Logger: log, Metrics: metrics,
		Authors: standings, AuthorActions: authorWriter,
		// The desk's Redis degrades the service and never makes it unready.
		SharedStateHealth: func(err error) {
			if err != nil {
				s.health.Fail(pipeline.ConditionReviewState, err)
			} else {
				s.health.OK(pipeline.ConditionReviewState)
			}
		}}
	// The gloss knows where each word went, so the desk marks evidence in
	// its translations word by word (the dictionary is loaded once per
	// process, and the translate stage has it already).
	if gloss, err := translate.NewCedictGloss(); err == nil {
		opts.Aligner = gloss
	} else {
		log.Warn("the desk marks evidence in translations by sentence only", "err", err)
	}
	d, err := desk.New(cfg.Review, idx, writer, audit, opts)
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, d.Close) // the shared state's connections
	return d, nil
}

func (s *service) close() error {
	var errs []error
	for i := len(s.closers) - 1; i >= 0; i-- {
		errs = append(errs, s.closers[i]())
	}
	s.closers = nil
	return errors.Join(errs...)
}
