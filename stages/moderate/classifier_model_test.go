package moderate

import (
	"bytes"
	"slices"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestAModelKeepsOnlyTheCategoriesItReports(t *testing.T) {
	t.Parallel()
	cats := []models.Category{models.CategoryHate, models.CategoryViolence, models.CategorySelfHarm}
	w := make([]float32, len(cats)<<4)
	for i := range w {
		w[i] = float32(i%7) - 3
	}
	m, err := NewClassifierModel("test", 4, cats, []string{"und", "en"}, w, []float32{0.1, 0.2, 0.3})
	if err != nil {
		t.Fatal(err)
	}
	m.Calib[2][1] = Platt{A: 2, B: -1, Fitted: true}
	kept, err := m.Keep([]models.Category{models.CategorySelfHarm, models.CategoryViolence})
	if err != nil {
		t.Fatal(err)
	}
	if kept.Stride != 2 || len(kept.Q) != 2<<4 {
		t.Fatalf("stride %d and %d weights, want 2 and %d", kept.Stride, len(kept.Q), 2<<4)
	}
	for b := range uint32(1 << 4) {
		if kept.Weight(b, 0) != m.Weight(b, 2) || kept.Weight(b, 1) != m.Weight(b, 1) {
			t.Fatalf("bucket %d: kept weights %v, %v; want %v, %v", b, kept.Weight(b, 0), kept.Weight(b, 1), m.Weight(b, 2), m.Weight(b, 1))
		}
	}
	if kept.Calib[0][1] != m.Calib[2][1] || kept.Bias[0] != m.Bias[2] {
		t.Errorf("self_harm's calibration or bias was not carried over")
	}
	var buf bytes.Buffer
	if _, err := kept.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadClassifierModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.Q, kept.Q) || back.Stride != 2 {
		t.Errorf("a two-category model did not survive writing and reading")
	}
	if _, err := m.Keep([]models.Category{models.CategorySpam}); err == nil {
		t.Errorf("keeping a category the model lacks gave no error")
	}
}
