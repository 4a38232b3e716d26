package moderate

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Someone else's words: people who write about helping a person at risk
// quote what that person said ("如果身边的人说‘不想活了’，认真听", "if a friend
// tells you 'I want to die', ask about a plan", 博主说想死，我私信陪她聊了一整晚).
// The author is not the one at risk, so a death wish that a third person
// is said to have said is capped like reported speech: it keeps its label
// for reviewers, decides nothing and asks for no support resources. The
// author's own words still count in the same field ("朋友说她想死，其实我也
// 想死"), and so does a death wish the author told someone (我跟她说想死,
// "I told him I want to die": the speaker is the author).
//
// The author's own past, told as overcome, is the same kind of writing:
// "三年前我天天想死……一点点走出来了", "years ago I wanted to kill myself; a
// friend pulled me back". A death wish in a sentence set in the past (and
// not also in the present: 现在, 又, "again", "tonight") in a field that says
// it is over is capped too. "去年被朋友拉回来了，可是今天又想死了" still counts.

// saidVerbs end the words before a quotation: the verb of saying, in the
// folded text (lower case, Simplified Chinese).
var saidVerbs = []string{
	"说", "讲", "提到", "喊着", "哭着说", "留言", "私信", "发消息", "告诉我", "告诉你",
	"says", "said", "tells you", "tell you", "told you", "tells me", "told me", "texts you", "texted you", "texted me",
	"messages you", "writes", "wrote", "posts", "posted",
	"te dice", "te dijo", "me dice", "me dijo", "dice", "dijo", "diga", "escribe", "te escribe",
	"te diz", "me diz", "te disse", "me disse", "diz", "disse", "disser", "falar", "fala", "falou", "escreve",
	"te dit", "me dit", "m'a dit", "t'a dit", "dit", "écrit",
	"sagt", "sagte", "gesagt", "schreibt", "geschrieben",
}

// toldToVerbs end the words before a death wish that someone else told the
// author (or the reader) to act on: "a comment told me to kill myself",
// "they keep telling me to go die". That is abuse the author reports, not
// the author at risk (the harassment it is stays the rules' and the
// classifier's to read).
var toldToVerbs = []string{
	"told me to", "tells me to", "telling me to", "tell me to", "told us to", "told you to", "tells you to", "telling you to",
	"wants me to", "wanted me to", "want me to", "asked me to", "dared me to",
	"me dijo que me", "me dicen que me", "me mandó a", "me mandaron a", "me mandou", "mandaram eu", "me disse pra", "me disseram pra",
	"m'a dit de", "m'ont dit de", "me dit de", "hat mir gesagt ich soll", "sagte mir ich soll",
}

// thirdPersonZh are who says the words in Chinese, right before the verb
// (an adverb of othersAdverbsZh between them aside). 我 and 你 count only
// after 跟, 对, 和 or 给 (someone told me or you); a person after one of those
// is who the author told (我跟她说想死).
var thirdPersonZh = []string{
	"人", "朋友", "他", "她", "ta", "博主", "孩子", "同学", "同事", "家人", "网友", "对方", "闺蜜", "室友", "学生",
	"女儿", "儿子", "老公", "老婆", "男朋友", "女朋友", "男友", "女友", "妈妈", "爸爸", "妈", "爸", "姐姐", "妹妹",
	"哥哥", "弟弟", "病人", "患者", "来访者", "粉丝", "伴侣", "对象", "亲人", "某人", "小孩",
	// round 41: who a bartender, a shop or a clinic serves
	"客人", "顾客", "客户", "学员",
}

// othersAdverbsZh may stand between the speaker and the verb.
var othersAdverbsZh = []string{"突然", "一直", "总是", "老是", "经常", "又", "也", "曾经", "半夜", "哭着", "偷偷", "反复", "跟我", "对我", "和我", "跟你", "对你", "和你",
	// Round 42: when and how often (室友最近老说活着没意思, 她这几天总说).
	"最近", "这几天", "这阵子", "这段时间", "近来", "天天", "每天", "常常", "时常", "动不动就", "动不动", "老", "总", "常",
	"今天", "昨天", "前几天", "刚才", "刚刚",
	// how the words came (朋友传讯息说想结束生命: round 36, N13)
	"传讯息", "传消息", "发讯息", "发消息", "传简讯", "发简讯", "打电话", "发微信", "传line", "留言"}

// maxStackedAdverbsZh bounds the adverbs taken off between a speaker and
// the verb.
const maxStackedAdverbsZh = 3

// toWhomZh before a person make the person the listener.
const toWhomZh = "跟对和给向"

