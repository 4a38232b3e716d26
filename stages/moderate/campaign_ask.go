package moderate

import "github.com/notegate/notegate/models"

// A campaign that asks nothing: many accounts posting one text within the
// window is what a spam campaign does, and also what an app's share
// template, a chain post or a challenge's daily line does ("Day 5 of the
// 30-day yoga challenge, who's with me?", "Profile of … You are now part
// of the community"). What makes the copies spam is what they ask of the
// reader: a contact or a link (any finding of the contact detector), a
// word of spam or of an offer or a money amount (spamSignText), or another
// spam, sexual or illicit finding that reaches review. A campaign without
// any of them is capped at campaignNoAskCap: reviewed in cn, which reviews
// coordinated posting, allowed in intl; the copies' words are still judged
// by every other detector.
const campaignNoAskCap = 0.6

// capCampaignWithoutAsk caps the campaign findings of a note that asks
// nothing of its readers (see above). found holds every finding of the
// note's texts; suffix is the findings' source suffix, as for
// capPlainContact.
func capCampaignWithoutAsk(found []fieldFinding, texts []*Text, suffix string) {
	campaignSource, contactSource := "campaign"+suffix, "contact"+suffix
	has := false
	for _, f := range found {
		switch {
		case f.source == campaignSource:
			has = has || f.Score > campaignNoAskCap
		case f.source == contactSource:
			return
		case (f.Category == models.CategorySpam || f.Category == models.CategorySexual || f.Category == models.CategoryIllicit) && f.Score >= 0.5:
			return
		}
	}
	if !has {
		return
	}
	for _, t := range texts {
		if spamSignText(t, false) && !helplineNotice(t) { // a helpline's "free, 24h" (self_harm_outreach.go)
			return
		}
	}
	for i := range found {
		if found[i].source == campaignSource && found[i].Score > campaignNoAskCap {
			found[i].Score = campaignNoAskCap
		}
	}
}
