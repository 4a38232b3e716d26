package moderate

import "github.com/notegate/notegate/models"

// A scammer's words quoted in a warning: "Um perfil fica comentando 'sei
// onde você mora' em todos os meus posts. É robô de golpe… denunciei",
// "DMで「モデルになりませんか？まずは下着の写真を送ってください」って来た。本物の事務所は
// そんな連絡しません", "the supposed 'Microsoft technician' … 'vete a la
// mierda, pendeja'". A scam bot's threat, a fake scout's request for
// photos and a caught scammer's insult are what the warning shows. In a
// field that warns of a scam (scamWarning), a violence, hate, harassment
// or profanity finding of the lexicons and rules, and a sexual one of the
// rules, inside a quotation (across sentences, or by its first or last
// word) is capped like reported speech. Never sexual content about minors
// (a parent's report of it goes to a person), contact requests (the
// contact caps decide those) or the classifier's findings, whose evidence
// cannot be placed.

// capWarnedQuote: a scammer's words quoted in a warning (scam_quote.go).
func capWarnedQuote(t *Text, source string, x *Finding, _ *[]Span) {
	cats := courtCategories
	if source == "rules" {
		cats = scamQuoteRuleCategories
	}
	// scamWarning first: most fields warn of nothing.
	capQuotedFinding(x, source, false, cats, func() bool { return scamWarning(t) && quotedEvidence(t.Original, x.Span) })
}

// scamQuoteRuleCategories: a fake scout's request for photos is the rules'
// sexual finding, quoted.
var scamQuoteRuleCategories = append([]models.Category{models.CategorySexual}, courtCategories...)
