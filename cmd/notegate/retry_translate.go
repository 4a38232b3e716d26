package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/translate"
)

// stageDeps are what buildStagesWith passes to stages beyond the
// configuration.
type stageDeps struct {
	// metrics registers the stages' own metrics; nil: none.
	metrics prometheus.Registerer
	// providers are translation providers added to the configured ones
	// (tests register their own here).
	providers []translate.Provider
}

// serviceOption adjusts startService (tests).
type serviceOption func(*stageDeps)

// withTranslationProviders adds translation providers to the service.
func withTranslationProviders(ps ...translate.Provider) serviceOption {
	return func(d *stageDeps) { d.providers = append(d.providers, ps...) }
}

// translateRetryTopic is the configured retry topic or its default.
func translateRetryTopic(cfg config.Config) string {
	if t := cfg.Kafka.Topics.TranslateRetry; t != "" {
		return t
	}
	return pipeline.DefaultTranslateRetryTopic
}

// wireTranslateRetry makes the runtime publish a follow-up for every note
// with pending translations, and returns the retrier that consumes them.
func wireTranslateRetry(ctx context.Context, cfg config.Config, rt *pipeline.Runtime, tr *translate.Stage, idx index.Index, reg prometheus.Registerer, log *slog.Logger) (*pipeline.TranslationRetrier, error) {
	topic := translateRetryTopic(cfg)
	pending := cfg.Translate.WithDefaults().Pending
	if err := ensureTopic(ctx, cfg.Kafka.Brokers, topic, cfg.Kafka.InputTopic, log); err != nil {
		// Writes to a missing topic are retried, and would hold the
		// pipeline: refuse to start instead.
		return nil, fmt.Errorf("translate retry topic: %w", err)
	}
	rt.SetFollowUps(pipeline.PendingTranslationFollowUps(topic, pending.Delay, nil))
	return pipeline.NewTranslationRetrier(cfg.Kafka, pipeline.TranslationRetryConfig{
		Topic: topic, MaxAttempts: pending.MaxAttempts, Delay: pending.Delay,
	}, idx, tr, func(err error) bool { return errors.Is(err, index.ErrNotFound) }, reg, log)
}

// ensureTopic creates topic, with as many partitions as like (the input
// topic), when the brokers do not have it.
func ensureTopic(ctx context.Context, brokers []string, topic, like string, log *slog.Logger) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	var conn *kafka.Conn
	var err error
	for _, b := range brokers {
		if conn, err = kafka.DialContext(ctx, "tcp", b); err == nil {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("dial: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ReadPartitions(topic); err == nil {
		return nil
	} else if !errors.Is(err, kafka.UnknownTopicOrPartition) {
		return fmt.Errorf("read partitions of %s: %w", topic, err)
	}
	partitions := 1
	if ps, err := conn.ReadPartitions(like); err == nil && len(ps) > 0 {
		partitions = len(ps)
	}
	ctrl, err := conn.Controller()
	if err != nil {
		return fmt.Errorf("find controller: %w", err)
	}
	cc, err := kafka.DialContext(ctx, "tcp", net.JoinHostPort(ctrl.Host, strconv.Itoa(ctrl.Port)))
	if err != nil {
		return fmt.Errorf("dial controller: %w", err)
	}
	defer cc.Close()
	// ReplicationFactor -1: the broker's default.
	if err := cc.CreateTopics(kafka.TopicConfig{Topic: topic, NumPartitions: partitions, ReplicationFactor: -1}); err != nil && !errors.Is(err, kafka.TopicAlreadyExists) {
		return fmt.Errorf("create %s: %w", topic, err)
	}
	log.Info("created topic", "topic", topic, "partitions", partitions)
	return nil
}
