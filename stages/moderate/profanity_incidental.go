package moderate

import "github.com/notegate/notegate/models"

// Incidental swearing: a longer note that tells a night shift, a derby in
// the pub or a pet's last day and swears once on the way ("Putain, j'ai
// une réunion à neuf heures", "So eine Scheiße, tut das weh", 我靠，这破打印机又卡纸了)
// is a story with one oath in it, not swearing. The cn market reviews a
// single swear word in a comment (its profanity review is 0.3); in a field
// of several sentences where the lexicons and rules find one swear word at most
// (below crude swearing; none: the classifier alone read some), the field's profanity findings — the
// classifier's too — are capped at reportedScoreCap: they keep their label
// and evidence for reviewers and decide nothing. Two swear words or more,
// and any field crudeSwearing judged crude, keep their scores, and so does
// every other category: an insult aimed at someone is harassment, whatever
// the length.
const (
	// incidentalMinBytes: a field shorter than this (UTF-8 bytes: about 50
	// words of Latin script, 100 Han, kana or hangul) is a comment, where
	// one oath may be the point.
	incidentalMinBytes = 300
	// incidentalMinSentences: and it tells something in several sentences.
	incidentalMinSentences = 3
)

// capIncidentalSwear caps the profanity of long fields that swear once (see
// above). It runs after crudeSwearing, whose findings it reads.
func capIncidentalSwear(found []fieldFinding, texts []*Text) {
	for _, t := range texts {
		var words []Span
		swears, crude := false, false
		for _, f := range found {
			if f.field != t.Field || f.Category != models.CategoryProfanity || f.market != "" {
				continue
			}
			swears = true
			if f.Score >= crudeScore {
				crude = true
				break
			}
			if fromClassifier(f.source) || f.Span.Start == f.Span.End {
				continue
			}
			words = append(words, f.Span)
		}
		if !swears || crude || len(separateSpans(words)) > 1 ||
			len(t.Original) < incidentalMinBytes || countSentences(t) < incidentalMinSentences {
			continue
		}
		for k := range found {
			f := &found[k]
			if f.field == t.Field && f.Category == models.CategoryProfanity && f.market == "" && f.Score > reportedScoreCap {
				f.Score = reportedScoreCap
			}
		}
	}
}

// countSentences counts the sentences of t as sentenceBounds delimits them,
// leaving out those without a letter or a digit (a run of "!!!", a blank
// line), as sentenceRuns does.
func countSentences(t *Text) int {
	bounds, _ := sentenceBounds(t, nil, nil)
	v := &t.Skeleton
	n, i := 0, 0
	for _, b := range append(bounds, len(t.Original)) {
		if i < len(v.Spans) && v.Spans[i].Start < b {
			n++
		}
		for i < len(v.Spans) && v.Spans[i].Start < b {
			i++
		}
	}
	return n
}
