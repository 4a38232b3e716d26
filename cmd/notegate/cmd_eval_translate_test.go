package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/notegate/notegate/internal/evaluation/translationeval"
)

// TestEvalTranslateCedict runs the command on a slice of the shared data
// with the offline gloss and checks the figures against floors measured
// on the full sets; it skips without the data.
func TestEvalTranslateCedict(t *testing.T) {
	data := "../../../shared/evaldata/translation"
	if _, err := os.Stat(data + "/flores200-devtest/eng_Latn.devtest"); err != nil {
		t.Skipf("no evaluation data: %v", err)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"eval", "translate", "--data", data, "--providers", "cedict-gloss", "--limit", "200"}, nil, &out, &errOut); err != nil {
		t.Fatalf("eval translate: %v\n%s", err, errOut.String())
	}
	t.Log("\n" + out.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var res struct {
		Eval    string                   `json:"eval"`
		Results []translationeval.Result `json:"results"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatalf("last line is not the JSON summary: %v", err)
	}
	got := map[string]translationeval.Result{}
	for _, r := range res.Results {
		got[r.Set+" "+r.From+"-"+r.To] = r
	}
	for key, floor := range map[string]struct{ bleu, chrf float64 }{
		"flores200-devtest zh-en": {3, 30},
		"flores200-devtest en-zh": {6, 10},
	} {
		r, ok := got[key]
		if !ok || r.Status != "ok" || r.Sentences != 200 {
			t.Errorf("%s: %+v", key, r)
			continue
		}
		if r.BLEU < floor.bleu || r.ChrF < floor.chrf {
			t.Errorf("%s: BLEU %.2f chrF %.2f, below the floors %.0f / %.0f", key, r.BLEU, r.ChrF, floor.bleu, floor.chrf)
		}
	}
	if _, ok := got["flores200-devtest en-es"]; ok {
		t.Error("cedict-gloss was scored on en→es, a pair it does not serve")
	}
}
