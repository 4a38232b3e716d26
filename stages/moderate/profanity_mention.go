package moderate

import "github.com/notegate/notegate/models"

// A swear word mentioned, not used: the newcomers' week was full of
// language lessons in both directions ("« Putain » c'est la virgule des
// Marseillais", "英文小教室：holy shit 多半是在表達驚訝，不是在罵人喔", "in Spain
// 'hostia' just means wow"). A profanity finding in a field that explains
// what a word means (profanityDefinitions) and either quotes the word or
// says it is a lesson on slang (profanityLessons) is capped like reported
// speech: it keeps its label, and no market reviews it. Swearing aimed at
// someone is harassment, which this cap does not touch.

var (
	// profanityDefinitions say what a word means or how it is used.
	profanityDefinitions = newTermSet(foldTerms([]string{
		"means", "meaning", "is used", "is slang", "is what you say", "is how you say", "we say", "people say", "you say",
		"veut dire", "signifie", "c'est la virgule", "on dit", "se dit", "ça sert à",
		"quiere decir", "significa", "se usa", "se dice", "decimos",
		"quer dizer", "se diz", "se usa", "a gente fala", "falamos",
		"heißt", "bedeutet", "sagt man", "sagen wir",
		// Round 46 (F82): a German class for refugees on why Germans say it ("Warum sagen Deutsche ständig
		// 'Scheiße'? Unsere Lehrerin hat Kraftausdrücke als Kulturgeschichte erklärt").
		"warum sagen", "hat erklärt", "erklärt",
		"的意思", "意思是", "什么意思", "是在表达", "表达惊讶", "用来表达", "用来", "表示", "不是在骂人", "不是骂人", "不是脏话",
		"って意味", "という意味", "の意味", "って言う", "と言う",
		"뜻", "의미", "라고 해", "라는 말",
		// Round 40: the word named as a swear word ("'caralho' é palavrão sim, mas aqui todo mundo
		// fala", "'putain' c'est un juron, oui, mais on l'utilise comme une virgule").
		"é palavrão", "é um palavrão", "c'est un juron", "c'est un gros mot", "es una palabrota", "es una grosería",
		"es un taco", "is a swear word", "is a curse word", "ist ein schimpfwort", "是脏话", "是髒話", "是粗口",
		"は悪口", "って悪口", "욕이에요", "욕이야", "은 욕", "는 욕",
	}))
	// profanityLessons say the field teaches words.
	profanityLessons = newTermSet(foldTerms([]string{
		"lesson", "slang", "language tip", "culture tip", "petit cours", "cours de", "leçon", "argot", "expression",
		"clase de", "lección", "jerga", "modismo", "aula de", "lição", "gíria", "umgangssprache", "redewendung", "sprachkurs", "kraftausdrücke", "kulturgeschichte", "lektion",
		"小教室", "小知识", "教学", "俚语", "口头禅", "语言课", "文化课", "スラング", "口癖", "속어", "유행어", "말버릇",
	}))
)

// profanityMentioned reports whether the profanity finding at sp is a word
// explained rather than sworn.
func profanityMentioned(t *Text, sp Span) bool {
	f := t.Folded.String()
	if !profanityDefinitions.anyTerm(f) {
		return false
	}
	if profanityLessons.anyTerm(f) {
		return true
	}
	return inQuotation(t.Original, sp)
}

// capProfanityMentioned: a swear word explained, not sworn.
func capProfanityMentioned(t *Text, _ string, x *Finding, _ *[]Span) {
	if x.Category == models.CategoryProfanity && x.Score > reportedScoreCap && profanityMentioned(t, x.Span) {
		x.Score = reportedScoreCap
	}
}
