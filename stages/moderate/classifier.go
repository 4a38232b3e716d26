package moderate

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"math"
	"os"
	"slices"
	"sync"
	"unicode"

	"github.com/notegate/notegate/models"
)

//go:embed model
var embeddedModel embed.FS

// embeddedModelPath is the model shipped with the package; model/README.md
// says how it was trained and how to rebuild it.
const embeddedModelPath = "model/moderation.bin.gz"

// ClassifierConfig configures the trained classifier.
type ClassifierConfig struct {
	// Disabled leaves the classifier out of the service's moderate stage
	// (rules only). Default: false.
	Disabled bool `yaml:"disabled"`
	// ModelFile is a model written by the training program
	// (stages/moderate/internal/train); empty uses the model embedded in
	// the package. Default: "".
	ModelFile string `yaml:"model_file"`
	// MinScore is the lowest score reported as a finding; a category
	// scoring below it in a field gives none, so clean notes carry no
	// classifier label. Keep it at or below the lowest review threshold of
	// the policy for the categories the model scores. Default: 0.5.
	MinScore float64 `yaml:"min_score"`
	// MaxEvidence caps the evidence spans per category and field: the
	// stretches of text whose n-grams pushed the score up most. 0 uses
	// the default; -1 reports the score alone, with no span. Default: 3.
	MaxEvidence int `yaml:"max_evidence"`
	// BaseRate is the share of harmful fields, per category, that scores
	// are calibrated for. The model is calibrated per category and
	// language with both classes weighing the same (0.5 means even
	// evidence); a note stream holds far fewer harmful fields, and at a
	// base rate of 0.2 a score of 0.5 needs four times more evidence for
	// harm than against it. Lower it for fewer, surer findings.
	// It applies to fields the classifier reads as Chinese (COLD's
	// base rate); BaseRateOther applies to every other language.
	// Default: 0.2.
	BaseRate float64 `yaml:"base_rate"`
	// BaseRateOther replaces BaseRate for fields the classifier reads as
	// any language but Chinese. Their training data are tweets and forum
	// comments set against clean news and everyday sentences, so the
	// model also learns register: at 0.2, cheerful swearing and idioms
	// ("killed it", "Verdammte Scheiße, die U-Bahn") scored as abuse.
	// Default: 0.1.
	BaseRateOther float64 `yaml:"base_rate_other"`
	// BaseRateLatin is the former name of BaseRateOther, still read so
	// older files load; BaseRateOther wins when both are set.
	BaseRateLatin float64 `yaml:"base_rate_latin"`
	// CategoryBaseRates replaces BaseRate and BaseRateOther for the
	// categories it names, in every language: a category whose misses
	// cost more than its false alarms may take a higher one (the intent
	// classifier's self_harm, whose findings ask a person to look and
	// never block). Default: none (the intent classifier: self_harm 0.2).
	CategoryBaseRates map[models.Category]float64 `yaml:"category_base_rates"`
	// Categories are the categories whose findings the classifier
	// reports; the model scores the others too (eval shows them) but
	// they give no finding. Leave out a category whose held-out figures
	// do not support it (model/README.md): the shipped model's violence
	// and sexual have next to no training data, its self_harm added
	// false positives to the intent rules and no recall on held-out
	// posts, and profanity is a matter of words that the lexicons grade
	// (the intent classifier reports violence and self_harm: see
	// classifier_intent.go). violence and self_harm give findings only in
	// fields the classifier reads as English (see reportOnlyIn).
	// Default: hate, harassment, spam.
	Categories []models.Category `yaml:"categories"`
}

// defaultClassifierCategories are the categories whose held-out figures
// support reporting them (model/README.md).
var defaultClassifierCategories = []models.Category{
	models.CategoryHate, models.CategoryHarassment, models.CategorySpam,
}

// reportOnlyIn limits a category's findings to fields of the calibration
// languages it names: the abuse model learnt violence and self_harm from
// English writing only (C-SSRS and a few English sets), so its scores for
// them in other languages are guesses from shared characters, and the
// rules there decide alone. An intent classifier reads only its own
// language's fields instead (Classifier.langs).
var reportOnlyIn = map[models.Category]langSet{
	models.CategoryViolence: langSetOf(langEn),
	models.CategorySelfHarm: langSetOf(langEn),
}

// langSet is a set of calibration languages (langUnd …), one bit each.
type langSet uint16

