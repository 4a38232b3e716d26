package moderate

import (
	"strings"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Counter-speech: a field that rejects discrimination (反对地域黑！河南人也是
// 普通人, 拒绝种族歧视) names the group and the stereotype it rejects, which
// is what the trained classifier learnt hate from: COLD and the other
// Chinese data label the topic, not the stance; in the other languages the
// classifier reads "I hate" and "racist" in "I hate when people call Asians
// that, it's racist" the same way. The intent rules veto such fields themselves ($counter_speech); for the classifier, whose judgement
// covers the whole field, a hate or harassment finding in a field with one
// of these markers is capped like reported speech: it keeps its label for
// reviewers and decides nothing. Slurs (lexicons) and the rules still count.

// counterSpeechMarkers are matched on the skeleton (Simplified Chinese,
// no separators between Han characters), so 反對 地域黑 is 反对地域黑. They
// are slogans of rejection only: COLD labels offensive most comments that
// discuss 刻板印象 or 一视同仁, so those phrases do not count, a marker right
// after a negation does not count ("黑人并不反对种族歧视"), and 别歧视 would
// also match 性别歧视.
var counterSpeechMarkers = []string{
	"反对地域黑", "拒绝地域黑", "抵制地域黑", "不要地域黑", "别地域黑", "别再地域黑", "不要再地域黑", "停止地域黑",
	"拒绝歧视", "抵制歧视", "停止歧视", "拒绝种族歧视", "反对地域歧视", "拒绝地域歧视", "不应该被歧视", "不该被歧视",
	"也是普通人",
	// Naming what was said as discrimination, or calling to report it.
	"就是种族歧视", "是种族歧视", "赤裸裸的种族歧视", "是地域歧视", "就是地域黑", "地域黑真的够了", "这种话", "这种言论",
	"一起举报", "大家举报", "不该被容忍", "不能被容忍", "让人寒心", "真让人寒心", "太可悲了", "上前制止", "侮辱女性的",
	"歧视黑人的", "别被那些谣言", "别再传", "地域黑真的", "怼回去", "这种词", "真不该再出现", "站出来说", "给人道歉",
	// A sentence handed down for abuse, and lessons that teach children where
	// no one may touch them: the classifier reads their words as harassment.
	"被判刑", "被判了", "身体界线", "身体界限", "身体边界",
	// Rejecting racism or sexism outright. Not after a negation: COLD
	// labels "黑人并不反对种族歧视" offensive (see counterSpeech).
	"反对种族歧视", "反对歧视", "反对性别歧视", "拒绝性别歧视", "抵制种族歧视",
	// Round 41: discrimination called unacceptable and its author banned (…被平台封号了。地域歧视真的要不得，看到就举报).
	"歧视要不得", "歧视真的要不得", "地域黑要不得", "看到就举报", "见到就举报", "被封号", "被平台封",
	// Asking people to stop a slur or a stereotype: 这是很冒犯的歧视用语，请别用;
	// 地域黑能不能歇歇; 就业歧视真的该管管了.
	"歧视用语", "冒犯的用语", "冒犯的词", "请别用", "请不要用", "能不能歇歇", "该管管了",
	// Teaching, news and questions about a word: 反歧视讲座, 发布歧视言论…给予处分,
	// “台巴子”是什么意思, 这个词要改成, 为什么“…”是地域黑; and the author
	// answering or reporting it: 我直接举报了, 我回了：你的恐同是你的问题.
	"反歧视", "歧视言论", "歧视性言论", "给予处分", "被处分", "举报了", "已举报", "已经举报", "直接举报", "不是观点",
	// Taiwan reports with 檢舉 (检举 once folded) and names the words 字眼.
	"检举了", "已检举", "已经检举", "直接检举", "检举加封锁", "歧视的字眼", "歧视字眼",
	// Telling it at a talk against it: 学校开反亚裔歧视的讨论会，我站上台讲了这段经历.
	"反亚裔歧视", "反对亚裔歧视", "讲了这段经历", "分享这段经历",
	"这个词", "这个字眼", "什么意思", "啥意思", "蔑称", "贬称", "是地域黑", "恐同", "我回了", "我回他", "我回她",
	"不要拿来用", "我不会用", "被要求道歉", "要求他道歉", "要求她道歉", "公开道歉",
	"看了纪录片", "纪录片里",
	// Round 45 (N53): the author left the group over it, and discrimination weighed against the disease
	// (有人在群里说艾滋病人'活该'，我直接退群了 … 歧视比病毒更伤人).
	"直接退群", "我退群了", "退群了", "歧视比",
	// A book, film or talk about discrimination, named as its subject: 关于种族
	// 歧视的经典, 讲种族隔离的电影, 职场性别歧视 as the problem a documentary shows.
	"关于种族歧视", "关于性别歧视", "关于歧视", "关于种族隔离", "讲种族歧视", "讲性别歧视", "讲述种族歧视", "讲的是种族歧视",
	"讲的是性别歧视", "探讨种族歧视", "探讨性别歧视", "探讨歧视", "反思种族歧视", "揭露种族歧视", "描写种族歧视", "讲种族隔离",
	"种族歧视题材", "歧视题材", "歧视的电影", "歧视的书", "歧视的小说", "歧视的纪录片", "歧视的经典", "歧视的剧", "歧视的历史",
	"职场性别歧视", "职场歧视", "就业歧视",
	// Round 13 (a functional set written blind): hate quoted and condemned
	// (这种种族歧视必须被谴责, 这是赤裸裸的民族歧视), its speakers rebuked
	// (那些排斥外国人的言论, 拿肤色攻击黑人的人才是真正没素质的, 甩锅给移民的人根本不看数据),
	// and the stereotype denied (难民不是罪犯, 外国人没有你想的那么坏, 说女人都很蠢是不对的).
	"必须被谴责", "应该被谴责", "是民族歧视", "赤裸裸的民族歧视", "的言论", "看不下去", "辱骂女性的", "攻击黑人的人", "才是真正没素质",
	"甩锅给", "不看数据", "触犯法律", "不好笑", "当成恐怖分子的", "真的很无知", "不是罪犯", "没有你想的那么", "是不对的",
	// Not 不讨厌 or 一点也不 alone: "有几个不讨厌黑人的？", "一点也不同情" scorn.
	"一点都不觉得", "并不比任何人", "我不讨厌", "是性别歧视", "是完全错误的", "是错误的",
	"别再转发", "太恶毒了", "是很无知的", "不都是", "根本不是恐怖分子", "绝对不比", "暴露了你的无知", "早就该被抛弃",
	"气得发抖", "竟然说",
	// Mocking oneself with the stereotype (河南人自嘲一句，井盖我们早不偷了).
	"自嘲",
	// Round 22 (a functional set written blind): hate quoted as a conspiracy
	// theory for the bin of history, a stereotype to be dropped that only
	// shows the speaker's ignorance, a comparison denied (女人并不比男人笨).
	"阴谋论", "历史垃圾堆", "早该抛弃", "早该扔进", "显得自己无知", "只会显得自己", "并不比男人", "并不比女人", "不比男人差", "不比女人差",
	// Round 35 (h9): a group and a stereotype said not to be one (穆斯林不等于恐怖分子，
	// 别再乱扣帽子了), and loathing denied for ever (我从来不讨厌黑人).
	"不等于恐怖分子", "不等于罪犯", "从来不讨厌", "从不讨厌",
	// The second set (h10): humanity affirmed (他们跟我们一样是人), loathing denied
	// (我一点都不讨厌残疾人), any discrimination and abuse rejected.
	"一样是人", "一点都不讨厌", "歧视和辱骂", "反对任何针对",
	// h11a: a regional slur told to give it a rest, a streamer banned for mocking
	// (not 地域黑的话 alone: COLD labels the comments that name it offensive).
	"能不能消停", "被封号",
}

// counterSpeechMarkersLatin are the same slogans in the other languages,
// matched on the folded text (lower case) as whole words: naming what was
// said as racist or a slur, or telling people to stop. "I hate when people
// call Asians that, it's racist, stop it".
var counterSpeechMarkersLatin = []string{
	"it's racist", "its racist", "that's racist", "thats racist", "is racist", "so racist", "is a slur", "it's a slur",
	"stop saying", "stop using", "stop calling", "don't call", "do not call", "say no to racism", "against racism",
	"es racista", "eso es racista", "no al racismo", "contra el racismo", "é racista", "isso é racismo", "não ao racismo",
	"contra o racismo", "c'est raciste", "c'est du racisme", "non au racisme", "contre le racisme", "ist rassistisch",
	"das ist rassismus", "gegen rassismus",
}

// racismNamedMarkers name what was said as racism ("no es una opinión, es
// racismo de toda la vida", "that's not a joke, it's racism"), on the
// folded text as whole words. Unlike counterSpeechMarkersLatin they are
// also a hater's disclaimer once negated ("no es racismo, es realidad",
// "it's not racism, it's facts"), so a negation right before undoes them
// (racismNamed). Portuguese needs its subject ("isso é racismo"): a bare
// "e racismo" is also "and racism" (xenofobia e racismo).
var racismNamedMarkers = newTermSet([]string{
	"es racismo", "eso es racismo", "isso e racismo", "is racism", "it's racism", "its racism", "that's racism", "thats racism",
	"est du racisme", "ist rassismus",
})

// racismNamed reports whether a folded Latin-script field names something
// as racism with no negation word right before the naming (negatedBefore,
// as a scam is declared: "No, es racismo" answers, "no es racismo" denies).
func racismNamed(f string) bool {
	return racismNamedMarkers.any(f, func(s string, i, j int) bool { return wordEdge(s, i, j) && !negatedBefore(s[:i]) })
}

// negations before a marker undo it: 并不反对种族歧视.
const counterSpeechNegations = "不没别非"

// hateTargetsZh are the groups Chinese hate is about, as the skeleton
// writes them (the groups of rules/hate.zh.yaml, by their common names). A
// classifier hate finding in a field that names none of them is abuse of
// a person or of a group that is not about who people are (国足的球迷,
// 插队的人): harassment, not hate.
var hateTargetsZh = []string{
	"黑人", "黑鬼", "非洲", "女人", "女的", "女性", "女权", "女拳", "娘们", "外地人", "河南", "东北人", "上海人", "新疆",
	"农村人", "乡下人", "山东人", "广东人", "四川人", "安徽人", "湖南人", "南方人", "北方人", "同性恋", "基佬", "拉拉",
	"跨性别", "变性", "穆斯林", "回民", "回族", "绿绿", "犹太", "外国", "老外", "洋人", "美国人", "日本", "韩国人", "印度",
	"越南", "移民", "难民", "残疾", "残废", "瘸子", "聋子", "瞎子", "阿三", "外劳", "移工", "外佣", "菲佣", "外配", "陆配",
	"大陆人", "台湾人", "香港人", "少数民族", "藏族", "维族", "维吾尔", "蒙古人", "艾滋", "精神病人", "gay", "娘炮", "伪娘",
	"白人", "黄种人", "汉族", "支那", "棒子", "鬼子", "尼哥", "黑蛆", "母狗", "田园女", "普信男", "普信女", "男人", "男的",
}

// namesHateTargetZh reports whether a Chinese field names a group hate is
// about.
func namesHateTargetZh(t *Text) bool {
	if !t.HasHan {
		return true // not for this rule to judge
	}
	s := t.Skeleton.String()
	for _, g := range hateTargetsZh {
		if strings.Contains(s, g) {
			return true
		}
	}
	return false
}

// counterSpeechCategories are the classifier's categories the markers cap.
func counterSpeechCategory(c models.Category) bool {
	return c == models.CategoryHate || c == models.CategoryHarassment
}

// classifierToldCategory are the classifier findings that a field which
// tells abuse or speaks against it caps: counterSpeechCategory, and the
// intent classifier's violence (abuse told is no threat). Its score is
// the whole field's, with no span to read the quotation from.
func classifierToldCategory(c models.Category) bool {
	return counterSpeechCategory(c) || c == models.CategoryViolence
}

// counterSpeech reports whether the field carries a counter-speech marker
// that no negation undoes.
func counterSpeech(t *Text) bool {
	if !t.HasHan {
		f := t.Folded.String()
		return counterSpeechLatinSet.anyWord(f) || racismNamed(f)
	}
	if reportedQuotationZh(t) || abuseDeedZh(t) || reclaimedZh(t) {
		return true
	}
	s := t.Skeleton.String()
	if containsAny(s, selfDeclaredBiasZh) {
		return false
	}
	return counterSpeechSet.any(s, func(s string, i, j int) bool { return counterMarkerStands(t, s, i, j) })
}

// counterSpeechSet and counterSpeechLatinSet read a field once for all of
// their markers, where a search per marker read it a hundred times.
var (
	counterSpeechSet      = newTermSet(counterSpeechMarkers)
	counterSpeechLatinSet = newTermSet(counterSpeechMarkersLatin)
)

// selfDeclaredBiasZh are authors owning the bias a marker would name: "对不
// 起，我就是种族歧视黑人，咋地了", "如果讨厌黑人就是种族歧视的话，那我就是种族歧视".
// A field that says one is no rejection of it, whatever else it says.
var selfDeclaredBiasZh = []string{
	"我就是种族歧视", "我就是歧视", "我就歧视", "我是种族歧视", "我就是地域黑", "我就是种族主义", "我就是性别歧视", "我承认我歧视",
	"我就是看不起", "我就是讨厌黑", "我就是瞧不起",
}

// counterMarkerNegations2 are two-rune negations before a marker: 没有歧视黑
// 人的意思 is the disclaimer before a slur ("no offence to Black people,
// but"), not a rejection.
var counterMarkerNegations2 = []string{"没有", "并非", "不是", "不算"}

// counterSentenceBreaks end a clause: a marker the skeleton joins across
// one (种族歧视。黑人的鼻子… reads 种族歧视黑人的) was never written.
const counterSentenceBreaks = "。！？!?；;，,\n…"

// counterMarkerStands reports whether the marker at s[j:k] of t's skeleton
// is a rejection as written: not after a negation (黑人并不反对种族歧视, 没有
// 歧视黑人的意思), not joined across a clause break, and, where it names
// something as discrimination (是种族歧视), neither the author owning it (我
// 也是种族歧视) nor asked (觉得黑人难看就是种族歧视了？: the rhetorical
// question denies it).
func counterMarkerStands(t *Text, s string, j, k int) bool {
	before := s[:j]
	r1, n1 := utf8.DecodeLastRuneInString(before)
	r2, _ := utf8.DecodeLastRuneInString(before[:len(before)-n1])
	if strings.ContainsRune(counterSpeechNegations, r1) {
		return false
	}
	for _, neg := range counterMarkerNegations2 {
		if strings.HasSuffix(before, neg) {
			return false
		}
	}
	sp := t.Skeleton.OriginalSpan(j, k)
	if sp.Start < 0 || sp.End > len(t.Original) || sp.Start > sp.End {
		return true
	}
	if strings.ContainsAny(t.Original[sp.Start:sp.End], counterSentenceBreaks) {
		return false
	}
	if !strings.HasPrefix(s[j:k], "是") && !strings.HasPrefix(s[j:k], "就是") {
		return true
	}
	if r1 == '我' || r2 == '我' && strings.ContainsRune("就也还真确", r1) {
		return false // 我是种族歧视, 我也是地域黑
	}
	after := strings.TrimLeft(t.Original[sp.End:], " 　")
	for _, q := range []string{"了？", "了?", "吗", "嗎", "么", "麼", "？", "?"} {
		if strings.HasPrefix(after, q) {
			return false
		}
	}
	return true
}

// victimReportMarkers say the author reported or blocked what they quote:
// "I've reported every single one and blocked them", 已经举报了.
var victimReportMarkers = newTermSet(foldTerms([]string{
	"i've reported", "ive reported", "i reported", "reported every", "reported them all", "reported all of", "i've blocked",
	"ive blocked", "i blocked", "blocked them", "reported and blocked", "screenshot, report", "screenshot and report",
	"lo denuncié", "los denuncié", "la denuncié", "lo reporté", "los reporté", "denunciei", "eu denunciei",
	"j'ai signalé", "je les ai signalés", "je l'ai signalé", "habe ich gemeldet", "ich habe sie gemeldet", "ich habe ihn gemeldet",
	"已举报", "已经举报", "我举报了", "都举报了", "已拉黑", "通報しました", "通報した", "신고했", "차단했",
}))

// victimReport reports whether the field quotes words and says the author
// reported or blocked them: the abuse a person received, shown to others.
// The classifier reads the quoted words as the author's.
func victimReport(t *Text) bool {
	s := t.Folded.String()
	return strings.ContainsAny(t.Original, quoteMarks) && outsideQuotations(s) != s && victimReportMarkers.in(s)
}
