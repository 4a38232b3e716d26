package moderate

import "testing"

// A swear word explained in a language lesson is mentioned, not sworn, in
// every market; the same word sworn, or quoted at someone, is still read.
func TestASwearWordExplainedIsMentionedNotSworn(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a French lesson on a Marseille swear word", "« Putain » c'est la virgule des Marseillais 😂 petit cours de culture pour les nouveaux venus", true},
		{"a Taiwanese English lesson on holy shit", "英文小教室：holy shit 多半是在表達驚訝，不是在罵人喔～", true},
		{"the theatre's merde explained", "« Merde ! » au théâtre, ça veut dire bonne chance 🎭 petite leçon pour nos amis chinois", true},
		{"a Spanish swear word explained in quotes", "En España 'hostia' significa sorpresa, no es un insulto jaja", true},
		{"the same French word sworn is still read in cn", "Putain, ce métro encore en retard, j'en ai marre", false},
		{"a quoted swear word with no explanation is still read in cn", "Mon mot du jour : « putain », encore un lundi sous la pluie", false},
		{"an apology with 不好意思 does not explain a swear word", "不好意思，“他妈的”这家店又关门了", false},
	}
	checkAllowed(t, s, cases)
}
