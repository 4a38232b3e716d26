// Command train builds the classifier's model (stages/moderate/model):
// one logistic regression per category (hate, harassment, sexual,
// violence, self_harm, spam, profanity) over the hashed features of
// moderate.ClassifierFeatures, trained jointly with AdaGrad and L2 on the
// corpus package's train split (every source of ../shared/evaldata that
// the corpus reads), each category's classes weighted equally, then
// calibrated per category and language (Platt scaling, both classes
// weighted equally) on the calib split. It is deterministic: the same
// data, lexicons, flags and seed give the same bytes.
//
//	go run ./stages/moderate/internal/train -data ../shared/evaldata \
//	    -out stages/moderate/model/moderation.bin.gz
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate"
	"github.com/notegate/notegate/stages/moderate/corpus"
)

type options struct {
	data, out   string
	version     string
	bits        uint
	epochs      int
	lr, l2      float64
	cleanWeight float64
	newsWeight  float64
	postWeight  float64
	prune       int
	minCalib    int
	seed        uint64
	bag         int
	dump        string
	noDebias    bool
	cleanGuard  float64
	only        string
	langs       string
	keep        string
	counterOnly string
	recalibrate string
}

func main() {
	var o options
	flag.StringVar(&o.data, "data", "../shared/evaldata", "evaluation data root (moderation/, moderation-train/, langid/, translation/)")
	flag.StringVar(&o.out, "out", "stages/moderate/model/moderation.bin.gz", "model file to write; empty writes none")
	flag.StringVar(&o.version, "version", "moderation-v2", "model version (label rule)")
	flag.UintVar(&o.bits, "bits", 20, "log2 of the number of feature buckets")
	flag.IntVar(&o.epochs, "epochs", 8, "passes over the training data")
	flag.Float64Var(&o.lr, "lr", 0.1, "AdaGrad learning rate")
	flag.Float64Var(&o.l2, "l2", 1e-6, "L2 penalty per update")
	flag.Float64Var(&o.cleanWeight, "clean-weight", 0.5, "weight of Tatoeba's everyday sentences relative to a labelled source of the same size")
	flag.Float64Var(&o.newsWeight, "news-weight", 2, "weight of Leipzig's news sentences relative to a labelled source of the same size")
	flag.StringVar(&o.only, "only", "", "comma-separated sources to read (default: every source but teamwritten, longform_dev and notes_dev, the intent and harassment models')")
	flag.StringVar(&o.langs, "langs", "", "comma-separated languages of the examples to read (default: every language; the intent models read one each)")
	flag.StringVar(&o.counterOnly, "counter-only", "", "comma-separated sources read for their counter-examples only: a text the source calls harmful in any way is left out (everyday posts teach a notes model what is not harm, without their annotators' notion of harm)")
	flag.StringVar(&o.keep, "keep", "", "comma-separated categories to write (default: all; the intent models keep violence,self_harm, a quarter of the memory)")
	flag.Float64Var(&o.postWeight, "post-weight", 0.3, "weight of a whole Toxic Spans post relative to the spans and civil remainders derived from it")
	flag.IntVar(&o.prune, "prune", 1, "quantized weights of this magnitude or less are set to zero (a smaller file)")
	flag.IntVar(&o.minCalib, "min-calib", 30, "fewest held-out examples of each class for a language's own calibration")
	flag.Uint64Var(&o.seed, "seed", 1, "shuffling seed")
	flag.IntVar(&o.bag, "bag", 1, "train this many times, with seeds seed, seed+1, …, and average the weights (less dependence on the shuffling order)")
	flag.BoolVar(&o.noDebias, "no-debias", false, "do not weight up counter-examples that name a group (identity.go)")
	flag.Float64Var(&o.cleanGuard, "clean-guard", 0.003, "largest share of a language's held-out clean sentences (Tatoeba, Leipzig) that may reach score 0.5 at the default base rate in any one category; 0 turns the guard off")
	flag.StringVar(&o.recalibrate, "recalibrate", "", "read this model and only calibrate it again (same data and -bits)")
	flag.StringVar(&o.dump, "dump", "", "write the examples as TSV (split, source, lang, positives, negatives, derived, text) to this file and stop")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

// vec is one example's features and labels.
type vec struct {
	buckets  []uint32
	scale    float32
	pos, neg corpus.Set
	w        float64
	lang     int // index into the model's languages (guessed, as at run time)
	split    corpus.Split
	derived  bool
	source   string
	// mult multiplies w per category (identity debiasing, identity.go).
	mult [8]float32
}

func run(o options) error {
	start := time.Now()
	cues, err := corpus.LexiconCues()
	if err != nil {
		return err
	}
	// The abuse model reads every source but the team-written sets, which
	// train the intent models (-only, model/README.md).
	var only []string
	if o.only != "" {
		only = strings.Split(o.only, ",")
	} else {
		only = corpus.AbuseSources()
	}
	exs, err := corpus.Load(corpus.Options{Root: o.data, Cues: cues, Only: only})
	if err != nil {
		return err
	}
	if o.counterOnly != "" {
		co := strings.Split(o.counterOnly, ",")
		exs = slices.DeleteFunc(exs, func(e corpus.Example) bool {
			return slices.Contains(co, e.Source) && (e.Pos != 0 || e.Harmful == 1)
		})
	}
	if o.langs != "" {
		keep := strings.Split(o.langs, ",")
		exs = slices.DeleteFunc(exs, func(e corpus.Example) bool { return !slices.Contains(keep, e.Lang) })
	}
	printData(exs)
	if o.dump != "" {
		return dump(o.dump, exs)
	}
	langs := moderate.ClassifierLanguages()
	vs := featurize(exs, o.bits, langs)
	weigh(exs, vs, o)
	if !o.noDebias {
		slog.Info("identity debiasing", "counter_examples_weighted_up", debiasIdentity(exs, vs))
	}
	featTime := time.Since(start)
	slog.Info("features", "examples", len(vs), "seconds", featTime.Seconds())

	cats := corpus.Categories
	k := len(cats)
	var train []int
	for i, v := range vs {
		if v.split == corpus.Train {
			train = append(train, i)
		}
	}
	var model *moderate.ClassifierModel
	if o.recalibrate != "" {
		model, err = readModel(o.recalibrate)
		if err != nil {
			return err
		}
	} else {
		cw := classWeights(vs, train, k)
		w, bias := fitBagged(vs, train, cw, k, o)
		wf := make([]float32, len(w))
		for i, x := range w {
			wf[i] = float32(x)
		}
		bf := make([]float32, k)
		for i, x := range bias {
			bf[i] = float32(x)
		}
		model, err = moderate.NewClassifierModel(o.version, o.bits, cats, langs, wf, bf)
		if err != nil {
			return err
		}
		for i, q := range model.Q {
			if int(q) <= o.prune && int(q) >= -o.prune {
				model.Q[i] = 0
			}
		}
	}
	trainTime := time.Since(start) - featTime
	nonzero := 0
	for _, q := range model.Q {
		if q != 0 {
			nonzero++
		}
	}
	calibrate(model, vs, o)
	fmt.Printf("features %.1fs, training %.1fs (%d epochs, %d training examples, 2^%d buckets × %d categories, %d non-zero weights)\n",
		featTime.Seconds(), trainTime.Seconds(), o.epochs, len(train), o.bits, k, nonzero)
	printCalibration(model)
	if o.keep != "" {
		var cats []models.Category
		for _, c := range strings.Split(o.keep, ",") {
			cats = append(cats, models.Category(strings.TrimSpace(c)))
		}
		if model, err = model.Keep(cats); err != nil {
			return err
		}
	}
	if o.out == "" {
		return nil
	}
	f, err := os.Create(o.out)
	if err != nil {
		return err
	}
	size, err := model.WriteTo(f)
	if err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d bytes) in %.1fs\n", o.out, size, time.Since(start).Seconds())
	return nil
}

