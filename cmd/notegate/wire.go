package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/detect"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/moderate"
	"github.com/notegate/notegate/stages/translate"
)

// stageNames is the order the stages run in: moderation before translation
// so that notes the hard rules block are never sent out for translation,
// then moderation of the translation of notes in languages the lexicons do
// not cover.
var stageNames = []string{"detect", "moderate", "translate", "moderate_translation"}

// built is the wired graph of stages.
type built struct {
	stages    []pipeline.Stage
	moderate  *moderate.Stage  // nil when not selected
	translate *translate.Stage // nil when not selected
}

// markets returns the configured markets, from the moderation policy.
func (b built) markets() []string {
	if b.moderate == nil {
		return nil
	}
	return b.moderate.Policy().MarketNames()
}

// buildStages builds the selected stages, in pipeline order.
func buildStages(cfg config.Config, selected []string, log *slog.Logger) (built, error) {
	return buildStagesWith(cfg, selected, log, stageDeps{})
}

// buildStagesWith is buildStages with metrics and extra providers.
func buildStagesWith(cfg config.Config, selected []string, log *slog.Logger, deps stageDeps) (built, error) {
	for _, s := range selected {
		if !slices.Contains(stageNames, s) {
			return built{}, fmt.Errorf("unknown stage %q (stages: %s)", s, strings.Join(stageNames, ", "))
		}
	}
	var b built
	for _, name := range stageNames {
		if !slices.Contains(selected, name) {
			continue
		}
		switch name {
		case "detect":
			d, err := detect.New(cfg.Detect)
			if err != nil {
				return built{}, fmt.Errorf("detect: %w", err)
			}
			b.stages = append(b.stages, detect.NewStage(d))
		case "moderate":
			extra, err := moderate.ClassifierDetectors(cfg.Moderate)
			if err != nil {
				return built{}, fmt.Errorf("moderate: %w", err)
			}
			mcfg := cfg.Moderate
			mcfg.Logger = log
			m, err := moderate.New(mcfg, extra...)
			if err != nil {
				return built{}, fmt.Errorf("moderate: %w", err)
			}
			b.moderate = m
			b.stages = append(b.stages, m)
		case "translate":
			providers, err := translate.BuildProviders(cfg.TranslateProviders, log)
			if err != nil {
				return built{}, fmt.Errorf("translate: %w", err)
			}
			t, err := translate.New(cfg.Translate, append(providers, deps.providers...), log, translate.WithMetrics(deps.metrics))
			if err != nil {
				return built{}, fmt.Errorf("translate: %w", err)
			}
			b.translate = t
			b.stages = append(b.stages, t)
		case "moderate_translation":
			if b.moderate == nil {
				return built{}, fmt.Errorf("stage moderate_translation needs the moderate stage")
			}
			b.stages = append(b.stages, b.moderate.TranslationStage("en"))
		}
	}
	return b, nil
}

// openIndex opens the configured index backend; health (nil for none)
// hears of the embedded search index failing.
func openIndex(ctx context.Context, cfg config.Config, health *pipeline.Health, log *slog.Logger) (index.Index, error) {
	switch cfg.Index.Backend {
	case config.BackendElasticsearch:
		es := cfg.Index.Elasticsearch
		es.Logger = log.With("component", "elasticsearch")
		return index.OpenElasticsearch(ctx, es)
	default:
		if err := os.MkdirAll(cfg.Index.Embedded.Dir, 0o755); err != nil {
			return nil, fmt.Errorf("index dir: %w", err)
		}
		emb := cfg.Index.Embedded
		emb.Logger = log.With("component", "index")
		emb.Health = health
		return index.OpenEmbedded(emb)
	}
}

func newLogger(level string, w io.Writer) *slog.Logger {
	l, err := config.ParseLevel(level)
	if err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
