package moderate

import (
	"strings"

	"github.com/notegate/notegate/models"
)

// A slur or an insult mentioned, not used: the newcomers' weeks were full
// of people explaining words to each other ("Para os gringos: 'viado' no
// Brasil é usado como ofensa homofóbica… melhor não usar", "Prof de FLE :
// 'putain' est partout dans le français parlé, mais je dis à mes étudiants
// de l'éviter", a teacher's 『死ね』『キモい』がクラスで流行りかけたので…).
// A hate, harassment or profanity finding whose evidence is one word or
// phrase standing alone between quotation marks, in a field that talks
// about words (wordTalk: what a word means, that it offends, that it went
// round a class, that it is better avoided), is capped like reported
// speech: it keeps its label, and no market reviews it. The word aimed at
// someone ("you're a 'viado'") has a person beside it and no talk of
// words; a quotation in a field with no such talk is left to the other
// readings (reported speech, counter-speech).

// wordTalk are the words of a field about words, in the folded text,
// beyond the definitions a swear word is explained with
// (profanityDefinitions, which count too): the word named, that it offends,
// that it went round, that it is better avoided.
var wordTalk = newTermSet(foldTerms([]string{
	"the word", "this word", "that word", "a word", "word for", "slur", "insult", "offensive", "is rude", "pretty rude", "avoid",
	"don't use", "do not use", "don't say",
	"la palabra", "esa palabra", "insulto", "ofensivo", "ofensiva", "es un insulto", "evitar", "no la uses", "no lo uses", "no uses",
	"a palavra", "essa palavra", "é usado", "é usada", "ofensa", "xingamento", "melhor não usar", "não use", "não usem", "evitem",
	"le mot", "ce mot", "insulte", "injure", "offensant", "éviter", "l'éviter", "évitez", "n'utilisez pas",
	"das wort", "dieses wort", "beleidigung", "beleidigungen", "schimpfwort", "beleidigend", "vermeiden", "benutzt das nicht",
	"behindertenfeindlich", "homophob", "rassistisch", "warum das",
	"这个词", "这种词", "这句话", "骂人的话", "侮辱", "贬义", "歧视", "别用", "不要用", "不要说",
	"という言葉", "って言葉", "言葉", "意味", "流行", "悪口", "差別語", "蔑称", "使わない",
	"라는 말", "단어", "욕설", "비하", "유행", "쓰지 마", "쓰지 말",
	// Round 54 (N155): slang named as slang, a Korean teacher's 패드립 (insults of a parent).
	"slang", "jerga", "gíria", "argot", "jugendsprache", "俚语", "スラング", "은어", "패드립", "같은 말",
}))

// phraseQuestions ask what a phrase means or why people say it (round 53,
// N145: "Englisch lernen: Warum sagen Gamer 'I'm gonna murder you' zu ihren
// Freunden? Ist das normal?"): a threat quoted alone in such a field is a
// learner's question about words, and capped like a mentioned insult.
var phraseQuestions = newTermSet(foldTerms([]string{
	"what does", "what do they mean", "why do people say", "why do gamers say", "why do they say", "is it normal to say",
	"qué significa", "que significa", "por qué dicen", "o que significa", "por que falam", "por que dizem",
	"ça veut dire", "pourquoi ils disent", "pourquoi on dit", "was bedeutet", "warum sagen", "warum sagt man",
	"什么意思", "啥意思", "为什么说", "どういう意味", "ってどういう", "なんで言う", "무슨 뜻", "무슨 의미", "왜 그렇게 말",
}))

// capWordMentioned: a slur, an insult or a swear word quoted alone in a
// field about words; a threat quoted alone in a question about a phrase.
func capWordMentioned(t *Text, source string, x *Finding, _ *[]Span) {
	switch x.Category {
	case models.CategoryHate, models.CategoryHarassment, models.CategoryProfanity, models.CategoryViolence:
	default:
		return
	}
	if fromClassifier(source) || x.Score <= reportedScoreCap || x.Span.End <= x.Span.Start || x.Span.End > len(t.Original) {
		return
	}
	f := t.Folded.String()
	var mentioned bool
	if x.Category == models.CategoryViolence {
		mentioned = inQuotation(t.Original, x.Span) && strings.ContainsAny(t.Original, "?？") && phraseQuestions.anyTerm(f)
	} else {
		mentioned = quotedAt(t.Original, x.Span) && (wordTalk.anyTerm(f) || profanityDefinitions.anyTerm(f))
	}
	if mentioned {
		x.Score = reportedScoreCap
	}
}
