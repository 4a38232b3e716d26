package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/internal/evaluation/moderationeval"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate"
	"github.com/notegate/notegate/stages/moderate/devnotes"
)

// cmdEval runs an evaluation: moderation, translate or langid.
func cmdEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "translate" {
		return cmdEvalTranslate(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "langid" {
		return cmdEvalLangid(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "moderation" {
		if len(args) > 0 && isHelp(args[0]) {
			fmt.Fprint(stdout, evalUsage)
			return nil
		}
		fmt.Fprint(stderr, evalUsage)
		return errors.New("eval: want a subject: moderation, translate or langid")
	}
	return cmdEvalModeration(ctx, args[1:], stdout, stderr)
}

// cmdEvalModeration measures the classifier alone and the whole moderate
// stage (rules + classifier under the policy) on the shared evaluation
// data:
//
//   - precision and recall per category and language on the dev split of
//     every training source (stages/moderate/corpus), and any-harm
//     AUPRC per language;
//   - the stage's precision and recall per category and language on the
//     team's development notes (every category of the taxonomy);
//   - COLD dev and COLD's held-out part of train (market cn);
//   - HateCheck (market intl);
//   - clean news-style and everyday sentences leaving allow (both
//     markets);
//   - the stage's speed on one core.
//
// The last line is a JSON summary.
func cmdEvalModeration(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval moderation", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "../shared/evaldata/moderation", "moderation evaluation data (cold/, hatecheck-en/); the training sources, clean text and translations are read from its parent")
	modelFile := fs.String("model", "", "classifier model file; empty uses the embedded one")
	policy := fs.String("policy", "", "policy file; empty uses the configured or embedded one")
	path := fs.String("config", "", "optional YAML configuration file")
	speed := fs.Float64("speed-seconds", 3, "how long to measure the stage's speed; 0 skips it")
	showFP := fs.Int("show-fp", 0, "print up to N clean sentences per file that leave allow, with their labels")
	baseRate := fs.Float64("base-rate", 0, "classifier base rate of Chinese fields; 0 uses the configured one")
	baseRateOther := fs.Float64("base-rate-other", 0, "classifier base rate of fields in other languages; 0 uses the configured one")
	categories := fs.String("classifier-categories", "", "comma-separated categories the classifier reports; empty uses the configured ones")
	devDir := fs.String("dev-notes", devnotes.Dir, "the team's development notes (every category and language); absent is reported and skipped")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.Load(*path, os.Getenv)
	if err != nil {
		return err
	}
	if *policy != "" {
		cfg.Moderate.PolicyFile = *policy
	}
	// Evaluation texts must not count towards the replicas' live
	// campaigns and velocity, nor depend on them.
	cfg.Moderate.SharedState = moderate.SharedStateConfig{}
	ccfg := cfg.Moderate.Classifier
	if *modelFile != "" {
		ccfg.ModelFile = *modelFile
	}
	if *baseRateOther != 0 {
		ccfg.BaseRateOther = *baseRateOther
	}
	if *categories != "" {
		ccfg.Categories = nil
		for _, c := range strings.Split(*categories, ",") {
			ccfg.Categories = append(ccfg.Categories, models.Category(strings.TrimSpace(c)))
		}
	}
	if *baseRate != 0 {
		ccfg.BaseRate = *baseRate
	}
	clf, err := moderate.NewClassifier(ccfg)
	if err != nil {
		return err
	}
	detectors := []moderate.Detector{clf}
	intent, err := moderate.IntentDetectors(cfg.Moderate)
	if err != nil {
		return err
	}
	detectors = append(detectors, intent...)
	stage, err := moderate.New(cfg.Moderate, detectors...)
	if err != nil {
		return err
	}
	rulesOnly, err := moderate.New(cfg.Moderate)
	if err != nil {
		return err
	}
	ccfg = ccfg.WithDefaults()
	fmt.Fprintf(stdout, "model %s (scores %s; reports %s; base rate %.2f Chinese, %.2f other; min_score %.2f), policy %s\n",
		clf.Name(), joinCategories(clf.Categories()), joinCategories(ccfg.Categories), ccfg.BaseRate, ccfg.BaseRateOther,
		ccfg.MinScore, stage.Policy().Version)
	return moderationeval.Run(ctx, moderationeval.Stages{Classifier: clf, Stage: stage, RulesOnly: rulesOnly, MinScore: ccfg.MinScore},
		moderationeval.Options{Data: *data, DevNotes: *devDir, Speed: time.Duration(*speed * float64(time.Second)), ShowFP: *showFP}, stdout)
}

func joinCategories(cs []models.Category) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

const evalUsage = `Usage:
  notegate eval moderation [--data DIR] [--model FILE] [--policy FILE] [--config FILE] [--speed-seconds S] [--show-fp N]
  notegate eval translate [--data DIR] [--providers a,b] [--limit N] [--apertium-url URL] [--providers-config FILE]
  notegate eval langid [--data DIR] [--baseline] [--throughput] [--fit-confidence]

Run "notegate eval SUBJECT -h" for a subject's flags.
`

// isHelp reports whether arg asks for usage.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help" || arg == "help"
}
