package moderate

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Outreach: "Suizidgedanken? Du bist nicht allein. Die Telefonseelsorge ist
// rund um die Uhr erreichbar", "有自杀的念头？你不是一个人，请拨打热线" offers help
// to whoever reads it. It names the feeling it speaks to (the words the
// self-harm rules read as an author at risk), a helpline, and offers it (you
// are not alone, call, open day and night). The author is not the one at
// risk, so the self-harm findings of such a field are capped like someone
// else's words (self_harm_others.go): they keep their label for reviewers,
// decide nothing and ask for no support resources.
//
// Only when the author says nothing of themselves: a field with a first
// person singular ("I called 988 but I still want to die", "ich habe die
// Telefonseelsorge angerufen, aber …", 我打了热线还是想死) is the author's own,
// whatever helpline it names. "We" (我们都在, "we're here for you") is the
// voice of an offer and does not count.

// helplines name a crisis line or its number, in the folded text (lower
// case, accents removed, Simplified Chinese).
var helplines = newTermSet(foldTerms([]string{
	"hotline", "helpline", "crisis line", "lifeline", "crisis text line", "samaritans", "988",
	"telefonseelsorge", "seelsorge", "0800 111 0 111", "0800 111 0 222", "krisendienst",
	"linea 024", "línea 024", "024", "telefono de la esperanza", "teléfono de la esperanza", "línea de la vida",
	"cvv", "188", "centro de valorização da vida", "3114", "sos amitie", "sos amitié", "suicide ecoute", "suicide écoute",
	"いのちの電話", "よりそいホットライン", "こころの健康相談", "相談窓口", "相談ダイヤル",
	"자살예방상담", "자살예방 상담", "상담전화", "109", "1393", "1577-0199", "생명의전화", "생명의 전화",
	"热线", "心理援助", "希望热线", "12356", "12355", "400-161-9995", "撒玛利亚", "生命线", "安心专线", "1925", "1995", "张老师",
}))

// outreachOffers address the reader with the help on offer.
var outreachOffers = newTermSet(foldTerms([]string{
	"you are not alone", "you're not alone", "youre not alone", "reach out", "call or text", "text or call", "24/7",
	"free and confidential", "you can call", "please call", "talk to someone",
	"du bist nicht allein", "sie sind nicht allein", "ihr seid nicht allein", "rund um die uhr", "erreichbar", "ruf an",
	"rufen sie an", "kostenlos und anonym",
	"no estás solo", "no estás sola", "no estas solo", "no estas sola", "no están solos", "llama a", "llama al", "las 24 horas",
	"você não está sozinho", "você não está sozinha", "voce nao esta sozinho", "não está sozinho", "não está sozinha",
	"ligue", "liga para", "24 horas",
	"tu n'es pas seul", "tu n'es pas seule", "vous n'êtes pas seul", "vous n'êtes pas seuls", "appelle le", "appelez le",
	"jour et nuit", "24h/24",
	"ひとりじゃない", "一人じゃない", "ひとりで抱えないで", "一人で抱えないで", "相談して", "24時間",
	// Round 44: "一人で抱え込まずに相談窓口に電話してください".
	"抱え込まず", "抱え込まないで", "電話してください", "連絡してください",
	"혼자가 아니", "전화하세요", "전화해", "24시간", "혼자 버티지 마", "혼자 버티지 말", "혼자 견디지 마",
	"你不是一个人", "你并不孤单", "你不孤单", "请拨打", "可以拨打", "可以打", "24小时", "随时", "说出来", "不丢人",
	// Round 45 (N52): Taiwan's "可撥1925安心專線".
	"可拨", "请拨", "拨打",
	// Someone there listens: "they really listen", 真的有人会听.
	"they listen", "te escuchan", "escuchan de verdad", "liga pro", "liga pra", "eles escutam", "escutam de verdade",
	"on vous écoute", "on t'écoute", "hören zu", "hört zu", "hören wirklich zu", "hört dir zu",
	"電話してみて", "話を聞いてくれ", "들어줘요", "들어줍니다", "有人会听", "会有人听", "有人听你",
	// Round 42: "talk to someone" and "ask for help" said to the reader in every language the rules
	// read, not in English alone ("si estás ahí, pide ayuda, háblalo con alguien"; "fala com alguém").
	"ask for help", "get help", "please tell someone", "tell someone", "24h",
	"habla con alguien", "háblalo con alguien", "hablalo con alguien", "pide ayuda", "busca ayuda", "pedir ayuda",
	"fala com alguém", "fale com alguém", "fala com alguem", "fale com alguem", "pede ajuda", "peça ajuda", "procure ajuda",
	"busque ajuda", "parle à quelqu'un", "parlez à quelqu'un", "parles-en", "parlez-en", "demande de l'aide",
	"demandez de l'aide", "sprich mit jemandem", "sprecht mit jemandem", "hol dir hilfe", "holt euch hilfe", "such dir hilfe",
	"誰かに話して", "誰かに相談", "助けを求めて", "도움을 요청", "도움을 청", "누군가에게 말", "꼭 상담", "找人聊聊", "寻求帮助",
	"找人说说", "跟人说说",
}))

