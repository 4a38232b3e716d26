package moderate

import "github.com/notegate/notegate/models"

// A note that reports a sale the police stopped ("police arrested a guy
// selling fake passports out of a print shop", 警方查获假证) names the
// goods as the lexicon lists them, but sells nothing. The intent rules
// have their reporting vetoes; the lexicon reads words alone. An illicit
// finding of the lexicon in a field framed as news (newsFrame: two
// markers of a report, no one addressed) with none of a sale's bait
// (spamBait: a number, a price, a handle or link, words of contact or
// money) keeps its label for reviewers and decides nothing. A dealer
// quoting the news still gives a way to buy, and stays.

// capNewsIllicitLexicon caps such a finding at reportedScoreCap.
func capNewsIllicitLexicon(t *Text, source string, x *Finding, _ *[]Span) {
	if source == "lexicon" && x.Category == models.CategoryIllicit && x.Score > reportedScoreCap && newsFrame(t) && !spamBait(t) {
		x.Score = reportedScoreCap
	}
}
