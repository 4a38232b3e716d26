package main

import (
	"errors"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/translate"
	"github.com/notegate/notegate/stages/translate/pending"
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
	return pending.DefaultTopic
}

// wireTranslateRetry makes the runtime publish a follow-up for every note
// with pending translations, and returns the retrier that consumes them.
func wireTranslateRetry(kcfg pipeline.Config, cfg config.Config, rt *pipeline.Runtime, tr *translate.Stage, idx index.Index, reg prometheus.Registerer, health *pipeline.Health, log *slog.Logger) (*pending.Retrier, error) {
	topic := translateRetryTopic(cfg)
	retry := cfg.Translate.WithDefaults().Pending
	rt.SetFollowUps(pending.FollowUps(topic, retry.Delay, nil))
	return pending.NewRetrier(kcfg, pending.Config{
		Topic: topic, MaxAttempts: retry.MaxAttempts, Delay: retry.Delay,
	}, idx, tr, func(err error) bool { return errors.Is(err, index.ErrNotFound) }, reg, health, log)
}

// wireTranslateAfterDecisions makes the decisions consumer ask for the
// translations a reviewer's decision leaves a note lacking (a market
// opened that the note was blocked in): the retrier translates them at
// once, not after pending.first_delay, since nothing failed.
func wireTranslateAfterDecisions(cfg config.Config, dc *rules.DecisionConsumer, tr *translate.Stage) {
	now := func(int) time.Duration { return 0 }
	dc.TranslateAfterDecisions(tr, pending.FollowUps(translateRetryTopic(cfg), now, nil))
}
