package corpus

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate/devnotes"
)

// notesDevGlobs are the read note sets of the moderate stage, relative to
// the repository root (Options.Repo), in the order they are read: the
// multilingual sets written blind from the category briefs and then read
// (dev-*.yaml), the team's note table, and the team notes and the wide
// notes (devnotes.Dir and devnotes.WideDir, read by package devnotes). The sealed blind-* sets beside
// them measure the models and are never read here.
var notesDevGlobs = []string{
	"stages/moderate/testdata/multilingual/dev-*.yaml",
	"stages/moderate/testdata/notes.yaml",
	devnotes.Dir,
	devnotes.WideDir,
}

// readNotesDev reads the read note sets (notesDevGlobs) as examples of the
// categories they name, their innocent notes as counter-examples, the way
// readLongformDev reads the long-form sets. They are the only
// note-shaped harassment in the data: a person insulted, shamed, exposed
// or piled on, in every routed language, beside innocent notes with the
// same words (teasing, quoted abuse, reviews). The public sources'
// harassment is tweets and comments of another kind.
func readNotesDev(r *reader) error {
	for _, g := range notesDevGlobs {
		if g == devnotes.Dir {
			// The team notes, read and checked as their tests read them.
			team, err := devnotes.Load(filepath.Join(r.opts.Repo, g))
			if err != nil {
				return err
			}
			for _, n := range team {
				e := teamEntry{ID: n.ID, Lang: n.Lang, Body: n.Text}
				for _, c := range n.Labels {
					e.Category += "|" + string(c)
				}
				if err := r.addNoteEntry(e); err != nil {
					return fmt.Errorf("team note %s: %w", n.ID, err)
				}
			}
			continue
		}
		if g == devnotes.WideDir {
			wide, err := devnotes.LoadWide(filepath.Join(r.opts.Repo, g))
			if err != nil {
				return err
			}
			for _, n := range wide {
				e := teamEntry{ID: n.ID, Lang: n.Lang, Body: n.Text}
				if n.Harmful() {
					e.Category = n.Label
				}
				if err := r.addNoteEntry(e); err != nil {
					return fmt.Errorf("wide note %s: %w", n.ID, err)
				}
			}
			continue
		}
		names, err := filepath.Glob(filepath.Join(r.opts.Repo, g))
		if err != nil {
			return err
		}
		if len(names) == 0 {
			return fmt.Errorf("no %s under %s (Options.Repo: the repository root)", g, r.opts.Repo)
		}
		for _, name := range names {
			entries, err := readTeamTable(name)
			if err != nil {
				return err
			}
			for i, e := range entries {
				if err := r.addNoteEntry(e); err != nil {
					return fmt.Errorf("%s: entry %d (%s): %w", filepath.Base(name), i+1, e.ID, err)
				}
			}
		}
	}
	return nil
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
