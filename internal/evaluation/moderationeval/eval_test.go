package moderationeval

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate"
)

func TestEvalAUPRC(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		xs   []scored
		want float64
	}{
		// Positives at ranks 1 and 3 of 4: precision 1 at recall 0.5, 2/3
		// at recall 1.
		{"average precision weighs each positive's precision by the recall it adds",
			[]scored{{0.9, true}, {0.8, false}, {0.7, true}, {0.6, false}}, 0.5*1 + 0.5*2.0/3},
		{"a perfect ranking scores one", []scored{{0.9, true}, {0.1, false}}, 1},
		{"the worst ranking of one positive in three scores a third", []scored{{0.9, false}, {0.8, false}, {0.1, true}}, 1.0 / 3},
		{"tied scores enter together", []scored{{0.5, true}, {0.5, false}}, 0.5},
		{"the order of the input does not matter", []scored{{0.6, false}, {0.7, true}, {0.8, false}, {0.9, true}}, 0.5*1 + 0.5*2.0/3},
		{"no positives scores zero", []scored{{0.9, false}}, 0},
		{"no examples scores zero", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := auprc(tt.xs); math.Abs(got-tt.want) > 1e-12 {
				t.Fatalf("auprc(%v) = %v, want %v", tt.xs, got, tt.want)
			}
		})
	}
}

func TestEvalBinaryScore(t *testing.T) {
	t.Parallel()
	var s binaryScore
	for range 3 {
		s.add(true, true)
	}
	s.add(true, false)
	for range 2 {
		s.add(false, true)
	}
	for range 4 {
		s.add(false, false)
	}
	// tp 3, fp 1, fn 2, tn 4
	checks := []struct {
		name      string
		got, want float64
	}{
		{"precision is tp over flagged", s.precision(), 0.75},
		{"recall is tp over positives", s.recall(), 0.6},
		{"F1 is their harmonic mean", s.f1(), 2 * 0.75 * 0.6 / 1.35},
		{"accuracy is right over all", s.accuracy(), 0.7},
		{"the flagged share is flagged over all", s.flaggedShare(), 0.4},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	var empty binaryScore
	if empty.precision() != 0 || empty.recall() != 0 || empty.f1() != 0 || empty.accuracy() != 0 {
		t.Error("an empty score must give zeros, not NaN")
	}
}

func TestEvalStageCategories(t *testing.T) {
	t.Parallel()
	p, err := moderate.DefaultPolicy()
	if err != nil {
		t.Fatal(err)
	}
	m := models.Moderation{Labels: []models.Label{
		{Category: models.CategoryHate, Score: 0.6},
		{Category: models.CategoryProfanity, Score: 0.6},
		{Category: models.CategorySpam, Score: 0.2},
	}}
	tests := []struct {
		name   string
		market string
		want   map[models.Category]bool
	}{
		{"cn reviews profanity from 0.3", "cn", map[models.Category]bool{models.CategoryHate: true, models.CategoryProfanity: true}},
		{"intl allows profanity below 0.75", "intl", map[models.Category]bool{models.CategoryHate: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := stageCategories(p, m, tt.market)
			if len(got) != len(tt.want) {
				t.Fatalf("stageCategories in %s = %v, want %v", tt.market, got, tt.want)
			}
			for c := range tt.want {
				if !got[c] {
					t.Fatalf("stageCategories in %s = %v, want %v", tt.market, got, tt.want)
				}
			}
		})
	}
}

func TestEvalDevNotes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notes := `- {lang: en, labels: [illicit], text: "selling glock 19 dm me, cash only"}
- {lang: en, labels: [violence], text: "a note no rule knows"}
- {lang: en, labels: [], text: "my sourdough finally rose"}
`
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(notes), 0o644); err != nil {
		t.Fatal(err)
	}
	stage, err := moderate.New(moderate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	ev := &moderationEval{ctx: context.Background(), stage: stage, out: &out, summary: map[string]any{}}
	if err := ev.devNotes(dir); err != nil {
		t.Fatal(err)
	}
	got := ev.summary["dev_notes"].(map[string]any)
	illicit, ok := got["illicit/en"].(map[string]any)
	if !ok || illicit["r"] != 1.0 || illicit["pos"] != 1 {
		t.Fatalf("illicit/en = %v, want recall 1 of 1 positive\n%s", got["illicit/en"], out.String())
	}
	violence, ok := got["violence/en"].(map[string]any)
	if !ok || violence["r"] != 0.0 {
		t.Fatalf("violence/en = %v, want recall 0\n%s", got["violence/en"], out.String())
	}
	if got["innocent_flagged/en"] != 0.0 {
		t.Fatalf("innocent flagged %v, want 0", got["innocent_flagged/en"])
	}

	var absent bytes.Buffer
	ev = &moderationEval{ctx: context.Background(), stage: stage, out: &absent, summary: map[string]any{}}
	if err := ev.devNotes(filepath.Join(dir, "missing")); err != nil || !strings.Contains(absent.String(), "absent") {
		t.Fatalf("a missing folder: error %v, output %q; want it reported as absent", err, absent.String())
	}
}