// firstPersonLatin before the verb make the author the speaker ("I said",
// "je lui ai dit", "ich sagte").
var firstPersonLatin = map[string]bool{
	"i": true, "i've": true, "ive": true, "i'd": true, "i'm": true, "im": true, "yo": true, "eu": true, "je": true,
	"j'ai": true, "ich": true, "habe": true, "hab": true,
}

// saidOpeners may open the words said, after the verb: a pronoun, "that".
var saidOpeners = []string{"他想", "她想", "他要", "她要", "想要", "想", "要", "他", "她", "ta", "自己", "that", "they", "he", "she", "que", "dass", "qu'il", "qu'elle", "il", "elle", "er", "sie"}

// selfHarmNotAuthors reports whether the self-harm finding at sp in t is
// someone else's words or the author's overcome past, and so are the same
// words wherever they come again in the field: a rule reports one finding
// a sentence, the first, and "my therapist says I want to die …, but I want
// to die anyway" is the author's own at the second.
func selfHarmNotAuthors(t *Text, sp Span) bool {
	told := func(sp Span) bool {
		return selfHarmOthers(t, sp) || quoteSpeakerAfter(t, sp) || selfHarmOvercome(t, sp)
	}
	if sp.Start < 0 || sp.End > len(t.Original) || sp.Start >= sp.End || !told(sp) {
		return false
	}
	w := t.Original[sp.Start:sp.End]
	for i := sp.End; ; {
		j := strings.Index(t.Original[i:], w)
		if j < 0 {
			return true
		}
		again := Span{i + j, i + j + len(w)}
		if !told(again) {
			return false
		}
		i = again.End
	}
}

// selfHarmOthers reports whether the self-harm finding at sp in t is a
// third person's words as the author tells them.
func selfHarmOthers(t *Text, sp Span) bool {
	s := t.Original
	if sp.Start <= 0 || sp.End > len(s) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(s, sp.Start, sp.End)
	// The folded text of the sentence before the finding.
	before := foldedBefore(t, lo, sp.Start)
	before, quoted := trimSaid(before)
	// "told me to 'go kill myself'": the "go" the quotation opens with
	// (hasWordSuffix takes no word after an apostrophe, as in "don't").
	if rest, ok := strings.CutSuffix(before, "go"); ok {
		if r, _ := utf8.DecodeLastRuneInString(rest); rest == "" || r == ' ' || strings.ContainsRune(quoteMarks, r) {
			var q bool
			before, q = trimSaid(rest)
			quoted = quoted || q
		}
	}
	opened := false
	for _, o := range saidOpeners {
		if hasWordSuffix(before, o) {
			before, opened = before[:len(before)-len(o)], true
			break
		}
	}
	before, _ = trimSaid(before)
	// The words as a phrase, in someone else's advice: "mi psicóloga dice que
	// decir 'me quiero morir' cada vez que hay examen no es sano".
	if quoted && reSayingThePhrase.MatchString(before) {
		return true
	}
	// "I" opens the words said only inside quotation marks: `tells you
	// "I want to die"`; the finding's own span may begin with it.
	if !opened && (hasWordSuffix(before, "i") || quoteOpensWithI(before)) {
		if b, q := trimSaid(before[:len(before)-1]); q {
			before, quoted = b, true
		}
	}
	if others, said := saidByOther(before, quoted); said {
		return others
	}
	// Words further inside a quotation are whoever the sentence gives the
	// quotation to: 有人說「今天想死」, "a regular said 'honestly, i want to
	// die'" (round 41: a bartender's customers).
	if q := quotationOpen(s, lo, hi, sp); q > lo {
		qb, _ := trimSaid(foldedBefore(t, lo, q))
		others, _ := saidByOther(qb, true)
		return others
	}
	return false
}

// saidByOther reads before, the folded text of a sentence up to the words
// said, for a verb of saying at its end: said reports whether there is one,
// others whether its speaker is someone other than the author.
func saidByOther(before string, quoted bool) (others, said bool) {
	for _, v := range toldToVerbs {
		if hasWordSuffix(before, v) {
			words := strings.Fields(before[:len(before)-len(v)])
			return len(words) == 0 || words[len(words)-1] != "i" && words[len(words)-1] != "we", true
		}
	}
	for _, v := range saidVerbs {
		if !hasWordSuffix(before, v) {
			continue
		}
		who := strings.TrimRight(before[:len(before)-len(v)], " ")
		if isHan(v) {
			return thirdPersonSaidZh(who, v), true
		}
		if who == "" && !quoted {
			// A sentence that opens with the verb and quotes nothing has
			// dropped its "I", as diaries and chat do: "wrote goodbye
			// letters tonight" is the author's.
			return false, true
		}
		return !firstPersonBefore(who), true
	}
	return false, false
}

