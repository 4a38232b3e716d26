package moderate

import "github.com/notegate/notegate/models"

// A trade or a sport told in its own words: a butcher's boning knife, a
// hunter's field dressing, a judoka's choke, a fisher's bleeding of the
// catch. The violence rules carry vetoes for many of these, rule by rule;
// what they miss, a note of the trade still trips. In a field framed as
// such a craft (craftFrames and tradeFrames), that addresses no one
// (secondPersonMarkers), names no person a threat would reach
// (craftPersonTargets) and relishes no harm (relishMarkers), a violence
// finding of the rules and lexicons is capped like reported speech.
// Round 41.

// tradeFrames add the trades and combat sports of every language to
// craftFrames. A gym is none: a stalker names where she trains ("elle sort
// de la salle de sport à 20h40").
var tradeFrames = newTermSet(foldTerms([]string{
	"butcher", "butchery", "boning knife", "abattoir", "slaughterhouse", "hunting season", "hunting trip", "my rifle", "the buck",
	"the doe", "venison", "tackle box", "the catch", "sparring", "grappling", "jiu-jitsu", "jiu jitsu", "judo", "karate",
	"taekwondo", "kickboxing", "muay thai", "boxing class", "the dojo",
	"carnicería", "carnicero", "carnicera", "cazador", "temporada de caza", "la caza", "pesca",
	"açougue", "açougueiro", "caçada", "pescaria",
	"boucherie", "boucher", "bouchère", "la chasse", "chasseur", "pêche",
	"metzgerei", "metzger", "jagd", "jäger", "angeln",
	"屠宰", "肉铺", "猪肉摊", "打猎", "钓鱼", "拳击课", "柔术", "道场",
	"精肉", "狩猟", "猟師", "釣り", "道場", "稽古", "スパーリング",
	"정육", "사냥", "낚시", "도장", "스파링",
}))

// craftPersonTargets are the people a threat in a trade's words would
// reach: a threat that names one is no craft.
var craftPersonTargets = newTermSet(foldTerms([]string{
	"my ex", "my boss", "my neighbour", "my neighbor", "my wife", "my husband", "my teacher", "my coworker", "that guy",
	"mi ex", "mi jefe", "mi vecino", "meu ex", "minha ex", "meu chefe", "mon ex", "mon patron", "mon voisin", "mein ex",
	"meinen chef", "meinen nachbarn", "前任", "前男友", "前女友", "老板", "邻居", "元カレ", "元カノ", "上司", "隣の", "전남친", "전여친",
	"상사", "옆집",
	// Round 48 (a probe): a neighbour named with an article, not "my" ("Receta de arepas … al vecino que me robó
	// la bici lo voy a picar en pedacitos").
	"al vecino", "el vecino", "la vecina", "a la vecina", "the neighbour", "the neighbor", "o vizinho", "a vizinha", "le voisin",
	"la voisine", "den nachbarn", "der nachbar", "die nachbarin",
}))

// tradeFrame reports whether the field is framed as a trade or a sport
// and reaches no one (see above).
func tradeFrame(t *Text) bool {
	s := t.Folded.String()
	if !tradeFrames.anyTerm(s) && !craftFrames.anyTerm(s) {
		return false
	}
	return !relishMarkers.anyTerm(s) && !containsPersonAny(s, secondPersonMarkers) &&
		!craftPersonTargets.anyTerm(s)
}

// capTradeViolence: the rules' and lexicons' violence in a trade's field.
func capTradeViolence(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category == models.CategoryViolence && (source == "rules" || source == "lexicon") && x.Score > reportedScoreCap &&
		tradeFrame(t) {
		x.Score = reportedScoreCap
	}
}
