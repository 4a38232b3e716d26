package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate"
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
		fmt.Fprintln(stderr, "usage: notegate eval moderation [--data DIR] [--model FILE] [--policy FILE] [--config FILE]")
		fmt.Fprintln(stderr, "       notegate eval translate [--data DIR] [--providers a,b] [--limit N] [--apertium-url URL] [--providers-config FILE]")
		fmt.Fprintln(stderr, "       notegate eval langid [--data DIR] [--baseline] [--throughput] [--fit-confidence]")
		return errors.New("eval: want a subject: moderation, translate or langid")
	}
	return cmdEvalModeration(ctx, args[1:], stdout, stderr)
}

// cmdEvalModeration measures the abuse classifier alone and the whole
// moderate stage (rules + classifier under the policy) on the shared
// evaluation data: COLD dev (market cn), HateCheck (market intl) and clean
// news-style sentences (both markets).
func cmdEvalModeration(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval moderation", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "../shared/evaldata/moderation", "moderation evaluation data (cold/, hatecheck-en/); clean text is read from its parent's langid/ and translation/")
	modelFile := fs.String("model", "", "classifier model file; empty uses the embedded one")
	policy := fs.String("policy", "", "policy file; empty uses the configured or embedded one")
	path := fs.String("config", "", "optional YAML configuration file")
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
	clf, err := moderate.NewClassifier(moderate.ClassifierConfig{ModelFile: *modelFile})
	if err != nil {
		return err
	}
	stage, err := moderate.New(cfg.Moderate, clf)
	if err != nil {
		return err
	}
	ev := &moderationEval{ctx: ctx, clf: clf, stage: stage, out: stdout}
	start := time.Now()
	fmt.Fprintf(stdout, "model %s: threshold %.3f (best COLD dev accuracy), policy %s\n\n",
		clf.Name(), clf.Threshold(), stage.Policy().Version)
	if err := ev.cold(filepath.Join(*data, "cold", "dev.csv")); err != nil {
		return err
	}
	if err := ev.hatecheck(filepath.Join(*data, "hatecheck-en", "test_suite_cases.csv")); err != nil {
		return err
	}
	if err := ev.clean(filepath.Join(*data, "..")); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%.1fs\n", time.Since(start).Seconds())
	return nil
}

type moderationEval struct {
	ctx   context.Context
	clf   *moderate.Classifier
	stage *moderate.Stage
	out   io.Writer
}

// flagged reports whether the stage takes a note with this body out of
// allow in market.
func (e *moderationEval) flagged(body, market string) (bool, error) {
	m, err := e.stage.Moderate(e.ctx, &models.Note{NoteEvent: models.NoteEvent{Body: body}})
	if err != nil {
		return false, err
	}
	return m.Markets[market] != models.DecisionAllow, nil
}

// binaryScore counts a binary decision against gold labels.
type binaryScore struct{ tp, fp, tn, fn int }

func (s *binaryScore) add(pred, gold bool) {
	switch {
	case pred && gold:
		s.tp++
	case pred:
		s.fp++
	case gold:
		s.fn++
	default:
		s.tn++
	}
}

func (s binaryScore) String() string {
	n := s.tp + s.fp + s.tn + s.fn
	p := ratio(s.tp, s.tp+s.fp)
	r := ratio(s.tp, s.tp+s.fn)
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return fmt.Sprintf("n=%d\taccuracy %.4f\tprecision %.4f\trecall %.4f\tF1 %.4f",
		n, ratio(s.tp+s.tn, n), p, r, f1)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func readEvalCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	head := rows[0]
	for i := range head {
		head[i] = strings.TrimPrefix(head[i], "\ufeff")
	}
	out := make([]map[string]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		m := make(map[string]string, len(head))
		for i, v := range r {
			if i < len(head) {
				m[head[i]] = v
			}
		}
		out = append(out, m)
	}
	return out, nil
}

func (e *moderationEval) cold(path string) error {
	rows, err := readEvalCSV(path)
	if err != nil {
		return fmt.Errorf("COLD: %w", err)
	}
	var model, model50, full, rules binaryScore
	thr := e.clf.Threshold()
	rulesOnly, err := moderate.New(moderate.Config{})
	if err != nil {
		return err
	}
	for _, r := range rows {
		gold := r["label"] == "1"
		score := e.clf.Score(moderate.NewText("body", r["TEXT"]))
		model.add(score >= thr, gold)
		model50.add(score >= 0.5, gold)
		f, err := e.flagged(r["TEXT"], "cn")
		if err != nil {
			return err
		}
		full.add(f, gold)
		m, err := rulesOnly.Moderate(e.ctx, &models.Note{NoteEvent: models.NoteEvent{Body: r["TEXT"]}})
		if err != nil {
			return err
		}
		rules.add(m.Markets["cn"] != models.DecisionAllow, gold)
	}
	fmt.Fprintf(e.out, "COLD dev (label 1 = offensive; stage: not allowed in cn)\n")
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  model, score >= %.3f\t%s\n", thr, model)
	fmt.Fprintf(tw, "  model, score >= 0.5\t%s\n", model50)
	fmt.Fprintf(tw, "  rules alone (cn)\t%s\n", rules)
	fmt.Fprintf(tw, "  rules + model (cn)\t%s\n", full)
	return tw.Flush()
}

