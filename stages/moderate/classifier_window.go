package moderate

import "slices"

// A trained model scores a field by the sum of its features' weights,
// scaled by one over the square root of their number (featureScale): the
// longer the field, the less one sentence weighs. A person at risk often
// says it once, in one understated sentence of a long ordinary note about
// food, work or a pet, and the note's other sentences dilute it below the
// threshold that the same sentences would reach as a post of their own.
// So in a field of sentenceRunMin sentences or more, an intent model also
// judges its self_harm in every run of sentenceRun consecutive sentences
// that holds sentenceRunWords words or more, with the field's
// calibration, and takes the best of the field and its runs.
//
// Measured on the sealed long-form sets (model/README.md, round 33): 10
// more of 2,388 harmful notes caught and no more of 1,514 innocent ones
// flagged; on three sets written after this choice, 14 more of 294
// caught and 2 more of 162 flagged. Runs of two sentences, or in fields
// of four, caught more and flagged more; runs of a few short words (chat
// messages: "Lol. This sucks. Mark is getting worried.") read everyday
// text messages as risk, and violence read in runs flagged them too.
const (
	sentenceRun      = 3
	sentenceRunMin   = 5
	sentenceRunWords = 16
)

// sentenceRuns fills s.runs with the skeleton index at which each sentence
// of t starts, then the skeleton's length, and s.runBytes with the same
// bounds as byte offsets of the original. Sentences are sentenceBounds';
// a bound that leaves a sentence without skeleton runes is dropped.
func sentenceRuns(t *Text, s *classifierScratch) {
	v := &t.Skeleton
	s.bytes, s.marks = sentenceBounds(t, s.bytes[:0], s.marks[:0])
	s.runs = append(s.runs[:0], 0)
	s.runBytes = append(s.runBytes[:0], 0)
	i := 0
	for _, b := range s.bytes {
		for i < len(v.Spans) && v.Spans[i].Start < b {
			i++
		}
		if i < len(v.Spans) && int32(i) > s.runs[len(s.runs)-1] {
			s.runs = append(s.runs, int32(i))
			s.runBytes = append(s.runBytes, v.Spans[i].Start)
		}
	}
	s.runs = append(s.runs, int32(len(v.Runes)))
	s.runBytes = append(s.runBytes, len(t.Original))
}

// bestRuns raises the score logit of c.runsCategory (self_harm) in
// s.scores (calibrated for lang) to the best logit of a run of sentenceRun sentences of t, and
// records in s.from and s.to the skeleton range of the run that set it
// (from == to: the whole field). It reads s.feats once: each feature's
// quantized self_harm weight is summed by the sentence it starts in and
// the number of sentence bounds it crosses, so a run's margin is the sum
// of the features that lie inside it, as Margins would give for them.
func (c *Classifier) bestRuns(t *Text, s *classifierScratch, lang int) {
	for k := range s.scores {
		s.from[k], s.to[k] = 0, 0
	}
	sh := c.runsCategory
	sentenceRuns(t, s)
	n := len(s.runs) - 1 // sentences
	if n < sentenceRunMin {
		return
	}
	// sum[i*sentenceRun+d], cnt[...]: the features that start in sentence
	// i and end in sentence i+d.
	s.sum = slices.Grow(s.sum[:0], n*sentenceRun)[:n*sentenceRun]
	s.cnt = slices.Grow(s.cnt[:0], n*sentenceRun)[:n*sentenceRun]
	clear(s.sum)
	clear(s.cnt)
	// sent[p]: the sentence of skeleton rune p.
	s.sent = slices.Grow(s.sent[:0], len(t.Skeleton.Runes))[:len(t.Skeleton.Runes)]
	for i := range n {
		for p := s.runs[i]; p < s.runs[i+1]; p++ {
			s.sent[p] = int32(i)
		}
	}
	m := c.model
	for _, f := range s.feats {
		if f.End <= f.Start {
			continue
		}
		i, j := int(s.sent[f.Start]), int(s.sent[f.End-1])
		if d := j - i; d < sentenceRun {
			s.sum[i*sentenceRun+d] += int32(m.q(f.Bucket, sh))
			s.cnt[i*sentenceRun+d]++
		}
	}
	cal := c.calib[lang][sh]
	for a := 0; a+sentenceRun <= n; a++ {
		if !hasWords(t.Original[s.runBytes[a]:s.runBytes[a+sentenceRun]], max(c.minWords, sentenceRunWords)) {
			continue
		}
		var acc, cnt int32
		for i := a; i < a+sentenceRun; i++ {
			for d := 0; i+d < a+sentenceRun; d++ {
				acc += s.sum[i*sentenceRun+d]
				cnt += s.cnt[i*sentenceRun+d]
			}
		}
		if cnt == 0 {
			continue
		}
		margin := float64(m.Bias[sh]) + float64(m.Scale[sh])*float64(featureScale(int(cnt)))*float64(acc)
		if z := cal.a*margin + cal.b; z > s.scores[sh] {
			s.scores[sh], s.from[sh], s.to[sh] = z, s.runs[a], s.runs[a+sentenceRun]
		}
	}
}
