package moderationeval

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate"
	"github.com/notegate/notegate/stages/moderate/corpus"
)

type moderationEval struct {
	ctx      context.Context
	clf      *moderate.Classifier
	stage    *moderate.Stage
	rules    *moderate.Stage
	out      io.Writer
	minScore float64
	showFP   int
	summary  map[string]any
	// sample is the texts the speed is measured on (dev texts).
	sample []string
}

// routedLanguages are the languages figures are given for; texts in any
// other language count as "other".
var routedLanguages = []string{"en", "zh", "es", "pt", "fr", "de", "ja", "ko"}

// marketFor is the market a language's figures are taken in: cn for
// Chinese, intl for every other language.
func marketFor(lang string) string {
	if lang == "zh" {
		return "cn"
	}
	return "intl"
}

// moderateBody runs a stage on a note with this body.
func (e *moderationEval) moderateBody(s *moderate.Stage, body string) (models.Moderation, error) {
	return s.Moderate(e.ctx, &models.Note{NoteEvent: models.NoteEvent{Body: body}})
}

// stageCategories are the categories the stage's labels put at or above
// the review threshold of market under the policy.
func stageCategories(p *moderate.Policy, m models.Moderation, market string) map[models.Category]bool {
	out := map[models.Category]bool{}
	for _, l := range m.Labels {
		if p.Decide(market, l.Category, l.Score) != models.DecisionAllow {
			out[l.Category] = true
		}
	}
	return out
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

func (s binaryScore) n() int                { return s.tp + s.fp + s.tn + s.fn }
func (s binaryScore) precision() float64    { return ratio(s.tp, s.tp+s.fp) }
func (s binaryScore) recall() float64       { return ratio(s.tp, s.tp+s.fn) }
func (s binaryScore) accuracy() float64     { return ratio(s.tp+s.tn, s.n()) }
func (s binaryScore) flaggedShare() float64 { return ratio(s.tp+s.fp, s.n()) }

func (s binaryScore) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (s binaryScore) String() string {
	return fmt.Sprintf("n=%d\taccuracy %.4f\tprecision %.4f\trecall %.4f\tF1 %.4f",
		s.n(), s.accuracy(), s.precision(), s.recall(), s.f1())
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// scored is one scored example for AUPRC.
type scored struct {
	score float64
	gold  bool
}

// auprc is the area under the precision-recall curve as average
// precision: the precision at each distinct score threshold, from the
// highest down, weighted by the recall it adds. Examples with equal
// scores enter together. It is 0 without positives.
func auprc(xs []scored) float64 {
	xs = slices.Clone(xs)
	sort.SliceStable(xs, func(i, j int) bool { return xs[i].score > xs[j].score })
	pos := 0
	for _, x := range xs {
		if x.gold {
			pos++
		}
	}
	if pos == 0 {
		return 0
	}
	var ap float64
	tp, seen := 0, 0
	for i := 0; i < len(xs); {
		j := i
		added := 0
		for j < len(xs) && xs[j].score == xs[i].score {
			if xs[j].gold {
				added++
			}
			j++
		}
		tp += added
		seen += j - i
		ap += float64(added) / float64(pos) * float64(tp) / float64(seen)
		i = j
	}
	return ap
}

// cell collects one category × language (or any-harm × language) cell.
type cell struct {
	clf, stage binaryScore
	scores     []scored
}

// categories measures per category and language on the dev split of the
// training sources.
func (e *moderationEval) categories(root string) error {
	cues, err := corpus.LexiconCues()
	if err != nil {
		return err
	}
	// The abuse model's sources: the team-written sets train the intent
	// models, which the long-form tables measure (model/README.md).
	exs, err := corpus.Load(corpus.Options{Root: root, Cues: cues, Only: corpus.AbuseSources()})
	if err != nil {
		return err
	}
	cats := e.clf.Categories()
	p := e.stage.Policy()
	cells := map[string]*cell{} // "category/lang", "any/lang"
	get := func(key string) *cell {
		c := cells[key]
		if c == nil {
			c = &cell{}
			cells[key] = c
		}
		return c
	}
	var scores []float64
	nDev := 0
	for _, ex := range exs {
		if ex.Split != corpus.Dev || ex.Derived {
			continue
		}
		nDev++
		lang := ex.Lang
		if !slices.Contains(routedLanguages, lang) {
			lang = "other"
		}
		if len(e.sample) < 4000 && len(ex.Text) <= 400 && nDev%4 == 0 {
			e.sample = append(e.sample, ex.Text)
		}
		scores, _ = e.clf.Scores(moderate.NewText("body", ex.Text), scores[:0])
		m, err := e.moderateBody(e.stage, ex.Text)
		if err != nil {
			return err
		}
		market := marketFor(lang)
		flagged := stageCategories(p, m, market)
		anyScore := 0.0
		anyClf := false
		for k, c := range cats {
			anyScore = max(anyScore, scores[k])
			anyClf = anyClf || scores[k] >= e.minScore
			i := slices.Index(corpus.Categories, c)
			if i < 0 || !ex.Pos.Has(i) && !ex.Neg.Has(i) {
				continue
			}
			gold := ex.Pos.Has(i)
			cl := get(string(c) + "/" + lang)
			cl.clf.add(scores[k] >= e.minScore, gold)
			cl.stage.add(flagged[c], gold)
			cl.scores = append(cl.scores, scored{scores[k], gold})
		}
		if ex.Harmful >= 0 {
			gold := ex.Harmful == 1
			cl := get("any/" + lang)
			cl.clf.add(anyClf, gold)
			cl.stage.add(m.Markets[market] != models.DecisionAllow, gold)
			cl.scores = append(cl.scores, scored{anyScore, gold})
		}
	}
	fmt.Fprintf(e.out, "\nPer category and language, dev split of every training source (%d texts; classifier: score >= %.2f; stage: a label of the category at or above review in cn for zh, intl otherwise)\n", nDev, e.minScore)
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "category\tlang\tpositives\tnegatives\tclf P\tclf R\tstage P\tstage R\tAUPRC\t\n")
	keys := make([]string, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	order := func(key string) (int, string) {
		cat, lang, _ := strings.Cut(key, "/")
		i := slices.Index(cats, models.Category(cat))
		if cat == "any" {
			i = len(cats)
		}
		return i, lang
	}
	langOrder := func(l string) int {
		if i := slices.Index(routedLanguages, l); i >= 0 {
			return i
		}
		return len(routedLanguages)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, la := order(keys[i])
		b, lb := order(keys[j])
		if a != b {
			return a < b
		}
		return langOrder(la) < langOrder(lb)
	})
	perCell := map[string]any{}
	anyAUPRC := map[string]float64{}
	for _, key := range keys {
		c := cells[key]
		npos := c.clf.tp + c.clf.fn
		nneg := c.clf.fp + c.clf.tn
		cat, lang, _ := strings.Cut(key, "/")
		if npos == 0 {
			// No positives: only the share flagged means something.
			fmt.Fprintf(tw, "%s\t%s\t0\t%d\tflagged %.4f\t\tflagged %.4f\t\t\t\n", cat, lang, nneg, c.clf.flaggedShare(), c.stage.flaggedShare())
			perCell[key] = map[string]any{"pos": 0, "neg": nneg, "clf_flagged": round4(c.clf.flaggedShare()), "stage_flagged": round4(c.stage.flaggedShare())}
			continue
		}
		ap := auprc(c.scores)
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", cat, lang, npos, nneg,
			c.clf.precision(), c.clf.recall(), c.stage.precision(), c.stage.recall(), ap)
		perCell[key] = map[string]any{"pos": npos, "neg": nneg, "clf_p": round4(c.clf.precision()), "clf_r": round4(c.clf.recall()),
			"stage_p": round4(c.stage.precision()), "stage_r": round4(c.stage.recall()), "auprc": round4(ap)}
		if cat == "any" && nneg > 0 {
			anyAUPRC[lang] = round4(ap)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "(any: harmful in any way by its source's labels; stage: the note leaves allow in the market)\n")
	e.summary["category_lang"] = perCell
	e.summary["any_harm_auprc"] = anyAUPRC
	return nil
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

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

// cold measures on COLD dev and on the part of COLD train the training
// program held out for calibration.
func (e *moderationEval) cold(devPath string) error {
	type set struct {
		name string
		rows []map[string]string
	}
	dev, err := readEvalCSV(devPath)
	if err != nil {
		return fmt.Errorf("COLD: %w", err)
	}
	sets := []set{{"dev", dev}}
	if all, err := readEvalCSV(filepath.Join(filepath.Dir(devPath), "train.csv")); err == nil {
		var held []map[string]string
		for _, r := range all {
			if corpus.COLDHeldOut(r["TEXT"]) {
				held = append(held, r)
			}
		}
		sets = append(sets, set{"train, held out", held})
	}
	for _, s := range sets {
		var model, full, rules binaryScore
		for _, r := range s.rows {
			gold := r["label"] == "1"
			model.add(e.clf.Score(moderate.NewText("body", r["TEXT"])) >= e.minScore, gold)
			m, err := e.moderateBody(e.stage, r["TEXT"])
			if err != nil {
				return err
			}
			full.add(m.Markets["cn"] != models.DecisionAllow, gold)
			m, err = e.moderateBody(e.rules, r["TEXT"])
			if err != nil {
				return err
			}
			rules.add(m.Markets["cn"] != models.DecisionAllow, gold)
		}
		fmt.Fprintf(e.out, "\nCOLD %s (label 1 = offensive; stage: not allowed in cn)\n", s.name)
		tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  classifier, any category >= %.2f\t%s\n", e.minScore, model)
		fmt.Fprintf(tw, "  rules alone (cn)\t%s\n", rules)
		fmt.Fprintf(tw, "  rules + classifier (cn)\t%s\n", full)
		if err := tw.Flush(); err != nil {
			return err
		}
		key := "cold_dev"
		if s.name != "dev" {
			key = "cold_train_heldout"
		}
		e.summary[key] = map[string]float64{"n": float64(full.n()), "stage_accuracy": round4(full.accuracy()),
			"stage_f1": round4(full.f1()), "classifier_accuracy": round4(model.accuracy()), "rules_accuracy": round4(rules.accuracy())}
	}
	return nil
}

func (e *moderationEval) hatecheck(path string) error {
	rows, err := readEvalCSV(path)
	if err != nil {
		return fmt.Errorf("HateCheck: %w", err)
	}
	type acc struct{ model, stage, n int }
	byFunc := map[string]*acc{}
	var order []string
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
		m := e.clf.Score(moderate.NewText("body", text)) >= e.minScore
		mod, err := e.moderateBody(e.stage, text)
		if err != nil {
			return err
		}
		s := mod.Markets["intl"] != models.DecisionAllow
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
	fmt.Fprintf(e.out, "\nHateCheck (accuracy per functionality; classifier: any category >= %.2f; stage: not allowed in intl)\n", e.minScore)
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  functionality\tgold\tn\tclassifier\tstage\n")
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
	e.summary["hatecheck"] = map[string]float64{
		"hateful_flagged_stage":     round4(ratio(totals[1].stage, totals[1].n)),
		"non_hateful_allowed_stage": round4(ratio(totals[0].stage, totals[0].n)),
		"hateful_flagged_clf":       round4(ratio(totals[1].model, totals[1].n)),
		"non_hateful_allowed_clf":   round4(ratio(totals[0].model, totals[0].n)),
	}
	return tw.Flush()
}

// clean measures how much clean text leaves allow: the dev split of the
// Leipzig news sentences (the rest is trained on) and FLORES (never
// trained on).
func (e *moderationEval) clean(root string) error {
	type file struct {
		name string
		dev  bool // read only the lines in the corpus's dev split
	}
	files := []file{
		{"langid/lingua/sentences/zh.txt", true},
		{"langid/lingua/sentences/en.txt", true},
		{"translation/flores200-devtest/zho_Hans.devtest", false},
		{"translation/flores200-devtest/zho_Hant.devtest", false},
		{"translation/flores200-devtest/eng_Latn.devtest", false},
		{"translation/flores200-devtest/spa_Latn.devtest", false},
		{"translation/flores200-devtest/jpn_Jpan.devtest", false},
		{"translation/flores200-devtest/kor_Hang.devtest", false},
	}
	for _, l := range []string{"es", "pt", "fr", "de", "ja", "ko"} {
		files = append(files, file{"langid/lingua/sentences/" + l + ".txt", true})
	}
	fmt.Fprintf(e.out, "\nClean text leaving allow (false positives; lingua: dev split only; FLORES: all, never trained on)\n")
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  file\tn\tclassifier >= %.2f\tcn not allowed\tintl not allowed\n", e.minScore)
	summary := map[string]any{}
	var shown []string
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(root, f.name))
		if errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(tw, "  %s\tabsent\n", f.name)
			continue
		}
		if err != nil {
			return err
		}
		var n, model, cn, intl, fp int
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			if f.dev && !corpus.InDev(line) {
				continue
			}
			n++
			if e.clf.Score(moderate.NewText("body", line)) >= e.minScore {
				model++
			}
			m, err := e.moderateBody(e.stage, line)
			if err != nil {
				return err
			}
			out := false
			if m.Markets["cn"] != models.DecisionAllow {
				cn++
				out = true
			}
			if m.Markets["intl"] != models.DecisionAllow {
				intl++
				out = true
			}
			if out && fp < e.showFP {
				fp++
				var ls []string
				for _, l := range m.Labels {
					ls = append(ls, fmt.Sprintf("%s/%s %.2f", l.Source, l.Category, l.Score))
				}
				shown = append(shown, fmt.Sprintf("  %s: %q [%s]", filepath.Base(f.name), line, strings.Join(ls, "; ")))
			}
		}
		fmt.Fprintf(tw, "  %s\t%d\t%.4f\t%.4f\t%.4f\n", f.name, n, ratio(model, n), ratio(cn, n), ratio(intl, n))
		summary[f.name] = map[string]float64{"n": float64(n), "cn": round4(ratio(cn, n)), "intl": round4(ratio(intl, n))}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, s := range shown {
		fmt.Fprintln(e.out, s)
	}
	e.summary["clean_leaving_allow"] = summary
	return nil
}

