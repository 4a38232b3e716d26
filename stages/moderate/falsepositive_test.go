package moderate

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/notegate/notegate/models"
)

// evalDir is the shared evaluation data beside the repository.
func evalDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../../shared/evaldata")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("evaluation data missing: %v", err)
		}
		t.Skipf("evaluation data missing: %v", err)
	}
	return dir
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if sc.Text() != "" {
			out = append(out, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCleanTextStaysAllowed measures how much clean text (news-style
// sentences, everyday dialogue) leaves allow, and bounds it. The bounds are
// the measured rates with a little headroom, so a lexicon change that adds
// false positives fails here.
func TestCleanTextStaysAllowed(t *testing.T) {
	t.Parallel()
	dir := evalDir(t)
	s := newTestStage(t)
	// maxRate bounds notes leaving allow for any reason; maxLexicon bounds
	// those a lexicon term took out of allow, the rules' own false
	// positives. Measured figures are in the comments.
	tests := []struct {
		name                string
		file                string
		maxRate, maxLexicon float64
	}{
		// Leipzig news-corpus sentences, Simplified Chinese: 1/729, a quoted
		// 他妈的 (real profanity, reviewed in cn).
		{"Chinese news sentences stay allowed", "langid/lingua/sentences/zh.txt", 0.003, 0.003},
		// Tatoeba dialogue, Simplified and Traditional Chinese: 11/10390 at
		// round 23, every one real swearing, an insult or a threat (操你媽,
		// 去死, 他会杀了你, 你想死在這裡嗎, 屌你老母); the eleventh is a Cantonese
		// film line read as the threat it is once written Cantonese folds to
		// Mandarin (咪郁！你行一步我就殺咗你！), so the bound is eleven.
		{"Chinese everyday sentences stay allowed", "langid/tatoeba/eng-zho.zho", 0.0011, 0.001},
		// FLORES news sentences, Simplified and (independently translated)
		// Traditional Chinese: 0/1012 each.
		{"Chinese Simplified FLORES news stays allowed", "translation/flores200-devtest/zho_Hans.devtest", 0.002, 0.002},
		{"Chinese Traditional FLORES news stays allowed", "translation/flores200-devtest/zho_Hant.devtest", 0.002, 0.002},
		// Tatoeba dialogue, English side: 27/10390, all real swearing,
		// threats or self-harm phrases (which cn reviews by design) but
		// one ("Dick talks as if …", a name).
		{"English everyday sentences stay allowed", "langid/tatoeba/eng-zho.eng", 0.003, 0.003},
		// FLORES news sentences, English: 0/1012.
		{"English news sentences stay allowed", "translation/flores200-devtest/eng_Latn.devtest", 0.002, 0.002},
		// Leipzig web news, English: 7/1000, every one a real e-mail
		// address or phone number, which cn reviews by design; 0 lexicon.
		{"English news-corpus sentences stay allowed", "langid/lingua/sentences/en.txt", 0.01, 0.002},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			lines := readLines(t, filepath.Join(dir, tt.file))
			flagged, byLexicon := 0, 0
			for _, line := range lines {
				n := &models.Note{NoteEvent: models.NoteEvent{Body: line}}
				if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
					t.Fatal(err)
				}
				if n.Moderation.Decision != models.DecisionAllow {
					flagged++
					if decidedByLexicon(s.Policy(), n.Moderation) {
						byLexicon++
					}
					t.Logf("%s: %s %v", n.Moderation.Decision, line, n.Moderation.Labels)
				}
			}
			rate := float64(flagged) / float64(len(lines))
			lexRate := float64(byLexicon) / float64(len(lines))
			t.Logf("%d of %d left allow (%.4f), %d by a lexicon term (%.4f)", flagged, len(lines), rate, byLexicon, lexRate)
			if rate > tt.maxRate {
				t.Errorf("rate leaving allow %.4f above %.4f", rate, tt.maxRate)
			}
			if lexRate > tt.maxLexicon {
				t.Errorf("lexicon false-positive rate %.4f above %.4f", lexRate, tt.maxLexicon)
			}
		})
	}
}

// decidedByLexicon reports whether a lexicon label alone would take the
// note out of allow in some market.
func decidedByLexicon(p *Policy, m models.Moderation) bool {
	for _, l := range m.Labels {
		if l.Source != "lexicon" {
			continue
		}
		for _, market := range p.MarketNames() {
			if p.thresholds(market, l.Category).decide(l.Score) != models.DecisionAllow {
				return true
			}
		}
	}
	return false
}