func langSetOf(langs ...int) langSet {
	var s langSet
	for _, l := range langs {
		s |= 1 << l
	}
	return s
}

func (s langSet) has(lang int) bool { return s&(1<<lang) != 0 }

const (
	defaultClassifierMinScore    = 0.5
	defaultClassifierMaxEvidence = 3
	defaultClassifierBaseRate    = 0.2
	defaultClassifierBaseRateOth = 0.1
)

// Validate reports settings that cannot work.
func (c ClassifierConfig) Validate() error {
	if c.MinScore < 0 || c.MinScore > 1 {
		return fmt.Errorf("moderate: classifier min_score %v is outside [0, 1]", c.MinScore)
	}
	if c.BaseRate < 0 || c.BaseRate >= 1 {
		return fmt.Errorf("moderate: classifier base_rate %v is outside (0, 1)", c.BaseRate)
	}
	if c.BaseRateOther < 0 || c.BaseRateOther >= 1 {
		return fmt.Errorf("moderate: classifier base_rate_other %v is outside (0, 1)", c.BaseRateOther)
	}
	if c.BaseRateLatin < 0 || c.BaseRateLatin >= 1 {
		return fmt.Errorf("moderate: classifier base_rate_latin %v is outside (0, 1)", c.BaseRateLatin)
	}
	for _, cat := range c.Categories {
		if !cat.Valid() {
			return fmt.Errorf("moderate: classifier categories: unknown category %q", cat)
		}
	}
	if c.MaxEvidence < -1 {
		return fmt.Errorf("moderate: classifier max_evidence %d is below -1", c.MaxEvidence)
	}
	for cat, r := range c.CategoryBaseRates {
		if !cat.Valid() {
			return fmt.Errorf("moderate: classifier category_base_rates: unknown category %q", cat)
		}
		if r <= 0 || r >= 1 {
			return fmt.Errorf("moderate: classifier category_base_rates: %s %v is outside (0, 1)", cat, r)
		}
	}
	return nil
}

// WithDefaults fills unset fields with their defaults.
func (c ClassifierConfig) WithDefaults() ClassifierConfig {
	if c.MinScore == 0 {
		c.MinScore = defaultClassifierMinScore
	}
	if c.MaxEvidence == 0 {
		c.MaxEvidence = defaultClassifierMaxEvidence
	}
	if c.BaseRate == 0 {
		c.BaseRate = defaultClassifierBaseRate
	}
	if c.BaseRateOther == 0 {
		c.BaseRateOther = c.BaseRateLatin
	}
	if c.BaseRateOther == 0 {
		c.BaseRateOther = defaultClassifierBaseRateOth
	}
	if c.Categories == nil {
		c.Categories = defaultClassifierCategories
	}
	return c
}

// Classifier scores a field for every category its model knows (hate,
// harassment, sexual, violence, self_harm, spam, profanity in the shipped
// model) with one linear model per category over hashed n-grams of the
// field's skeleton, trained on public data sets in Chinese, English,
// Korean, Portuguese, German, French and Japanese; model/README.md has the
// sources and figures. Scores are calibrated per category and per
// language (guessed per field: see fieldLanguage), so a score means the
// same in every language. It runs in-process, never fails and is safe
// for concurrent use.
//
// Each category scoring at least MinScore in a field gives findings of
// that category with the field's score (profanity's capped at
// profanityCeiling), and as evidence the stretches of text that drove it.
type Classifier struct {
	cfg   ClassifierConfig
	model *ClassifierModel
	name  string
	// calib[lang][k] turns category k's margin in a calibration language
	// (langUnd …) into the logit of its score: a*m + b, the model's Platt
	// scaling for the language with logit(BaseRate) added to b.
	calib [numLangs][]affine
	// minLogit is logit(MinScore): a category whose logit is below it
	// gives no finding.
	minLogit float64
	// ceiling caps each category's finding score (see profanityCeiling).
	ceiling []float64
	// report[k] says whether category k gives findings (Categories).
	report []bool
	// minWords is the fewest words a field needs for a finding (0: any).
	minWords int
	// langs, when not empty, are the only languages whose fields the
	// classifier reads at all (an intent model of one language), in place
	// of reportOnlyIn.
	langs langSet
	// reads, when set, must accept a field for the classifier to judge it
	// (the harassment model judges only fields aimed at someone).
	reads func(t *Text) bool
	// runsCategory is the index of the category a long field is also
	// judged by its runs of sentences for (classifier_window.go: the
	// intent models' self_harm), or -1.
	runsCategory int
	pool         sync.Pool // *classifierScratch
}

