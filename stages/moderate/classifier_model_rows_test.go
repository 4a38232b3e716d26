package moderate

import (
	"bytes"
	"slices"
	"testing"

	"github.com/notegate/notegate/models"
)

// sparseTestModel is a model of two categories and 2^10 buckets of which
// one in five has a weight.
func sparseTestModel(t *testing.T) *ClassifierModel {
	t.Helper()
	cats := []models.Category{models.CategoryViolence, models.CategorySelfHarm}
	w := make([]float32, len(cats)<<10)
	for b := 0; b < 1<<10; b += 5 {
		w[2*b], w[2*b+1] = float32(b%11)-5, float32(b%3)
	}
	m, err := NewClassifierModel("test", 10, cats, []string{"und"}, w, []float32{0.1, -0.2})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestAModelWithoutItsZeroRowsReadsTheSame(t *testing.T) {
	t.Parallel()
	dense := sparseTestModel(t)
	sparse := sparseTestModel(t)
	sparse.dropZeroRows()
	if sparse.present == nil || len(sparse.Q) >= len(dense.Q)/2 {
		t.Fatalf("zero rows kept: %d weights of %d", len(sparse.Q), len(dense.Q))
	}
	if err := sparse.validate(); err != nil {
		t.Fatal(err)
	}
	var feats []ClassifierFeature
	for b := range uint32(1 << 10) {
		for k := range 2 {
			if dense.Weight(b, k) != sparse.Weight(b, k) {
				t.Fatalf("bucket %d category %d: weight %v, want %v", b, k, sparse.Weight(b, k), dense.Weight(b, k))
			}
		}
		if b%3 == 0 {
			feats = append(feats, ClassifierFeature{Bucket: b})
		}
	}
	want, got := make([]float64, 2), make([]float64, 2)
	dense.Margins(feats, want)
	sparse.Margins(feats, got)
	if !slices.Equal(got, want) {
		t.Errorf("margins %v, want %v", got, want)
	}
	var a, b bytes.Buffer
	if _, err := dense.WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	if _, err := sparse.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the model without its zero rows writes another file")
	}
}

func TestAModelMostlyOfWeightsKeepsItsRows(t *testing.T) {
	t.Parallel()
	cats := []models.Category{models.CategoryViolence}
	w := make([]float32, 1<<8)
	for i := range w {
		w[i] = float32(i%5) - 2 // one bucket in five is zero
	}
	m, err := NewClassifierModel("test", 8, cats, []string{"und"}, w, []float32{0})
	if err != nil {
		t.Fatal(err)
	}
	m.dropZeroRows()
	if m.present != nil || len(m.Q) != 1<<8 {
		t.Errorf("a model of few zero rows was rewritten (%d weights)", len(m.Q))
	}
}
