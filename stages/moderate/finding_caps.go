package moderate

import (
	"slices"
	"strings"

	"github.com/notegate/notegate/models"
)

// A findingCap reads one finding of a field detector (source is the
// detector's name) against the field's context and, when the context says
// the words are not the author's harm, lowers its score to
// reportedScoreCap (deciding nothing) or relabels it, in place. told holds
// the spans read so far as someone else's words, for the caps after it.
type findingCap func(t *Text, source string, x *Finding, told *[]Span)

// findingCaps run in this order on every finding of a field detector; a
// new reading of context is one function here and the file that explains it.
var findingCaps = []findingCap{
	capReportedSpeech,
	capClassifierReceivedThreat,
	capAbuseDeedZh,
	capToldAbuse,
	capSelfHarmNotAuthors,
	capHelplineOutreach,
	capSelfHarmRecoveryStory,
	capPetEuthanasiaStory,
	capSurvivorStory,
	capProfessionalWarning,
	capClassifierOnToldWords,
	capClassifierSelfHarmTold,
	capClassifierSelfHarmCameThrough,
	capClassifierSelfHarmGiveaway,
	capClassifierCounterSpeech,
	relabelClassifierHateZh,
	capClassifierContext,
	capClassifierCelebration,
	capClassifierSpamWithoutBait,
	capSelfInsult,
	capBanter,
	capGameBanter,
	capHyperboleKin,
	capWarnedContact,
	capDefangedLink,
	capRefusedContact,
	capHelplineContact,
	capWarnedBait,
	capWarnedQuote,
	capNewsIllicitLexicon,
	capChildSafetyWarning,
	capSexEducationLexicon,
	capProfanityMentioned,
	capWordMentioned,
	capChildQuoted,
	capPlayQuoted,
	capCharacterLine,
	capCourtQuoted,
	capSexLaw,
	capFictionViolence,
	capTradeViolence,
	capFictionSelfHarm,
	capStressHyperbole,
}

func fromClassifier(source string) bool { return strings.HasPrefix(source, "classifier:") }

// alsoOf reports whether x is a label a rule gives beside its own category
// (its also: list), emitted right after the finding p of that category:
// same rule, same span. Such a label is capped as far as its rule's own
// finding was (round 48, F95: "有人…還說要肉搜她，真的很過分。我已經檢舉了" caps the
// doxxing threat's harassment as witnessed abuse, and its pii with it).
func alsoOf(x, p Finding) bool {
	return x.Rule != "" && x.Rule == p.Rule && x.Span == p.Span && x.Category != p.Category
}

// capQuotedFinding caps x like reported speech when its category is one of
// cats, it comes from the lexicons, the rules or (withModels) a classifier,
// and quoted says its words are someone else's: the shared shape of the
// caps of words quoted from a partner, a character, a court record or a
// scammer.
func capQuotedFinding(x *Finding, source string, withModels bool, cats []models.Category, quoted func() bool) {
	if x.Score <= reportedScoreCap || !(source == "lexicon" || source == "rules" || withModels && fromClassifier(source)) ||
		!slices.Contains(cats, x.Category) {
		return
	}
	if quoted() {
		x.Score = reportedScoreCap
	}
}

// spokenCategories are what words said to someone carry: capped when the
// words are quoted from someone else.
var spokenCategories = []models.Category{models.CategoryViolence, models.CategoryHarassment, models.CategoryProfanity}