// reSayingThePhrase ends a sentence's text before a quotation with someone
// else's statement about saying it (folded: accents removed).
var reSayingThePhrase = regexp.MustCompile(`(?:dice|diz|dit|sagt|says|said|dijo|disse|explains|explica)(?: que| qu'| dass| that)? (?:decir|dizer|dire|sagen|saying|to say)\s*$`)

// quoteOpensWithI reports whether s ends with a single quotation mark that
// opens a quotation, then "i": `texted me 'i` (hasWordSuffix takes an
// apostrophe before "i" for a word's, as in "don't").
func quoteOpensWithI(s string) bool {
	rest, ok := strings.CutSuffix(s, "'i")
	if !ok {
		rest, ok = strings.CutSuffix(s, "’i")
	}
	if !ok {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(rest)
	return rest == "" || r == ' '
}

// foldedBefore returns the folded text of the original bytes [lo, end).
func foldedBefore(t *Text, lo, end int) string {
	var b strings.Builder
	for i, r := range t.Folded.Runes {
		sp := t.Folded.Spans[i]
		if sp.Start >= lo && sp.End <= end {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// trimSaid drops quotation marks, colons and spaces at the end of s and
// reports whether a quotation mark was among them.
func trimSaid(s string) (string, bool) {
	quoted := false
	for {
		r, n := utf8.DecodeLastRuneInString(s)
		switch {
		case n == 0:
			return s, quoted
		case strings.ContainsRune(quoteMarks, r):
			quoted = true
		case strings.ContainsRune(" 　:：,，", r):
		default:
			return s, quoted
		}
		s = s[:len(s)-n]
	}
}

// hasWordSuffix reports whether s ends with w, as a whole word when w is
// Latin.
func hasWordSuffix(s, w string) bool {
	if !strings.HasSuffix(s, w) {
		return false
	}
	if isHan(w) {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-len(w)])
	return len(s) == len(w) || !(unicode.IsLetter(r) || r == '\'')
}

// thirdPersonSaidZh reports whether who (the folded text before the verb
// v) names a third person as the speaker.
func thirdPersonSaidZh(who, v string) bool {
	if v == "告诉我" || v == "告诉你" {
		return !strings.HasSuffix(who, "我") // "我告诉你" is the author speaking
	}
	// Adverbs of time and frequency may stack between the speaker and the
	// verb (室友最近老说, 她这几天总是说): each is taken off in turn.
	for k := 0; k < maxStackedAdverbsZh; k++ {
		found := false
		for _, a := range othersAdverbsZh {
			if strings.HasSuffix(who, a) {
				if a == "跟我" || a == "对我" || a == "和我" || a == "跟你" || a == "对你" || a == "和你" {
					return !strings.HasSuffix(strings.TrimSuffix(who, a), "我")
				}
				who, found = strings.TrimSuffix(who, a), true
				break
			}
		}
		if !found {
			break
		}
	}
	if thirdPersonEndsZh(who) {
		return true
	}
	// A time clause between the speaker and the verb: 朋友分手后一直说想死.
	for _, t := range timeClauseEndsZh {
		if !strings.HasSuffix(who, t) {
			continue
		}
		rest := strings.TrimSuffix(who, t)
		for k := 0; k < maxTimeClauseRunes && rest != ""; k++ {
			_, n := utf8.DecodeLastRuneInString(rest)
			rest = rest[:len(rest)-n]
			if thirdPersonEndsZh(rest) {
				return true
			}
		}
	}
	return false
}

// timeClauseEndsZh end a clause of time that may stand between a speaker
// and the verb (分手后, 出事以后, 住院之后); maxTimeClauseRunes bound what
// comes before them.
var timeClauseEndsZh = []string{"以后", "之后", "以来", "后"}

const maxTimeClauseRunes = 4

// thirdPersonEndsZh reports whether who ends with a third person who is no
// one's listener (跟她 is whom the author told).
func thirdPersonEndsZh(who string) bool {
	for _, p := range thirdPersonZh {
		if !strings.HasSuffix(who, p) {
			continue
		}
		r, _ := utf8.DecodeLastRuneInString(who[:len(who)-len(p)])
		return !strings.ContainsRune(toWhomZh, r)
	}
	return false
}

// firstPersonBefore reports whether one of the four words before the
// verb makes the author the speaker.
func firstPersonBefore(who string) bool {
	words := strings.FieldsFunc(who, func(r rune) bool { return !(unicode.IsLetter(r) || r == '\'') })
	for i := len(words) - 1; i >= 0 && i >= len(words)-4; i-- {
		if firstPersonLatin[words[i]] {
			return true
		}
	}
	return false
}

func isHan(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Han, r)
}

// selfHarmOthersSource reports whether findings of detector name are read
// for someone else's words: the word lists and the rules, whose spans are
// the words themselves. The trained classifier runs after them; its hate
// or harassment evidence over such words (it learnt 想死 from "你去死吧"
// aimed at someone) is capped with them.
func selfHarmOthersSource(name string, c models.Category) bool {
	return c == models.CategorySelfHarm && (name == "lexicon" || name == "rules" || fromClassifier(name))
}

// overlapsSpan reports whether sp shares a byte with one of spans.
func overlapsSpan(sp Span, spans []Span) bool {
	for _, o := range spans {
		if sp.Start < o.End && o.Start < sp.End {
			return true
		}
	}
	return false
}

// Words that set a sentence in the past, that bring it to the present, and
// that say the author came through, folded like the text they are looked for
// in (lower case, accents removed: "hace años" is looked for as "hace anos").
var (
	pastMarkers = foldTerms([]string{
		"年前", "那时候", "那时", "那段时间", "那段日子", "以前", "曾经", "去年", "当年", "小时候", "读书的时候", "高中的时候",
		"大学的时候", "那几年", "前几年", "最难的时候", "最黑暗的时候",
		// Round 54 (N151): "before, at the worst" (之前最糟的時候會有不想醒來的念頭).
		"最糟的时候", "最低谷的时候", "最严重的时候", "之前",
		"years ago", "year ago", "months ago", "back then", "used to", "at the time", "last year", "when i was",
		"in high school", "in college", "there was a time", "at my lowest",
		// An anniversary counted: "one year since my attempt".
		"year since my", "years since my", "months since my", "anniversary of my",
		// Round 30: a habit stopped and counted (今天是我停止自殘滿兩年).
		"停止自残", "不再自残", "戒掉自残", "没再自残", "没有再自残",
		"hace años", "hace un año", "hace meses", "cuando tenía", "en esa época", "há anos", "há um ano", "quando eu tinha",
		"naquela época", "il y a des années", "il y a un an", "il y a quelques années", "quand j'avais", "à l'époque",
		"vor jahren", "vor einem jahr", "damals", "früher", "als ich",
		"el año pasado", "ano passado", "l'an dernier", "l'année dernière", "letztes jahr", "작년", "예전에",
		// Chinese recovery counted: 康复第三年, 从每天想死到现在.
		"康复第", "从每天", "从那时", "那年", "那一年", "那阵子",
		// The first days of quitting, told from day 100: 戒烟第100天…前两周真的想死.
		"前两周", "头两周", "前几周", "刚开始那几天", "the first two weeks", "the first week", "las primeras semanas",
		"as primeiras semanas", "les premières semaines", "die ersten wochen",
		// Japanese and Korean: "when I was …", "back then" (not この頃 or 요즘, "these days").
		"だった頃", "かった頃", "ていた頃", "当時", "昔は", "学生時代", "高校の時", "中学の時", "그때", "그 시절", "학생 때", "고등학생 때", "중학생 때", "중학교 때", "고등학교 때", "초등학교 때",
		// 高校生の頃, 10代の頃, 子供の頃 (not この頃, "these days"); "avant je …", "antes eu …".
		"生の頃", "代の頃", "子供の頃", "avant je", "avant, je", "antes eu", "antes yo", "antes, eu", "antes, yo",
		// Round 51 (N123): "once" and a past-tense "I had" (한때는 죽고 싶다는 생각도 했는데, "j'ai eu des idées
		// suicidaires après mon divorce", 死にたかった時期).
		"한때", "j'ai eu des", "j'avais des", "ich hatte", "i had suicidal", "i had thoughts", "tuve ideas", "tive pensamentos", "かった時期",
	})
	presentMarkers = foldTerms([]string{
		"现在", "今天", "今晚", "最近", "又", "还是", "还在", "依然", "仍然", "此刻",
		"now", "again", "tonight", "today", "still", "lately", "these days",
		"ahora", "otra vez", "esta noche", "hoy", "agora", "de novo", "hoje", "maintenant", "encore", "ce soir",
		"aujourd'hui", "jetzt", "wieder", "heute", "immer noch",
		"今夜", "今日", "また", "最近", "오늘", "지금", "다시", "요즘",
	})
	overcomeMarkers = foldTerms([]string{
		// Round 29: 回头看都过去了, "feeling like a new person".
		// Round 30: 停止自殘滿兩年, 真的會變好的.
		"停止自残满", "不再自残", "戒掉自残", "没再自残", "没有再自残", "会变好的",
		"都过去了", "已经过去了", "熬过去了", "like a new person", "a new person now",
		"拉回来", "拉了回来", "走出来", "走出了", "好多了", "好很多", "好起来", "活下来", "挺过来", "熬过来", "康复", "还活着", "会好的",
		"pulled me back", "pulled back", "got better", "gets better", "i'm still here", "im still here", "recovered",
		"made it through", "survived", "glad i stayed", "glad i'm alive", "glad im alive", "does get better", "will get better",
		"today i have a job", "now i have a job", "a therapist i trust",
		// Time counted free of it: "8 years free now", "dos años sin cortarme", 三年没有再伤害自己.
		"years free", "months free", "years clean", "months clean", "self harm free", "self-harm free",
		"años sin cortarme", "años sin autolesionarme", "anos sem me cortar", "ano sem me cortar", "ans sans me couper",
		"ans sans me scarifier", "jahre ohne ritzen", "jahre clean", "年没有再", "年没再", "年間やってない", "년째 안 하고",
		"salí adelante", "me recuperé", "sigo aquí", "sigo aqui", "saí dessa", "me recuperei", "ainda estou aqui",
		"je m'en suis sorti", "toujours là", "m'a sauvé", "m'a sauvée", "geschafft", "bin noch da", "hat mich gerettet",
		// Round 30: "Oito meses sem beber… O AA me salvou", "ich hab mir Hilfe geholt. Jetzt bin ich in Therapie".
		"me salvou", "me salvó", "meses sem beber", "anos sem beber", "meses sin beber", "años sin beber", "mois sans boire",
		"monate trocken", "jahre trocken", "hilfe geholt", "bin ich in therapie", "geht mir besser", "geht es mir besser",
		// Stopped it: "j'ai arrêté de me faire vomir il y a 3 ans".
		"j'ai arrêté de", "j'ai arrete de", "i stopped", "i quit", "dejé de", "deje de", "parei de", "hab aufgehört", "habe aufgehört",
		"恢复得很好", "终于停药", "상담 1년", "상담 받고", "상담받고", "치료받고",
		// Round 38 (F50): much better today ("quando eu tinha pensamentos suicidas… hoje tô bem melhor").
		"hoje tô bem melhor", "hoje to bem melhor", "hoje estou bem melhor", "hoje estou muito melhor", "hoy estoy mucho mejor",
		"hoy estoy muchísimo mejor", "aujourd'hui je vais beaucoup mieux", "je vais beaucoup mieux", "today i'm doing much better",
		"today im doing much better", "heute geht es mir viel besser", "heute geht's mir viel besser",
		// Round 38 (N20): a survivor out, a gambler quit, grief easing (what finally got me out, 戒赌两年, 慢慢好一点了).
		"what finally got me out", "finally got out", "protective order", "戒赌", "好一点了", "悲伤辅导",
		// Sobriety counted: "my 2-year chip at NA", "a year sober".
		"year chip", "month chip", "years sober", "year sober", "months sober", "sober for", "recovery is real",
		"康复第", "戒烟第", "戒酒第", "天没抽", "天没喝", "days smoke-free", "days smoke free", "días sin fumar", "dias sem fumar",
		"jours sans fumer", "tage rauchfrei", "禁煙", "금연",
		// Stable now, thanks to therapy: "heute bin ich stabil dank Therapie".
		"bin ich stabil", "bin stabil", "bin jetzt stabil", "dank therapie", "dank der therapie", "stable now", "i'm stable",
		// A life rebuilt, told by what it holds now (round 15: "ten years ago today I tried to end my
		// life. Today I'm married, have a daughter"; "the scars are part of my story").
		"i'm married", "im married", "have a daughter", "have a son", "have two kids", "two kids", "my nursing degree",
		"part of my story", "part of the story", "don't hide anymore", "dont hide anymore", "not ashamed anymore",
		"if you're in that place", "if you are in that place", "if you're there right now",
		// Round 29: "… today i'm in nursing school. if you're where i was, please tell someone".
		"if you're where i was", "if you are where i was", "if youre where i was", "where i was back then",
		"si estás donde yo estaba", "se você está onde eu estava", "si tu es là où j'étais", "wenn du da bist, wo ich war",
		"estoy estable", "estou estável", "je suis stable",
		// Came through, in Japanese, Korean and Chinese (substrings: 乗り越え is in
		// 乗り越えた, 극복 in 극복했다): 立ち直った, 今は大丈夫, 이겨냈다, 活着真好.
		// No longer: "ça fait 5 ans que je ne me scarifie plus", "ya no me corto".
		"ne me scarifie plus", "ne me coupe plus", "ne me mutile plus", "ya no me corto", "ya no me hago daño", "não me corto mais",
		"nao me corto mais", "ritze mich nicht mehr", "no longer cut", "haven't cut in", "havent cut in", "더 이상 안 해",
		// Life rebuilt with help: "hoje tenho emprego, faço terapia", 今はカウンセリングのおかげで元気に働いてる.
		"faco terapia", "fazendo terapia", "hago terapia", "hoje tenho", "今はカウンセリング", "元気に働", "今は元気",
		"乗り越え", "立ち直", "抜け出せ", "抜け出し", "回復し", "やめられた", "今は大丈夫", "生きててよかった", "生きていてよかった",
		"상담교사가 되었", "상담교사가 됐", "돕는 일을", "돕는 사람이", "i'm proof it can", "im proof it can",
		"穏やかに暮らして", "극복", "이겨냈", "이겨 냈", "회복했", "지금은 괜찮", "살아있어서 다행", "活着真好", "活下去了",
		// Round 51 (N123): the help named as what helped ("le 3114 et une psy m'ont aidée", 많이 좋아졌어요).
		"m'ont aidé", "m'ont aidée", "m'a aidé", "m'a aidée", "ça va mieux", "ca va mieux", "많이 좋아졌", "helped me through",
		"me ayudaron", "me ajudaram", "haben mir geholfen", "hat mir geholfen",
		// Round 54 (N151): the treatment kept up and working (醫生說我的憂鬱症狀有在改善…現在有好好吃藥、每週諮商).
		"有在改善", "症状改善", "改善很多", "好好吃药", "每周咨询", "每周咨商", "每周谘商",
	})
)

// reAgo is a span of time the author looks back over, in the folded text:
// "two years ago", "il y a deux ans", "hace dos años", "há 3 anos", "vor
// zwei Jahren", "2년 전" (年前 is among pastMarkers).
var reAgo = regexp.MustCompile(`\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|a few|several) (?:years?|months?) ago\b|` +
	`\b(?:il y a|hace|ha|vor) (?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|dos|tres|cuatro|cinco|seis|` +
	`siete|ocho|nueve|diez|once|doce|quince|veinte|um|uma|dois|duas|quatro|sete|oito|nove|dez|onze|doze|quinze|vinte|` +
	`einem|einer|zwei|drei|vier|funf|sechs|sieben|acht|neun|zehn|elf|zwolf|funfzehn|zwanzig|ein paar|quelques|unos|uns|algunos) (?:ans|an|annees|annee|mois|anos|ano|meses|mes|jahren|monaten|jahr|monat)\b|` +
	`\b(?:\d+|um|uma|dois|duas|tres|quatro|cinco|seis|un|una|dos|cuatro|algunos|alguns) (?:anos?|meses|mes|años?) atras\b|` +
	`\d+ ?(?:년|개월) ?전|` +
	// An age the author was then: "in a really bad place at 16".
	`\bat 1\d\b`)

// looksBack reports whether folded sentence s is set in the author's past.
// Kana markers are found inside longer runs, as Han ones are (だった頃 in
// 自傷がやめられなかった頃, また in 今夜はまた): containsPersonAny reads them so.
func looksBack(s string) bool { return containsPersonAny(s, pastMarkers) || reAgo.MatchString(s) }

// selfHarmOvercome reports whether the self-harm finding at sp in t is the
// author's past, told in a field that says it is over.
func selfHarmOvercome(t *Text, sp Span) bool {
	s := t.Original
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(s, sp.Start, sp.End)
	sentence := foldedBefore(t, lo, hi)
	return looksBack(sentence) && !containsPersonAny(withoutTerms(beforeOvercome(nowSentences(t, sp)), recoveryMarkers), presentMarkers) &&
		containsAny(t.Folded.String(), overcomeMarkers)
}

// beforeOvercome returns folded sentences s with, in each sentence that
// says the author came through (overcomeMarkers), everything up to its
// last such marker blanked: a "now" that leads to the recovery tells it
// ("以前每天都想死，現在吃藥加諮商，已經好很多了", "that year I didn't want to
// live … now I work, it's all behind me"), not a risk. A sentence that says
// it came back before its recovery words (又, again, wieder) is kept whole,
// and a "now" after them still counts ("好很多了，但最近又想死").
func beforeOvercome(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		end := strings.IndexAny(s, "。！？!?.\n")
		piece := s
		if end >= 0 {
			_, n := utf8.DecodeRuneInString(s[end:])
			piece, s = s[:end+n], s[end+n:]
		} else {
			s = ""
		}
		last := -1
		for _, w := range overcomeMarkers {
			if i := strings.LastIndex(piece, w); i >= 0 && i+len(w) > last {
				last = i + len(w)
			}
		}
		if last > 0 && !containsPersonAny(piece[:last], relapseMarkers) {
			piece = piece[last:]
		}
		b.WriteString(piece)
		b.WriteString(" ")
	}
	return b.String()
}

// containsWordAny reports whether s contains one of ws, as whole words
// when they are Latin ("now" is not in "know").
func containsWordAny(s string, ws []string) bool {
	for _, w := range ws {
		if wordIndex(s, w) >= 0 {
			return true
		}
	}
	return false
}

// wordIndex returns the byte index of the first w in s, as a whole word
// when w is Latin or Hangul, or -1.
func wordIndex(s, w string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return -1
		}
		j += i
		if isHan(w) || wordEdge(s, j, j+len(w)) {
			return j
		}
		i = j + 1
	}
}

