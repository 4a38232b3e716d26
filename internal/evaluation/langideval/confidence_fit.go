package langideval

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/notegate/notegate/stages/detect"
)

// FitConfidence fits the confidence model of d's n-gram decisions on the
// even-numbered lines (0, 2, 4 …) of lingua's test sets in dir, leaving
// the odd ones to the reliability table of Evaluate. It returns the model
// and the number of decisions it was fitted on; New uses fittedConfidence,
// which is a copy of its output for detect.DefaultLanguages.
func FitConfidence(dir string, d *detect.Detector) (detect.ConfidenceModel, int, error) {
	var xs [][5]float64
	var ys []float64
	for _, set := range EvalSets {
		for _, lang := range d.Languages() {
			lines, err := readLines(filepath.Join(dir, "lingua", set, lang+".txt"))
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				return detect.ConfidenceModel{}, 0, fmt.Errorf("fit confidence: %w", err)
			}
			for i := 0; i < len(lines); i += 2 {
				e := d.Explain(lines[i])
				if !e.NGram {
					continue
				}
				xs = append(xs, e.ConfidenceFeatures)
				y := 0.0
				if e.Result.Code == lang {
					y = 1
				}
				ys = append(ys, y)
			}
		}
	}
	if len(xs) == 0 {
		return detect.ConfidenceModel{}, 0, fmt.Errorf("fit confidence: no n-gram decisions in %s", dir)
	}
	w := fitLogistic(xs, ys)
	return detect.ConfidenceModel{Margin: w[0], LogWords: w[1], LogLetters: w[2], Rule: w[3], Bias: w[4]}, len(xs), nil
}

// fitLogistic fits logistic regression weights by Newton's method, with a
// small ridge penalty so that separable data still converges.
func fitLogistic(xs [][5]float64, ys []float64) [5]float64 {
	const n, ridge = 5, 1e-3
	var w [n]float64
	for iter := 0; iter < 50; iter++ {
		var grad [n]float64
		var hess [n][n]float64
		for i, x := range xs {
			z := 0.0
			for j := range x {
				z += w[j] * x[j]
			}
			p := 1 / (1 + math.Exp(-z))
			for j := range x {
				grad[j] += (ys[i] - p) * x[j]
				for k := range x {
					hess[j][k] += p * (1 - p) * x[j] * x[k]
				}
			}
		}
		for j := 0; j < n; j++ {
			grad[j] -= ridge * w[j]
			hess[j][j] += ridge
		}
		step, ok := solve(hess, grad)
		if !ok {
			break
		}
		change := 0.0
		for j := range w {
			w[j] += step[j]
			change = math.Max(change, math.Abs(step[j]))
		}
		if change < 1e-6 {
			break
		}
	}
	return w
}

// solve solves a·x = b by Gaussian elimination with partial pivoting.
func solve(a [5][5]float64, b [5]float64) ([5]float64, bool) {
	const n = 5
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return b, false
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	var x [n]float64
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x, true
}
