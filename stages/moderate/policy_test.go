package moderate

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestPolicyParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, yaml string
		ok         bool
	}{
		{"the example policy parses", examplePolicy, true},
		{"a policy without version is rejected", "markets: {cn: {}}", false},
		{"a policy without markets is rejected", "version: v1", false},
		{"an unknown category is rejected", "version: v1\nmarkets: {cn: {thresholds: {politics: {review: 0.5}}}}", false},
		{"block below review is rejected", "version: v1\nmarkets: {cn: {thresholds: {spam: {review: 0.8, block: 0.5}}}}", false},
		{"a threshold above one is rejected", "version: v1\ndefaults: {spam: {review: 1.5}}\nmarkets: {cn: {}}", false},
		{"an unknown category in terms is rejected", "version: v1\nmarkets: {cn: {block_terms: {politics: [x]}}}", false},
		{"broken YAML is rejected", "version: [", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParsePolicy([]byte(tt.yaml))
			if (err == nil) != tt.ok {
				t.Errorf("ParsePolicy = %v", err)
			}
		})
	}
}

const examplePolicy = `
version: "test-2"
defaults:
  profanity: {review: 0.5, block: 0.9}
  spam: {review: 0.5, block: 0.9}
markets:
  cn:
    thresholds:
      profanity: {review: 0.2, block: 0.4}
    block_terms:
      illicit: ["代开发票", "forbidden phrase"]
    review_terms:
      spam: ["团购群"]
    allow_terms: ["shit happens"]
  intl: {}
`

func TestPolicyMarketTerms(t *testing.T) {
	t.Parallel()
	p, err := ParsePolicy([]byte(examplePolicy))
	if err != nil {
		t.Fatal(err)
	}
	s := newTestStage(t)
	if err := s.SetPolicy(p); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		body     string
		cn, intl models.Decision
	}{
		{"a market block term blocks only there", "专业代開發票", models.DecisionBlock, models.DecisionAllow},
		{"a market block term survives disguise", "a F.O.R.B.I.D.D.E.N phrase", models.DecisionBlock, models.DecisionAllow},
		{"a market review term reviews only there", "进团购群", models.DecisionReview, models.DecisionAllow},
		{"a market allow term forgives a finding only there", "well, shit happens. shit happens", models.DecisionAllow, models.DecisionReview},
		{"a lone oath outside the allow term is reviewed under a low threshold", "shit", models.DecisionReview, models.DecisionAllow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := s.Moderate(context.Background(), &models.Note{NoteEvent: models.NoteEvent{Body: tt.body}})
			if err != nil {
				t.Fatal(err)
			}
			if m.Markets["cn"] != tt.cn || m.Markets["intl"] != tt.intl || m.PolicyVersion != "test-2" {
				t.Errorf("cn %s intl %s version %s, want %s %s; labels %+v", m.Markets["cn"], m.Markets["intl"], m.PolicyVersion, tt.cn, tt.intl, m.Labels)
			}
		})
	}
}

func TestStageLoadsPolicyFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "policy.yaml")
	if err := os.WriteFile(path, []byte(examplePolicy), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{PolicyFile: path})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Policy().Version; got != "test-2" {
		t.Errorf("version %q", got)
	}
	if err := s.SetPolicy(&Policy{Version: "raw"}); err == nil {
		t.Error("SetPolicy accepted an uncompiled policy")
	}
}

func TestDefaultPolicyCoversTaxonomy(t *testing.T) {
	t.Parallel()
	p, err := DefaultPolicy()
	if err != nil {
		t.Fatal(err)
	}
	if got := p.MarketNames(); len(got) != 2 || got[0] != "cn" || got[1] != "intl" {
		t.Errorf("markets %v", got)
	}
	for _, c := range models.Categories {
		if _, ok := p.Defaults[c]; !ok {
			t.Errorf("no default thresholds for %s", c)
		}
	}
}
