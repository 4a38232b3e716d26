// Command train builds the abuse classifier's model (stages/moderate/model)
// from COLD (Chinese) and Davidson et al. (English): logistic regression
// over the hashed features of moderate.AbuseFeatures, trained with AdaGrad
// and L2, classes balanced per source, calibrated (Platt) and thresholded
// on COLD's development set. It is deterministic: the same data, flags and
// seed give the same bytes.
//
//	go run ./stages/moderate/internal/train \
//	    -cold ../shared/evaldata/moderation/cold \
//	    -davidson ../shared/evaldata/moderation/davidson-en \
//	    -clean ../shared/evaldata/langid/tatoeba \
//	    -out stages/moderate/model/abuse.bin.gz
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/notegate/notegate/stages/moderate"
)

type options struct {
	cold, davidson, clean, out string
	bits                       uint
	epochs                     int
	lr, l2                     float64
	cleanWeight                float64
	englishWeight              float64
	seed                       uint64
	fpCheck                    string
}

func main() {
	var o options
	flag.StringVar(&o.cold, "cold", "../shared/evaldata/moderation/cold", "COLD directory (train.csv, dev.csv)")
	flag.StringVar(&o.davidson, "davidson", "../shared/evaldata/moderation/davidson-en", "Davidson et al. directory (labeled_data.csv); empty skips English")
	flag.StringVar(&o.clean, "clean", "../shared/evaldata/langid/tatoeba", "Tatoeba directory (eng-zho.eng, eng-zho.zho) of everyday sentences used as non-abusive examples; empty skips them")
	flag.StringVar(&o.out, "out", "stages/moderate/model/abuse.bin.gz", "model file to write; empty writes none")
	flag.UintVar(&o.bits, "bits", 21, "log2 of the number of feature buckets")
	flag.IntVar(&o.epochs, "epochs", 6, "passes over the training data")
	flag.Float64Var(&o.lr, "lr", 0.1, "AdaGrad learning rate")
	flag.Float64Var(&o.l2, "l2", 1e-6, "L2 penalty per update")
	flag.Float64Var(&o.cleanWeight, "clean-weight", 0.3, "total weight of the clean sentences relative to COLD's")
	flag.Float64Var(&o.englishWeight, "english-weight", 0.6, "total weight of Davidson relative to COLD's")
	flag.Uint64Var(&o.seed, "seed", 1, "shuffling seed")
	flag.StringVar(&o.fpCheck, "fp-check", "", "comma-separated files of clean text (one a line) whose flagged share is reported per threshold; never trained on")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

// vec is one example's features: buckets (with repeats) and a label.
type vec struct {
	buckets []uint32
	scale   float32
	y       float64
	w       float64
}

func featurize(exs []example, bits uint) []vec {
	out := make([]vec, len(exs))
	var buf []moderate.AbuseFeature
	for i, ex := range exs {
		buf = moderate.AbuseFeatures(moderate.NewText("body", ex.text), bits, buf[:0])
		b := make([]uint32, len(buf))
		for k, f := range buf {
			b[k] = f.Bucket
		}
		sort.Slice(b, func(i, j int) bool { return b[i] < b[j] }) // memory order
		y := 0.0
		if ex.label {
			y = 1
		}
		s := float32(0)
		if len(b) > 0 {
			s = float32(1 / math.Sqrt(float64(len(b))))
		}
		out[i] = vec{buckets: b, scale: s, y: y, w: ex.weight}
	}
	return out
}

// balance scales weights so that each source's positive and negative
// weights are equal and the source's total is total.
func balance(exs []example, total float64) {
	var pos, neg float64
	for _, e := range exs {
		if e.label {
			pos += e.weight
		} else {
			neg += e.weight
		}
	}
	for i := range exs {
		switch {
		case exs[i].label && pos > 0:
			exs[i].weight *= total / 2 / pos
		case !exs[i].label && neg > 0:
			exs[i].weight *= total / 2 / neg
		}
	}
}

func run(o options) error {
	start := time.Now()
	lex, err := moderate.DefaultLexiconDetector()
	if err != nil {
		return err
	}
	coldTrain, err := readCOLD(filepath.Join(o.cold, "train.csv"))
	if err != nil {
		return err
	}
	coldDev, err := readCOLD(filepath.Join(o.cold, "dev.csv"))
	if err != nil {
		return err
	}
	balance(coldTrain, float64(len(coldTrain)))
	train := coldTrain
	var enHeld []example
	if o.davidson != "" {
		en, held, st, err := readDavidson(filepath.Join(o.davidson, "labeled_data.csv"), lex)
		if err != nil {
			return err
		}
		slog.Info("davidson", "by_class", st.byClass, "kept", st.kept, "dialect_rewritten", st.dialectRewritten,
			"excluded_class0_reclaimed_only", st.excludedReclaimed0, "excluded_class1_profanity_only", st.excludedProfanity1, "excluded_class1_no_cue", st.excludedNoCue1)
		balance(en, o.englishWeight*float64(len(coldTrain)))
		train = append(train, en...)
		enHeld = held
	}
	if o.clean != "" {
		clean, err := readClean(o.clean, lex)
		if err != nil {
			return err
		}
		balance(clean, o.cleanWeight*float64(len(coldTrain)))
		train = append(train, clean...)
	}
	slog.Info("data", "train", len(train), "cold_dev", len(coldDev), "davidson_held", len(enHeld))

	trainV := featurize(train, o.bits)
	devV := featurize(coldDev, o.bits)
	enV := featurize(enHeld, o.bits)
	featTime := time.Since(start)

	n := 1 << o.bits
	w := make([]float64, n)
	g := make([]float64, n)
	var bias, gBias float64
	rng := rand.New(rand.NewPCG(o.seed, o.seed^0x5DEECE66D))
	order := make([]int, len(trainV))
	for i := range order {
		order[i] = i
	}
	margin := func(v vec) float64 {
		var s float64
		for _, b := range v.buckets {
			s += w[b]
		}
		return bias + float64(v.scale)*s
	}
	for epoch := 1; epoch <= o.epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var loss float64
		for _, i := range order {
			v := trainV[i]
			m := margin(v)
			p := sigmoid(m)
			loss += v.w * logloss(p, v.y)
			grad := v.w * (p - v.y)
			gs := grad * float64(v.scale)
			for _, b := range v.buckets {
				gi := gs + o.l2*w[b]
				g[b] += gi * gi
				w[b] -= o.lr * gi / math.Sqrt(g[b]+1e-8)
			}
			gBias += grad * grad
			bias -= o.lr * grad / math.Sqrt(gBias+1e-8)
		}
		acc, _ := bestAccuracy(devV, margin)
		slog.Info("epoch", "n", epoch, "train_loss", loss/float64(len(order)), "cold_dev_acc_at_0", accuracyAt(devV, margin, 0), "cold_dev_best_acc", acc)
	}
	trainTime := time.Since(start) - featTime

	// Quantize, then calibrate and threshold on the quantized model so
	// the figures are the shipped model's.
	wf := make([]float32, n)
	for i, x := range w {
		wf[i] = float32(x)
	}
	model, err := moderate.NewAbuseModel("abuse-v1", wf, float32(bias), 1, 0, 0.5)
	if err != nil {
		return err
	}
	qmargin := func(v vec) float64 {
		var s int64
		for _, b := range v.buckets {
			s += int64(model.Q[b])
		}
		return float64(model.Bias) + float64(model.Scale)*float64(v.scale)*float64(s)
	}
	a, c := platt(devV, qmargin)
	model.CalibA, model.CalibB = a, c
	_, thrMargin := bestAccuracy(devV, qmargin)
	model.Threshold = model.Calibrate(thrMargin)

	clf, err := moderate.NewClassifierFromModel(moderate.ClassifierConfig{}, model)
	if err != nil {
		return err
	}
	_ = clf
	fmt.Printf("features %.1fs, training %.1fs (%d epochs, %d examples, 2^%d buckets)\n",
		featTime.Seconds(), trainTime.Seconds(), o.epochs, len(trainV), o.bits)
	fmt.Printf("calibration: A=%.4f B=%.4f; threshold: score %.3f (margin %.3f)\n", a, c, model.Threshold, thrMargin)
	report("COLD dev", devV, qmargin, thrMargin)
	report("COLD dev @0.5", devV, qmargin, (logit(0.5)-c)/a)
	if len(enV) > 0 {
		report("Davidson held-out", enV, qmargin, thrMargin)
	}
	var cleanV [][]vec
	var cleanNames []string
	for _, name := range strings.Split(o.fpCheck, ",") {
		if name == "" {
			continue
		}
		lines, err := readLines(name)
		if err != nil {
			return err
		}
		exs := make([]example, len(lines))
		for i, l := range lines {
			exs[i] = example{text: l}
		}
		cleanV = append(cleanV, featurize(exs, o.bits))
		cleanNames = append(cleanNames, filepath.Base(name))
	}
	fmt.Printf("score  COLD-dev-acc  COLD-dev-recall  %s\n", strings.Join(cleanNames, "  "))
	for _, s := range []float64{0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95} {
		t := (logit(s) - c) / a
		fmt.Printf("%.2f   %.4f        %.4f          ", s, accuracyAt(devV, qmargin, t), recallAt(devV, qmargin, t))
		for _, cv := range cleanV {
			fmt.Printf("%.4f  ", 1-accuracyAt(cv, qmargin, t))
		}
		fmt.Println()
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

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
func logit(p float64) float64   { return math.Log(p / (1 - p)) }

func logloss(p, y float64) float64 {
	const eps = 1e-12
	if y > 0.5 {
		return -math.Log(p + eps)
	}
	return -math.Log(1 - p + eps)
}

func recallAt(vs []vec, margin func(vec) float64, thr float64) float64 {
	tp, pos := 0, 0
	for _, v := range vs {
		if v.y > 0.5 {
			pos++
			if margin(v) >= thr {
				tp++
			}
		}
	}
	return float64(tp) / float64(max(pos, 1))
}

func accuracyAt(vs []vec, margin func(vec) float64, thr float64) float64 {
	ok := 0
	for _, v := range vs {
		if (margin(v) >= thr) == (v.y > 0.5) {
			ok++
		}
	}
	return float64(ok) / float64(len(vs))
}

// bestAccuracy returns the best accuracy over thresholds and the margin
// threshold reaching it (midway between neighbouring margins).
func bestAccuracy(vs []vec, margin func(vec) float64) (float64, float64) {
	type sm struct {
		m float64
		y bool
	}
	ms := make([]sm, len(vs))
	pos := 0
	for i, v := range vs {
		ms[i] = sm{margin(v), v.y > 0.5}
		if ms[i].y {
			pos++
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].m < ms[j].m })
	// Threshold below ms[k]: everything from k up is positive.
	correct := pos // threshold below all: all predicted positive
	best, bestK := correct, 0
	for k := 0; k < len(ms); k++ {
		if ms[k].y {
			correct--
		} else {
			correct++
		}
		if correct > best {
			best, bestK = correct, k+1
		}
	}
	var thr float64
	switch {
	case bestK == 0:
		thr = ms[0].m - 1
	case bestK == len(ms):
		thr = ms[len(ms)-1].m + 1
	default:
		thr = (ms[bestK-1].m + ms[bestK].m) / 2
	}
	return float64(best) / float64(len(ms)), thr
}

// platt fits p = sigmoid(a*m + b) by Newton's method on the log loss.
func platt(vs []vec, margin func(vec) float64) (float64, float64) {
	ms := make([]float64, len(vs))
	for i, v := range vs {
		ms[i] = margin(v)
	}
	a, b := 1.0, 0.0
	for it := 0; it < 50; it++ {
		var ga, gb, haa, hab, hbb float64
		for i, v := range vs {
			p := sigmoid(a*ms[i] + b)
			d := p - v.y
			ga += d * ms[i]
			gb += d
			s := p * (1 - p)
			haa += s * ms[i] * ms[i]
			hab += s * ms[i]
			hbb += s
		}
		haa += 1e-9
		hbb += 1e-9
		det := haa*hbb - hab*hab
		if det == 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a -= da
		b -= db
		if math.Abs(da)+math.Abs(db) < 1e-10 {
			break
		}
	}
	return a, b
}

func report(name string, vs []vec, margin func(vec) float64, thr float64) {
	var tp, fp, tn, fn int
	for _, v := range vs {
		pred := margin(v) >= thr
		switch {
		case pred && v.y > 0.5:
			tp++
		case pred:
			fp++
		case v.y > 0.5:
			fn++
		default:
			tn++
		}
	}
	p := float64(tp) / math.Max(1, float64(tp+fp))
	r := float64(tp) / math.Max(1, float64(tp+fn))
	f1 := 2 * p * r / math.Max(1e-12, p+r)
	fmt.Printf("%-20s n=%5d accuracy %.4f precision %.4f recall %.4f F1 %.4f\n",
		name, len(vs), float64(tp+tn)/float64(len(vs)), p, r, f1)
}