// speed moderates the sample (dev texts as note bodies, each note its own
// id, one of 1000 authors) in one goroutine for about d and reports notes
// per second: the stage's speed on one core.
func (e *moderationEval) speed(d time.Duration) error {
	if len(e.sample) == 0 {
		return nil
	}
	var bytes int
	for _, s := range e.sample {
		bytes += len(s)
	}
	fmt.Fprintf(e.out, "\nSpeed on one core (%d dev texts as note bodies, mean %d bytes; campaign and velocity on)\n", len(e.sample), bytes/len(e.sample))
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	speeds := map[string]float64{}
	for _, s := range []struct {
		name  string
		stage *moderate.Stage
	}{{"rules + classifier", e.stage}, {"rules alone", e.rules}} {
		n := 0
		start := time.Now()
		for time.Since(start) < d {
			for _, body := range e.sample {
				note := &models.Note{NoteEvent: models.NoteEvent{NoteID: "speed" + strconv.Itoa(n), AuthorID: "a" + strconv.Itoa(n%1000), Body: body}}
				if _, err := s.stage.Moderate(e.ctx, note); err != nil {
					return err
				}
				n++
			}
		}
		rate := float64(n) / time.Since(start).Seconds()
		fmt.Fprintf(tw, "  %s\t%.0f notes/s\n", s.name, rate)
		speeds[s.name] = math.Round(rate)
	}
	e.summary["notes_per_second"] = speeds
	return tw.Flush()
}