// helperRoles are the author speaking as the one who answers the line or
// treats the reader (round 45, N53: a volunteer of the Telefonseelsorge):
// their "I" passes the help on.
var helperRoles = newTermSet(foldTerms([]string{
	"as a volunteer", "as a counselor", "as a counsellor", "as a crisis counselor", "as a therapist", "as a psychologist",
	"como voluntaria", "como voluntario", "como psicóloga", "como psicólogo", "como voluntária", "como voluntário",
	"en tant que bénévole", "comme bénévole", "en tant que psy", "als ehrenamtliche", "als ehrenamtlicher", "als psychologin",
	"als psychologe", "als therapeutin", "als therapeut", "心理师", "咨询师", "志愿者", "相談員として", "ボランティアとして",
	"상담사로서", "상담사로 일", "자원봉사자로",
}))

// firstPersonSingular is the author speaking of themselves; Korean and
// Latin entries are whole words.
var firstPersonSingular = foldTerms([]string{
	"i", "i'm", "im", "i've", "ive", "i'd", "me", "my", "myself", "mine",
	"ich", "mich", "mir", "mein", "meine", "meinen", "meiner",
	"yo", "soy", "mi", "mis", "estoy", "eu", "sou", "meu", "minha", "estou",
	"je", "j'ai", "moi", "mon", "ma", "mes", "suis",
	"私", "僕", "俺",
	"나는", "난", "내가", "나도", "저는", "제가", "저도", "내", "제",
	"我",
})

// firstPersonVerbs are verbs that say "I" without a pronoun in Spanish and
// Portuguese, which drop it ("Quero morrer hoje", "quiero morir"). Whole
// words of the folded text, which has no accents: so no "tô" (English
// "to"), "pensé" (French "pense") or "intenté" (the formal "intente").
var firstPersonVerbs = newTermSet(foldTerms([]string{
	"quero", "quiero", "estou", "estoy", "vou", "voy", "tenho", "tengo", "aguento", "aguanto", "consigo", "puedo", "posso",
	"tentei", "pensei", "quis", "quise",
}))

// firstPersonPlural are the words of firstPersonSingular's Han and
// Japanese entries that say "we".
var firstPersonPlural = foldTerms([]string{"我们", "私たち", "僕ら", "俺たち"})