// wordEdge reports whether s[i:j] starts and ends on word boundaries.
func wordEdge(s string, i, j int) bool {
	r1, _ := utf8.DecodeLastRuneInString(s[:i])
	r2, _ := utf8.DecodeRuneInString(s[j:])
	letter := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return (i == 0 || !letter(r1)) && (j == len(s) || !letter(r2))
}

// cameThroughMarkers, with overcomeMarkers, tell of self-harm left behind:
// days counted clean, scars faded, short sleeves worn again.
var cameThroughMarkers = newTermSet(foldTerms([]string{
	"days clean", "days free", "without self harm", "without self-harm", "free from self harm", "free from self-harm",
	"scars are faded", "scars have faded", "scars faded", "faded to silver", "gone white", "gone silver", "in short sleeves",
	"wear short sleeves", "i start therapy", "started therapy", "told my parents", "told my mum", "told my mom",
	// Round 31: recovery agreed on ("my therapist says i'm doing better and honestly i agree. two weeks calm, sleeping again").
	"sleeping again", "eating again", "eating properly again", "i'm doing better and", "im doing better and", "doing so much better",
	// Round 38 (N19): old scars covered by a tattoo, proud of having come through (手臂上的舊傷疤我紋了一隻鯨魚蓋住🐋
	// 五年了 很驕傲自己撐過來).
	"撑过来", "熬过来", "走出来了", "纹身盖住", "纹了", "tattoo over my scars", "tattooed over my scars", "covered my scars",
	"proud of how far", "cicatrices tapadas", "tatuaje sobre mis cicatrices", "tatuagem por cima", "tatouage sur mes cicatrices",
	"tattoo über meinen narben", "乗り越えた", "이겨냈",
	// Round 45 (N51, N52): recovery from addiction told as recovery, in every language the rules read
	// ("Heute ein Jahr clean. Die Suchtberatung und meine Selbsthilfegruppe haben mich getragen", "Recovery tip
	// nobody told me: HALT").
	// Not "clean" counted outside English: "drei Monate clean" is also a streak of not cutting, and the
	// relapse after it is read in English only (riskBackMarkers).
	"year clean", "years clean", "months clean", "sober for", "years sober", "year sober", "months sober", "my sponsor",
	"early recovery", "recovery tip", "in recovery", "trocken seit", "nüchtern seit", "suchtberatung", "selbsthilfegruppe",
	"sobrio desde", "sobria desde", "sóbrio há", "sóbria há", "sobre depuis", "abstinent depuis", "戒毒", "戒酒", "断酒", "断薬",
	"단주", "금주",
}))

