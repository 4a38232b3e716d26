package moderationeval

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notegate/notegate/stages/moderate"
	"github.com/notegate/notegate/stages/moderate/corpus"
)

func TestEvalEverydayPostsCountsWhatIsStoppedForMoreThanSwearing(t *testing.T) {
	t.Parallel()
	// Harmless SMS in the dev split, one of them a threat the annotators
	// let through; spam is harmful and left out.
	var lines []string
	var innocent int
	for i := 0; innocent < 5; i++ {
		text := fmt.Sprintf("see you at the bus stop at %d, bring the umbrella", i)
		if corpus.InDev(text) {
			lines = append(lines, "ham\t"+text)
			innocent++
		}
	}
	var threat string
	for i := 0; threat == ""; i++ {
		text := fmt.Sprintf("I will kill you tonight, I know where you live %d", i)
		if corpus.InDev(text) {
			threat = text
		}
	}
	lines = append(lines, "ham\t"+threat, "spam\tWINNER!! claim your prize now, text WIN to 80086")
	root := t.TempDir()
	dir := filepath.Join(root, "moderation-train", "sms_spam_collection_en")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "SMSSpamCollection"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stage, err := moderate.New(moderate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	ev := &moderationEval{ctx: context.Background(), stage: stage, out: &out, summary: map[string]any{}}
	if err := ev.social(root); err != nil {
		t.Fatal(err)
	}
	got := ev.summary["everyday_posts_leaving_allow"].(map[string]any)
	en, ok := got["en"].(map[string]float64)
	if !ok || en["n"] != 6 || en["not_swearing"] != round4(1.0/6) {
		t.Fatalf("en = %v, want 6 posts and 1 of 6 stopped for more than swearing\n%s", got["en"], out.String())
	}
	if !strings.Contains(out.String(), "(told_br)") || !strings.Contains(out.String(), "absent") {
		t.Fatalf("the missing sources are not reported as absent:\n%s", out.String())
	}
}
