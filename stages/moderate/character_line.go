package moderate

// A character's line quoted: "A fala do vilão 'Eu não quero o mundo.
// Quero que ele queime.' ainda me dá arrepio", 遊戲裡黑市商人的台詞『有錢就有槍，
// 沒錢就滾』超有味道. The words are a villain's or a game character's, quoted
// by a player or a viewer who names them as a line (characterLines). A
// violence, harassment or profanity finding inside the quotation is capped
// like reported speech; the classifier's, whose evidence cannot be placed,
// when the field quotes anything at all. Not when the author takes the line
// up (quotationEndorsements), and never hate, sexual content or contact
// requests: a slur is a slur in a villain's mouth too.

// characterLines name the quoted words as a character's line, folded.
var characterLines = newTermSet(foldTerms([]string{
	"villain's line", "villain line", "the villain", "villain says", "voice line", "voice lines", "npc", "the boss says", "boss line",
	"line from the game", "favourite line", "favorite line",
	"fala do vilão", "fala do personagem", "frase do vilão", "o vilão", "frase del villano", "el villano", "línea del", "la frase del",
	"réplique", "le méchant", "la tirade", "der bösewicht", "des bösewichts", "spruch des", "satz des bösewichts",
	"台詞", "台词", "反派", "經典台詞", "经典台词", "セリフ", "悪役", "名台詞", "대사", "빌런", "악당",
}))

// translatedLines name the quoted words as a line being translated or
// explained (round 50, N113: "the show I'm translating has a character yell
// 'I'll kill you!' … I rendered it as 你死定了", "Untertitel-Übersetzung: 'I'm
// gonna murder you' … wurde bei uns 'Ich bring dich um!'", 字幕翻譯心得：日劇裡說
// 「殺すぞ」): a subtitler's or a teacher's line is a character's line too.
var translatedLines = newTermSet(foldTerms([]string{
	"subtitle", "subtitles", "subtitling", "subtitler", "translating", "rendered it as", "i translated", "translated it as", "glossary",
	"slang explainer", "dub", "dubbing",
	"subtítulos", "subtitulado", "traducción de", "lo traduje", "lo pusimos", "legenda", "legendas", "tradução de legenda", "dublagem",
	"sous-titres", "sous-titrage", "je l'ai traduit", "untertitel", "untertitel-übersetzung", "synchronfassung", "wurde bei uns",
	"字幕", "字幕翻译", "字幕翻譯", "翻成", "翻译成", "翻譯成", "字幕翻訳", "吹き替え", "と訳", "자막", "자막 번역", "번역하면",
}))

// characterQuoted reports whether the finding x of source at its span is a
// character's line quoted (see above).
func characterQuoted(t *Text, source string, sp Span) bool {
	f := t.Folded.String()
	if !characterLines.anyTerm(f) && !translatedLines.anyTerm(f) || containsTermAny(unquoted(f), quotationEndorsements) {
		return false
	}
	if fromClassifier(source) {
		return hasQuotation(t.Original)
	}
	return quotedWords(t.Original, sp)
}

// capCharacterLine: a character's line quoted (character_line.go).
func capCharacterLine(t *Text, source string, x *Finding, _ *[]Span) {
	capQuotedFinding(x, source, true, spokenCategories, func() bool { return characterQuoted(t, source, x.Span) })
}
