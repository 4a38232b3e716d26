package moderate

import (
	_ "embed"
	"fmt"
	"os"
	"slices"
	"sort"

	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/models"
)

//go:embed policy_default.yaml
var defaultPolicyYAML []byte

// Thresholds turn a category's score into a decision: a score at or above
// Block blocks, at or above Review reviews. Zero disables that step, so
// {review: 0.5, block: 0} reviews but never blocks.
type Thresholds struct {
	Review float64 `yaml:"review"`
	Block  float64 `yaml:"block"`
}

// MarketPolicy is how one market decides.
type MarketPolicy struct {
	// Thresholds per category; a category not listed uses the policy's
	// defaults.
	Thresholds map[models.Category]Thresholds `yaml:"thresholds"`
	// BlockTerms and ReviewTerms are the market operator's own terms per
	// category (lexicon syntax, see lexicon.go): a match blocks or reviews
	// the note in this market only. Their labels have Source
	// "terms:MARKET".
	BlockTerms  map[models.Category][]string `yaml:"block_terms,omitempty"`
	ReviewTerms map[models.Category][]string `yaml:"review_terms,omitempty"`
	// AllowTerms are phrases in which nothing counts against a note in
	// this market: findings whose evidence lies inside one are ignored.
	AllowTerms []string `yaml:"allow_terms,omitempty"`
	// Authors decides the new notes of authors a reviewer muted or
	// suspended in this market.
	Authors AuthorPolicy `yaml:"authors,omitempty"`
}

// AuthorPolicy is what a market makes of the new notes of an author muted
// or suspended there: review (held until a reviewer approves them) or
// block. The note's own findings may make it more restrictive, never
// less; an author at risk of self-harm is reviewed, never blocked unseen.
type AuthorPolicy struct {
	// Suspended is review or block. Default block.
	Suspended models.Decision `yaml:"suspended,omitempty"`
	// Muted is review or block. Default review.
	Muted models.Decision `yaml:"muted,omitempty"`
}

// AuthorDecision is what market decides for a new note of an author in
// state ("" for an active author: allow).
func (p *Policy) AuthorDecision(market string, state models.AuthorState) models.Decision {
	a := p.Markets[market].Authors
	switch state {
	case models.AuthorSuspended:
		if a.Suspended != "" {
			return a.Suspended
		}
		return models.DecisionBlock
	case models.AuthorMuted:
		if a.Muted != "" {
			return a.Muted
		}
		return models.DecisionReview
	}
	return models.DecisionAllow
}

// Policy is the moderation policy of every market. It is immutable once
// parsed; swap a new one in rather than editing it.
type Policy struct {
	// Version identifies the policy on every moderated note.
	Version string `yaml:"version"`
	// Defaults are the thresholds of categories a market does not list.
	Defaults map[models.Category]Thresholds `yaml:"defaults"`
	// Markets by name ("cn", "intl").
	Markets map[string]MarketPolicy `yaml:"markets"`

	markets []string            // sorted market names
	terms   map[string]*matcher // compiled market terms
}

// ParsePolicy reads, validates and compiles a YAML policy.
func ParsePolicy(data []byte) (*Policy, error) {
	var p Policy
	if err := yaml.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("parse policy: %w", err)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := p.compile(); err != nil {
		return nil, err
	}
	return &p, nil
}

