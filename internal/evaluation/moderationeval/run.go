// Package moderationeval measures the moderate stage and its classifier
// on the shared evaluation data: precision and recall per category and
// language on the training sources' dev split and on the team's
// development notes, COLD, HateCheck, clean text and everyday posts leaving allow, and the
// stage's speed on one core. `notegate eval moderation` is its command.
package moderationeval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/notegate/notegate/stages/moderate"
)

// Stages are what is measured: the classifier alone, the whole stage
// (rules + classifier under the policy), and the stage without the
// classifier.
type Stages struct {
	Classifier *moderate.Classifier
	Stage      *moderate.Stage
	RulesOnly  *moderate.Stage
	// MinScore is the classifier's reporting threshold (its config's).
	MinScore float64
}

// Options say where the data is and what to print.
type Options struct {
	// Data holds cold/ and hatecheck-en/; the training sources, clean
	// text and translations are read from its parent.
	Data string
	// DevNotes is the team's development notes; an absent folder is
	// reported and skipped.
	DevNotes string
	// Speed is how long the stage's speed is measured; 0 skips it.
	Speed time.Duration
	// ShowFP prints up to this many clean sentences per file that leave
	// allow.
	ShowFP int
}

// Run prints every measurement to out as tables, then one line of JSON
// with the summary figures.
func Run(ctx context.Context, s Stages, o Options, out io.Writer) error {
	ev := &moderationEval{ctx: ctx, clf: s.Classifier, stage: s.Stage, rules: s.RulesOnly, out: out,
		minScore: s.MinScore, showFP: o.ShowFP, summary: map[string]any{"model": s.Classifier.Name()}}
	start := time.Now()
	root := filepath.Join(o.Data, "..")
	if err := ev.categories(root); err != nil {
		return err
	}
	if err := ev.devNotes(o.DevNotes); err != nil {
		return err
	}
	if err := ev.cold(filepath.Join(o.Data, "cold", "dev.csv")); err != nil {
		return err
	}
	if err := ev.hatecheck(filepath.Join(o.Data, "hatecheck-en", "test_suite_cases.csv")); err != nil {
		return err
	}
	if err := ev.clean(root); err != nil {
		return err
	}
	if err := ev.social(root); err != nil {
		return err
	}
	if o.Speed > 0 {
		if err := ev.speed(o.Speed); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "\n%.1fs\n", time.Since(start).Seconds())
	line, err := json.Marshal(ev.summary)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s\n", line)
	return nil
}
