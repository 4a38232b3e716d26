package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/internal/evaluation/translationeval"
	"github.com/notegate/notegate/stages/translate"
)

// cmdEvalTranslate scores the configured translation providers on the
// shared evaluation data (FLORES-200 devtest and Tatoeba) with BLEU and
// chrF, so that an operator can compare providers on their deployment.
func cmdEvalTranslate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval translate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "../shared/evaldata/translation", "translation evaluation data (flores200-devtest/, tatoeba/); Tatoeba eng-zho is read from its parent's langid/tatoeba/")
	names := fs.String("providers", "", "comma-separated provider names to score; empty scores every configured provider")
	limit := fs.Int("limit", 1012, "at most this many sentences per set, evenly spaced (0: all); FLORES devtest has 1012")
	providersFile := fs.String("providers-config", "", "YAML file of provider sections (libretranslate, deepl, google, openai, apertium), as translate.ProvidersConfig; API keys come from NOTEGATE_<PROVIDER>_API_KEY")
	apertiumURL := fs.String("apertium-url", "", "Apertium APy base URL, e.g. http://127.0.0.1:2737")
	libreURL := fs.String("libretranslate-url", "", "LibreTranslate base URL, e.g. http://127.0.0.1:5000")
	openaiURL := fs.String("openai-url", "", "OpenAI-compatible base URL up to /v1, e.g. http://127.0.0.1:11434/v1")
	openaiModel := fs.String("openai-model", "", "model for --openai-url")
	batch := fs.Int("batch", 32, "texts per provider call")
	timeout := fs.Duration("timeout", 2*time.Minute, "bound on one provider call")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *batch < 1 || *limit < 0 {
		return errors.New("eval translate: --batch must be ≥ 1 and --limit ≥ 0")
	}

	var pc translate.ProvidersConfig
	if *providersFile != "" {
		raw, err := os.ReadFile(*providersFile)
		if err != nil {
			return fmt.Errorf("eval translate: %w", err)
		}
		dec := yaml.NewDecoder(strings.NewReader(string(raw)))
		dec.KnownFields(true)
		if err := dec.Decode(&pc); err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("eval translate: %s: %w", *providersFile, err)
		}
	}
	if *apertiumURL != "" {
		pc.Apertium = &translate.ApertiumConfig{HTTPConfig: translate.HTTPConfig{URL: *apertiumURL}}
	}
	if *libreURL != "" {
		pc.LibreTranslate = &translate.LibreTranslateConfig{HTTPConfig: translate.HTTPConfig{URL: *libreURL}}
	}
	if *openaiURL != "" {
		pc.OpenAI = &translate.OpenAIConfig{HTTPConfig: translate.HTTPConfig{URL: *openaiURL}, Model: *openaiModel}
	}
	pc = pc.WithAPIKeys(os.Getenv)
	providers, err := translate.BuildProviders(pc, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return fmt.Errorf("eval translate: %w", err)
	}
	if want := splitList(*names); len(want) > 0 {
		var kept []translate.Provider
		for _, n := range want {
			i := slices.IndexFunc(providers, func(p translate.Provider) bool { return p.Name() == n })
			if i < 0 {
				return fmt.Errorf("eval translate: provider %q is not configured (use --apertium-url, --libretranslate-url, --openai-url or --providers-config)", n)
			}
			kept = append(kept, providers[i])
		}
		providers = kept
	}

	return translationeval.Run(ctx, providers, translationeval.Options{Data: *data, Limit: *limit, Batch: *batch, Timeout: *timeout}, stdout)
}
