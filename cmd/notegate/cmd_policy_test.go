package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notegate/notegate/stages/moderate"
)

// stricterPolicy is the embedded policy with intl reviewing all profanity
// and cn blocking "pineapple" as spam.
func stricterPolicy(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../stages/moderate/policy_default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, r := range [][2]string{
		{`version: "2025-06-rules-2"`, `version: "stricter-1"`},
		{"      profanity:  {review: 0.75, block: 0}", "      profanity:  {review: 0.2, block: 0}"},
		{"  cn:\n    thresholds:\n", "  cn:\n    block_terms:\n      spam: [pineapple]\n    thresholds:\n"},
	} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("default policy lacks %q", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	if _, err := moderate.ParsePolicy([]byte(s)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "new.yaml")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPolicyTestShowsChangedDecisions(t *testing.T) {
	t.Parallel()
	path := stricterPolicy(t)
	in := strings.Join([]string{
		`{"note_id":"a","version":1,"body":"this is shit"}`,
		`{"note_id":"b","version":1,"body":"I love pineapple pizza"}`,
		`{"note_id":"c","version":1,"body":"a lovely walk by the river"}`,
		`not json`,
	}, "\n")
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"policy", "test", "--policy", path}, strings.NewReader(in), &out, &errb); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var sum policySummary
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
		t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
	}
	if sum.Notes != 3 || sum.BadLines != 1 || sum.Changed != 2 || sum.NewVersion != "stricter-1" || sum.BaseVersion == "" {
		t.Errorf("summary %+v", sum)
	}
	if sum.Transitions["intl"]["allow→review"] != 1 || sum.Transitions["cn"]["allow→block"] != 1 {
		t.Errorf("transitions %v", sum.Transitions)
	}
	if sum.Categories["intl"]["profanity"] != 1 || sum.Categories["cn"]["spam"] != 1 {
		t.Errorf("categories %v", sum.Categories)
	}
	var changes []policyChange
	for _, l := range lines {
		var c policyChange
		if strings.HasPrefix(l, `{"note_id"`) && json.Unmarshal([]byte(l), &c) == nil {
			changes = append(changes, c)
		}
	}
	if len(changes) != 2 || changes[0].NoteID != "a" || changes[1].NoteID != "b" {
		t.Errorf("changes %+v", changes)
	}
}

func TestPolicyTestTriesARulesFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rules := "rules:\n  - id: pizza-spam\n    score: 0.9\n    all: [[pineapple], [pizza]]\n    hit: [pineapple pizza]\n"
	if err := os.WriteFile(filepath.Join(dir, "spam.en.yaml"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	in := `{"note_id":"b","version":1,"body":"I love pineapple pizza"}` + "\n" + `{"note_id":"c","version":1,"body":"a lovely walk"}`
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"policy", "test", "--rules", dir}, strings.NewReader(in), &out, &errb); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var sum policySummary
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
		t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
	}
	if sum.Notes != 2 || sum.Changed != 1 || sum.NewVersion != sum.BaseVersion {
		t.Errorf("summary %+v", sum)
	}
	if sum.Transitions["cn"]["allow→block"] != 1 || sum.Categories["cn"]["spam"] != 1 {
		t.Errorf("transitions %v, categories %v", sum.Transitions, sum.Categories)
	}
}