// riskBackMarkers bring the risk back into the present: a streak broken, a
// relapse, tonight, the urges or thoughts back.
var riskBackMarkers = newTermSet(foldTerms([]string{
	"relapse", "relapsed", "relapsing", "cut again", "did it again", "tonight", "urges are back", "urge is back",
	"thoughts are back", "back to zero", "threw it away", "broke my streak", "breaking that streak", "broke the streak",
	"want to cut", "wanna cut", "want to die", "wanna die", "miss it", "can't stop thinking", "cant stop thinking",
	// Calm that hides a decision ("she doesn't know the calm is because i finally decided").
	"finally decided", "made my decision", "the date is", "doesn't know the", "don't know the", "doesnt know the",
	// The helper at risk too (我也想死, 私も死にたい).
	"我也想死", "私も死にたい", "나도 죽고 싶", "yo también quiero morir", "yo tambien quiero morir", "eu também quero morrer",
	"eu tambem quero morrer", "moi aussi je veux mourir", "ich will auch sterben", "ich auch sterben",
}))

// cameThroughField reports whether a field tells of having come through
// self-harm, as a whole: a mark of it left behind (overcomeMarkers,
// cameThroughMarkers) and nothing of a relapse (riskBackMarkers). It reads
// the whole field because the classifier's score is the whole field's.
func cameThroughField(t *Text) bool {
	f := t.Folded.String()
	return (containsTermAny(f, overcomeMarkers) || cameThroughMarkers.anyTerm(f)) && !riskBackMarkers.anyTerm(f)
}

