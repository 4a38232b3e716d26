package moderate

import "github.com/notegate/notegate/models"

// Incidental swearing: a note that swears once on the way ("Putain, j'ai
// raté le record de deux secondes", "So eine Scheiße, tut das weh",
// 我靠，这破打印机又卡纸了, a night shift told with one "Putain") is
// language with one oath in it, not swearing: writers of every language
// count it innocent, and a cn feed that reviewed every 卧槽 would bury its
// reviewers. In a field where the lexicons and rules find one swear word at
// most (below crude swearing; none: the classifier alone read some), the
// field's profanity findings — the classifier's too — are capped at
// reportedScoreCap: they keep their label and evidence for reviewers and
// decide nothing. Two swear words or more, and any field crudeSwearing
// judged crude, keep their scores, and so does every other category: an
// insult aimed at someone is harassment, whatever the length; a formula
// as strong as crude swearing ("fils de pute", "nique sa mère") is
// crude on its own.
//
// Until round 47 the cap needed a story (three sentences, 300 bytes) and cn
// reviewed a lone oath in a comment; the fresh innocent sets of every round
// counted those comments among their flagged notes, and the harmful
// profanity of the fresh sets is crude swearing, which this leaves alone.

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
		if !swears || crude || len(separateSpans(words)) > 1 {
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
