package moderate

import (
	"regexp"

	"github.com/notegate/notegate/models"
)

// A child quoted by a parent: "My 5yo told his teacher 'I'm gonna kill
// you' because snack time was over. How do I explain…", "Mi hijo de 4 años
// con su espada de plástico: «mamá, voy a matar a todos los dinosaurios
// malos»". The words are the child's, told by the parent who worries about
// or laughs at them, not a threat or an insult of the author's. A finding
// of violence, hate, harassment or profanity inside a quotation, in a
// field that names the author's own child (my son, mi hija, 我儿子, うちの子),
// is capped like reported speech. Not when the author agrees with the
// words (quotationEndorsements), and never for sexual content or a contact
// request: those are not a child's to quote.

// ownChildMarkers name the author's own child or a child in the author's
// care, in the folded text (Latin as whole words).
var ownChildMarkers = newTermSet(foldTerms([]string{
	"my son", "my daughter", "my kid", "my kids", "my toddler", "my little one", "my little boy", "my little girl", "my boy",
	"my nephew", "my niece", "my grandson", "my granddaughter", "my preschooler", "my kindergartner", "my students",
	"mi hijo", "mi hija", "mi niño", "mi niña", "mi nene", "mi nena", "mi peque", "mi sobrino", "mi sobrina", "mi nieto", "mi nieta",
	"meu filho", "minha filha", "meu pequeno", "minha pequena", "meu sobrinho", "minha sobrinha", "meu neto", "minha neta",
	"mon fils", "ma fille", "mon petit", "ma petite", "mon neveu", "ma nièce", "mon petit-fils", "ma petite-fille",
	"mein sohn", "meine tochter", "mein kleiner", "meine kleine", "mein neffe", "meine nichte", "mein enkel", "meine enkelin",
	"我儿子", "我女儿", "我家孩子", "我家娃", "我家小孩", "我侄子", "我外甥", "我孙子", "孩子说", "娃说",
	"うちの子", "息子が", "娘が", "うちの息子", "うちの娘", "甥が", "姪が",
	"우리 아들", "우리 딸", "우리 애", "우리 아이", "조카가",
	// Round 41: a child in the author's care, by age, as a paediatric nurse or a teacher tells it
	// ("un niño de cinco años me dijo que me iba a 'matar con su espada láser'", 六歲的女兒…喊「我要打死你」).
	"un niño de", "una niña de", "un nene de", "una nena de", "um menino de", "uma menina de", "un petit de", "une petite de",
	"un enfant de", "ein kind von", "ein junge von", "岁的女儿", "岁的儿子", "岁的孩子", "小朋友", "歳の息子", "歳の娘", "歳の子",
	"살 아들", "살 딸", "살짜리",
	// Round 54 (N151): a parent's diary, the age without 的 (带娃日记：三岁儿子今天学会了一句"我打死你").
	"岁儿子", "岁女儿", "岁娃", "岁宝宝", "带娃日记", "我家宝宝",
}))

// reChildAge is a young child by age: "my 5yo", "my 4-year-old", "de 4 años".
var reChildAge = regexp.MustCompile(`\bmy (?:[1-9]|1[0-2]) ?(?:yo|y/o|year old|-year-old|yr old)\b`)

// childQuoted reports whether the words at sp are quoted in a field that
// tells of the author's own child.
func childQuoted(t *Text, sp Span) bool {
	if !quotedWords(t.Original, sp) {
		return false
	}
	f := t.Folded.String()
	if !(ownChildMarkers.anyTerm(f) || reChildAge.MatchString(f)) {
		return false
	}
	return !containsTermAny(unquoted(f), quotationEndorsements)
}

// quotedWords reports whether the words at sp of s lie in a quotation: quoted
// alone, inside quotation marks of their sentence, or with the evidence
// running on past the closing mark from inside it.
func quotedWords(s string, sp Span) bool {
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(s, sp.Start, sp.End)
	return quotedAt(s, sp) || insideQuotes(s, lo, hi, sp) || insidePairedQuotes(s, sp) || endsInQuotation(s, lo, hi, sp) ||
		opensInQuotation(s, lo, sp)
}

// capChildQuoted: a child's words a parent quotes (child_quote.go).
func capChildQuoted(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Score <= reportedScoreCap || !(source == "lexicon" || source == "rules" || fromClassifier(source)) {
		return
	}
	if (reportable(x.Category) || x.Category == models.CategoryViolence) && childQuoted(t, x.Span) {
		x.Score = reportedScoreCap
	}
}