// outreach reports whether the field offers a helpline to its readers
// and the self-harm finding at sp is not the author at risk: the author
// says nothing of themselves, or tells their own recovery (see
// recoveryMarkers); and the finding's sentence, unless it speaks to the
// reader, does not say it has come back ("今はまた死にたい", "again tonight").
func outreach(t *Text, sp Span) bool {
	s := t.Folded.String()
	if !helplines.anyTerm(s) || !outreachOffers.anyTerm(s) {
		return false
	}
	sentence := findingSentence(t, sp)
	now := nowSentences(t, sp)
	reader := readerAddress.anyTerm(sentence)
	if !reader && containsTermAny(now, relapseMarkers) {
		return false
	}
	if !saysFirstPerson(outsideQuotations(s)) {
		return true // the words of someone else quoted are not the author's ("if a friend says 'without me'")
	}
	if helperRoles.anyTerm(s) && !(containsWordAny(now, presentMarkers) && saysFirstPerson(sentence)) {
		return true // "Als Ehrenamtliche kann ich sagen: Wir hören zu, auch wenn Suizidgedanken da sind"
	}
	if !containsAny(s, recoveryMarkers) {
		return false
	}
	if containsWordAny(withoutTerms(now, recoveryMarkers), presentMarkers) && saysFirstPerson(sentence) {
		return false // "I still want to die", "now I'm suicidal"
	}
	return reader || looksBack(sentence) || pastTold.anyTerm(sentence) ||
		rePastYear.MatchString(sentence)
}

// outsideQuotations returns s without what stands between quotation marks:
// straight or curly quotes, guillemets, corner brackets, and an apostrophe
// that is not inside a word (don't, l'école stay).
func outsideQuotations(s string) string {
	if !strings.ContainsAny(s, quoteMarks) {
		return s
	}
	if out, ok := outsideQuotationsPass(s, false); ok {
		return out
	}
	// An unclosed mark may be a plural's possessive ("posted 'kill
	// yourself' under my friends' posts"): read again without those.
	if out, ok := outsideQuotationsPass(s, true); ok {
		return out
	}
	return s // an unclosed mark quotes nothing we can tell
}

