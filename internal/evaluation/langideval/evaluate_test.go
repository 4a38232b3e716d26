package langideval

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/notegate/notegate/stages/detect"
)

// evalDir is the shared evaluation data, beside the repository.
var evalDir = filepath.Join("..", "..", "..", "..", "shared", "evaldata", "langid")

var (
	evalOnce   sync.Once
	evalReport Report
	evalOut    string
	evalErr    error
)

// evaluated is the default detector's evaluation, run once for the tests
// that read it.
func evaluated(t *testing.T) (Report, string) {
	t.Helper()
	if _, err := os.Stat(evalDir); err != nil {
		t.Skipf("no evaluation data at %s", evalDir)
	}
	d, err := detect.New(detect.Config{})
	if err != nil {
		t.Fatal(err)
	}
	evalOnce.Do(func() {
		var out strings.Builder
		evalReport, evalErr = Evaluate(evalDir, d, &out)
		evalOut = out.String()
	})
	if evalErr != nil {
		t.Fatal(evalErr)
	}
	return evalReport, evalOut
}

func TestEvaluate(t *testing.T) {
	r, out := evaluated(t)
	t.Log("\n" + out)
	// Floors: measured figures minus a margin, so a regression fails.
	floors := map[string]float64{"single-words": 0.80, "word-pairs": 0.91, "sentences": 0.945}
	for set, floor := range floors {
		if got := r.Overall(set).Accuracy(); got < floor {
			t.Errorf("%s accuracy %.3f, floor %.3f", set, got, floor)
		}
	}
	if got := r.Tatoeba.DetectedZh.Accuracy(); got < 0.99 {
		t.Errorf("tatoeba Chinese detected as zh %.3f, floor 0.99", got)
	}
	if got := r.Tatoeba.EvidenceWithoutLabelErrors.Accuracy(); got < 0.95 {
		t.Errorf("Hans/Hant agreement on lines the characters decide, label errors aside: %.3f, floor 0.95", got)
	}
}

// TestEvaluateLinguaBaseline prints plain lingua-go's figures on the same
// sets, restricted to the default languages in high-accuracy mode: the bar
// the detector's accuracy is held to. It loads ~600 MB of models, so it
// runs only with NOTEGATE_LINGUA_BASELINE=1.
func TestEvaluateLinguaBaseline(t *testing.T) {
	if os.Getenv("NOTEGATE_LINGUA_BASELINE") == "" {
		t.Skip("set NOTEGATE_LINGUA_BASELINE=1 to build plain lingua-go")
	}
	if _, err := os.Stat(evalDir); err != nil {
		t.Skipf("no evaluation data at %s", evalDir)
	}
	var out strings.Builder
	_, err := EvaluateLingua(evalDir, detect.DefaultLanguages, &out)
	t.Log("\n" + out.String())
	if err != nil {
		t.Fatal(err)
	}
}
