// Package moderate is the moderation stage of notegate: it normalizes each
// field of a note against evasion, runs rule-based detectors (lexicons,
// off-platform contact, personal data) that return labels with evidence
// spans into the author's text, and decides per market under a swappable
// policy.
package moderate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Config configures the moderation stage.
type Config struct {
	// PolicyFile is a YAML policy (see policy_default.yaml for the shape);
	// empty uses the policy embedded in the package. Default: "".
	PolicyFile string `yaml:"policy_file"`
	// LexiconDir is a directory of lexicon files (CATEGORY.LANG.txt) that
	// replaces the embedded lexicons; empty uses the embedded ones.
	// Default: "".
	LexiconDir string `yaml:"lexicon_dir"`
	// Logger receives the stage's events (policy swaps and failed
	// reloads, remote classifiers' outages, the shared state's outages).
	// Default slog.Default(). Not read from files.
	Logger *slog.Logger `yaml:"-"`
	// RulesDir is a directory of intent rule files (CATEGORY.LANG.yaml and
	// sets.LANG.yaml, see rules/README.md) that replaces the embedded
	// rules; empty uses the embedded ones. Default: "".
	RulesDir string `yaml:"rules_dir"`
	// MaxEvidence caps the evidence spans kept per label. Default: 8.
	MaxEvidence int `yaml:"max_evidence"`
	// MaxFieldBytes bounds how much of each field is scanned; a longer
	// field is scanned up to that many bytes, cut on a rune boundary.
	// Default: 65536.
	MaxFieldBytes int `yaml:"max_field_bytes"`
	// RedactPII replaces every span labelled pii (phone numbers, e-mail
	// addresses, resident IDs, SSNs, payment cards) in the title, body and
	// tags with asterisks of the same byte length, before the note goes on
	// to translation, the index and the feeds. Evidence texts are masked
	// the same way, so their offsets still point into the note as stored.
	// Default: false.
	RedactPII bool `yaml:"redact_pii"`
	// ReloadInterval is how often PolicyFile is checked for changes (its
	// size, modification time and content hash); a changed file that
	// parses replaces the policy in force, one that does not is logged
	// and the old policy stays. 0 uses the default, a negative value turns
	// reloading off. Default: 10s.
	ReloadInterval time.Duration `yaml:"reload_interval"`
	// Campaign configures near-duplicate campaign detection (on by
	// default).
	Campaign CampaignConfig `yaml:"campaign"`
	// Velocity configures per-author posting velocity (on by default).
	Velocity VelocityConfig `yaml:"velocity"`
	// SharedState shares campaign and velocity state between the replicas
	// of a consumer group (off by default: each counts what it sees).
	SharedState SharedStateConfig `yaml:"shared_state"`
	// Remote configures the optional remote classifiers (off by default).
	Remote RemoteConfig `yaml:"remote"`
	// Classifier configures the trained abuse classifier. New does not
	// build it (pass it as an extra detector, see NewClassifier); it is here
	// so that one configuration section holds all of moderation.
	Classifier ClassifierConfig `yaml:"classifier"`
	// IntentClassifier configures the English intent model, of violence
	// and self-harm in English fields (classifier_intent.go);
	// ClassifierDetectors builds it after the abuse classifier. Its
	// defaults differ: categories violence and self_harm, base_rate_other
	// 0.15, category_base_rates self_harm 0.3.
	IntentClassifier ClassifierConfig `yaml:"intent_classifier"`
	// IntentClassifiers configures the intent models of the other
	// languages, keyed by language (IntentLanguages: zh …), each of
	// violence and self-harm in fields of its language only
	// (classifier_intent.go); ClassifierDetectors builds them after the
	// English one. Their defaults: categories violence and self_harm, at
	// the language's base rate (category_base_rates; model/README.md).
	IntentClassifiers map[string]ClassifierConfig `yaml:"intent_classifiers"`
	// HarassmentClassifier configures the harassment model, of a person
	// insulted, shamed or piled on, in fields of every language
	// (classifier_harassment.go); IntentDetectors builds it after the
	// intent models. Its defaults: categories harassment, base_rate and
	// base_rate_other 0.3; its findings stay below every block threshold.
	HarassmentClassifier ClassifierConfig `yaml:"harassment_classifier"`
	// HateClassifier configures the hate model, of groups attacked as
	// notes write it, coded and implied, in fields of every language
	// (classifier_hate.go); IntentDetectors builds it after the harassment
	// model. Its defaults: categories hate, base_rate and base_rate_other
	// 0.25; its findings stay below every block threshold.
	HateClassifier ClassifierConfig `yaml:"hate_classifier"`
}

