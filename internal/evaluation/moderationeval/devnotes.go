package moderationeval

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate/devnotes"
)

// devNotes measures the stage on the team's development notes
// (devnotes.Dir): per category and language, the precision and recall of
// the stage's labels at review in the note's market (cn for Chinese, intl
// otherwise), with every category of the taxonomy — the training
// sources' dev split has no examples of several — and the share of
// innocent notes that leave allow. A missing folder is reported, not an
// error (eval may run outside the repository).
func (e *moderationEval) devNotes(dir string) error {
	notes, err := devnotes.Load(dir)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(e.out, "\nTeam development notes: absent (%s)\n", dir)
		return nil
	}
	if err != nil {
		return err
	}
	p := e.stage.Policy()
	type counts struct{ tp, fp, fn, innocent, flagged int }
	cells := map[string]*counts{} // "category/lang", "innocent/lang"
	get := func(key string) *counts {
		if cells[key] == nil {
			cells[key] = &counts{}
		}
		return cells[key]
	}
	for _, n := range notes {
		m, err := e.moderateBody(e.stage, n.Text)
		if err != nil {
			return err
		}
		market := marketFor(strings.SplitN(n.Lang, "-", 2)[0])
		flagged := stageCategories(p, m, market)
		for _, c := range models.Categories {
			gold := slices.Contains(n.Labels, c)
			for _, lang := range []string{n.Lang, "all"} {
				cl := get(string(c) + "/" + lang)
				switch {
				case gold && flagged[c]:
					cl.tp++
				case gold:
					cl.fn++
				case flagged[c]:
					cl.fp++
				}
			}
		}
		if !n.Harmful() {
			for _, lang := range []string{n.Lang, "all"} {
				cl := get("innocent/" + lang)
				cl.innocent++
				if m.Markets[market] != models.DecisionAllow {
					cl.flagged++
				}
			}
		}
	}
	fmt.Fprintf(e.out, "\nTeam development notes (%s, %d notes; the rules are built against them: fresh blind sets are the honest measure)\n", dir, len(notes))
	fmt.Fprintf(e.out, "stage: a label of the category at or above review in cn for Chinese, intl otherwise; P / R (positives)\n")
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', tabwriter.AlignRight)
	langs := append(slices.Clone(devnotes.Languages), "all")
	fmt.Fprintf(tw, "category\t%s\t\n", strings.Join(langs, "\t"))
	summary := map[string]any{}
	for _, c := range models.Categories {
		row := []string{string(c)}
		for _, lang := range langs {
			cl := get(string(c) + "/" + lang)
			pos := cl.tp + cl.fn
			if pos == 0 {
				row = append(row, fmt.Sprintf("- (%d fp)", cl.fp))
				continue
			}
			prec, rec := ratio(cl.tp, cl.tp+cl.fp), ratio(cl.tp, pos)
			row = append(row, fmt.Sprintf("%.2f/%.2f (%d)", prec, rec, pos))
			summary[string(c)+"/"+lang] = map[string]any{"p": round4(prec), "r": round4(rec), "pos": pos}
		}
		fmt.Fprintf(tw, "%s\t\n", strings.Join(row, "\t"))
	}
	row := []string{"innocent flagged"}
	for _, lang := range langs {
		cl := get("innocent/" + lang)
		row = append(row, fmt.Sprintf("%d/%d", cl.flagged, cl.innocent))
		summary["innocent_flagged/"+lang] = round4(ratio(cl.flagged, cl.innocent))
	}
	fmt.Fprintf(tw, "%s\t\n", strings.Join(row, "\t"))
	if err := tw.Flush(); err != nil {
		return err
	}
	e.summary["dev_notes"] = summary
	return nil
}
