package corpus

import (
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// LongformDevDir is where the long-form development sets live, relative
// to the repository root (Options.Repo).
const LongformDevDir = "stages/moderate/testdata/longform"

// readLongformDev reads the long-form development sets
// (LongformDevDir/dev-*.yaml): note tables written for this project by writers who saw neither the rules nor
// the models (that directory's BRIEF files), read and fitted by the rules
// after they were scored blind. They teach the intent models the same way
// as the team-written set: an entry with a category is an example of it,
// one without (category none, or a contrast) is innocent. The blind-*
// sets beside them measure the models and are never read here.
func readLongformDev(r *reader) error {
	dir := filepath.Join(r.opts.Repo, LongformDevDir)
	names, err := filepath.Glob(filepath.Join(dir, "dev-*.yaml"))
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("no dev-*.yaml in %s (Options.Repo: the repository root)", dir)
	}
	for _, name := range names {
		entries, err := readTeamTable(name)
		if err != nil {
			return err
		}
		for i, e := range entries {
			if err := r.addTeamEntry(e); err != nil {
				return fmt.Errorf("%s: entry %d (%s): %w", filepath.Base(name), i+1, e.ID, err)
			}
		}
	}
	return nil
}

// readTeamTable reads one note table (a YAML list of id, lang, body and
// category), as the long-form and multilingual sets and the note table
// write them.
func readTeamTable(name string) ([]teamEntry, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var entries []teamEntry
	if err := yaml.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(name), err)
	}
	return entries, nil
}