const (
	defaultMaxEvidence    = 8
	defaultMaxFieldBytes  = 64 << 10
	defaultReloadInterval = 10 * time.Second
)

// Validate reports settings that cannot work.
func (c Config) Validate() error {
	if c.MaxEvidence < 0 {
		return fmt.Errorf("moderate: max_evidence %d is negative", c.MaxEvidence)
	}
	if c.MaxFieldBytes < 0 {
		return fmt.Errorf("moderate: max_field_bytes %d is negative", c.MaxFieldBytes)
	}
	if err := c.Campaign.Validate(); err != nil {
		return fmt.Errorf("moderate: %w", err)
	}
	if err := c.Velocity.Validate(); err != nil {
		return fmt.Errorf("moderate: %w", err)
	}
	if err := c.Remote.Validate(); err != nil {
		return fmt.Errorf("moderate: %w", err)
	}
	if err := c.SharedState.Validate(); err != nil {
		return fmt.Errorf("moderate: %w", err)
	}
	for code := range c.IntentClassifiers {
		if !slices.Contains(IntentLanguages(), code) {
			return fmt.Errorf("moderate: intent_classifiers: no intent model for language %q (have %s)", code, strings.Join(IntentLanguages(), ", "))
		}
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.MaxEvidence == 0 {
		c.MaxEvidence = defaultMaxEvidence
	}
	if c.MaxFieldBytes == 0 {
		c.MaxFieldBytes = defaultMaxFieldBytes
	}
	if c.ReloadInterval == 0 {
		c.ReloadInterval = defaultReloadInterval
	}
	c.Campaign = c.Campaign.WithDefaults()
	c.Velocity = c.Velocity.WithDefaults()
	c.Remote = c.Remote.WithDefaults()
	return c
}

// Stage moderates notes. It implements pipeline.Stage and is safe for
// concurrent use; its policy can be swapped at any time with SetPolicy.
type Stage struct {
	cfg           Config
	detectors     []FieldDetector // run on every field
	noteDetectors []NoteDetector  // run once per note
	policy        atomic.Pointer[Policy]
	reload        *policyWatcher  // nil without a policy file
	languages     map[string]bool // languages the lexicons cover
	reloads       [2]atomic.Int64 // policy reloads that went into force, and that failed
	shared        *SharedState    // nil unless shared_state.redis is set
	authors       AuthorStandings // nil: authors count for nothing
	log           *slog.Logger
}

// New builds the stage with the built-in detectors (lexicon, rules,
// contact, pii, and unless disabled campaign, velocity and the configured remote
// classifiers) followed by extra ones (classifiers). A detector runs on
// every field if it is a FieldDetector and once per note if it is a
// NoteDetector.
// With a PolicyFile and a positive ReloadInterval, Start watches the file.
func New(cfg Config, extra ...Detector) (*Stage, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	var (
		lex *LexiconDetector
		err error
	)
	if cfg.LexiconDir != "" {
		lex, err = NewLexiconDetector(osDirFS(cfg.LexiconDir))
	} else {
		lex, err = DefaultLexiconDetector()
	}
	if err != nil {
		return nil, fmt.Errorf("moderate: lexicons: %w", err)
	}
	var rules *RulesDetector
	if cfg.RulesDir != "" {
		rules, err = NewRulesDetector(osDirFS(cfg.RulesDir))
	} else {
		rules, err = DefaultRulesDetector()
	}
	if err != nil {
		return nil, fmt.Errorf("moderate: %w", err)
	}
	var p *Policy
	if cfg.PolicyFile != "" {
		p, err = LoadPolicy(cfg.PolicyFile)
	} else {
		p, err = DefaultPolicy()
	}
	if err != nil {
		return nil, fmt.Errorf("moderate: %w", err)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	s := &Stage{cfg: cfg, languages: lex.Languages(), log: log}
	if cfg.SharedState.Redis.Enabled() && (!cfg.Campaign.Disabled || !cfg.Velocity.Disabled) {
		if s.shared, err = NewSharedState(cfg.SharedState.Redis, log); err != nil {
			return nil, fmt.Errorf("moderate: %w", err)
		}
	}
	all := []Detector{lex, rules, ContactDetector{}, PIIDetector{}}
	if !cfg.Campaign.Disabled {
		c, err := NewCampaignDetector(cfg.Campaign, nil)
		if err != nil {
			return nil, fmt.Errorf("moderate: %w", err)
		}
		if s.shared != nil {
			c.ShareState(s.shared)
		}
		all = append(all, c)
	}
	if !cfg.Velocity.Disabled {
		v, err := NewVelocityDetector(cfg.Velocity, nil)
		if err != nil {
			return nil, fmt.Errorf("moderate: %w", err)
		}
		if s.shared != nil {
			v.ShareState(s.shared)
		}
		all = append(all, v)
	}
	remote, err := newRemoteDetectors(cfg.Remote, log)
	if err != nil {
		return nil, fmt.Errorf("moderate: %w", err)
	}
	all = append(all, remote...)
	for _, d := range append(all, extra...) {
		nd, isNote := d.(NoteDetector)
		fd, isField := d.(FieldDetector)
		if !isNote && !isField {
			return nil, fmt.Errorf("moderate: detector %q has neither Detect nor DetectNote", d.Name())
		}
		if isNote {
			s.noteDetectors = append(s.noteDetectors, nd)
		}
		if isField {
			s.detectors = append(s.detectors, fd)
		}
	}
	s.policy.Store(p)
	if cfg.PolicyFile != "" && cfg.ReloadInterval > 0 {
		s.reload = newPolicyWatcher(cfg.PolicyFile, cfg.ReloadInterval, s)
	}
	return s, nil
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "moderate" }

// Policy returns the policy in force.
func (s *Stage) Policy() *Policy { return s.policy.Load() }

// SetPolicy swaps the policy atomically; batches already running finish
// under the policy they started with.
func (s *Stage) SetPolicy(p *Policy) error {
	if p == nil || p.terms == nil {
		return errors.New("moderate: SetPolicy needs a policy from ParsePolicy, LoadPolicy or DefaultPolicy")
	}
	old := s.policy.Swap(p)
	s.log.Info("moderation policy swapped", "from", old.Version, "to", p.Version, "markets", p.markets)
	return nil
}

// Process implements pipeline.Stage: it sets Moderation and
// ApprovedMarkets on every note, replacing what an earlier attempt set.
// With author standings (SetAuthorStandings), a muted or suspended
// author's note is decided as the policy says in those markets.
func (s *Stage) Process(ctx context.Context, notes []*models.Note) error {
	p := s.policy.Load()
	for _, n := range notes {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("moderate: %w", err)
		}
		m, err := s.moderate(ctx, p, n)
		if err != nil {
			return fmt.Errorf("moderate: note %s: %w", n.NoteID, err)
		}
		s.applyAuthorStanding(p, n, &m)
		n.Moderation = m
		n.ApprovedMarkets = approved(m)
		if s.cfg.RedactPII {
			redactPII(n)
		}
	}
	return nil
}

// Moderate decides one note under the current policy without changing it.
func (s *Stage) Moderate(ctx context.Context, n *models.Note) (models.Moderation, error) {
	return s.moderate(ctx, s.policy.Load(), n)
}

// ModerateWith decides one note under policy p instead of the policy in
// force, without changing the note (for shadow-testing a policy). Note
// detectors see the note as they would in Process; they count a note_id
// once however often it is moderated.
func (s *Stage) ModerateWith(ctx context.Context, p *Policy, n *models.Note) (models.Moderation, error) {
	if p == nil || p.terms == nil {
		return models.Moderation{}, errors.New("moderate: ModerateWith needs a policy from ParsePolicy, LoadPolicy or DefaultPolicy")
	}
	return s.moderate(ctx, p, n)
}

// TagsText is the text the "tags" field's evidence offsets point into: the
// tags joined by newlines.
func TagsText(tags []string) string { return strings.Join(tags, "\n") }

// fieldFinding is a finding with the field and detector it came from.
type fieldFinding struct {
	Finding
	field  string
	source string
	// market is set on a market term's finding: it counts in that market
	// only.
	market string
}

// field is one text a note is judged on: its name in evidence and the text.
type field struct{ name, text string }

// noteFields are the fields of the note as written.
func noteFields(n *models.Note) []field {
	return []field{{"title", n.Title}, {"body", n.Body}, {"tags", TagsText(n.Tags)}}
}

func (s *Stage) moderate(ctx context.Context, p *Policy, n *models.Note) (models.Moderation, error) {
	fields := noteFields(n)
	found, err := s.findings(ctx, p, n, fields, true, "")
	if err != nil {
		return models.Moderation{}, err
	}
	return s.decide(p, found, fields), nil
}

// findings runs the detectors and the market terms over fields. Note
// detectors (campaigns, velocity) run only when withNote is set; suffix is
// appended to every source (":translation:en").
func (s *Stage) findings(ctx context.Context, p *Policy, n *models.Note, fields []field, withNote bool, suffix string) ([]fieldFinding, error) {
	var found []fieldFinding
	texts := make([]*Text, 0, len(fields))
	defer func() {
		// Nothing found holds a Text: findings carry spans of Original.
		for _, t := range texts {
			t.release()
		}
	}()
	for _, f := range fields {
		if f.text == "" {
			continue
		}
		t := newFieldText(f.name, truncate(f.text, s.cfg.MaxFieldBytes))
		texts = append(texts, t)
		var told []Span // death wishes told as someone else's or as overcome
		for _, d := range s.detectors {
			var fs []Finding
			var err error
			if lex, ok := d.(*LexiconDetector); ok {
				var allowed []Span
				fs, allowed = lex.detect(t)
				for _, sp := range allowed {
					found = append(found, fieldFinding{Finding: Finding{Span: sp}, field: f.name, source: allowSource})
				}
			} else {
				fs, err = d.Detect(ctx, t)
			}
			if err != nil {
				return nil, fmt.Errorf("detector %s: %w", d.Name(), err)
			}
			var primary, capped Finding // the last finding before and after its caps
			for _, x := range fs {
				if x.Clears {
					found = append(found, fieldFinding{Finding: x, field: f.name, source: clearSource})
					continue
				}
				before := x
				for _, c := range findingCaps {
					c(t, d.Name(), &x, &told)
				}
				if d.Name() == "rules" && alsoOf(x, primary) {
					x.Score = min(x.Score, capped.Score) // see finding_caps.go
				} else {
					primary, capped = before, x
				}
				found = append(found, fieldFinding{Finding: x, field: f.name, source: d.Name() + suffix})
			}
		}
	}
	if withNote {
		for _, d := range s.noteDetectors {
			fs, err := d.DetectNote(ctx, n, texts)
			if err != nil {
				return nil, fmt.Errorf("detector %s: %w", d.Name(), err)
			}
			for _, x := range fs {
				found = append(found, fieldFinding{Finding: x.Finding, field: x.Field, source: d.Name() + suffix})
			}
		}
	}
	capPlainContact(found, texts, suffix)                         // see contact_plain.go
	capBusinessPhone(found, texts, suffix)                        // see pii_business.go
	capListingPages(found, texts, suffix)                         // see contact_page.go
	found = piiOfOthersNumbers(found, texts, suffix)              // see contact_others.go
	capCampaignWithoutAsk(found, texts, suffix)                   // see campaign_ask.go
	found = append(found, crudeSwearing(found, texts, suffix)...) // see profanity_crude.go
	capIncidentalSwear(found, texts)                              // see profanity_incidental.go
	// Market terms: the operator's own block, review and allow lists.
	for _, market := range p.markets {
		mm := p.terms[market]
		if mm == nil {
			continue
		}
		for _, t := range texts {
			hits, allows := dropAllowed(asWritten(t.Original, &t.Skeleton, mm.scan(&t.Skeleton, t.HasHan, nil)))
			for _, a := range allows {
				found = append(found, fieldFinding{
					Finding: Finding{Span: Span{t.Skeleton.Spans[a.i].Start, t.Skeleton.Spans[a.j-1].End}},
					field:   t.Field, market: market, source: allowSource,
				})
			}
			for _, h := range hits {
				score := 1.0 // a block term; review terms score below it
				if h.p.kind == kindReview {
					score = 0.5
				}
				found = append(found, fieldFinding{
					Finding: Finding{
						Category: h.p.category(), Score: score, Rule: h.p.term,
						Span: Span{t.Skeleton.Spans[h.i].Start, t.Skeleton.Spans[h.j-1].End},
					},
					field: t.Field, market: market, source: "terms:" + market + suffix,
				})
			}
		}
	}
	return found, nil
}

// allowSource marks a market's allow-term match among the findings; it
// never becomes a label.
const allowSource = "\x00allow"

// clearSource marks an innocent context a clears: rule read (Finding.Clears);
// it never becomes a label.
const clearSource = "\x00clear"

// clearedBy reports whether f is a lexicon or classifier finding of the
// category of one of clears whose evidence lies inside it. Rules are never
// cleared: they carry their own vetoes.
func clearedBy(f fieldFinding, clears []fieldFinding) bool {
	if f.Span.Start == f.Span.End || !strings.HasPrefix(f.source, "lexicon") && !strings.HasPrefix(f.source, "classifier:") {
		return false
	}
	for _, c := range clears {
		if c.Category == f.Category && c.field == f.field && c.Span.Start <= f.Span.Start && f.Span.End <= c.Span.End {
			return true
		}
	}
	return false
}

// decide turns findings into a decision per market and labels.
func (s *Stage) decide(p *Policy, all []fieldFinding, fields []field) models.Moderation {
	allowed := map[string][]fieldFinding{}
	var found, clears []fieldFinding
	for _, f := range all {
		switch f.source {
		case allowSource:
			allowed[f.market] = append(allowed[f.market], f)
		case clearSource:
			clears = append(clears, f)
		default:
			found = append(found, f)
		}
	}
	if len(clears) > 0 {
		found = slices.DeleteFunc(found, func(f fieldFinding) bool { return clearedBy(f, clears) })
	}
	mod := models.Moderation{
		Decision:      models.DecisionAllow,
		Markets:       make(map[string]models.Decision, len(p.markets)),
		PolicyVersion: p.Version,
	}
	atRisk, zeroTolerance := false, false
	// A trained classifier judges the whole field and cannot point at the
	// words it read; alone, it may queue a note for a person but never
	// block it unseen. A rule's, a lexicon's or another detector's finding
	// corroborates it: of the same category at any score, or of any
	// category at review level (the classifier's hate is a rule's
	// violence in "女拳癌都该拉出去打死").
	corroborated, harmFound := map[models.Category]bool{}, false
	for _, f := range found {
		if !fromClassifier(f.source) && f.Category != "" {
			corroborated[f.Category] = true
			harmFound = harmFound || f.Score >= 0.5
		}
	}
	for _, market := range p.markets {
		d := models.DecisionAllow
		scores := map[models.Category]float64{}
		alone := map[models.Category]float64{} // classifier scores without corroboration
		support, minorsBlock, judgedSelfHarm := false, false, false
		for _, f := range found {
			if coveredBy(f, allowed[market]) {
				continue
			}
			// The lexicons' allowlist (market "") holds for the trained
			// classifier too: its evidence inside "stupidly funny" or
			// "en retard" is the look-alike, not the insult. Lexicon hits
			// were already held against it; rules have their own vetoes.
			if strings.HasPrefix(f.source, "classifier:") && coveredBy(f, allowed[""]) {
				continue
			}
			if f.market != "" {
				if f.market != market {
					continue
				}
				if f.Score >= 1 {
					d = models.DecisionBlock
					minorsBlock = minorsBlock || f.Category == models.CategorySexualMinors
				} else {
					d = models.MostRestrictive(d, models.DecisionReview)
				}
				continue
			}
			if f.Category == models.CategorySelfHarm && (f.Span.Start == f.Span.End || strings.HasPrefix(f.source, "classifier:")) {
				// A whole-field judgement (a classifier) cannot tell an
				// author at risk from promotion: it may queue the note,
				// never block it unseen, and asks for support resources
				// unless a rule read the note as promotion.
				if p.thresholds(market, f.Category).decide(f.Score) != models.DecisionAllow {
					d = models.MostRestrictive(d, models.DecisionReview)
					judgedSelfHarm = true
				}
				continue
			}
			if fromClassifier(f.source) && !corroborated[f.Category] && !harmFound {
				alone[f.Category] = max(alone[f.Category], f.Score)
				continue
			}
			scores[f.Category] = max(scores[f.Category], f.Score)
			support = support || f.Support && f.Category == models.CategorySelfHarm
		}
		for c, score := range alone {
			if p.thresholds(market, c).decide(score) != models.DecisionAllow {
				d = models.MostRestrictive(d, models.DecisionReview)
			}
		}
		if judgedSelfHarm && scores[models.CategorySelfHarm] == 0 {
			support = true
		}
		for c, score := range scores {
			cd := p.thresholds(market, c).decide(score)
			minorsBlock = minorsBlock || c == models.CategorySexualMinors && cd == models.DecisionBlock
			d = models.MostRestrictive(d, cd)
		}
		if support && !minorsBlock {
			// Care, not punishment: an author at risk is seen by a person
			// in every market, whatever blocked the note.
			d = models.DecisionReview
		}
		atRisk = atRisk || support
		zeroTolerance = zeroTolerance || minorsBlock
		mod.Markets[market] = d
		mod.Decision = models.MostRestrictive(mod.Decision, d)
	}
	if atRisk {
		mod.Support = &models.Support{Category: models.CategorySelfHarm, ShowResources: true}
		mod.Urgent = models.CategorySelfHarm
	} else if zeroTolerance {
		mod.Urgent = models.CategorySexualMinors
	}
	mod.Labels = labels(found, s.cfg.MaxEvidence, fields)
	return mod
}

// coveredBy reports whether a finding's evidence lies inside an allowed
// span of the same field.
func coveredBy(f fieldFinding, allows []fieldFinding) bool {
	if f.Span.Start == f.Span.End {
		return false
	}
	for _, a := range allows {
		if a.field == f.field && a.Span.Start <= f.Span.Start && f.Span.End <= a.Span.End {
			return true
		}
	}
	return false
}

// labels groups findings into one label per source and category, with the
// highest score and evidence in text order, overlapping spans merged.
func labels(found []fieldFinding, maxEvidence int, fields []field) []models.Label {
	fieldOrder := func(name string) int {
		for i, f := range fields {
			if f.name == name {
				return i
			}
		}
		return len(fields)
	}
	slices.SortStableFunc(found, func(a, b fieldFinding) int {
		if c := categoryOrder(a.Category) - categoryOrder(b.Category); c != 0 {
			return c
		}
		if c := strings.Compare(a.source, b.source); c != 0 {
			return c
		}
		if c := fieldOrder(a.field) - fieldOrder(b.field); c != 0 {
			return c
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return b.Span.End - a.Span.End // longest first
	})
	var out []models.Label
	for i := 0; i < len(found); {
		j := i
		l := models.Label{Category: found[i].Category, Source: found[i].source}
		lastField, lastEnd := "", -1
		for ; j < len(found) && found[j].Category == l.Category && found[j].source == l.Source; j++ {
			f := found[j]
			l.Score = max(l.Score, f.Score)
			if f.Span.Start == f.Span.End {
				continue
			}
			text := fields[fieldOrder(f.field)].text
			if f.field == lastField && f.Span.Start < lastEnd {
				// Overlapping evidence merges into one span.
				e := &l.Evidence[len(l.Evidence)-1]
				e.End = max(e.End, f.Span.End)
				e.Text = text[e.Start:e.End]
				lastEnd = e.End
				continue
			}
			if len(l.Evidence) >= maxEvidence {
				continue
			}
			l.Evidence = append(l.Evidence, models.Evidence{
				Field: f.field, Start: f.Span.Start, End: f.Span.End, Text: text[f.Span.Start:f.Span.End],
			})
			lastField, lastEnd = f.field, f.Span.End
		}
		out = append(out, l)
		i = j
	}
	return out
}

func categoryOrder(c models.Category) int {
	if i := slices.Index(models.Categories, c); i >= 0 {
		return i
	}
	return len(models.Categories)
}

// approved lists the markets whose decision is allow, sorted.
func approved(m models.Moderation) []string {
	var out []string
	for market, d := range m.Markets {
		if d == models.DecisionAllow {
			out = append(out, market)
		}
	}
	slices.Sort(out)
	return out
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