// helperAsks are someone asking how to help another person through it
// ("my friend told me she's been having thoughts of ending her life … how
// do I support her"): the crisis told is the other's.
var helperAsks = newTermSet(foldTerms([]string{
	"how do i support her", "how do i support him", "how do i support them", "how do i support my", "how can i support her",
	"how can i support him", "how can i support them", "how can i support my", "how do i help her", "how do i help him",
	"how do i help them", "how do i help my", "how can i help her", "how can i help him", "how can i help them",
	"how can i help my", "how to support a friend", "how to help a friend", "without making it worse", "say the wrong thing",
	// Round 30: staying with the friend tonight, and what else to do (友達が…死にたいって言ってる。今夜は一緒にいるつもり,
	// 朋友…一直说想死，我今晚陪着她，还能做些什么？).
	"cómo la ayudo", "cómo lo ayudo", "cómo puedo ayudarla", "cómo puedo ayudarlo", "me quedo con ella", "me quedo con él",
	"como ajudar ela", "como ajudar ele", "como posso ajudar", "vou ficar com ela", "vou ficar com ele",
	"comment l'aider", "comment je peux l'aider", "je dors chez elle", "je dors chez lui", "je reste avec elle", "je reste avec lui",
	"wie kann ich ihr helfen", "wie kann ich ihm helfen", "bleibe heute nacht bei ihr", "bleibe heute nacht bei ihm",
	"一緒にいるつもり", "一緒にいようと思う", "どう支えれば", "どうやって支え", "같이 있으려고", "같이 있을 거", "어떻게 도와",
	"陪着她", "陪着他", "怎么帮她", "怎么帮他", "怎么帮助她", "怎么帮助他",
	// Round 53 (F161): a parent asking how a daughter can stand by a classmate who self-harms (該怎麼陪伴朋友？
	// 應該告訴哪位老師或是輔導室？).
	"怎么陪伴", "该怎么陪", "陪伴朋友", "告诉哪位老师", "辅导室",
	// Round 38 (N19): a friend checking in ("checking in on my friends who went quiet this week… i just wanna know ur ok").
	"checking in on my", "checking in on you", "check in on your friends", "just wanna know ur ok", "just want to know you're ok",
	"just want to know youre ok",
	// Round 38 (N20): a crisis-line volunteer telling what the calls are like ("Sou voluntária do CVV há dois anos",
	// 做心理援助热线志愿者一年了).
	"sou voluntária do cvv", "sou voluntário do cvv", "voluntária do cvv", "voluntário do cvv", "热线志愿者", "热线的志愿者",
	"crisis line volunteer", "volunteer at a crisis line", "volunteer on a crisis line", "voluntaria del teléfono de la esperanza",
	"voluntario del teléfono de la esperanza", "bénévole à sos amitié", "bénévole chez sos amitié", "ehrenamtlich bei der telefonseelsorge",
	"いのちの電話のボランティア", "상담 봉사",
	// Round 40 (N33): a school counsellor telling parents what children say (这学期我接触了好几个说"想死"的孩子).
	"心理咨询老师", "心理老师", "心理咨询师", "school counsellor", "school counselor", "orientadora escolar", "psicóloga escolar",
	"psicólogo escolar", "psicóloga da escola", "psychologue scolaire", "schulpsychologin", "schulpsychologe", "スクールカウンセラー",
	"상담 교사", "상담교사",
}))

