package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/models"
)

// notesDevGlobs are the read note sets of the moderate stage, relative to
// the repository root (Options.Repo): the multilingual sets written blind
// from the category briefs and then read (dev-*.yaml), the team's note
// table, the team notes and the wide notes. The sealed blind-* sets beside
// them measure the models and are never read here.
var notesDevGlobs = []string{
	"stages/moderate/testdata/multilingual/dev-*.yaml",
	"stages/moderate/testdata/notes.yaml",
	"stages/moderate/testdata/teamnotes/*.yaml",
	"stages/moderate/testdata/widenotes/*.jsonl",
}

// readNotesDev reads the read note sets (notesDevGlobs) as examples of the
// categories they name, their innocent notes as counter-examples, the way
// readLongformDev reads the long-form sets. They are the only
// note-shaped harassment in the data: a person insulted, shamed, exposed
// or piled on, in every routed language, beside innocent notes with the
// same words (teasing, quoted abuse, reviews). The public sources'
// harassment is tweets and comments of another kind.
func readNotesDev(r *reader) error {
	var names []string
	for _, g := range notesDevGlobs {
		m, err := filepath.Glob(filepath.Join(r.opts.Repo, g))
		if err != nil {
			return err
		}
		names = append(names, m...)
	}
	if len(names) == 0 {
		return fmt.Errorf("no note sets under %s (Options.Repo: the repository root)", r.opts.Repo)
	}
	for _, name := range names {
		entries, err := readNoteSet(name)
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(name), err)
		}
		for i, e := range entries {
			if err := r.addNoteEntry(e); err != nil {
				return fmt.Errorf("%s: entry %d (%s): %w", filepath.Base(name), i+1, e.ID, err)
			}
		}
	}
	return nil
}

// readNoteSet reads one note set in any of the three formats the stage's
// tests read: a note table (id, lang, body, category), team notes (lang,
// labels, text) or wide notes (JSON lines of lang, label, text; label ok
// is innocent).
func readNoteSet(name string) ([]teamEntry, error) {
	if strings.HasSuffix(name, ".jsonl") {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		var out []teamEntry
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var w struct{ Lang, Label, Text string }
			if err := json.Unmarshal(sc.Bytes(), &w); err != nil {
				return nil, err
			}
			e := teamEntry{Lang: w.Lang, Body: w.Text, Category: w.Label}
			if w.Label == "ok" {
				e.Category = ""
			}
			out = append(out, e)
		}
		return out, sc.Err()
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		teamEntry `yaml:",inline"`
		Text      string   `yaml:"text"`
		Labels    []string `yaml:"labels"`
	}
	if err := yaml.Unmarshal(data, &rows); err != nil {
		return nil, err
	}
	out := make([]teamEntry, len(rows))
	for i, row := range rows {
		e := row.teamEntry
		if e.Body == "" {
			e.Body = row.Text
		}
		if len(row.Labels) > 0 {
			e.Category = strings.Join(row.Labels, "|")
		}
		out[i] = e
	}
	return out, nil
}

// addNoteEntry is addTeamEntry for the note sets, whose harmful notes
// may be of categories the models do not score (sexual_minors, illicit,
// pii): such a note is an example of none of them, and the abuse it may
// also be (a doxxing note is often harassment too) is left unlabelled.
func (r *reader) addNoteEntry(e teamEntry) error {
	var known, other []string
	for _, c := range strings.Split(e.Category, "|") {
		c = strings.TrimSpace(c)
		switch {
		case c == "" || c == "none":
		case slices.Contains(Categories, models.Category(c)):
			known = append(known, c)
		case models.Category(c).Valid():
			other = append(other, c)
		default:
			return fmt.Errorf("unknown category %q", c)
		}
	}
	// Doxxing is pii's (the PII detector and the pii rules read numbers,
	// addresses and plates): a note that publishes someone's details
	// teaches no model category, or the models would read every shop's
	// address and phone as an attack on someone.
	if slices.Contains(other, string(models.CategoryPII)) {
		known = nil
	}
	if len(known) == 0 && len(other) > 0 {
		text := collapse(e.Body)
		if text == "" {
			return fmt.Errorf("empty body")
		}
		lang := e.Lang
		if strings.HasPrefix(lang, "zh-") {
			lang = "zh"
		}
		r.add(text, lang, "", 0, abuseKinds|r.cueUnknown(text), -1)
		return nil
	}
	e.Category = strings.Join(known, "|")
	return r.addTeamEntry(e)
}
