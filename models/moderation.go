package models

// Decision is a moderation outcome. The order of restrictiveness is
// allow < review < block.
type Decision string

const (
	DecisionAllow  Decision = "allow"
	DecisionReview Decision = "review"
	DecisionBlock  Decision = "block"
)

// Rank orders decisions by restrictiveness: allow 0, review 1, block 2.
// Anything unknown ranks as review, so it is never shown unseen.
func (d Decision) Rank() int {
	switch d {
	case DecisionAllow:
		return 0
	case DecisionBlock:
		return 2
	}
	return 1
}

// MostRestrictive returns the more restrictive of a and b.
func MostRestrictive(a, b Decision) Decision {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}

// Category is one class of the fixed moderation taxonomy.
type Category string

const (
	CategoryHate         Category = "hate"
	CategoryHarassment   Category = "harassment"
	CategorySexual       Category = "sexual"
	CategorySexualMinors Category = "sexual_minors"
	CategoryViolence     Category = "violence"
	CategorySelfHarm     Category = "self_harm"
	CategoryIllicit      Category = "illicit"
	CategorySpam         Category = "spam"
	CategoryPII          Category = "pii"
	CategoryProfanity    Category = "profanity"
)

// Categories is the whole taxonomy, in a fixed order.
var Categories = []Category{
	CategoryHate, CategoryHarassment, CategorySexual, CategorySexualMinors,
	CategoryViolence, CategorySelfHarm, CategoryIllicit, CategorySpam,
	CategoryPII, CategoryProfanity,
}

// Valid reports whether c is in the taxonomy.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// Moderation is the outcome of moderating one note in every market.
type Moderation struct {
	// Decision is the most restrictive of the per-market decisions.
	Decision Decision `json:"decision"`
	// Markets maps each configured market to its decision.
	Markets map[string]Decision `json:"markets"`
	// Labels are what the rules and models found.
	Labels []Label `json:"labels,omitempty"`
	// PolicyVersion identifies the policy the decisions were made under.
	PolicyVersion string `json:"policy_version"`
	// Review is the latest reviewer decision; nil until a human decided.
	Review *Review `json:"review,omitempty"`
	// Support is set when the author may be at risk of harming
	// themselves ("I want to die", "planning to end it tonight"). Such a
	// note is never blocked unseen: it is in review in every market
	// (unless sexual_minors blocks it there), first in the review queue,
	// and feeds and the review desk show support resources. Nil otherwise.
	Support *Support `json:"support,omitempty"`
	// Urgent names why a person must see the note before any other note,
	// whatever the markets decided: "self_harm" (an author at risk, see
	// Support) or "sexual_minors" (blocked under zero tolerance, to be
	// confirmed and reported). Empty for other notes. See Urgency.
	Urgent Category `json:"urgent,omitempty"`
	// Author is the author's standing (strikes, a mute or a suspension)
	// when the note was moderated, if it was not clear; the markets it
	// is muted or suspended in are decided as the policy says for such
	// authors (see stages/moderate). Nil otherwise.
	Author *AuthorStanding `json:"author,omitempty"`
	// Reports sums up users' reports of the note; nil until one came.
	Reports *Reports `json:"reports,omitempty"`
	// Appeal is the author's appeal of the note's decision; nil until
	// one came.
	Appeal *Appeal `json:"appeal,omitempty"`
}

// Support tells feeds and reviewers how to care for an author at risk.
type Support struct {
	// Category is the harm the author is at risk of: "self_harm".
	Category Category `json:"category"`
	// ShowResources asks feeds to show support resources (a crisis line,
	// "you are not alone" with where to get help) to the author and with
	// the note wherever it is shown, and reviewers to reach out rather
	// than punish.
	ShowResources bool `json:"show_resources"`
}

// Label is one finding of one category.
type Label struct {
	Category Category `json:"category"`
	// Score is in [0, 1]; rules that match outright score 1.
	Score float64 `json:"score"`
	// Source names the rule set or model, and whether it looked at the
	// original or a translation (for example "lexicon", "contact",
	// "lexicon:translation:en").
	Source   string     `json:"source"`
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Evidence is one span of the original text that a label rests on.
type Evidence struct {
	// Field is "title", "body" or "tags".
	Field string `json:"field"`
	// Start and End are byte offsets into the UTF-8 text of Field as the
	// author wrote it: Text == field[Start:End].
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}