// helperQuoted reports whether the self-harm finding at sp stands inside a
// quotation in a helper's field (helperField): a counsellor quoting what
// children say ("说"想死"的孩子", "“作业多到想死”") is not at risk.
func helperQuoted(t *Text, sp Span) bool {
	return (inQuotation(t.Original, sp) || othersConditionZh(t, sp)) && helperField(t)
}

// reOthersConditionZh ends the folded text of a sentence before a
// self-harm word with someone else who "has" it (她同学有自残的情况, 朋友有
// 轻生的念头): the word names their condition, not the author's.
var reOthersConditionZh = regexp.MustCompile(`(?:同学|朋友|她|他|女儿|儿子|孩子|室友|闺蜜|学生|同事)[^，。！？,!?我]{0,4}有$`)

// othersConditionZh reports whether the self-harm finding at sp in a
// Chinese field names someone else's condition (reOthersConditionZh).
func othersConditionZh(t *Text, sp Span) bool {
	if !t.HasHan || sp.Start <= 0 || sp.End > len(t.Original) || sp.Start >= sp.End {
		return false
	}
	lo, _ := sentenceAround(t.Original, sp.Start, sp.End)
	return reOthersConditionZh.MatchString(foldedBefore(t, lo, sp.Start))
}

// helperField reports whether a field asks how to help someone else
// through a crisis (helperAsks) and says nothing of the author's own risk
// (riskBackMarkers).
func helperField(t *Text) bool {
	f := t.Folded.String()
	return helperAsks.anyTerm(f) && !riskBackMarkers.anyTerm(f)
}