// profanityCeiling caps the score of the classifier's profanity findings.
// The policy reads a profanity score as strength (the lexicons grade
// "damn" 0.2, "shit" 0.5, "cunt" 0.8, and intl reviews only from 0.75);
// the classifier can tell that a field swears, not how strongly, so it
// reports at most the moderate grade: reviewed where all swearing is
// (cn), allowed where only the strongest words are (intl).
const profanityCeiling = 0.5

type affine struct{ a, b float64 }

type classifierScratch struct {
	// feats are the field's features: own, or the Text's shared ones
	// (Text.sharedFeatures), which are read and never written here.
	feats   []ClassifierFeature
	own     []ClassifierFeature
	scores  []float64 // per category: raw margins, then score logits
	contrib []float32
	// The sentence runs of an intent model (classifier_window.go): the
	// bounds of the sentences, in bytes of the original as sentenceBounds
	// gives them (with its marks, unused), then as skeleton indexes with
	// their byte offsets; the sentence of each skeleton rune; the
	// quantized self_harm weights and the counts of the features, by the
	// sentence they start in and the bounds they cross (bestRuns); per
	// category, the skeleton range of the run its score came from (from ==
	// to: the whole field).
	bytes    []int
	marks    []sentenceMark
	runs     []int32
	runBytes []int
	sent     []int32
	sum, cnt []int32
	from, to []int32
}

// NewClassifier loads the model (the embedded one unless cfg.ModelFile is
// set).
func NewClassifier(cfg ClassifierConfig) (*Classifier, error) {
	return newClassifier(cfg, embeddedModelPath)
}

func newClassifier(cfg ClassifierConfig, embeddedPath string) (*Classifier, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.WithDefaults()
	if cfg.ModelFile == "" {
		m, err := readEmbeddedModel(embeddedPath)
		if err != nil {
			return nil, err
		}
		return NewClassifierFromModel(cfg, m)
	}
	data, err := os.ReadFile(cfg.ModelFile)
	if err != nil {
		return nil, fmt.Errorf("moderate: classifier model: %w", err)
	}
	m, err := ReadClassifierModel(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("moderate: %w", err)
	}
	m.dropZeroRows() // the classifier's own copy
	return NewClassifierFromModel(cfg, m)
}

// embeddedModels holds the embedded models read so far, by path: a model
// is read-only once read, so the classifiers of a process share it (the
// Spanish and the Portuguese intent classifiers read one model, and every
// stage a test builds reads the same).
var embeddedModels sync.Map // string → *embeddedRead

type embeddedRead struct {
	once sync.Once
	m    *ClassifierModel
	err  error
}

// readEmbeddedModel reads an embedded model once per process.
func readEmbeddedModel(path string) (*ClassifierModel, error) {
	v, _ := embeddedModels.LoadOrStore(path, &embeddedRead{})
	r := v.(*embeddedRead)
	r.once.Do(func() {
		data, err := embeddedModel.ReadFile(path)
		if err != nil {
			r.err = fmt.Errorf("moderate: classifier model: %w", err)
			return
		}
		if r.m, err = ReadClassifierModel(bytes.NewReader(data)); err != nil {
			r.err = fmt.Errorf("moderate: %w", err)
			return
		}
		r.m.dropZeroRows() // shared read-only by the process's classifiers
	})
	return r.m, r.err
}

// NewClassifierFromModel wraps a model already in memory (the training
// program and tests use it).
func NewClassifierFromModel(cfg ClassifierConfig, m *ClassifierModel) (*Classifier, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, fmt.Errorf("moderate: classifier: no model")
	}
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("moderate: %w", err)
	}
	cfg = cfg.WithDefaults()
	c := &Classifier{cfg: cfg, model: m, name: "classifier:" + m.Version, minLogit: logit(cfg.MinScore), runsCategory: -1}
	// A score is the calibrated probability for balanced classes moved to
	// the base rate: sigmoid(logit(platt) + logit(BaseRate)), one affine
	// map of the margin.
	k := m.K()
	c.ceiling = make([]float64, k)
	c.report = make([]bool, k)
	for i, cat := range m.Categories {
		c.report[i] = slices.Contains(cfg.Categories, cat)
		c.ceiling[i] = 1
		if cat == models.CategoryProfanity {
			c.ceiling[i] = profanityCeiling
		}
	}
	for l, code := range classifierLangs {
		li := max(slices.Index(m.Langs, code), 0) // languages the model lacks use "und"
		shift := logit(cfg.BaseRateOther)
		if l == langZh {
			shift = logit(cfg.BaseRate)
		}
		c.calib[l] = make([]affine, k)
		for cat := range k {
			p := m.Calib[cat][li]
			sh := shift
			if r, ok := cfg.CategoryBaseRates[m.Categories[cat]]; ok {
				sh = logit(r)
			}
			c.calib[l][cat] = affine{p.A, p.B + sh}
		}
	}
	c.pool.New = func() any {
		return &classifierScratch{
			own: make([]ClassifierFeature, 0, 512), scores: make([]float64, k),
			from: make([]int32, k), to: make([]int32, k),
		}
	}
	return c, nil
}

