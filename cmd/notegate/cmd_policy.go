package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate"
)

const policyUsage = `Usage:
  notegate policy test [--policy NEW.yaml] [--rules DIR] [--base OLD.yaml] [--config FILE] < notes.jsonl

Moderates every note (a note event, or an enriched note from "notegate process",
one JSON object a line) under the base policy (default: the configured or
embedded one) and under NEW, and prints the notes whose decision changes in a
market, counts by transition and by category, and one JSON summary line.
With --rules, the new side also runs the intent rules of DIR (a folder like
stages/moderate/rules) instead of the configured ones; without --policy it
keeps the base policy, so only the rules change.
Nothing is published or indexed.
`

// cmdPolicy dispatches the policy subcommands.
func cmdPolicy(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Fprint(stdout, policyUsage)
		return nil
	}
	if len(args) == 0 || args[0] != "test" {
		fmt.Fprint(stderr, policyUsage)
		return errors.New("policy: want the subcommand test")
	}
	return cmdPolicyTest(ctx, args[1:], stdin, stdout, stderr)
}

// policyChange is one note whose decision in one market changes.
type policyChange struct {
	NoteID     string   `json:"note_id"`
	Line       int      `json:"line"`
	Market     string   `json:"market"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	Categories []string `json:"categories"`
}

// policySummary is the closing JSON line.
type policySummary struct {
	BaseVersion string                               `json:"base_version"`
	NewVersion  string                               `json:"new_version"`
	Notes       int                                  `json:"notes"`
	BadLines    int                                  `json:"bad_lines"`
	Changed     int                                  `json:"changed_notes"`
	Transitions map[string]map[string]int            `json:"transitions"` // market → "allow→review" → notes
	Categories  map[string]map[string]int            `json:"categories"`  // market → category → changed notes
	Decisions   map[string]map[string]map[string]int `json:"decisions"`   // "base"/"new" → market → decision → notes
}

func cmdPolicyTest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("policy test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	newPath := fs.String("policy", "", "the policy to try (YAML), required")
	basePath := fs.String("base", "", "the policy to compare with (default: moderate.policy_file of the configuration, else the embedded policy)")
	cfgPath := fs.String("config", "", "optional YAML configuration file")
	rulesDir := fs.String("rules", "", "a folder of intent rules the new side runs instead of moderate.rules_dir")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *newPath == "" && *rulesDir == "" {
		fmt.Fprint(stderr, policyUsage)
		return errors.New("policy test: --policy or --rules is required")
	}
	cfg, err := config.Load(*cfgPath, os.Getenv)
	if err != nil {
		return err
	}
	if *basePath != "" {
		cfg.Moderate.PolicyFile = *basePath
	}
	cfg.Moderate.ReloadInterval = -1
	// Remote classifiers would answer differently from call to call; the
	// comparison is of policies, so they stay off.
	cfg.Moderate.Remote = moderate.RemoteConfig{}
	// Shadow notes must not count towards the replicas' live campaigns
	// and velocity: the comparison keeps its own state in process.
	cfg.Moderate.SharedState = moderate.SharedStateConfig{}
	// The moderate stage exactly as the service wires it.
	b, err := buildStages(cfg, []string{"moderate"}, newLogger(cfg.LogLevel, stderr))
	if err != nil {
		return fmt.Errorf("policy test: %w", err)
	}
	stage := b.moderate
	defer stage.Close()
	base := stage.Policy()
	next := base
	if *newPath != "" {
		if next, err = moderate.LoadPolicy(*newPath); err != nil {
			return fmt.Errorf("policy test: %w", err)
		}
	}
	// The new side: the same stage, or one built with the rules to try.
	nextStage := stage
	if *rulesDir != "" {
		ncfg := cfg
		ncfg.Moderate.RulesDir = *rulesDir
		nb, err := buildStages(ncfg, []string{"moderate"}, newLogger(cfg.LogLevel, stderr))
		if err != nil {
			return fmt.Errorf("policy test: --rules: %w", err)
		}
		nextStage = nb.moderate
		defer nextStage.Close()
	}
	stages := [2]*moderate.Stage{stage, nextStage}

	sum := policySummary{
		BaseVersion: base.Version, NewVersion: next.Version,
		Transitions: map[string]map[string]int{}, Categories: map[string]map[string]int{},
		Decisions: map[string]map[string]map[string]int{"base": {}, "new": {}},
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 1<<16), cfg.Kafka.MaxEventBytes+1)
	line := 0
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var n models.Note
		if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
			sum.BadLines++
			fmt.Fprintf(stderr, "line %d: %v\n", line, err)
			continue
		}
		if n.Deleted() {
			continue
		}
		sum.Notes++
		results := [2]models.Moderation{}
		for i, p := range []*moderate.Policy{base, next} {
			c := n
			m, err := stages[i].ModerateWith(ctx, p, &c)
			if err != nil {
				return fmt.Errorf("policy test: line %d: %w", line, err)
			}
			c.Moderation = m
			if err := stages[i].TranslationStage("en").ProcessWith(ctx, p, []*models.Note{&c}); err != nil {
				return fmt.Errorf("policy test: line %d: %w", line, err)
			}
			results[i] = c.Moderation
		}
		changed := false
		for _, market := range unionMarkets(base, next) {
			from, to := results[0].Markets[market], results[1].Markets[market]
			count(sum.Decisions["base"], market, string(from))
			count(sum.Decisions["new"], market, string(to))
			if from == to {
				continue
			}
			changed = true
			cats := changedCategories(market, base, next, results[0], results[1])
			tr := string(from) + "→" + string(to)
			count(sum.Transitions, market, tr)
			for _, c := range cats {
				count(sum.Categories, market, c)
			}
			if err := enc.Encode(policyChange{NoteID: n.NoteID, Line: line, Market: market, From: string(from), To: string(to), Categories: cats}); err != nil {
				return err
			}
		}
		if changed {
			sum.Changed++
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("policy test: read stdin: %w", err)
	}
	for _, market := range sortedKeys(sum.Transitions) {
		for _, tr := range sortedKeys(sum.Transitions[market]) {
			fmt.Fprintf(w, "# %s %s: %d notes\n", market, tr, sum.Transitions[market][tr])
		}
		for _, c := range sortedKeys(sum.Categories[market]) {
			fmt.Fprintf(w, "# %s category %s: %d notes\n", market, c, sum.Categories[market][c])
		}
	}
	return enc.Encode(sum)
}

func count(m map[string]map[string]int, a, b string) {
	if m[a] == nil {
		m[a] = map[string]int{}
	}
	m[a][b]++
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func unionMarkets(a, b *moderate.Policy) []string {
	out := append(a.MarketNames(), b.MarketNames()...)
	slices.Sort(out)
	return slices.Compact(out)
}

// changedCategories names the categories behind a changed decision: labels
// whose score the two policies' thresholds judge differently, and market
// terms that one policy has and the other lacks. "other" when none is.
func changedCategories(market string, base, next *moderate.Policy, a, b models.Moderation) []string {
	seen := map[string]bool{}
	type key struct {
		cat    models.Category
		source string
	}
	inA, inB := map[key]bool{}, map[key]bool{}
	for _, l := range a.Labels {
		inA[key{l.Category, l.Source}] = true
	}
	for _, l := range b.Labels {
		inB[key{l.Category, l.Source}] = true
	}
	for side, ls := range [][]models.Label{a.Labels, b.Labels} {
		for _, l := range ls {
			k := key{l.Category, l.Source}
			if inA[k] != inB[k] && !strings.HasPrefix(l.Source, "terms:") {
				// A label only one side found (other rules, other
				// detectors): it changed the decision if it decides.
				p := base
				if side == 1 {
					p = next
				}
				if p.Decide(market, l.Category, l.Score) != models.DecisionAllow {
					seen[string(l.Category)] = true
				}
				continue
			}
			if strings.HasPrefix(l.Source, "terms:") {
				if strings.HasPrefix(l.Source, "terms:"+market) && inA[key{l.Category, l.Source}] != inB[key{l.Category, l.Source}] {
					seen[string(l.Category)] = true
				}
				continue
			}
			if base.Decide(market, l.Category, l.Score) != next.Decide(market, l.Category, l.Score) {
				seen[string(l.Category)] = true
			}
		}
	}
	if len(seen) == 0 {
		return []string{"other"}
	}
	return sortedKeys(seen)
}