func (e *moderationEval) hatecheck(path string) error {
	rows, err := readEvalCSV(path)
	if err != nil {
		return fmt.Errorf("HateCheck: %w", err)
	}
	type acc struct{ model, stage, n int }
	byFunc := map[string]*acc{}
	var order []string
	thr := e.clf.Threshold()
	var totals [2]acc // non-hateful, hateful
	for _, r := range rows {
		fn := r["functionality"]
		hateful := r["label_gold"] == "hateful"
		a := byFunc[fn]
		if a == nil {
			a = &acc{}
			byFunc[fn] = a
			order = append(order, fn)
		}
		text := strings.TrimSpace(r["test_case"])
		m := e.clf.Score(moderate.NewText("body", text)) >= thr
		s, err := e.flagged(text, "intl")
		if err != nil {
			return err
		}
		a.n++
		t := &totals[0]
		if hateful {
			t = &totals[1]
		}
		t.n++
		if m == hateful {
			a.model++
			t.model++
		}
		if s == hateful {
			a.stage++
			t.stage++
		}
	}
	// Hateful functionalities first, then non-hateful, each in file order.
	slices.SortStableFunc(order, func(a, b string) int {
		ha, hb := strings.HasSuffix(a, "_h"), strings.HasSuffix(b, "_h")
		switch {
		case ha && !hb:
			return -1
		case hb && !ha:
			return 1
		}
		return 0
	})
	fmt.Fprintf(e.out, "\nHateCheck (accuracy per functionality; model: score >= %.3f; stage: not allowed in intl)\n", thr)
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  functionality\tgold\tn\tmodel\tstage\n")
	for _, fn := range order {
		a := byFunc[fn]
		gold := "non-hateful"
		if strings.HasSuffix(fn, "_h") {
			gold = "hateful"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%.3f\t%.3f\n", fn, gold, a.n, ratio(a.model, a.n), ratio(a.stage, a.n))
	}
	for i, name := range []string{"all non-hateful", "all hateful"} {
		t := totals[i]
		fmt.Fprintf(tw, "  %s\t\t%d\t%.3f\t%.3f\n", name, t.n, ratio(t.model, t.n), ratio(t.stage, t.n))
	}
	all := totals[0].n + totals[1].n
	fmt.Fprintf(tw, "  all\t\t%d\t%.3f\t%.3f\n", all, ratio(totals[0].model+totals[1].model, all), ratio(totals[0].stage+totals[1].stage, all))
	return tw.Flush()
}

// clean measures how much clean news-style text leaves allow.
func (e *moderationEval) clean(root string) error {
	files := []string{
		"langid/lingua/sentences/zh.txt",
		"langid/lingua/sentences/en.txt",
		"translation/flores200-devtest/zho_Hans.devtest",
		"translation/flores200-devtest/zho_Hant.devtest",
		"translation/flores200-devtest/eng_Latn.devtest",
	}
	thr := e.clf.Threshold()
	fmt.Fprintf(e.out, "\nClean news-style text (false positives)\n")
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  file\tn\tmodel >= %.3f\tcn not allowed\tintl not allowed\n", thr)
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(root, name))
		if errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(tw, "  %s\tabsent\n", name)
			continue
		}
		if err != nil {
			return err
		}
		var n, model, cn, intl int
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			n++
			if e.clf.Score(moderate.NewText("body", line)) >= thr {
				model++
			}
			m, err := e.stage.Moderate(e.ctx, &models.Note{NoteEvent: models.NoteEvent{Body: line}})
			if err != nil {
				return err
			}
			if m.Markets["cn"] != models.DecisionAllow {
				cn++
			}
			if m.Markets["intl"] != models.DecisionAllow {
				intl++
			}
		}
		fmt.Fprintf(tw, "  %s\t%d\t%.4f\t%.4f\t%.4f\n", name, n, ratio(model, n), ratio(cn, n), ratio(intl, n))
	}
	return tw.Flush()
}