// Name implements Detector: "classifier:moderation-v2" for the shipped
// model.
func (c *Classifier) Name() string { return c.name }

// Model returns the model in use.
func (c *Classifier) Model() *ClassifierModel { return c.model }

// Categories are the categories the classifier scores, in the order of
// Scores.
func (c *Classifier) Categories() []models.Category { return c.model.Categories }

// ClassifierLanguage is the calibration language the classifier uses for
// a field: en, zh, ja, ko, es, pt, fr, de, or und for any other.
func ClassifierLanguage(t *Text) string { return classifierLangs[fieldLanguage(t)] }

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Scores appends the score of every category (in the order of
// Categories) of a normalized field to dst and returns it, with the
// calibration language used.
func (c *Classifier) Scores(t *Text, dst []float64) ([]float64, string) {
	s := c.pool.Get().(*classifierScratch)
	defer c.pool.Put(s)
	lang := c.logits(t, s)
	for _, z := range s.scores {
		dst = append(dst, sigmoid(z))
	}
	return dst, classifierLangs[lang]
}

// Score returns the highest score of a normalized field among the
// categories the classifier reports: how likely it is harmful in a way
// that gives a finding.
func (c *Classifier) Score(t *Text) float64 {
	s := c.pool.Get().(*classifierScratch)
	defer c.pool.Put(s)
	c.logits(t, s)
	best := math.Inf(-1)
	for k, z := range s.scores {
		if c.report[k] {
			best = max(best, z)
		}
	}
	return sigmoid(best)
}

// Reports says whether the classifier gives findings of a category.
func (c *Classifier) Reports(cat models.Category) bool {
	k := slices.Index(c.model.Categories, cat)
	return k >= 0 && c.report[k]
}

// logits leaves the logit of every category's score in s.scores
// (-Inf for a field without features) and returns the field's language.
func (c *Classifier) logits(t *Text, s *classifierScratch) int {
	return c.logitsIn(t, s, fieldLanguage(t))
}

// logitsIn is logits for a field whose language is known.
func (c *Classifier) logitsIn(t *Text, s *classifierScratch, lang int) int {
	if shared, ok := t.sharedFeatures(c.model.Bits); ok {
		s.feats = shared
	} else {
		s.own = ClassifierFeatures(t, c.model.Bits, s.own[:0])
		s.feats = s.own
	}
	if len(s.feats) == 0 {
		for k := range s.scores {
			s.scores[k] = math.Inf(-1)
		}
		return langUnd
	}
	c.model.Margins(s.feats, s.scores)
	for k, cal := range c.calib[lang] {
		s.scores[k] = cal.a*s.scores[k] + cal.b
	}
	return lang
}

// Detect implements Detector. It never fails.
func (c *Classifier) Detect(_ context.Context, t *Text) ([]Finding, error) {
	lang := fieldLanguage(t)
	if c.langs != 0 && !c.langs.has(lang) {
		return nil, nil
	}
	if c.minWords > 0 && !hasWords(t.Original, c.minWords) {
		return nil, nil
	}
	if c.reads != nil && !c.reads(t) {
		return nil, nil
	}
	s := c.pool.Get().(*classifierScratch)
	defer c.pool.Put(s)
	lang = c.logitsIn(t, s, lang)
	if c.runsCategory >= 0 && len(s.feats) > 0 {
		c.bestRuns(t, s, lang)
	}
	var out []Finding
	for k, z := range s.scores {
		if !c.report[k] || z < c.minLogit || len(s.feats) == 0 {
			continue
		}
		if only, ok := reportOnlyIn[c.model.Categories[k]]; ok && c.langs == 0 && !only.has(lang) {
			continue
		}
		score := sigmoid(z)
		if score < c.cfg.MinScore { // rounding at the threshold
			continue
		}
		score = min(score, c.ceiling[k])
		cat := c.model.Categories[k]
		var spans []Span
		if c.cfg.MaxEvidence > 0 {
			spans = c.evidence(t, s, k)
		}
		// A self-harm score cannot tell an author at risk from a post that
		// eggs others on; care comes first, and the classifier alone never
		// blocks, so its self_harm findings ask for support resources.
		support := cat == models.CategorySelfHarm
		if len(spans) == 0 {
			out = append(out, Finding{Category: cat, Score: score, Rule: c.model.Version, Support: support})
			continue
		}
		for _, sp := range spans {
			out = append(out, Finding{Category: cat, Score: score, Span: sp, Rule: c.model.Version, Support: support})
		}
	}
	return out, nil
}

// hasWords reports whether s holds at least n words, without allocating.
// A word is a run of characters other than spaces and Chinese, Japanese
// or Korean script that holds a letter or a digit ("don't" is one word, a
// dash or an emoji none); in those scripts, which need no spaces, two
// characters count as one word (the length of a common word).
func hasWords(s string, n int) bool {
	words, cjk, counted := 0, 0, false
	for _, r := range s {
		switch {
		case isCJK(r):
			counted = false
			if cjk++; cjk%2 == 0 {
				words++
			}
		case unicode.IsSpace(r):
			counted = false
			continue
		case !counted && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			counted = true
			words++
		}
		if words >= n {
			return true
		}
	}
	return false
}

// isCJK reports whether r is a Han, kana or Hangul character.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul))
}

