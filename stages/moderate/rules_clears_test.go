package moderate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

// clearsTestRules are the rules of TestClearingRules: one clears rule that
// reads "ranked" beside "kill" as banter unless a knife is there, and,
// apart, a rule that reports.
const clearsTestRules = `
rules:
  - id: banter
    clears: true
    all: [[ranked], [kill]]
    none: [knife]
    hit: ["in ranked I'll kill you"]
    miss: ["in ranked I'll kill you, I have a knife"]
  - id: reported-threat
    score: 0.9
    all: [[threat], [kill]]
    hit: ["a threat: I'll kill you"]
`

func TestClearingRules(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "violence.en.yaml"), []byte(clearsTestRules), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{RulesDir: dir, Campaign: CampaignConfig{Disabled: true}, Velocity: VelocityConfig{Disabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body string
		stopped    bool     // not allowed in any market; else allowed in every one
		labels     []string // "category source", in any order
	}{
		{"a lexicon threat in a game sentence is cleared and leaves no label",
			"bro in ranked I'm gonna kill you lol", false, nil},
		{"a veto of the clearing rule keeps the lexicon threat",
			"bro in ranked I'm gonna kill you, I have a knife", true, []string{"violence lexicon"}},
		{"a threat in another sentence than the game is not cleared",
			"we lost in ranked again. I'm gonna kill you tomorrow", true, []string{"violence lexicon"}},
		{"rules are never cleared: they have their own vetoes",
			"a threat in ranked: I'm gonna kill you", true, []string{"violence rules"}},
		{"a clearing rule clears only its own category",
			"in ranked you should just kill yourself", true, []string{"harassment lexicon"}},
	}
	if len(s.Policy().MarketNames()) == 0 {
		t.Fatal("the default policy has no markets")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := s.Moderate(context.Background(), &models.Note{NoteEvent: models.NoteEvent{NoteID: "n", Body: tt.body}, Language: models.Language{Code: "en"}})
			if err != nil {
				t.Fatal(err)
			}
			for market, d := range m.Markets {
				if (d != models.DecisionAllow) != tt.stopped {
					t.Errorf("%s: %s, want stopped %t", market, d, tt.stopped)
				}
			}
			var got []string
			for _, l := range m.Labels {
				got = append(got, string(l.Category)+" "+l.Source)
			}
			if strings.Join(sorted(got), ",") != strings.Join(sorted(tt.labels), ",") {
				t.Errorf("labels %v, want %v", got, tt.labels)
			}
		})
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