// capReportedSpeech: words quoted or reported, not said (reported.go).
// A threat quoted and reported ("someone wrote 'I'll shoot up the school
// Friday' and I reported it to the police") still goes to a person, since a
// quote can carry a threat on, but it is not blocked unseen: its score stops
// at reportedThreatCap, below every block threshold of the default policy.
func capReportedSpeech(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Span.End <= x.Span.Start || !(source == "lexicon" || source == "rules" || fromClassifier(source)) {
		return
	}
	switch {
	case reportable(x.Category) && x.Score > reportedScoreCap && reportedSpeech(t, x.Span):
		x.Score = reportedScoreCap
	case x.Category == models.CategorySexual && source == "lexicon" && x.Score > reportedScoreCap && reportedSpeech(t, x.Span):
		// A sexual word someone was called, quoted and reported (上司に「巨乳ちゃん」
		// って呼ばれた。人事に通報した) is harassment told; the rules' offers and
		// requests still count, quoted or not.
		x.Score = reportedScoreCap
	case x.Category == models.CategoryViolence && x.Score > reportedScoreCap && quotedAndReported(t, x.Span) && receivedOrSticker(t, x.Span):
		x.Score = reportedScoreCap
	case x.Category == models.CategoryViolence && x.Score > reportedThreatCap && quotedAndReported(t, x.Span):
		x.Score = reportedThreatCap
	case x.Category == models.CategoryIllicit && source == "rules" && x.Score > reportedScoreCap && receivedOfferReported(t, x.Span):
		// A dealer's DM shown and reported (round 53, N143: "Un DM : 'je vends de la coke, livraison
		// rapide'. Signalé direct."): the offer reached the author, who sells nothing.
		x.Score = reportedScoreCap
	}
}

// receivedOfferReported reports whether the evidence at sp is quoted
// (quotedEvidence) in a field that tells of words sent to the author and
// reported (receivedThreatTold), and offers nothing of the author's own
// outside the quotation (warningOffers).
func receivedOfferReported(t *Text, sp Span) bool {
	return receivedThreatTold(t) && quotedEvidence(t.Original, sp) && !warningOffers.in(unquoted(t.Folded.String()))
}

// capClassifierReceivedThreat: the intent models' violence and self_harm
// in a field that tells of a quoted threat received and reported
// (reported.go): the rules read the quote itself.
func capClassifierReceivedThreat(t *Text, source string, x *Finding, _ *[]Span) {
	if (x.Category == models.CategoryViolence || x.Category == models.CategorySelfHarm) && x.Score > reportedScoreCap &&
		fromClassifier(source) && receivedThreatTold(t) {
		x.Score, x.Support = reportedScoreCap, false
	}
}

// capAbuseDeedZh: a hate finding inside abuse named as someone else's deed
// (辱骂穆斯林的视频, 拿残疾人开…玩笑; counter_quote_zh.go).
func capAbuseDeedZh(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category == models.CategoryHate && x.Score > reportedScoreCap && x.Span.End > x.Span.Start && t.HasHan &&
		overlapsSpan(x.Span, abuseDeedSpansZh(t)) {
		x.Score = reportedScoreCap
	}
}

// reportedThreatCap is the score of a quoted, reported threat: reviewed,
// never blocked unseen.
const reportedThreatCap = 0.7

// capToldAbuse: abuse quoted to condemn it or to ask for help (told_abuse.go).

// capSelfHarmNotAuthors: a death wish told as someone else's or as the
// author's overcome past (self_harm_others.go).
func capSelfHarmNotAuthors(t *Text, source string, x *Finding, told *[]Span) {
	if selfHarmOthersSource(source, x.Category) && x.Score > reportedScoreCap &&
		(selfHarmNotAuthors(t, x.Span) || closeQuoted(t, x.Span) || helperQuoted(t, x.Span)) {
		x.Score, x.Support = reportedScoreCap, false
		*told = append(*told, x.Span)
	}
}

// capHelplineOutreach: a helpline offered to readers (self_harm_outreach.go).
// The classifier's score counts too: a field whose rules were vetoed by its
// own framing ("if a friend says things like …, call or text 988") still
// reads as risk to a model of the whole field.
func capHelplineOutreach(t *Text, source string, x *Finding, told *[]Span) {
	if selfHarmOthersSource(source, x.Category) && x.Score > reportedScoreCap && (x.Support || source == "lexicon" || fromClassifier(source)) &&
		outreach(t, x.Span) {
		x.Score, x.Support = reportedScoreCap, false
		*told = append(*told, x.Span)
	}
}

