// Package devnotes reads the team's development notes
// (stages/moderate/testdata/teamnotes, see its README): realistic notes in
// every category and language, each with every category that applies,
// written blind to the rules. The moderate package's tests and
// `notegate eval moderation` both read them through Load. It also reads
// the wide notes (LoadWide, widenotes.go), which the moderate package's
// tests and the models' corpus read alike.
package devnotes

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/models"
)

// Dir is the notes' folder relative to the repository root.
const Dir = "stages/moderate/testdata/teamnotes"

// Languages are the languages a note may be written in, as language
// identification names them.
var Languages = []string{"en", "zh-Hans", "zh-Hant", "es", "ja", "ko", "pt", "fr", "de"}

// Note is one development note.
type Note struct {
	// ID is LANG-FILE-LINE, e.g. fr-w1-0123: the note on line 123 of w1.yaml.
	ID   string `yaml:"-"`
	Lang string `yaml:"lang"`
	// Labels are every category that applies; none for an innocent note.
	Labels []models.Category `yaml:"labels"`
	// Support marks a person at risk of self-harm (not promotion).
	Support bool   `yaml:"support"`
	Text    string `yaml:"text"`
}

// Harmful reports whether the note carries a label.
func (n Note) Harmful() bool { return len(n.Labels) > 0 }

// Load reads every *.yaml file of dir; a missing dir is an error wrapping
// fs.ErrNotExist. A note with an unknown language or
// label, no text, or support without self_harm is an error.
func Load(dir string) ([]Note, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("devnotes: %w", err) // fs.ErrNotExist for a missing folder
		}
		return nil, fmt.Errorf("devnotes: no *.yaml under %s", dir)
	}
	var out []Note
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("devnotes: %w", err)
		}
		notes, err := Parse(data)
		if err != nil {
			return nil, fmt.Errorf("devnotes: %s: %w", f, err)
		}
		base := strings.TrimSuffix(filepath.Base(f), ".yaml")
		for i := range notes {
			notes[i].ID = fmt.Sprintf("%s-%s-%04d", notes[i].Lang, base, i+1)
		}
		out = append(out, notes...)
	}
	return out, nil
}

// Parse reads one file's notes.
func Parse(data []byte) ([]Note, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var notes []Note
	if err := dec.Decode(&notes); err != nil {
		return nil, err
	}
	for i, n := range notes {
		if !slices.Contains(Languages, n.Lang) {
			return nil, fmt.Errorf("note %d: language %q", i+1, n.Lang)
		}
		if strings.TrimSpace(n.Text) == "" {
			return nil, fmt.Errorf("note %d: no text", i+1)
		}
		for _, c := range n.Labels {
			if !c.Valid() {
				return nil, fmt.Errorf("note %d: label %q is not in the taxonomy", i+1, c)
			}
		}
		if n.Support && !slices.Contains(n.Labels, models.CategorySelfHarm) {
			return nil, fmt.Errorf("note %d: support without self_harm", i+1)
		}
	}
	return notes, nil
}