// outsideQuotationsPass is one reading of outsideQuotations; with
// possessives, an apostrophe right after an s and before a space is a
// plural's possessive, not a mark. ok is false when a mark is left open.
func outsideQuotationsPass(s string, possessives bool) (string, bool) {
	var b strings.Builder
	inside := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isQuoteAt(s, i, r, n) && !(possessives && pluralPossessiveAt(s, i, r, n)) {
			inside = !inside
		} else if !inside {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String(), !inside
}

// pluralPossessiveAt reports whether the apostrophe r at i of s follows an
// s and comes before a space: "my friends' posts".
func pluralPossessiveAt(s string, i int, r rune, n int) bool {
	return (r == '\'' || r == '’') && i > 0 && (s[i-1] == 's' || s[i-1] == 'S') && i+n < len(s) && s[i+n] == ' '
}

// saysFirstPerson reports whether folded text s has a first person
// singular ("we" does not count), a pronoun or, in Spanish and Portuguese,
// a verb that says it (firstPersonVerbs).
func saysFirstPerson(s string) bool {
	for _, w := range firstPersonPlural {
		s = strings.ReplaceAll(s, w, " ")
	}
	// Whole words: 내 is in 안내.
	return containsWordAny(s, firstPersonSingular) || firstPersonVerbs.anyWord(s)
}

// Recovery shared as outreach: "988 saved my life, if you're having
// thoughts of suicide you can call or text", "I survived my attempt in
// 2019 … you're not alone". The author names the feeling to say it is
// over and hands the helpline on. In a field that offers a helpline and
// tells the author's recovery (recoveryMarkers), a finding is outreach when
// its sentence speaks to the reader ("if you're …", si tu…, 如果你, もし) or
// looks back (years ago, "in 2022", "I was", "I survived"), unless that
// sentence also puts the author in the present ("I still want to die",
// "now I'm suicidal") or says it came back (relapseMarkers): that is an
// author at risk, helpline or not.
var (
	recoveryMarkers = longestFirst(foldTerms(append([]string{
		"saved my life", "saved me", "got me through", "helped me through", "it helped me", "they helped me",
		"i'm doing better", "im doing better", "doing much better", "i'm better now", "im better now", "i'm okay now",
		"in recovery", "years clean", "months clean", "clean for", "still alive today", "i'm still alive",
		// The day an anniversary is counted on: "today marks one year since my attempt", "five
		// years ago today I tried …".
		"today marks", "today makes", "years ago today", "year ago today", "ago today",
		// … or the night of it: "five years ago tonight I was in the ER".
		"years ago tonight", "year ago tonight", "ago tonight",
		"me salvó", "me salvo la vida", "estoy bien", "estoy mejor", "me salvou", "estou bem", "estou melhor",
		"ça m'a sauvé", "je vais mieux", "je vais bien", "geht es mir gut", "geht es mir besser",
		"es geht mir gut", "es geht mir besser", "mir geht es gut", "mir geht es besser", "tô bem", "to bem", "hoje tô bem",
		"救われ", "元気", "살 수 있었", "버틸 수 있었", "괜찮아졌",
		// Round 45 (N51): the call that helped, told by whoever passes the number on ("Eu liguei uma vez e fez
		// diferença").
		"fez diferença", "fez a diferença", "made a difference", "made all the difference", "hizo la diferencia", "me ayudó",
		"me ayudo", "m'a aidé", "m'a aidee", "ça m'a aidé", "hat mir geholfen", "帮了我", "帮助了我", "助けられた", "도움이 됐",
		"도움이 되었", "도움 됐",
		// Round 46 (N61): a survivor's present told by what life is now ("지금 스물여덟 살, 잘 살고 있어요").
		"잘 살고 있", "지금 스물", "지금 서른", "지금 마흔",
		"救了我", "过得很好", "撑过来", "现在很好",
		// Recovery told in the present: its "now" and "today" are no risk.
		"现在好多了", "现在好了", "现在没事了", "现在挺好",
		// Treatment kept up now (round 20: "現在規律服藥加心理諮商，狀況好很多").
		"现在规律服药", "现在规律吃药", "规律服药", "加心理咨商", "加心理咨询", "状况好很多", "状况好多了", "今は元気", "지금은 괜찮", "hoy estoy bien", "hoje estou bem",
		"hoje to bem", "aujourd'hui je vais bien", "heute geht es mir gut", "now i'm fine", "i'm fine now", "today i'm fine",
		// Everyday life back: eating without fear, working again.
		"sans angoisse", "sans culpabilité", "without anxiety", "without guilt", "sin ansiedad", "sin culpa", "sem ansiedade",
		"sem culpa", "ohne angst", "ohne schuldgefühle", "到现在能", "到现在可以", "现在能正常", "能正常上班", "能正常生活",
		"aujourd'hui je mange", "today i eat", "now i eat", "hoy como", "hoje eu como", "hoje como", "heute esse ich",
		"恢复得很好", "恢复得不错", "终于停药", "停药了", "지금은 매일", "상담 받고", "상담받고", "치료 받고", "치료받고",
		"지금은 상담", "지금은 치료", "지금은 잘 지내", "잘 지내고", "今はカウンセリング", "많이 나아졌", "훨씬 나아졌",
		// Round 42: a life rebuilt told by what came since: a degree, a job, the work of helping others
		// ("Hoje me formei em psicologia e atendo adolescentes", "hoy me gradué de enfermería").
		"i graduated", "now i work as", "today i work as", "me gradué", "me gradue", "hoy trabajo", "me formei", "hoje trabalho",
		"hoje atendo", "j'ai eu mon diplôme", "aujourd'hui je travaille", "arbeite heute als", "卒業しました", "今は働いて",
		"졸업했", "지금은 일하", "毕业了", "现在在工作",
		"today i got my", "year chip", "years sober", "year sober", "days sober", "months sober", "kept me going",
		// Courage to those still in it: their "still" is no risk of the author's.
		"qui sont encore dedans", "qui sont encore", "who are still in it", "who are still", "que siguen ahí", "que siguen en",
		"que ainda estão", "die noch drinstecken", "die noch mittendrin",
	}, append(agesNow(), overcomeMarkers...)...)))
	readerAddress = newTermSet(foldTerms([]string{
		"if you", "if you're", "if you are", "if anyone", "you can", "you're not alone", "you are not alone",
		"si te", "si tú", "si tu", "si estás", "si estas", "se você", "se voce", "se tu", "wenn du", "wenn ihr", "falls du",
		"如果你", "要是你", "你也", "もし", "つらい人", "힘든 분", "만약",
		"여러분", "생각이 들면", "생각이 드시면",
	}))
	relapseMarkers = foldTerms([]string{
		"again", "once more", "又", "再次", "また", "다시", "otra vez", "de nuevo", "de novo", "outra vez", "encore", "à nouveau",
		"wieder",
		// Round 45: Korean's everyday "again" before the wish ("109에 전화해서 도움이 됐는데 오늘 또 죽고 싶다").
		"오늘 또", "또 죽", "또다시", "trotzdem", "ainda assim", "continuo", "sigo", "toujours",
	})
	pastTold = newTermSet(foldTerms([]string{
		"i was", "i had", "i tried", "i attempted", "i wanted", "i survived", "survived my", "my attempt", "after my attempt",
		"intenté", "quise", "pensaba", "pensé", "tentei", "quis", "pensava", "pensei", "j'ai voulu", "j'ai essayé", "j'ai pensé",
		"j'avais", "wollte ich",
		"ich wollte", "hatte ich", "ich hatte", "想过", "试过", "思っていた", "생각했", "했었",
		// Round 41: "'나도 같이 죽고 싶다' 생각한 날도 있었는데" (there were days I thought it).
		"생각한 날도 있었", "생각한 적도 있었", "날도 있었는데", "때도 있었는데",
	}))
)

// rePastYear is a year the author looks back on: "in 2022", "en 2019",
// "im Jahr 2021", 2020年, or a year that opens the sentence ("2021 wollte ich").
var rePastYear = regexp.MustCompile(`\b(?:in|en|em|im jahr|back in) (?:19|20)\d\d\b|(?:19|20)\d\d(?:年|년)|^\s*(?:19|20)\d\d\b`)

// findingSentence returns the folded text of the sentence around sp, or
// "" when sp is no span of t.
func findingSentence(t *Text, sp Span) string {
	if sp.Start < 0 || sp.End > len(t.Original) || sp.Start >= sp.End {
		return ""
	}
	lo, hi := sentenceAround(t.Original, sp.Start, sp.End)
	return foldedBefore(t, lo, hi)
}

// nowSentences returns the folded text of the sentences a finding at sp
// speaks through that may put the author in the present: the sentence it
// starts in, and each later one it reaches that tells no recovery. A rule
// whose window runs on into the next sentence ("… mich umbringen. Heute
// arbeite ich wieder, es geht mir gut") finds the recovery's "today" there,
// not a risk; "… me suicider. Ce soir." still counts.
func nowSentences(t *Text, sp Span) string {
	s := t.Original
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return ""
	}
	var b strings.Builder
	for pos := sp.Start; pos < sp.End; {
		lo, hi := sentenceAround(s, pos, pos)
		piece := foldedBefore(t, lo, hi)
		if pos == sp.Start || !containsAny(piece, recoveryMarkers) {
			b.WriteString(piece)
			b.WriteString(" ")
		}
		if hi >= len(s) {
			break
		}
		_, n := utf8.DecodeRuneInString(s[hi:])
		pos = hi + n
	}
	return b.String()
}