// capSelfHarmRecoveryStory: the rules' and the word lists' self-harm in a
// long story told from the other side (recoveryNarrative, or a loss by
// suicide told at length: recovery_narrative.go). The sentence-level
// readings above (selfHarmOvercome) need the past and the recovery in the
// death wish's own sentence; a story of three hundred letters dates its
// worst time in one sentence and tells the wish in the next.
func capSelfHarmRecoveryStory(t *Text, source string, x *Finding, told *[]Span) {
	if x.Category == models.CategorySelfHarm && (source == "rules" || source == "lexicon") && x.Score > reportedScoreCap &&
		(recoveryNarrative(t) || longBereavement(t)) {
		x.Score, x.Support = reportedScoreCap, false
		*told = append(*told, x.Span)
	}
}

// capPetEuthanasiaStory: "killing" said of a pet put to sleep, in the
// sentence that names it (pet_antics.go: petEuthanasiaSentence).
func capPetEuthanasiaStory(t *Text, source string, x *Finding, _ *[]Span) {
	if (x.Category == models.CategoryViolence || x.Category == models.CategoryHarassment) && (source == "rules" || source == "lexicon") &&
		x.Score > reportedScoreCap && petEuthanasiaSentence(t, x.Span) {
		x.Score = reportedScoreCap
	}
}

// capClassifierOnToldWords: the classifier read the same words as a told
// death wish (self_harm_others.go).
func capClassifierOnToldWords(_ *Text, source string, x *Finding, told *[]Span) {
	if counterSpeechCategory(x.Category) && x.Score > reportedScoreCap && fromClassifier(source) && overlapsSpan(x.Span, *told) {
		x.Score = reportedScoreCap
	}
}

// capClassifierSelfHarmTold: the intent classifier's self-harm score in a
// field whose death wish the caps before it read as someone else's words,
// the author's overcome past or an outreach: the score is the field's, and
// the field is about those words.
func capClassifierSelfHarmTold(_ *Text, source string, x *Finding, told *[]Span) {
	if x.Category == models.CategorySelfHarm && x.Score > reportedScoreCap && fromClassifier(source) && len(*told) > 0 {
		x.Score, x.Support = reportedScoreCap, false
	}
}

// capClassifierSelfHarmCameThrough: the classifier's self-harm score in a
// field that tells of having come through, or asks how to help someone
// else through it (self_harm_others.go: cameThroughField, helperField):
// the score is the whole field's, and the field is a survivor's story or a
// helper's question, not a person at risk now. So is a diet whose every
// calorie figure is a livable day (healthy_intake.go), a fringe cut at
// home (haircut.go), a pharmacist's advice to readers (health_advice.go),
// a longer recovery story, a bereavement, a pet's death or mischief, a
// taunt ("kill yourself") the author quotes and reported, and a shop's
// 跳楼价 (recovery_narrative.go, pet_antics.go, sale_idiom_zh.go).
func capClassifierSelfHarmCameThrough(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category == models.CategorySelfHarm && x.Score > reportedScoreCap && fromClassifier(source) &&
		(cameThroughField(t) || helperField(t) || healthyIntake(t) || homeHaircut(t) || healthAdvice(t) ||
			recoveryNarrative(t) || bereavedBySuicide(t) || petStory(t) || reportedSelfHarmTaunt(t) || saleIdiomZh(t)) {
		x.Score, x.Support = reportedScoreCap, false
	}
}

// capClassifierCounterSpeech: a field that rejects discrimination
// (counter_speech.go).
func capClassifierCounterSpeech(t *Text, source string, x *Finding, _ *[]Span) {
	if classifierToldCategory(x.Category) && x.Score > reportedScoreCap && fromClassifier(source) && (counterSpeech(t) || victimReport(t)) {
		x.Score = reportedScoreCap
	}
}

