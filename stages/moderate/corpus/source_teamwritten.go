package corpus

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/models"
)

// The team-written English set (teamwritten/*.yaml, in this repository) is
// what no open data set gives the classifier: people at risk who never say
// "suicide", content that eggs self-harm on, and violence as people write
// it (threats that name where the target parks, incitement, killers
// praised, hurting someone unseen, relished gore), beside innocent writing
// with the same words (news of attacks, grief, recovery, fiction and game
// talk, hunting, hyperbole). It was written for this project by writers who
// saw neither the rules nor the model; teamwritten/README.md says how.
//
// An entry names the categories it is an example of (category: violence,
// or hate|violence); abuse it might also be is left unlabelled, and every
// other category is a counter-example. An entry without a category is
// innocent: a counter-example of everything the lexicons do not find in it.
// The blind sets that measure the model are not here.

//go:embed teamwritten/*.yaml
var teamWritten embed.FS

type teamEntry struct {
	ID       string `yaml:"id"`
	Body     string `yaml:"body"`
	Category string `yaml:"category"`
	// Lang is the entry's language, one of teamLanguages (default en;
	// zh-Hans and zh-Hant are zh).
	Lang string `yaml:"lang"`
}

// teamLanguages are the languages the team-written sets are written in:
// the languages the moderate stage routes.
var teamLanguages = []string{"en", "zh", "es", "pt", "fr", "de", "ja", "ko"}

func readTeamWritten(r *reader) error {
	names, err := fs.Glob(teamWritten, "teamwritten/*.yaml")
	if err != nil {
		return err
	}
	for _, name := range names {
		data, err := teamWritten.ReadFile(name)
		if err != nil {
			return err
		}
		var entries []teamEntry
		if err := yaml.Unmarshal(data, &entries); err != nil {
			return fmt.Errorf("%s: %w", path.Base(name), err)
		}
		for i, e := range entries {
			if err := r.addTeamEntry(e); err != nil {
				return fmt.Errorf("%s: entry %d (%s): %w", path.Base(name), i+1, e.ID, err)
			}
		}
	}
	return nil
}

// addTeamEntry adds one entry of a team-written set or note table: an
// example of its categories (abuse it might also be left unlabelled, every
// other category a counter-example), or, without a category (or "none"),
// an innocent counter-example of everything the lexicons do not find in
// it. A language zh-Hans or zh-Hant is zh; none is en.
func (r *reader) addTeamEntry(e teamEntry) error {
	text := collapse(e.Body)
	if text == "" {
		return errors.New("empty body")
	}
	lang := e.Lang
	switch {
	case lang == "":
		lang = "en"
	case strings.HasPrefix(lang, "zh-"):
		lang = "zh"
	}
	if !slices.Contains(teamLanguages, lang) {
		return fmt.Errorf("language %q is not one of %v", e.Lang, teamLanguages)
	}
	if e.Category == "" || e.Category == "none" {
		r.add(text, lang, "", 0, r.cueUnknown(text), 0)
		return nil
	}
	var pos Set
	for _, c := range strings.Split(e.Category, "|") {
		cat := models.Category(strings.TrimSpace(c))
		if !slices.Contains(Categories, cat) {
			return fmt.Errorf("unknown category %q", c)
		}
		pos |= Of(cat)
	}
	r.add(text, lang, "", pos, (abuseKinds&^pos)|r.cueUnknown(text), 1)
	return nil
}
