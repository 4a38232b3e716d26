package langideval

import "testing"

// TestReliabilityIsMonotonic checks, on the held-out lines, that a higher
// confidence bucket is never much less accurate than a lower one and that
// the confidence is near the accuracy it promises: a threshold on it is
// then meaningful downstream.
func TestReliabilityIsMonotonic(t *testing.T) {
	r, _ := evaluated(t)
	const slack = 0.03 // bins of a few hundred answers wobble by this much
	best := 0.0
	for _, b := range r.Reliability {
		if b.Total < 100 {
			continue
		}
		if b.Accuracy() < best-slack {
			t.Errorf("bucket [%.2f, %.2f) is %.3f accurate, below a lower bucket's %.3f", b.Low, b.High, b.Accuracy(), best)
		}
		best = max(best, b.Accuracy())
	}
	if ece := ExpectedCalibrationError(r.Reliability); ece > 0.05 {
		t.Errorf("expected calibration error %.3f, want <= 0.05", ece)
	}
}

func TestFitLogisticRecoversASeparatingDirection(t *testing.T) {
	t.Parallel()
	var xs [][5]float64
	var ys []float64
	for i := 0; i < 400; i++ {
		m := float64(i%40) / 10 // margin 0 … 3.9
		y := 0.0
		if i%40 >= 20 || i%7 == 0 {
			y = 1
		}
		xs = append(xs, [5]float64{m, 0, 0, 0, 1})
		ys = append(ys, y)
	}
	w := fitLogistic(xs, ys)
	if w[0] <= 0 {
		t.Fatalf("margin weight %v, want positive: more margin, more often right", w[0])
	}
}
