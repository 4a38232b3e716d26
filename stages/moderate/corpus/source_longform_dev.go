package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/models"
)

// LongformDevDir is where the long-form development sets live, relative
// to the repository root (Options.Repo).
const LongformDevDir = "stages/moderate/testdata/longform"

// The long-form development sets (LongformDevDir/dev-*.yaml) are note
// tables written for this project by writers who saw neither the rules nor
// the models (that directory's BRIEF files), read and fitted by the rules
// after they were scored blind. They teach the intent models the same way
// as the team-written set: an entry with a category is an example of it,
// one without (category none, or a contrast) is innocent. The blind-*
// sets beside them measure the models and are never read here.
type longformEntry struct {
	ID       string `yaml:"id"`
	Lang     string `yaml:"lang"`
	Body     string `yaml:"body"`
	Category string `yaml:"category"`
}

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
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		var entries []longformEntry
		if err := yaml.Unmarshal(data, &entries); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(name), err)
		}
		for i, e := range entries {
			lang := e.Lang
			if strings.HasPrefix(lang, "zh") {
				lang = "zh"
			}
			if !slices.Contains(teamLanguages, lang) {
				return fmt.Errorf("%s: entry %d (%s): language %q is not one of %v", filepath.Base(name), i+1, e.ID, e.Lang, teamLanguages)
			}
			text := collapse(e.Body)
			if text == "" {
				return fmt.Errorf("%s: entry %d (%s): empty body", filepath.Base(name), i+1, e.ID)
			}
			if e.Category == "" || e.Category == "none" {
				r.add(text, lang, "", 0, r.cueUnknown(text), 0)
				continue
			}
			var pos Set
			for _, c := range strings.Split(e.Category, "|") {
				cat := models.Category(strings.TrimSpace(c))
				if !slices.Contains(Categories, cat) {
					return fmt.Errorf("%s: entry %d (%s): unknown category %q", filepath.Base(name), i+1, e.ID, c)
				}
				pos |= Of(cat)
			}
			r.add(text, lang, "", pos, (abuseKinds&^pos)|r.cueUnknown(text), 1)
		}
	}
	return nil
}
