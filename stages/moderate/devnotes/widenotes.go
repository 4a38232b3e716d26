package devnotes

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/notegate/notegate/models"
)

// WideDir is the wide notes' folder relative to the repository root
// (stages/moderate/testdata/widenotes, see its README): notes written in
// every language with the widest vocabulary their writers could, as JSON
// lines.
const WideDir = "stages/moderate/testdata/widenotes"

// WideNote is one wide note. A harmful note has its category as Label; an
// innocent one has Label "ok" and, as Contrast, the category whose words
// it shares.
type WideNote struct {
	// ID is LANG-FILE-LINE, e.g. de-w2.jsonl-17.
	ID       string `json:"-"`
	Lang     string `json:"lang"`
	Label    string `json:"label"`
	Contrast string `json:"contrast"`
	Text     string `json:"text"`
}

// Harmful reports whether the note is labelled with a category.
func (n WideNote) Harmful() bool { return n.Label != "ok" }

// LoadWide reads every *.jsonl file of dir, in name order. A line that is
// no JSON or whose label is neither "ok" nor a category is an error.
func LoadWide(dir string) ([]WideNote, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("devnotes: no *.jsonl under %s", dir)
	}
	slices.Sort(names)
	var out []WideNote
	for _, name := range names {
		notes, err := readWide(name)
		if err != nil {
			return nil, fmt.Errorf("devnotes: %w", err)
		}
		out = append(out, notes...)
	}
	return out, nil
}

func readWide(name string) ([]WideNote, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []WideNote
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var n WideNote
		if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if n.Harmful() && !models.Category(n.Label).Valid() {
			return nil, fmt.Errorf("%s:%d: label %q", name, line, n.Label)
		}
		n.ID = fmt.Sprintf("%s-%s-%d", n.Lang, filepath.Base(name), line)
		out = append(out, n)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}