// LoadPolicy reads a policy file.
func LoadPolicy(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read policy: %w", err)
	}
	p, err := ParsePolicy(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// DefaultPolicy returns the policy embedded in the package (policy_default.yaml).
func DefaultPolicy() (*Policy, error) { return ParsePolicy(defaultPolicyYAML) }

// Validate reports contradictions: no version or markets, unknown
// categories, thresholds outside [0, 1], block below review, an author
// policy other than review or block.
func (p *Policy) Validate() error {
	if p.Version == "" {
		return fmt.Errorf("policy: version is empty")
	}
	if len(p.Markets) == 0 {
		return fmt.Errorf("policy %s: no markets", p.Version)
	}
	if err := validThresholds("defaults", p.Defaults); err != nil {
		return fmt.Errorf("policy %s: %w", p.Version, err)
	}
	for name, m := range p.Markets {
		if name == "" {
			return fmt.Errorf("policy %s: market with empty name", p.Version)
		}
		if err := validThresholds("market "+name, m.Thresholds); err != nil {
			return fmt.Errorf("policy %s: %w", p.Version, err)
		}
		for what, d := range map[string]models.Decision{"suspended": m.Authors.Suspended, "muted": m.Authors.Muted} {
			if d != "" && d != models.DecisionReview && d != models.DecisionBlock {
				return fmt.Errorf("policy %s: market %s: authors.%s %q is neither review nor block", p.Version, name, what, d)
			}
		}
		for _, terms := range []map[models.Category][]string{m.BlockTerms, m.ReviewTerms} {
			for c := range terms {
				if !c.Valid() {
					return fmt.Errorf("policy %s: market %s: unknown category %q in terms", p.Version, name, c)
				}
			}
		}
	}
	return nil
}

func validThresholds(where string, ts map[models.Category]Thresholds) error {
	for c, t := range ts {
		if !c.Valid() {
			return fmt.Errorf("%s: unknown category %q", where, c)
		}
		if t.Review < 0 || t.Review > 1 || t.Block < 0 || t.Block > 1 {
			return fmt.Errorf("%s: %s: thresholds must be in [0, 1]", where, c)
		}
		if t.Review > 0 && t.Block > 0 && t.Block < t.Review {
			return fmt.Errorf("%s: %s: block %.2f is below review %.2f", where, c, t.Block, t.Review)
		}
	}
	return nil
}

func (p *Policy) compile() error {
	p.terms = map[string]*matcher{}
	for name, m := range p.Markets {
		p.markets = append(p.markets, name)
		var pats []pattern
		add := func(kind patternKind, c models.Category, terms []string) error {
			for _, term := range terms {
				pt, err := parseTerm(term, c, 1, kind, false)
				if err != nil {
					return fmt.Errorf("policy %s: market %s: %w", p.Version, name, err)
				}
				pats = append(pats, pt)
			}
			return nil
		}
		for _, c := range sortedCategories(m.BlockTerms) {
			if err := add(kindBlock, c, m.BlockTerms[c]); err != nil {
				return err
			}
		}
		for _, c := range sortedCategories(m.ReviewTerms) {
			if err := add(kindReview, c, m.ReviewTerms[c]); err != nil {
				return err
			}
		}
		if err := add(kindAllow, "", m.AllowTerms); err != nil {
			return err
		}
		if len(pats) > 0 {
			p.terms[name] = newMatcher(pats)
		}
	}
	sort.Strings(p.markets)
	return nil
}

func sortedCategories(m map[models.Category][]string) []models.Category {
	out := make([]models.Category, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// MarketNames returns the markets, sorted.
func (p *Policy) MarketNames() []string { return slices.Clone(p.markets) }

// Decide is the decision a market's thresholds give a category's score
// (market terms aside).
func (p *Policy) Decide(market string, c models.Category, score float64) models.Decision {
	return p.thresholds(market, c).decide(score)
}

// thresholds returns a market's thresholds for a category.
func (p *Policy) thresholds(market string, c models.Category) Thresholds {
	if t, ok := p.Markets[market].Thresholds[c]; ok {
		return t
	}
	return p.Defaults[c]
}

// decide turns a score into a decision under thresholds.
func (t Thresholds) decide(score float64) models.Decision {
	switch {
	case t.Block > 0 && score >= t.Block:
		return models.DecisionBlock
	case t.Review > 0 && score >= t.Review:
		return models.DecisionReview
	}
	return models.DecisionAllow
}
