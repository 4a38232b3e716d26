// Package corpus reads the public moderation data sets the classifier is
// trained and measured on (../shared/evaldata/moderation and
// moderation-train, clean sentences from langid/ and translation/) into one
// shape: a text, its language, and per category of the classifier whether
// it is an example of the category, a counter-example, or not labelled.
//
// Every source is split the same way for the training program
// (stages/moderate/internal/train) and `notegate eval moderation`: a hash
// of the example's group (its text, or the user or thread it came from
// where one author's texts must not straddle the split) puts it in train
// (70 %), calib (15 %: calibration) or dev (15 %: evaluation). Only the
// text, the labels and the language are read; user ids, names, genders,
// locations and dates are never loaded.
package corpus

import (
	"context"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"slices"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate"
)

// Categories are the categories the classifier learns, in model order.
// sexual_minors and illicit have no open data and pii is a pattern
// matter: rules cover them.
var Categories = []models.Category{
	models.CategoryHate, models.CategoryHarassment, models.CategorySexual,
	models.CategoryViolence, models.CategorySelfHarm, models.CategorySpam,
	models.CategoryProfanity,
}

// Set is a set of Categories, bit i for Categories[i].
type Set uint16

// All is the set of every category.
const All = Set(1)<<7 - 1

// Of returns the set of the given categories; it panics on a category
// outside Categories (a programming error in a reader).
func Of(cs ...models.Category) Set {
	var s Set
	for _, c := range cs {
		i := slices.Index(Categories, c)
		if i < 0 {
			panic("corpus: category " + string(c) + " is not learnt")
		}
		s |= 1 << i
	}
	return s
}

// Has reports whether category i (an index into Categories) is in s.
func (s Set) Has(i int) bool { return s&(1<<i) != 0 }

// Split is the part of the data an example belongs to.
type Split uint8

const (
	Train Split = iota // fitted on
	Calib              // calibration per category and language
	Dev                // measurement only
)

func (s Split) String() string {
	switch s {
	case Train:
		return "train"
	case Calib:
		return "calib"
	}
	return "dev"
}

// Example is one labelled text.
type Example struct {
	Text   string
	Lang   string // ISO 639-1: en, zh, ko, ja, pt, de, fr, es, …
	Source string // a Source name
	Split  Split
	// Pos are the categories the text is an example of, Neg those it is
	// a counter-example of; a category in neither is not labelled by the
	// source (a toxic comment whose kind the annotators did not agree on).
	Pos, Neg Set
	// Harmful is 1 when the source calls the text harmful in any way, 0
	// when it calls it harmless, -1 when it does not say (any-harm
	// figures leave it out).
	Harmful int8
	// Derived marks a text made from the data rather than found in it (a
	// rater's span cut out of a post, the post with its spans removed, a
	// lexicon phrase): trained on, never measured.
	Derived bool
}

// splitOf places a group key: the same key always lands in the same
// split, whatever the source, so a text found in two sources is never
// trained on in one and measured on in the other.
func splitOf(key string) Split {
	switch b := bucket(key); {
	case b < 70:
		return Train
	case b < 85:
		return Calib
	}
	return Dev
}

// bucket hashes a group key to 0…99.
func bucket(key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return h.Sum64() % 100
}

// Source describes one data set.
type Source struct {
	Name    string
	Langs   string // languages, for reports
	Licence string
	// Path is relative to the evaldata root.
	Path string
	read func(r *reader) error
}

// Sources lists every source in load order. Sources marked ShareAlike in
// their licence make a model trained on them a derivative under that
// licence (see stages/moderate/model/README.md).
var Sources = []Source{
	{"cold", "zh", "Apache-2.0", "moderation/cold", readCOLD},
	{"davidson", "en", "MIT", "moderation/davidson-en", readDavidson},
	{"toxic_spans", "en", "CC0-1.0", "moderation-train/toxic_spans_en", readToxicSpans},
	{"stormfront", "en", "CC-BY-SA-3.0-ES", "moderation-train/stormfront_hate_en", readStormfront},
	{"mlma", "en fr", "MIT", "moderation-train/mlma_hate_en_fr_ar", readMLMA},
	{"toxigen", "en", "MIT", "moderation-train/toxigen_seeds_en_implicit", readToxigen},
	{"swsr", "zh", "MIT", "moderation-train/swsr_zh_sexism", readSWSR},
	{"korean_hate_speech", "ko", "CC-BY-SA-4.0", "moderation-train/korean_hate_speech_ko", readKoreanHate},
	{"told_br", "pt", "CC-BY-SA-4.0", "moderation-train/told_br_pt_toxic", readToLDBr},
	{"germeval2018", "de", "CC-BY-4.0", "moderation-train/germeval2018_de_offensive", readGermEval},
	{"japanese_toxic", "ja", "Apache-2.0", "moderation-train/japanese_toxic_ja", readJapaneseToxic},
	{"cssrs_reddit", "en", "CC-BY-4.0", "moderation-train/cssrs_reddit_suicide_en", readCSSRS},
	{"teamwritten", "en zh es pt fr de ja ko", "this repository's (written for it)", "", readTeamWritten},
	{"longform_dev", "en zh es pt fr de ja ko", "this repository's (written for it)", "", readLongformDev},
	{"notes_dev", "en zh es pt fr de ja ko", "this repository's (written for it)", "", readNotesDev},
	{"sms_spam", "en", "CC-BY-4.0", "moderation-train/sms_spam_collection_en", readSMSSpam},
	{"youtube_spam", "en", "CC-BY-4.0", "moderation-train/youtube_spam_collection_en", readYouTubeSpam},
	{"tatoeba", "en zh es ja ko", "CC-BY-2.0-FR", "", readTatoeba},
	{"leipzig", "en zh de es fr ja ko pt + 13 more", "Apache-2.0 (lingua-go test data, Leipzig corpora)", "langid/lingua/sentences", readLeipzig},
}

