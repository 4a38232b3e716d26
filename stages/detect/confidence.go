package detect

import "math"

// confFeatures describe how the languages of one script segment were told
// apart by lingua's models: the evidence a confidence rests on.
type confFeatures struct {
	// margin is the gap between the best and the second-best language's
	// score (lingua's scores are per known letter, so the gap grows with
	// evidence); marginCap when only one language competed.
	margin float64
	// words and letters are the size of the segment.
	words, letters int
	// rule is set when lingua's letter rules decided the segment.
	rule bool
}

// marginCap stands for "no runner-up" and bounds the margin's influence.
const marginCap = 3.0

func featuresOf(s *scores, first, second, words, letters int) confFeatures {
	f := confFeatures{margin: marginCap, words: max(words, 1), letters: max(letters, 1), rule: s.decided >= 0}
	if second >= 0 && !f.rule {
		f.margin = min(s.value[first]-s.value[second], marginCap)
	}
	return f
}

// ConfidenceModel turns an n-gram decision into the probability that it is
// right: a logistic model over the features of confFeatures. lingua's own
// softmax is near 1 for almost any text, so it says little; the margin,
// the length and whether the letters decided it say more.
type ConfidenceModel struct {
	Margin, LogWords, LogLetters, Rule, Bias float64
}

func (f confFeatures) vector() [5]float64 {
	rule := 0.0
	if f.rule {
		rule = 1
	}
	return [5]float64{f.margin, math.Log(float64(f.words)), math.Log(float64(f.letters)), rule, 1}
}

func (m ConfidenceModel) weights() [5]float64 {
	return [5]float64{m.Margin, m.LogWords, m.LogLetters, m.Rule, m.Bias}
}

func (m ConfidenceModel) probability(f confFeatures) float64 {
	x, w := f.vector(), m.weights()
	z := 0.0
	for i := range x {
		z += x[i] * w[i]
	}
	return round3(1 / (1 + math.Exp(-z)))
}

// fittedConfidence was fitted by langideval.FitConfidence on the even-numbered lines
// of lingua's test sets for DefaultLanguages (the odd ones are held out
// for the reliability table of langideval.Evaluate):
//
//	notegate eval langid --fit-confidence
var fittedConfidence = ConfidenceModel{Margin: 1.5395, LogWords: -0.2461, LogLetters: 0.2888, Rule: 1.4114, Bias: -1.0658}

// scriptConfidence is the confidence of a language told by its script
// alone, from how many letters there are: one Han character may be a
// Japanese kanji, one Hangul syllable is almost surely Korean.
func scriptConfidence(letters int, s script) float64 {
	switch s {
	case scriptHan:
		return []float64{0, 0.7, 0.85, 0.92, 0.95, 0.97}[min(letters, 5)]
	case scriptKana, scriptHangul:
		return []float64{0, 0.9, 0.95, 0.98, 0.99}[min(letters, 4)]
	}
	return []float64{0, 0.6, 0.8, 0.9, 0.95, 0.98}[min(letters, 5)]
}
