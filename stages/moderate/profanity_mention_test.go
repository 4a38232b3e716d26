package moderate

import "testing"

// A swear word explained in a language lesson is mentioned, not sworn, in
// every market; the same words sworn, or quoted at someone, are still read.
// One oath alone is allowed anyway (profanity_incidental.go), so the sworn
// cases swear twice.
func TestASwearWordExplainedIsMentionedNotSworn(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a French lesson on a Marseille swear word", "« Putain » c'est la virgule des Marseillais 😂 petit cours de culture pour les nouveaux venus", true},
		{"a Taiwanese English lesson on holy shit", "英文小教室：holy shit 多半是在表達驚訝，不是在罵人喔～", true},
		{"the theatre's merde explained", "« Merde ! » au théâtre, ça veut dire bonne chance 🎭 petite leçon pour nos amis chinois", true},
		{"a Spanish swear word explained in quotes", "En España 'hostia' significa sorpresa, no es un insulto jaja", true},
		{"two French words explained are mentioned too", "« Putain » et « merde », c'est la ponctuation des Marseillais 😂 petit cours de culture pour les nouveaux venus", true},
		{"the same French words sworn are still read in cn", "Putain, ce métro encore en retard, j'en ai marre, quelle merde", false},
		{"a quoted swear word with no explanation is still read in cn", "Mon mot du jour : « putain », encore un lundi de merde sous la pluie", false},
		{"an apology with 不好意思 does not explain a swear word", "不好意思，“他妈的”这家破店又关门了，tmd", false},
	}
	checkAllowed(t, s, cases)
}
