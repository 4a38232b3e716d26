package detect

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/notegate/notegate/stages/detect/internal/ngrams"
)

// DefaultLanguages is the platform set: the languages English-speaking
// newcomers and Chinese users actually write in, plus the large neighbours
// that short Latin or Cyrillic notes are most often confused with.
var DefaultLanguages = []string{
	"en", "zh", "ja", "ko", "es", "fr", "de", "pt", "it", "nl", "pl", "tr",
	"ru", "uk", "ar", "hi", "th", "vi", "id", "ms", "tl",
}

// DefaultEnglishPrior is the default prior weight of English (Priors).
var DefaultEnglishPrior = 4.0

// Config configures the detector. The zero value is valid and means the
// defaults.
type Config struct {
	// Languages are the candidate languages as ISO 639-1 codes; "all" alone
	// selects every language lingua-go knows (75). Candidates that share a
	// script with another are scored on the embedded n-gram tables, which
	// hold the default languages: others need tables written for them (see
	// the package comment); Validate names them. Default: DefaultLanguages.
	Languages []string `yaml:"languages"`
	// ChineseScript is the script reported for Chinese text whose characters
	// are the same in Simplified and Traditional ("好看"): "Hans", "Hant" or
	// "none". Default: "Hans".
	ChineseScript string `yaml:"chinese_script"`
	// LoanwordLanguage is the language assumed for one or two Latin-script
	// words inside CJK text ("今天的outfit怎么样") when the models cannot
	// tell; it must be a candidate or "". Default: "en".
	LoanwordLanguage string `yaml:"loanword_language"`
	// Priors are relative prior weights of languages for short text: the
	// log of a language's weight is added once to its n-gram evidence, so
	// it decides close calls in a word or two ("so cute", "me too") and
	// fades as the text grows. Languages not listed weigh 1; a listed one
	// must be a candidate. Default: {"en": 4}, since on this platform most
	// short Latin-script notes are English.
	Priors map[string]float64 `yaml:"priors"`
	// MinConfidence: a Latin or Cyrillic note whose calibrated confidence is
	// below it is reported as "und" rather than guessed. Default: 0 (always
	// guess when there are letters).
	MinConfidence float64 `yaml:"min_confidence"`
}

func (c Config) withDefaults() Config {
	if c.Languages == nil {
		c.Languages = slices.Clone(DefaultLanguages)
	}
	if c.ChineseScript == "" {
		c.ChineseScript = "Hans"
	} else if c.ChineseScript == "none" {
		c.ChineseScript = ""
	}
	if c.LoanwordLanguage == "" {
		c.LoanwordLanguage = "en"
	}
	if c.Priors == nil {
		c.Priors = map[string]float64{"en": DefaultEnglishPrior}
	}
	return c
}

// Validate reports contradictions in the configuration (after defaults),
// among them candidates that share a script with another candidate and
// have no n-gram table in this build.
func (c Config) Validate() error {
	file, err := embeddedTables()
	if err != nil {
		return fmt.Errorf("detect: embedded n-gram tables: %w", err)
	}
	return c.validate(file)
}

// validate is Validate against the tables of file.
func (c Config) validate(file *ngrams.File) error {
	c = c.withDefaults()
	if len(c.Languages) == 0 {
		return errors.New("detect: Languages is empty")
	}
	if !(len(c.Languages) == 1 && strings.EqualFold(c.Languages[0], "all")) {
		seen := map[string]bool{}
		for _, code := range c.Languages {
			if _, ok := languageOf(code); !ok {
				return fmt.Errorf("detect: language %q is not an ISO 639-1 code lingua-go knows", code)
			}
			if seen[strings.ToLower(code)] {
				return fmt.Errorf("detect: language %q is listed twice", code)
			}
			seen[strings.ToLower(code)] = true
		}
		if c.LoanwordLanguage != "" && !seen[c.LoanwordLanguage] {
			return fmt.Errorf("detect: LoanwordLanguage %q is not one of Languages", c.LoanwordLanguage)
		}
		for code := range c.Priors {
			if !seen[strings.ToLower(code)] {
				return fmt.Errorf("detect: Priors names %q, which is not one of Languages", code)
			}
		}
	}
	for code, w := range c.Priors {
		if !(w > 0) || math.IsInf(w, 0) {
			return fmt.Errorf("detect: prior weight of %q is %v, want a positive number", code, w)
		}
	}
	switch c.ChineseScript {
	case "", "Hans", "Hant":
	default:
		return fmt.Errorf("detect: ChineseScript %q must be Hans, Hant or none", c.ChineseScript)
	}
	if c.MinConfidence < 0 || c.MinConfidence > 1 {
		return fmt.Errorf("detect: MinConfidence %v is outside [0, 1]", c.MinConfidence)
	}
	langs, _ := candidateLanguages(c)
	var missing []string
	for s, ls := range scriptGroups(langs) {
		if !needsTable(s, ls) {
			continue
		}
		t := file.Table(scriptTables[s])
		for _, l := range ls {
			if t == nil || !slices.Contains(t.Languages, codeOf(l)) {
				missing = append(missing, codeOf(l))
			}
		}
	}
	if missing != nil {
		slices.Sort(missing)
		return missingTablesError(file, missing)
	}
	return nil
}