// featurize normalizes and hashes every example, on every core; the
// result does not depend on scheduling.
func featurize(exs []corpus.Example, bits uint, langs []string) []vec {
	out := make([]vec, len(exs))
	var wg sync.WaitGroup
	workers := 4
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []moderate.ClassifierFeature
			for i := w; i < len(exs); i += workers {
				ex := exs[i]
				t := moderate.NewText("body", ex.Text)
				buf = moderate.ClassifierFeatures(t, bits, buf[:0])
				b := make([]uint32, len(buf))
				for j, f := range buf {
					b[j] = f.Bucket
				}
				slices.Sort(b) // memory order
				var s float32
				if len(b) > 0 {
					s = float32(1 / math.Sqrt(float64(len(b))))
				}
				out[i] = vec{buckets: b, scale: s, pos: ex.Pos, neg: ex.Neg, split: ex.Split, derived: ex.Derived, source: ex.Source,
					lang: max(slices.Index(langs, moderate.ClassifierLanguage(t)), 0)}
				for c := range out[i].mult {
					out[i].mult[c] = 1
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// weigh gives each training example the weight 1/sqrt(n) of the n
// training examples of its source in its language (a source's total grows
// as the square root of its size, so the big ones lead without drowning
// the small), scaled for the clean-sentence sources and whole Toxic Spans
// posts, and the mean weight 1.
func weigh(exs []corpus.Example, vs []vec, o options) {
	n := map[string]int{}
	key := func(ex corpus.Example) string { return ex.Source + "/" + ex.Lang }
	for i, ex := range exs {
		if vs[i].split == corpus.Train {
			n[key(ex)]++
		}
	}
	var sum float64
	var cnt int
	for i, ex := range exs {
		w := 1 / math.Sqrt(float64(max(n[key(ex)], 1)))
		switch {
		case ex.Source == "tatoeba":
			w *= o.cleanWeight
		case ex.Source == "leipzig":
			w *= o.newsWeight
		case ex.Source == "toxic_spans" && !ex.Derived:
			w *= o.postWeight
		}
		vs[i].w = w
		if vs[i].split == corpus.Train {
			sum += w
			cnt++
		}
	}
	for i := range vs {
		vs[i].w *= float64(cnt) / sum
	}
}

// classWeights returns, per category, the factors for its negative and
// positive examples that make both classes weigh the same in training.
func classWeights(vs []vec, train []int, k int) [][2]float64 {
	out := make([][2]float64, k)
	for c := range k {
		var pos, neg float64
		for _, i := range train {
			w := vs[i].w * float64(vs[i].mult[c])
			switch {
			case vs[i].pos.Has(c):
				pos += w
			case vs[i].neg.Has(c):
				neg += w
			}
		}
		if pos == 0 || neg == 0 {
			continue
		}
		out[c] = [2]float64{(pos + neg) / (2 * neg), (pos + neg) / (2 * pos)}
	}
	return out
}

// fitBagged fits o.bag times with consecutive seeds and averages the
// weights: one shuffling order moves a few hundred held-out scores across
// a threshold, and the average of several is steadier than any one.
func fitBagged(vs []vec, train []int, cw [][2]float64, k int, o options) ([]float64, []float64) {
	w, bias := fit(vs, train, cw, k, o)
	if o.bag <= 1 {
		return w, bias
	}
	for i := 1; i < o.bag; i++ {
		oi := o
		oi.seed = o.seed + uint64(i)
		wi, bi := fit(vs, train, cw, k, oi)
		for j, x := range wi {
			w[j] += x
		}
		for j, x := range bi {
			bias[j] += x
		}
	}
	n := float64(o.bag)
	for j := range w {
		w[j] /= n
	}
	for j := range bias {
		bias[j] /= n
	}
	return w, bias
}

// fit trains the K models jointly: weights bucket-major, w[b*K+c].
func fit(vs []vec, train []int, cw [][2]float64, k int, o options) ([]float64, []float64) {
	w := make([]float64, k<<o.bits)
	g := make([]float64, k<<o.bits)
	bias := make([]float64, k)
	gBias := make([]float64, k)
	rng := rand.New(rand.NewPCG(o.seed, o.seed^0x5DEECE66D))
	order := slices.Clone(train)
	m := make([]float64, k)
	grad := make([]float64, k)
	for epoch := 1; epoch <= o.epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var loss, weight float64
		for _, i := range order {
			v := &vs[i]
			labelled := v.pos | v.neg
			if labelled == 0 || len(v.buckets) == 0 {
				continue
			}
			clear(m)
			for _, b := range v.buckets {
				row := w[int(b)*k : int(b)*k+k]
				for c, x := range row {
					m[c] += x
				}
			}
			for c := range k {
				grad[c] = 0
				if !labelled.Has(c) || cw[c][0] == 0 {
					continue
				}
				y := 0.0
				if v.pos.Has(c) {
					y = 1
				}
				p := sigmoid(bias[c] + float64(v.scale)*m[c])
				ew := v.w * float64(v.mult[c]) * cw[c][int(y)]
				loss += ew * logloss(p, y)
				weight += ew
				grad[c] = ew * (p - y)
				gBias[c] += grad[c] * grad[c]
				bias[c] -= o.lr * grad[c] / math.Sqrt(gBias[c]+1e-8)
			}
			for _, b := range v.buckets {
				base := int(b) * k
				for c := range k {
					if grad[c] == 0 {
						continue
					}
					j := base + c
					gi := grad[c]*float64(v.scale) + o.l2*w[j]
					g[j] += gi * gi
					w[j] -= o.lr * gi / math.Sqrt(g[j]+1e-8)
				}
			}
		}
		slog.Info("epoch", "n", epoch, "train_loss", loss/weight)
	}
	return w, bias
}

// calibrate fits each category's Platt scaling per language on the calib
// split (languages as guessed at run time). Every source counts the same
// within its class, and the two classes the same: otherwise the largest
// source of easy counter-examples (Tatoeba's everyday sentences) would
// set the scale, and harder clean text (news, comments on touchy topics)
// would reach high scores. A language with fewer than minCalib examples
// of either class gets the pooled fit.
func calibrate(m *moderate.ClassifierModel, vs []vec, o options) {
	minCalib := o.minCalib
	k := m.K()
	margins := make([]float64, k)
	type point struct {
		m      float64
		y      bool
		lang   int
		source string
	}
	pts := make([][]point, k)
	feats := make([]moderate.ClassifierFeature, 0, 512)
	for _, v := range vs {
		if v.split != corpus.Calib || v.derived {
			continue
		}
		feats = feats[:0]
		for _, b := range v.buckets {
			feats = append(feats, moderate.ClassifierFeature{Bucket: b})
		}
		m.Margins(feats, margins)
		for c := range k {
			if v.pos.Has(c) || v.neg.Has(c) {
				pts[c] = append(pts[c], point{margins[c], v.pos.Has(c), v.lang, v.source})
			}
		}
	}
	for c := range k {
		fitOn := func(lang int) (moderate.Platt, bool) {
			var sel []point
			npos, nneg := 0, 0
			count := map[string]int{} // source + class
			key := func(p point) string { return fmt.Sprint(p.source, p.y) }
			for _, p := range pts[c] {
				if lang >= 0 && p.lang != lang {
					continue
				}
				sel = append(sel, p)
				count[key(p)]++
				if p.y {
					npos++
				} else {
					nneg++
				}
			}
			if npos < minCalib || nneg < minCalib {
				return moderate.Platt{}, false
			}
			ms := make([]float64, len(sel))
			ys := make([]bool, len(sel))
			ws := make([]float64, len(sel))
			for i, p := range sel {
				ms[i], ys[i], ws[i] = p.m, p.y, 1/float64(count[key(p)])
			}
			a, b := platt(ms, ys, ws)
			return moderate.Platt{A: a, B: b, Fitted: true}, true
		}
		pooled, ok := fitOn(-1)
		if !ok {
			pooled = moderate.Platt{A: 1}
		}
		for l := range m.Langs {
			p := pooled
			if l > 0 {
				if p, ok = fitOn(l); !ok {
					p = pooled
					p.Fitted = false
				}
			}
			if o.cleanGuard > 0 {
				var clean []float64
				for _, q := range pts[c] {
					if !q.y && cleanSources[q.source] && (l == 0 || q.lang == l) {
						clean = append(clean, q.m)
					}
				}
				p = guard(p, clean, o.cleanGuard)
			}
			m.Calib[c][l] = p
		}
	}
}

// cleanSources hold only clean everyday and news sentences.
var cleanSources = map[string]bool{"tatoeba": true, "leipzig": true}

// guard lowers a calibration's intercept, if need be, so that no more than
// the share eps of the clean margins reach score 0.5 at the default base
// rate (moderate.ClassifierConfig.BaseRate): the calibrated score of
// clean text, not the score of harmful text, decides where review starts
// when a language's held-out data make the fit too eager.
func guard(p moderate.Platt, clean []float64, eps float64) moderate.Platt {
	if len(clean) == 0 || p.A <= 0 {
		return p
	}
	slices.Sort(clean)
	// The margin that only eps of the clean texts reach (the highest one
	// with few clean texts).
	i := min(int(math.Floor(float64(len(clean))*(1-eps))), len(clean)-1)
	mq := clean[i]
	// score >= 0.5 at base rate r  ⟺  A*m + B >= -logit(r)
	limit := -logit(defaultBaseRate) - p.A*mq - 1e-6
	if p.B > limit {
		p.B = limit
		p.Guarded = true
	}
	return p
}

// defaultBaseRate is moderate.ClassifierConfig's default base rate.
const defaultBaseRate = 0.2

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func logloss(p, y float64) float64 {
	const eps = 1e-12
	if y > 0.5 {
		return -math.Log(p + eps)
	}
	return -math.Log(1 - p + eps)
}

// platt fits p = sigmoid(a*m + b) by damped Newton steps on the log
// loss with example weights ws, the positives and the negatives each
// weighing half in total, with Platt's target smoothing against
// over-confidence on separable data.
func platt(ms []float64, ys []bool, ws []float64) (float64, float64) {
	var npos, nneg, sumPos, sumNeg float64
	for i, y := range ys {
		if y {
			npos++
			sumPos += ws[i]
		} else {
			nneg++
			sumNeg += ws[i]
		}
	}
	tPos, tNeg := (npos+1)/(npos+2), 1/(nneg+2)
	target := func(i int) (float64, float64) {
		if ys[i] {
			return tPos, 0.5 * ws[i] / sumPos
		}
		return tNeg, 0.5 * ws[i] / sumNeg
	}
	loss := func(a, b float64) float64 {
		var l float64
		for i, m := range ms {
			t, w := target(i)
			z := a*m + b
			// log(1+e^z) - t*z, computed stably
			l += w * (math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) - t*z)
		}
		return l
	}
	a, b := 1.0, 0.0
	cur := loss(a, b)
	for it := 0; it < 100; it++ {
		var ga, gb, haa, hab, hbb float64
		for i, m := range ms {
			p := sigmoid(a*m + b)
			t, w := target(i)
			d := w * (p - t)
			ga += d * m
			gb += d
			s := w * p * (1 - p)
			haa += s * m * m
			hab += s * m
			hbb += s
		}
		haa += 1e-12
		hbb += 1e-12
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		step := 1.0
		for ; step > 1e-10; step /= 2 {
			if l := loss(a-step*da, b-step*db); l <= cur {
				a, b, cur = a-step*da, b-step*db, l
				break
			}
		}
		if step <= 1e-10 || math.Abs(step*da)+math.Abs(step*db) < 1e-10 {
			break
		}
	}
	return a, b
}

// printData prints the examples per source, language and split, with the
// positives and negatives of each category.
func printData(exs []corpus.Example) {
	type key struct {
		source, lang string
		split        corpus.Split
	}
	type count struct {
		n        int
		pos, neg [8]int
	}
	counts := map[key]*count{}
	var keys []key
	for _, ex := range exs {
		kk := key{ex.Source, ex.Lang, ex.Split}
		c := counts[kk]
		if c == nil {
			c = &count{}
			counts[kk] = c
			keys = append(keys, kk)
		}
		c.n++
		for i := range corpus.Categories {
			if ex.Pos.Has(i) {
				c.pos[i]++
			}
			if ex.Neg.Has(i) {
				c.neg[i]++
			}
		}
	}
	first := map[string]int{}
	for _, kk := range keys {
		if _, ok := first[kk.source]; !ok {
			first[kk.source] = len(first)
		}
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.source != b.source {
			return first[a.source] < first[b.source]
		}
		if a.lang != b.lang {
			return a.lang < b.lang
		}
		return a.split < b.split
	})
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', 0)
	var head []string
	for _, c := range corpus.Categories {
		head = append(head, string(c)+" +/-")
	}
	fmt.Fprintf(tw, "source\tlang\tsplit\tn\t%s\n", strings.Join(head, "\t"))
	for _, kk := range keys {
		c := counts[kk]
		var cells []string
		for i := range corpus.Categories {
			cells = append(cells, fmt.Sprintf("%d/%d", c.pos[i], c.neg[i]))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", kk.source, kk.lang, kk.split, c.n, strings.Join(cells, "\t"))
	}
	tw.Flush()
}

func printCalibration(m *moderate.ClassifierModel) {
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "calibration A,B (* pooled, g guarded)\t%s\n", strings.Join(m.Langs, "\t"))
	for c, cat := range m.Categories {
		var cells []string
		for _, p := range m.Calib[c] {
			mark := ""
			if !p.Fitted {
				mark = "*"
			}
			if p.Guarded {
				mark += "g"
			}
			cells = append(cells, fmt.Sprintf("%.2f,%.2f%s", p.A, p.B, mark))
		}
		fmt.Fprintf(tw, "%s\t%s\n", cat, strings.Join(cells, "\t"))
	}
	tw.Flush()
}

// dump writes the examples as TSV, categories as names joined by "+".
func dump(path string, exs []corpus.Example) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	set := func(s corpus.Set) string {
		var out []string
		for i, c := range corpus.Categories {
			if s.Has(i) {
				out = append(out, string(c))
			}
		}
		return strings.Join(out, "+")
	}
	for _, ex := range exs {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%v\t%s\n", ex.Split, ex.Source, ex.Lang, set(ex.Pos), set(ex.Neg), ex.Derived,
			strings.NewReplacer("\t", " ", "\n", " ").Replace(ex.Text))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func readModel(path string) (*moderate.ClassifierModel, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return moderate.ReadClassifierModel(f)
}