// evidence returns up to MaxEvidence spans of the original text, in text
// order: the runs of skeleton runes whose share of category k's positive
// feature weights is at least a quarter of the strongest rune's.
func (c *Classifier) evidence(t *Text, s *classifierScratch, k int) []Span {
	v := &t.Skeleton
	n := len(v.Runes)
	s.contrib = slices.Grow(s.contrib[:0], n)[:n]
	clear(s.contrib)
	from, to := s.from[k], s.to[k]
	for _, f := range s.feats {
		if from != to && (f.Start < from || f.End > to) {
			continue // the score came from a run of sentences: its words are the evidence
		}
		w := c.model.Weight(f.Bucket, k) / float32(f.End-f.Start)
		for i := f.Start; i < f.End; i++ {
			s.contrib[i] += w
		}
	}
	var top float32
	for i, x := range s.contrib {
		if v.Runes[i] != ' ' {
			top = max(top, x)
		}
	}
	if top <= 0 {
		return nil
	}
	cut := top / 4
	type run struct {
		i, j int
		sum  float32
	}
	var runs []run
	for i := 0; i < n; {
		if s.contrib[i] < cut || v.Runes[i] == ' ' {
			i++
			continue
		}
		r := run{i: i}
		j := i
		for j < n && s.contrib[j] >= cut {
			r.sum += s.contrib[j]
			j++
		}
		next := j + 1
		for j > i && v.Runes[j-1] == ' ' {
			j--
		}
		// Whole words: a Latin run grows to the edges of its words.
		for r.i > 0 && inWord(v.Runes[r.i-1]) && inWord(v.Runes[r.i]) {
			r.i--
		}
		for j < n && inWord(v.Runes[j]) && inWord(v.Runes[j-1]) {
			j++
		}
		r.j = j
		runs = append(runs, r)
		i = max(next, j)
	}
	slices.SortFunc(runs, func(a, b run) int {
		switch {
		case a.sum > b.sum:
			return -1
		case a.sum < b.sum:
			return 1
		}
		return a.i - b.i
	})
	keep := 0
	for keep < len(runs) && keep < c.cfg.MaxEvidence && runs[keep].sum >= runs[0].sum/3 {
		keep++
	}
	runs = runs[:keep]
	slices.SortFunc(runs, func(a, b run) int { return a.i - b.i })
	out := make([]Span, len(runs))
	for i, r := range runs {
		out[i] = Span{v.Spans[r.i].Start, v.Spans[r.j-1].End}
	}
	return out
}

// inWord reports runes that belong to a space-delimited word (anything but
// spaces and Han, which has no word boundaries).
func inWord(r rune) bool { return r != ' ' && !unicode.Is(unicode.Han, r) }
