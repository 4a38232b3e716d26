package moderate

import "testing"

// A slur or an insult quoted alone in a note about words is mentioned, not
// used, in every market; the same word aimed at someone, or quoted with no
// talk of words, is still read.
func TestASlurExplainedIsMentionedNotUsed(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a Brazilian slur explained to foreigners", "Para os gringos: 'viado' no Brasil é usado como ofensa homofóbica, mesmo que alguns amigos usem entre si. Se você é estrangeiro, melhor não usar.", true},
		{"a French teacher on a swear word to avoid", "Prof de FLE : 'putain' est partout dans le français parlé, mais je dis à mes étudiants chinois de l'éviter en entretien d'embauche 😂", true},
		{"a teacher on insults that went round a class", "小学校の先生をしています。『死ね』『キモい』がクラスで流行りかけたので、言われた側の気持ちを作文に書いてもらった。", true},
		{"the same slur aimed at a player is still read", "esse viado não sabe jogar, tira ele do time", false},
		{"the insult said to someone, quoted, with no talk of words, is still read", "Você é um 'viado', sai daqui", false},
	}
	checkAllowed(t, s, cases)
}

// A threat quoted alone in a learner's question about a phrase (round 53)
// is a question about words; the same question beside a threat of the
// author's own is still read.
func TestAThreatAskedAboutIsAPhraseNotAThreat(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a German learner asks why gamers say a threat to friends", "Englisch lernen: Warum sagen Gamer 'I'm gonna murder you' zu ihren Freunden? Ist das normal?", true},
		{"an English learner asks what a teammate's threat means", "What does 'I will murder you' mean when my teammates say it?", true},
		{"a quoted question beside the author's own threat is still read", "\"I will murder you\" what does that mean? it means I know where you live", false},
		{"a threat followed by the question words, unquoted, is still read", "I will murder you tomorrow, what does that mean to you?", false},
	}
	checkAllowed(t, s, cases)
}
