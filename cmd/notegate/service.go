package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/review"
	"github.com/notegate/notegate/server"
	"github.com/notegate/notegate/stages/index"
)

// service is the running pipeline plus its HTTP server.
type service struct {
	cfg     config.Config
	log     *slog.Logger
	runtime *pipeline.Runtime
	retrier *pipeline.TranslationRetrier // nil without the translate stage
	index   index.Index
	// decisions applies reviewer decisions: the desk's single writer.
	decisions *pipeline.DecisionConsumer
	httpSrv   *http.Server
	httpLn    net.Listener
	closers   []func() error
}

// startService opens the index, builds every stage and the runtime, and
// starts listening for HTTP. Run starts consuming.
func startService(ctx context.Context, cfg config.Config, log *slog.Logger, opts ...serviceOption) (*service, error) {
	s := &service{cfg: cfg, log: log}
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
	idx, err := openIndex(ctx, cfg, log)
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	s.index = idx
	s.closers = append(s.closers, idx.Close)
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
		Stages: b.stages, Indexer: idx, Metrics: metrics,
		Backoff: cfg.Kafka.Backoff, MaxEventBytes: cfg.Kafka.MaxEventBytes, Logger: log,
	})
	s.runtime, err = pipeline.NewRuntime(cfg.Kafka, proc, metrics, log)
	if err != nil {
		s.close()
		return nil, err
	}
	if b.translate != nil {
		if s.retrier, err = wireTranslateRetry(ctx, cfg, s.runtime, b.translate, idx, reg, log); err != nil {
			s.close()
			return nil, err
		}
	}
	desk, err := s.startReview(cfg, reg, idx, b.markets(), log)
	if err != nil {
		s.close()
		return nil, err
	}
	handler := server.New(idx, server.Config{
		Markets:  b.markets(),
		Gatherer: reg,
		Logger:   log,
		Review:   desk,
		Ready: func(ctx context.Context) error {
			if err := pingBrokers(ctx, cfg.Kafka.Brokers); err != nil {
				return err
			}
			_, err := idx.Search(ctx, models.SearchQuery{Limit: 1})
			return err
		},
	})
	s.httpLn, err = net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		s.close()
		return nil, fmt.Errorf("http listen: %w", err)
	}
	s.httpSrv = &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	return s, nil
}

// Run serves HTTP and consumes until ctx ends, then drains the pipeline
// (finishing and committing in-flight work), stops HTTP and closes the
// index.
func (s *service) Run(ctx context.Context) error {
	httpErr := make(chan error, 1)
	go func() { httpErr <- s.httpSrv.Serve(s.httpLn) }()
	s.log.Info("http listening", "addr", s.httpLn.Addr().String())
	retryDone := make(chan error, 1)
	if s.retrier != nil {
		go func() { retryDone <- s.retrier.Run(ctx) }()
	} else {
		retryDone <- nil
	}
	decisionsDone := make(chan error, 1)
	go func() { decisionsDone <- s.decisions.Run(ctx) }()
	runErr := s.runtime.Run(ctx)
	runErr = errors.Join(runErr, <-retryDone, <-decisionsDone)
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = s.httpSrv.Shutdown(shutCtx)
	if err := <-httpErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		runErr = errors.Join(runErr, err)
	}
	return errors.Join(runErr, s.close())
}

// startReview opens the audit trail and builds the reviewer desk and the
// decisions consumer.
func (s *service) startReview(cfg config.Config, reg *prometheus.Registry, idx index.Index, markets []string, log *slog.Logger) (*review.Desk, error) {
	metrics, err := review.NewMetrics(reg)
	if err != nil {
		return nil, err
	}
	reg.MustRegister(review.NewQueueCollector(idx, markets))
	audit, err := review.OpenAudit(cfg.Review.AuditFile, metrics)
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, audit.Close)
	writer := pipeline.NewDecisionWriter(cfg.Kafka.Brokers, cfg.Decisions)
	s.closers = append(s.closers, writer.Close)
	isNotFound := func(err error) bool { return errors.Is(err, index.ErrNotFound) }
	s.decisions, err = pipeline.NewDecisionConsumer(cfg.Kafka, cfg.Decisions, idx, audit, isNotFound, log)
	if err != nil {
		return nil, err
	}
	return review.New(cfg.Review, idx, writer, audit, review.Options{Markets: markets, IsNotFound: isNotFound, Logger: log})
}

func (s *service) close() error {
	var errs []error
	for i := len(s.closers) - 1; i >= 0; i-- {
		errs = append(errs, s.closers[i]())
	}
	s.closers = nil
	return errors.Join(errs...)
}

// pingBrokers succeeds when any broker accepts a connection.
func pingBrokers(ctx context.Context, brokers []string) error {
	var errs []error
	for _, b := range brokers {
		conn, err := kafka.DialContext(ctx, "tcp", b)
		if err == nil {
			return conn.Close()
		}
		errs = append(errs, err)
	}
	return fmt.Errorf("no broker reachable: %w", errors.Join(errs...))
}