// withoutTerms returns s with every occurrence of terms blanked: "I'm still
// alive today" says no "still" or "today" of a risk.
//
// terms are removed in the order given; recoveryMarkers is sorted longest
// first, so that "지금은 상담 받고" goes whole before "상담 받고" leaves its 지금.
func withoutTerms(s string, terms []string) string {
	for _, w := range terms {
		if strings.Contains(s, w) {
			s = strings.ReplaceAll(s, w, " ")
		}
	}
	return s
}

// containsTermAny reports whether s contains one of ws: as whole words
// when a term starts with a Latin letter; a number not inside a longer
// number or a Latin word (Korean writes its particles onto it: 109는); a
// substring for Han, kana and Hangul (whose words carry particles).
func containsTermAny(s string, ws []string) bool {
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		latin := unicode.Is(unicode.Latin, r)
		digit := unicode.IsDigit(r)
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			j += i
			switch {
			case latin && wordEdge(s, j, j+len(w)), digit && numberEdge(s, j, j+len(w)), !latin && !digit:
				return true
			}
			i = j + 1
		}
	}
	return false
}

// numberEdge reports whether s[i:j] has neither an ASCII letter nor a digit
// on either side.
func numberEdge(s string, i, j int) bool {
	alnum := func(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	r1, _ := utf8.DecodeLastRuneInString(s[:i])
	r2, _ := utf8.DecodeRuneInString(s[j:])
	return (i == 0 || !alnum(r1)) && (j == len(s) || !alnum(r2))
}

// A helpline reached by a messenger: "也可以加张老师的LINE聊聊", "LINEで相談
// できます", "text or WhatsApp the helpline". In a field that offers a
// helpline and in which the author says nothing of themselves, a contact
// request that carries no handle or number is the helpline's, not a move
// off-platform: capHelplineContact caps it like reported speech. "加我LINE"
// has a first person and still counts; so does any request with a handle,
// or beside a sign of spam (情感热线，寂寞的话加LINE聊聊: contact_plain.go).
func helplineContact(t *Text, sp Span) bool {
	s := t.Folded.String()
	return helplines.anyTerm(s) && outreachOffers.anyTerm(s) && !saysFirstPerson(s) &&
		sp.Start < sp.End && sp.End <= len(t.Original) && !carriesHandle(t.Original[sp.Start:sp.End]) &&
		!spamSignText(t, false) // 情感热线，寂寞的话加LINE: a lure
}

// helplineOffered reports whether the field offers a helpline to its
// readers and nothing a spammer needs: no first person, no @handle or
// link (reURL, reBareDomain), no private messenger named beside the
// helpline's own name ("crisis line" is no LINE), no sum of money and no
// sign of spam. "Free" and "24/7" are how a helpline is offered, so the
// signs of an offer or a sale do not count, and its number is no handle.
func helplineOffered(t *Text) bool {
	s := t.Folded.String()
	return outreachOffers.anyTerm(s) && !saysFirstPerson(s) && helplineNotice(t) && !spamSignSet.in(s)
}

// helplineNotice reports whether a field names a crisis line and nothing a
// spammer needs: no link, no handle, no other messenger, no money. "Free,
// day and night" is then the line's description, not an offer: on a
// prevention day many people post one text ("Setembro Amarelo … ligue 188
// (CVV). É gratuito e funciona 24h"), and their copies ask nothing
// (campaign_ask.go).
func helplineNotice(t *Text) bool {
	s := t.Folded.String()
	if !helplines.anyTerm(s) || strings.Contains(s, "@") || reURL.MatchString(s) || domainShaped(s) && reBareDomain.MatchString(s) {
		return false
	}
	return !privateMessengers.anyTerm(withoutTerms(s, helplines.list)) && !moneyAmount(s)
}

// longestFirst sorts terms by length, longest first, in place.
func longestFirst(terms []string) []string {
	slices.SortStableFunc(terms, func(a, b string) int { return len(b) - len(a) })
	return terms
}

// agesNow are "I'm 31 now" and kin for adult ages: a survivor's present
// told by the age they reached ("I was in a dark place at 19 … I'm 31 now").
func agesNow() []string {
	var out []string
	for age := 18; age <= 90; age++ {
		n := strconv.Itoa(age)
		out = append(out, "i'm "+n+" now", "im "+n+" now", "i am "+n+" now")
	}
	return out
}
