package moderate

import "github.com/notegate/notegate/models"

// notesModel describes a model of the classifier's kind trained on the
// stage's read note sets to report one category in every language (the
// harassment model, classifier_harassment.go; the hate model,
// classifier_hate.go): what it reports, at which base rate by default,
// in which fields, and how high its findings may go.
type notesModel struct {
	path     string           // the embedded model
	category models.Category  // the one category it reports by default
	baseRate float64          // default base_rate and base_rate_other
	minWords int              // the shortest field it judges
	reads    func(*Text) bool // nil: every field long enough
	ceiling  float64          // its findings' highest score, below every block threshold
}

// newNotesClassifier loads m's model (the embedded one unless
// cfg.ModelFile is set); unset categories and base rates take m's
// defaults.
func newNotesClassifier(cfg ClassifierConfig, m notesModel) (*Classifier, error) {
	if cfg.Categories == nil {
		cfg.Categories = []models.Category{m.category}
	}
	if cfg.BaseRate == 0 {
		cfg.BaseRate = m.baseRate
	}
	if cfg.BaseRateOther == 0 && cfg.BaseRateLatin == 0 {
		cfg.BaseRateOther = m.baseRate
	}
	c, err := newClassifier(cfg, m.path)
	if err != nil {
		return nil, err
	}
	c.minWords = m.minWords
	c.reads = m.reads
	for k, cat := range c.model.Categories {
		if cat == m.category {
			c.ceiling[k] = min(c.ceiling[k], m.ceiling)
		}
	}
	return c, nil
}
