package moderate

import "testing"

// A scammer's threat, request or insult quoted in a warning is the
// scammer's; the author's own threat beside a scam word, and a quoted
// threat with no warning, are still read.
func TestAScammersWordsQuotedInAWarning(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a scam bot's threat quoted and reported", "Um perfil fica comentando 'sei onde você mora' em todos os meus posts. É robô de golpe de 'localizador de celular'. Printei e denunciei.", true},
		{"a fake scout's request for underwear photos quoted", "DMで「モデルになりませんか？まずは下着の写真を送ってください」って来た。なりすましの詐欺です、絶対に送らないで。", true},
		{"a French bot's threat quoted and reported", "Quelqu'un m'envoie 'je sais où tu habites' depuis dix comptes. C'est un bot qui renvoie vers une appli, c'est une arnaque. Signalé.", true},
		{"the author's own threat beside a scam word is still read", "C'est une arnaque ton truc, je sais où tu habites et je vais te retrouver.", false},
		{"a quoted threat with no warning is still read", "Pour mon ex : 'je sais où tu habites'. Tu verras ce soir.", false},
	}
	checkAllowed(t, s, cases)
}
