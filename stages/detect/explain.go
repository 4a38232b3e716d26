package detect

import "github.com/notegate/notegate/models"

// Explanation is what one decision rests on: for evaluating the
// detector and fitting its confidence model outside this package
// (internal/evaluation/langideval). It is not needed to use the detector.
type Explanation struct {
	// Result is what Detect answers.
	Result models.Language
	// NGram is true when the n-gram scorer made the primary decision (not
	// a script or letter rule alone); ConfidenceFeatures are then the
	// inputs of ConfidenceModel, in the order Margin, LogWords,
	// LogLetters, Rule, and a constant 1 for Bias.
	NGram              bool
	ConfidenceFeatures [5]float64
	// Script is the Hans/Hant answer for the text as Chinese (under the
	// configured fallback); SimplifiedVotes and TraditionalVotes are the
	// weighted character evidence behind it, SimplifiedTelling and
	// TraditionalTelling the count of characters that exist in one script
	// only.
	Script                                string
	SimplifiedVotes, TraditionalVotes     float64
	SimplifiedTelling, TraditionalTelling int
}

// Explain detects text and says what the answer rests on.
func (d *Detector) Explain(text string) Explanation {
	lang, f, ngram := d.detect(text)
	e := Explanation{Result: lang, NGram: ngram, Script: d.chinese.script(text, d.cfg.ChineseScript)}
	if ngram {
		e.ConfidenceFeatures = f.vector()
	}
	e.SimplifiedVotes, e.TraditionalVotes = d.chinese.vote(text)
	e.SimplifiedTelling, e.TraditionalTelling = d.chinese.telling(text)
	return e
}