// relabelClassifierHateZh: the abuse classifier's hate with no group named
// is harassment (hateTargetsZh): COLD taught it to call any insult in
// Chinese hate. The hate model (classifier_hate.go) learnt hate that names
// no group by design ("这种人", 🦗, あの国の人たち) and keeps its category
// (round 55: its findings on coded hate in Chinese and Japanese had become
// harassment).
func relabelClassifierHateZh(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category == models.CategoryHate && fromClassifier(source) && !hateModelSource(source) && !namesHateTargetZh(t) {
		x.Category = models.CategoryHarassment
	}
}

// hateModelSource reports whether source is the hate model's label
// (classifier:hate-notes-vN).
func hateModelSource(source string) bool { return strings.HasPrefix(source, "classifier:hate-notes") }

// capClassifierContext: self-directed, news, comedy (classifier_context.go).
func capClassifierContext(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Score > reportedScoreCap && fromClassifier(source) && classifierContextCapped(t, x.Category, x.Span) {
		x.Score = reportedScoreCap
		if x.Category == models.CategorySelfHarm {
			x.Support = false
		}
	}
}

// capSelfInsult: calling oneself names, in the lexicon's harassment
// (classifier_context.go).
func capSelfInsult(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Score > reportedScoreCap && source == "lexicon" && x.Category == models.CategoryHarassment && selfInsult(t, x.Span) {
		x.Score = reportedScoreCap
	}
}

// capWarnedContact: a contact request (or a phone read as personal data) a
// scam warning quotes (scam_warning.go), or a parents' warning tells of
// (child_safety_warning.go).
func capWarnedContact(t *Text, source string, x *Finding, _ *[]Span) {
	if (source == "contact" || source == "pii" && x.Category == models.CategoryPII) && x.Score > reportedScoreCap && x.Span.End > x.Span.Start && x.Span.End <= len(t.Original) &&
		((!carriesHandle(t.Original[x.Span.Start:x.Span.End]) || quotedHandleReported(t, x.Span)) &&
			(scamWarning(t) && warnedSpan(t, x.Span) || childSafetyWarning(t)) || senderWarned(t, x.Span)) {
		x.Score = reportedScoreCap
	}
}

// capRefusedContact: a contact request the author turns down
// (contact_refused.go).
func capRefusedContact(t *Text, source string, x *Finding, _ *[]Span) {
	if source == "contact" && x.Score > reportedScoreCap && x.Span.End > x.Span.Start && x.Span.End <= len(t.Original) &&
		!carriesHandle(t.Original[x.Span.Start:x.Span.End]) && refusedRequest(t, x.Span) {
		x.Score = reportedScoreCap
	}
}

// capHelplineContact: a helpline reached by a messenger (self_harm_outreach.go).
func capHelplineContact(t *Text, source string, x *Finding, _ *[]Span) {
	// Round 44: a model's spam too ("If you're struggling, please call or
	// text 988 … help is free" read as an offer).
	if fromClassifier(source) && x.Category == models.CategorySpam && x.Score > reportedScoreCap && helplineOffered(t) {
		x.Score = reportedScoreCap
	}
	if source == "contact" && x.Score > reportedScoreCap && helplineContact(t, x.Span) {
		x.Score = reportedScoreCap
	}
}

// capWarnedBait: a warning quotes the scam's words (scam_warning.go).
func capWarnedBait(t *Text, source string, x *Finding, _ *[]Span) {
	if (source == "lexicon" || source == "rules") && (x.Category == models.CategorySpam || x.Category == models.CategoryIllicit) &&
		x.Score > reportedScoreCap && x.Span.End > x.Span.Start && (scamWarning(t) && warnedSpan(t, x.Span) || disbelievedSpan(t, x.Span)) {
		x.Score = reportedScoreCap
	}
}