// IntentSources are the sources that train the intent models only (the
// team-written sets); the abuse model and its figures read the others.
var IntentSources = []string{"teamwritten", "longform_dev", "notes_dev"}

// AbuseSources returns the names of every source but IntentSources: what
// the abuse model is trained on and measured with.
func AbuseSources() []string {
	var out []string
	for _, s := range Sources {
		if !slices.Contains(IntentSources, s.Name) {
			out = append(out, s.Name)
		}
	}
	return out
}

// Options chooses what Load reads.
type Options struct {
	// Root is the evaldata directory (../shared/evaldata).
	Root string
	// Repo is the repository root, where the sources kept in the
	// repository but not embedded live (longform_dev). Default: the
	// working directory.
	Repo string
	// Only lists the sources to read; empty reads them all.
	Only []string
	// Cues reports the lexicon categories found in a text; Davidson's
	// offensive class and the clean sentences are filtered with it (see
	// readDavidson). Nil finds nothing.
	Cues func(text string) []models.Category
}

// Load reads every source. A missing or malformed source is an error: a
// model trained without one of its sources is a different model.
func Load(o Options) ([]Example, error) {
	var out []Example
	for _, s := range Sources {
		if len(o.Only) > 0 && !slices.Contains(o.Only, s.Name) {
			continue
		}
		r := &reader{opts: o, source: s.Name, dir: filepath.Join(o.Root, s.Path)}
		if err := s.read(r); err != nil {
			return nil, fmt.Errorf("corpus: %s: %w", s.Name, err)
		}
		out = append(out, r.out...)
	}
	return out, nil
}

// reader collects one source's examples, dropping repeated texts.
type reader struct {
	opts   Options
	source string
	dir    string
	seen   map[string]bool
	out    []Example
}

// add appends an example labelled pos, with the categories in unknown
// left unlabelled and every other category a counter-example. The group
// key decides the split ("" uses the text). harmful < 0 derives it: 1
// with a positive category, 0 with every category negative, else -1.
func (r *reader) add(text, lang, group string, pos, unknown Set, harmful int8) {
	r.addSplit(text, lang, splitOf(groupKey(group, text)), pos, unknown, harmful)
}

func groupKey(group, text string) string {
	if group == "" {
		return "text\x00" + text
	}
	return group
}

func (r *reader) addSplit(text, lang string, split Split, pos, unknown Set, harmful int8) {
	r.addExample(text, lang, split, pos, unknown, harmful, false)
}

// addDerived adds a derived example (see Example.Derived) in the split
// of group.
func (r *reader) addDerived(text, lang, group string, pos, unknown Set) {
	r.addExample(text, lang, splitOf(group), pos, unknown, -1, true)
}

func (r *reader) addExample(text, lang string, split Split, pos, unknown Set, harmful int8, derived bool) {
	if text == "" {
		return
	}
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if r.seen[text] {
		return
	}
	r.seen[text] = true
	neg := All &^ pos &^ unknown
	if harmful < 0 {
		switch {
		case pos != 0:
			harmful = 1
		case neg == All:
			harmful = 0
		}
	}
	r.out = append(r.out, Example{Text: text, Lang: lang, Source: r.source, Split: split,
		Pos: pos, Neg: neg, Harmful: harmful, Derived: derived})
}

func (r *reader) path(name string) string { return filepath.Join(r.dir, name) }

// cueList returns the lexicon categories found in text.
func (r *reader) cueList(text string) []models.Category {
	if r.opts.Cues == nil {
		return nil
	}
	return r.opts.Cues(text)
}

func (r *reader) cues(text string) Set {
	var s Set
	for _, c := range r.cueList(text) {
		if i := slices.Index(Categories, c); i >= 0 {
			s |= 1 << i
		}
	}
	return s
}

// LexiconCues returns a Cues function over the moderate package's
// embedded lexicons: the categories of every term found in a text. The
// training program and `notegate eval moderation` both use it, so they
// see the same examples.
func LexiconCues() (func(text string) []models.Category, error) {
	lex, err := moderate.DefaultLexiconDetector()
	if err != nil {
		return nil, err
	}
	return func(text string) []models.Category {
		fs, _ := lex.Detect(context.Background(), moderate.NewText("body", text))
		out := make([]models.Category, 0, len(fs))
		for _, f := range fs {
			out = append(out, f.Category)
		}
		return out
	}, nil
}

// InDev reports whether a text read on its own (a clean sentence, one a
// line) is in the dev split.
func InDev(text string) bool { return splitOf(groupKey("", collapse(text))) == Dev }

// COLDHeldOut reports whether a comment of COLD's train.csv is held out
// of training (for calibration).
func COLDHeldOut(text string) bool { return bucket(groupKey("", collapse(text))) >= 85 }
