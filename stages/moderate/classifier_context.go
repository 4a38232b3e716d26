package moderate

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Contexts the trained classifier cannot see. It judges a whole field by
// its n-grams, and learnt harassment from insulting words ("stupid",
// "idiot", 傻逼) wherever they stood, and hate from a group named near
// anything that reads as scorn. Three kinds of field are not abuse of
// anyone, and a classifier finding of harassment (hate for the comedy
// idiom) in them is capped like reported speech: it keeps its label for
// reviewers and decides nothing. The lexicons' and the rules' findings
// still count (profanity stays profanity).
//
//   - Self-directed: the author insults themselves ("stuck at the airport
//     like a goddamn idiot", 我真是个傻逼, "soy un idiota") and names no one
//     else: the insult's sentence has a first person singular and puts it
//     in the insult's place (I'm such a, like a, 我真是个, soy un, ich bin
//     so ein), and the field has no second person, no third person, no
//     @mention. "you're such an idiot", "this guy is an idiot", 这博主真是个
//     傻逼 keep their finding. The lexicons' harassment words (傻逼, idiot)
//     are capped there too: swearing at oneself is profanity at most.
//   - News: the field is framed as a report (新闻, 民警, 被捕, "police said",
//     "arrested"), with two markers of the frame and no second person.
//   - Comedy (Chinese): 笑死, 笑到 and friends say something was funny; a
//     group named next to them (台湾人很爱讲笑死) is not scorned, nor is a
//     mother's '你死哪去了' told for a laugh harassment, unless the field
//     also scorns (垃圾, 恶心, 滚, 低等 …).
//   - Scammers no one names (Chinese): a scam warning (scam_warning.go)
//     that calls everyone who makes the pitch a scammer (网上说保证赚钱的都是
//     骗子，千万别转账), or a story of being taken in (小时候被骗子骗过一次),
//     names a deed, not a person; the classifier learnt 骗子 as an insult.
//     "你们都是骗子" addresses someone, 他就是骗子 names someone and 河南人
//     都是骗子 names a group: they keep their finding.
//   - No one there (Chinese): the field names no person at all — no second
//     or third person, no one by role, kin or group, no @mention — so the
//     scorn is for a thing (这个垃圾软件又闪退了, 我讨厌下雨天，恶心死了):
//     harassment needs someone to harass. "真让人恶心" is an idiom (makes
//     one sick), not a person.
//   - People named by a deed (Chinese): 插队的人都没素质, 高铁上外放视频的人真让
//     人恶心, 杀人犯都该坐牢 scorn what people do, not who they are or
//     anyone in particular: a field whose people are "…的人" or "…犯",
//     with no second person, no group of who people are (sex, race,
//     religion, place) and no one by name.
//   - Denied (Chinese): the evidence is a scorn word that a negation right
//     before it denies (穆斯林不是恐怖分子, 河南人根本不是骗子), or the field
//     says every scorn word it holds only to deny it (negation_zh.go).
//   - Crafts (violence, the intent classifier): cooking, fishing, fiction,
//     games, pets (classifier_violence_frames.go).
//   - People named by a role (Chinese): 二房东都是吸血鬼, 资本家都是吸血的,
//     那些键盘侠一个个都是废物 scorn landlords, capitalists and trolls, a
//     group of what people do for a living or online, not of who they are
//     (roleGroupZh), with no one addressed or singled out.
//   - Laughter (Korean): ㅋㅋ with 웃기다 (미친 개웃기네 진짜) says something was
//     hilarious; 미친 and 개- are its intensifiers, not scorn. Not when the
//     field addresses someone with an insult word (koScorn).
//   - A safety lesson (Chinese): a parent or teacher passing on how to
//     keep children safe (转发给家长：防性侵教育，教孩子…, 防拐骗安全教育) quotes
//     the abuser's lines to warn against them; two markers of the lesson
//     and no scorn word (scornZh) in the field.
//   - Rubbish as a thing (Chinese): 垃圾分类, 倒垃圾, 厨余垃圾 are waste, not
//     the insult 垃圾, when every 垃圾 of the field is one of them.

// secondPersonMarkers address someone, in the folded text (whole words
// for Latin and Hangul).
var secondPersonMarkers = foldTerms([]string{
	"you", "u", "ur", "your", "you're", "youre", "yours", "ya", "yall", "y'all",
	"du", "dich", "dir", "dein", "deine", "deinen", "euch", "ihr",
	"tu", "tú", "te", "ti", "eres", "usted", "vos", "contigo", "você", "voce", "vc", "teu", "tua", "seu", "sua",
	"t'es", "toi", "ton", "ta", "tes", "vous", "votre",
	"너", "니", "넌", "네가", "니가", "너는", "당신", "너네",
	"你", "您", "妳", "汝", "尔等", "お前", "おまえ", "あなた", "あんた", "てめえ", "貴様", "きさま", "君",
})

// thirdPersonMarkers name someone else as a person.
var thirdPersonMarkers = foldTerms([]string{
	"he", "she", "him", "her", "his", "hers", "they", "them", "their", "this guy", "that guy", "this girl", "that girl",
	"this woman", "that woman", "this man", "that man", "this dude", "that dude", "these people", "those people",
	"er", "sie", "ihn", "ihm", "ihr", "ihre", "der typ", "die tussi",
	"él", "ella", "ellos", "ellas", "ese tipo", "esa tipa", "este tipo", "ele", "ela", "eles", "elas", "esse cara", "essa mina",
	"il", "elle", "ils", "elles", "lui", "ce mec", "cette meuf",
	"그", "그녀", "걔", "쟤", "얘", "이 사람", "저 사람",
	"他", "她", "它们", "这个人", "那个人", "这人", "那人", "此人", "这货", "那货", "这位", "那位", "博主", "楼主", "主播", "up主",
	"彼", "彼女", "こいつ", "あいつ", "そいつ",
})

// newsFrameMarkers frame a field as a report about others.
var newsFrameMarkers = foldTerms([]string{
	"新闻", "据报道", "报道", "警方", "民警", "警察", "公安", "通报", "被捕", "抓获", "制服", "拘留", "法院", "判处", "记者",
	"嫌疑人", "news", "police", "arrested", "according to", "court", "sentenced", "reporter", "suspect",
	"noticia", "policía", "policia", "detenido", "detenida", "tribunal", "notícia", "polícia", "preso", "presa",
	"selon", "arrêté", "arrêtée", "gendarmerie", "polizei", "festgenommen", "laut", "gericht", "nachrichten",
	"ニュース", "警察", "逮捕", "容疑者", "뉴스", "경찰", "체포", "용의자",
	// Charges and trials: 涉嫌诈骗被起诉, "charged with fraud".
	"涉嫌", "起诉", "被抓", "检方", "判决", "charged with", "indicted", "acusado de", "imputado", "inculpé", "angeklagt", "기소",
})

// comedyIdiomsZh say something was funny, in the skeleton.
var comedyIdiomsZh = []string{"笑死", "笑到", "笑疯", "笑喷", "笑不活", "憋笑", "冷笑话", "哈哈哈", "好好笑", "笑惨"}

// scornZh undoes the comedy idiom: the field scorns as well as laughs.
var scornZh = []string{
	"垃圾", "恶心", "滚", "低等", "畜生", "蝗虫", "贼", "骗子", "去死", "该死", "素质", "脏", "臭", "蠢", "傻", "贱", "猪",
	"狗", "活该", "下等", "劣等", "杂种", "败类", "废物", "人渣", "就是这样", "都这样", "一个德行", "没一个好",
}

// selfInsultFrames put the author in the insult's place: "I'm such an",
// "like a", 我真是个, "soy un", "je suis un", "ich bin so ein".
var selfInsultFrames = newTermSet(foldTerms([]string{
	"i'm such a", "im such a", "i'm a", "im a", "i'm an", "im an", "i am a", "i am an", "i am such", "i'm so", "im so",
	"like a", "like an", "i feel like", "i felt like",
	"我真是个", "我是个", "我就是个", "我真是", "我真的是", "我这个", "我像个", "像个", "我也太", "我好",
	"soy un", "soy una", "soy tan", "como un", "como una", "me siento",
	"sou um", "sou uma", "sou tão", "como um", "como uma", "me sinto",
	"je suis un", "je suis une", "je suis vraiment", "je suis trop", "comme un", "comme une",
	"ich bin ein", "ich bin so ein", "ich bin so eine", "ich bin eine", "ich bin echt", "wie ein", "wie eine", "ich idiot",
	"私って", "俺って", "僕って", "私は", "俺は", "僕は", "自分", "みたいに",
	"나는", "난 진짜", "나 진짜", "내가 진짜", "처럼",
}))

// classifierContextCapped reports whether a classifier finding of c at sp
// in t stands in a context that is not abuse of anyone (see the file
// comment).
func classifierContextCapped(t *Text, c models.Category, sp Span) bool {
	switch c {
	case models.CategoryHarassment:
		return selfInsult(t, sp) || newsFrame(t) || scammersAsClass(t) || literalWasteZh(t) || noOneNamedZh(t) || deedGroupZh(t) ||
			negatedSpanZh(t, sp) || roleGroupZh(t) || safetyLessonZh(t) || laughterKo(t) || comedyIdiomZh(t) || safetyAdviceFrame(t) ||
			horrorGenreZh(t) || errandFrame(t)
	case models.CategoryHate:
		return comedyIdiomZh(t) || negatedSpanZh(t, sp) || laughterKo(t) || horrorGenreZh(t)
	case models.CategorySelfHarm:
		// Dying of laughter at a friend's slip (round 49, N95: "Ich lach mich tot, Timo ist in den Bach gerutscht
		// 😂 alles gut, nur nass"), with nothing of the author's own risk.
		// Or a scam warning (round 53, N135: "GOLPE: … 'me faz um Pix urgente'. Minha mãe quase caiu."): the
		// one who almost fell is a mother almost taken in, not a person at risk.
		return (laughFrame(t) || scamWarning(t)) && !presentRisk(t.Folded.String(), true)
	case models.CategoryViolence:
		// A news report read by its neighbours (round 22: "there was a
		// stabbing near the bus stop… police made an arrest Sunday").
		// Or the author robbed or threatened, asking what to do (victim_told.go).
		// Or a vow of exasperation whose act harms no one (exasperation_vow.go).
		return craftFrame(t) || laughFrame(t) || gatheringFrame(t) || errandFrame(t) || newsFrame(t) || safetyAdviceFrame(t) || victimToldFrame(t) || harmlessVow(t)
	}
	return false
}

// negatedSpanZh reports whether the finding at sp is a Chinese scorn word
// denied by a negation before it, or stands in a field whose every scorn
// word is denied (negation_zh.go).
func negatedSpanZh(t *Text, sp Span) bool {
	return t.HasHan && (deniedScornSpanZh(t.Original, sp) || deniedScornZh(t))
}

// selfInsult reports whether the harassment finding at sp is the author
// calling themselves names: its sentence has the author in the insult's
// place, and the field names no one else. A field-wide judgement (no
// span) reads the whole field.
func selfInsult(t *Text, sp Span) bool {
	s := t.Folded.String()
	sentence := s
	if sp.Start < sp.End && sp.End <= len(t.Original) {
		lo, hi := sentenceAround(t.Original, sp.Start, sp.End)
		sentence = foldedBefore(t, lo, hi)
	}
	for _, w := range firstPersonPlural {
		sentence = strings.ReplaceAll(sentence, w, " ")
	}
	first := firstWordIndex(sentence, firstPersonSingular)
	// The author comes first: "i'm stuck here like an idiot", not "acting
	// like an idiot, I can't watch this". The sentence is read before the
	// whole field is searched for anyone else, which costs more.
	if first < 0 || !selfInsultFrames.in(sentence[first:]) {
		return false
	}
	return !strings.ContainsAny(s, "@＠") && !containsPersonAny(s, secondPersonMarkers) && !containsPersonAny(s, thirdPersonMarkers)
}

// firstWordIndex returns the byte index of the first of ws in s (whole
// words when Latin or Hangul), or -1.
func firstWordIndex(s string, ws []string) int {
	best := -1
	for _, w := range ws {
		if j := wordIndex(s, w); j >= 0 && (best < 0 || j < best) {
			best = j
		}
	}
	return best
}

// newsFrame reports whether the field is framed as a report: two of the
// frame's markers and no one addressed.
func newsFrame(t *Text) bool {
	s := t.Folded.String()
	n := 0
	for _, m := range newsFrameMarkers {
		if containsWordAny(s, []string{m}) {
			n++
		}
	}
	return n >= 2 && !containsPersonAny(s, secondPersonMarkers)
}

// containsPersonAny reports whether s contains one of ws: as a substring
// for Han and kana, which do not space their words; as whole words for
// Latin and Hangul (너 is in 너무, "very").
func containsPersonAny(s string, ws []string) bool {
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			if strings.Contains(s, w) {
				return true
			}
		} else if unicode.Is(unicode.Hangul, r) {
			// A Korean word carries its particles: 작년 is in 작년에.
			if hangulWordStart(s, w) {
				return true
			}
		} else if containsWordAny(s, []string{w}) {
			return true
		}
	}
	return false
}

// horrorGenresZh name horror as a genre (恐怖片, 鬼片): the abuse model
// read 台灣恐怖片 as Taiwan plus terror (round 36, N13; round 16, N6: both
// reviews of the film 《咒》). In the skeleton, Simplified.
var horrorGenresZh = []string{"恐怖片", "恐怖电影", "恐怖游戏", "恐怖小说", "恐怖漫画", "恐怖剧", "鬼片", "惊悚片"}

// horrorGenreZh reports whether a Chinese field names horror as a genre
// without scorning anyone: a film review, not terror pinned on a place.
func horrorGenreZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Skeleton.String()
	return containsAny(s, horrorGenresZh) && !containsAny(s, scornZh) && !containsAny(s, []string{"恐怖分子", "恐怖主义", "恐怖袭击"})
}

// comedyIdiomZh reports whether a Chinese field laughs without scorning.
func comedyIdiomZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Skeleton.String()
	return containsAny(s, comedyIdiomsZh) && !containsAny(s, scornZh)
}

// scamClassCallsZh call a whole class of people scammers, in the
// skeleton: 都是骗子 (they are all scammers), 全是诈骗. Chinese only: the
// classifier read no other language's scam words as an insult.
var scamClassCallsZh = []string{
	"都是骗子", "全是骗子", "全都是骗子", "一律是骗子", "都是诈骗", "全是诈骗", "一律是诈骗", "都是骗局", "全是骗局", "都是骗人的",
}

// scamClassAddressedZh, right before a class call, make it an insult to the
// reader: 你们都是骗子.
var scamClassAddressedZh = []string{"你们", "妳们", "你", "您"}

// Scammers no one can name: the author was taken in by one (被骗子骗过), met
// or warns of them (遇到骗子, 小心骗子), or tells their ring and tricks
// (骗子集团, 骗子的套路), or what they usually do (骗子一开始…, 骗子往往…).
// 骗子 right after one of scammerUnnamedBefore or
// right before one of scammerUnnamedAfter, in the skeleton.
var (
	scammerUnnamedBefore = []string{"被", "遇到", "碰到", "遇上", "遇见", "小心", "谨防", "当心", "防", "警惕", "这些", "那些", "各种"}
	scammerUnnamedAfter  = []string{"集团", "团伙", "的套路", "的手法", "的手段", "的话术", "的新招", "太多", "越来越多", "换新招", "又换",
		// Round 40 (N33): what scammers do, told to protect readers (骗子一开始真的会给你返钱, 骗子都是有剧本的专业团伙).
		"一开始", "都是有剧本", "都有剧本", "的剧本", "通常", "往往", "一般都"}
)

// scammersAsClass reports whether a Chinese field speaks of scammers no one
// can name: every 骗子 in it is an unnamed one or a class, a class call
// (都是骗子) stands in a warning that tells readers not to follow the
// scam (a bare "都是骗子" under a post accuses its author), and the field
// addresses or names no one (你们都是骗子, 他就是骗子) and no group hate is
// about (河南人都是骗子 is hate, warning or not).
func scammersAsClass(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Skeleton.String()
	class, unnamed := false, false
	for _, c := range scamClassCallsZh {
		for i := 0; ; {
			j := strings.Index(s[i:], c)
			if j < 0 {
				break
			}
			j += i
			for _, a := range scamClassAddressedZh {
				if strings.HasSuffix(s[:j], a) {
					return false
				}
			}
			class = true
			i = j + len(c)
		}
	}
	const scammer = "骗子"
	for i := 0; ; {
		j := strings.Index(s[i:], scammer)
		if j < 0 {
			break
		}
		j += i
		end := j + len(scammer)
		generic := false
		for _, c := range scamClassCallsZh {
			if k := strings.LastIndex(s[:end], c); k >= 0 && k+len(c) == end {
				generic = true
			}
		}
		for _, b := range scammerUnnamedBefore {
			generic = generic || strings.HasSuffix(s[:j], b)
		}
		for _, a := range scammerUnnamedAfter {
			generic = generic || strings.HasPrefix(s[end:], a)
		}
		if !generic {
			return false
		}
		unnamed = true
		i = end
	}
	if !class && !unnamed || namesHateTargetZh(t) {
		return false
	}
	f := t.Folded.String()
	if containsPersonAny(f, thirdPersonMarkers) || strings.Contains(t.Original, "@") {
		return false
	}
	// A warning that tells readers what not to do, not only "都是骗子" under
	// someone's post, which accuses its author.
	return !class || dontFollow.in(f) && scamWarning(t)
}

// wasteCompoundsZh are the words of rubbish as a thing (垃圾分类, 倒垃圾,
// 厨余垃圾, 垃圾短信), in the skeleton.
var wasteCompoundsZh = []string{
	"垃圾分类", "垃圾桶", "垃圾袋", "垃圾车", "垃圾站", "垃圾场", "垃圾箱", "垃圾堆", "垃圾处理", "垃圾回收", "垃圾清运", "垃圾食品",
	"垃圾短信", "垃圾邮件", "垃圾电话", "湿垃圾", "干垃圾", "厨余垃圾", "可回收垃圾", "有害垃圾", "其他垃圾", "生活垃圾", "建筑垃圾",
	"倒垃圾", "扔垃圾", "丢垃圾", "捡垃圾", "收垃圾", "清垃圾", "乱扔垃圾", "乱丢垃圾", "垃圾不落地",
}

// literalWasteZh reports whether every 垃圾 in a Chinese field is rubbish as
// a thing: the classifier learnt 垃圾 ("trash") as an insult and blocked
// a guide to sorting household waste at 0.98. 你就是个垃圾 keeps its finding.
func literalWasteZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Skeleton.String()
	const waste = "垃圾"
	n := 0
	for i := 0; ; {
		j := strings.Index(s[i:], waste)
		if j < 0 {
			break
		}
		j += i
		literal := false
		for _, c := range wasteCompoundsZh {
			k := strings.Index(c, waste)
			if j-k >= 0 && strings.HasPrefix(s[j-k:], c) {
				literal = true
				break
			}
		}
		if !literal {
			return false
		}
		n++
		i = j + len(waste)
	}
	return n > 0
}

// hangulWordStart reports whether w occurs in s at the start of a word
// (not after another Hangul syllable), whatever follows it.
func hangulWordStart(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if prev, _ := utf8.DecodeLastRuneInString(s[:j]); j == 0 || !unicode.Is(unicode.Hangul, prev) {
			return true
		}
		i = j + 1
	}
}

// personMarkersZh name or address a person in the skeleton: pronouns,
// people by role, kin and sex, and the words that make a group of people.
var personMarkersZh = []string{
	"你", "您", "妳", "他", "她", "人", "们", "@", "主播", "博主", "楼主", "up主", "老板", "同事", "老师", "医生", "司机", "店家",
	"商家", "客服", "哥", "姐", "妹", "弟", "爸", "妈", "儿", "女", "男", "老公", "老婆", "朋友", "闺蜜", "室友", "邻居", "领导",
	"家伙", "东西", "货", "鬼", "佬", "仔", "崽", "徒", "犯", "贼", "婊", "妖", "族", "民", "党", "粉", "仁",
	// A place or a body stands for its people (恶心的东北, 上海恶心, 浙江卫视恶心):
	// COLD labels such scorn offensive.
	"裔", "国", "省", "市", "县", "州", "村", "城", "岛", "湾", "京", "沪", "港", "澳", "台湾", "台北", "台南", "台中", "疆", "藏", "东北", "西北", "南方",
	"北方", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东",
	"广西", "海南", "四川", "重庆", "贵州", "云南", "陕西", "甘肃", "青海", "宁夏", "蒙古", "天津", "上海", "卫视", "政府", "当局",
	"大学", "学校", "公司", "官方", "平台",
}

// personIdiomsZh hold a person marker without naming anyone: 让人恶心 is
// "sickening".
var personIdiomsZh = []string{"让人", "令人", "叫人", "人生", "人家", "东西南北", "买东西", "的东西", "好东西", "个东西", "点东西",
	// "…to death" of a feeling: 恶心死人, 烦死人, 气死人 (round 16).
	"死人"}

// noOneNamedZh reports whether a Chinese field names no person at all (see
// the file comment).
func noOneNamedZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Skeleton.String()
	s = reThingWordsLatin.ReplaceAllString(s, " ")
	if hasLatinLetter(s) {
		return false
	}
	for _, idiom := range personIdiomsZh {
		s = strings.ReplaceAll(s, idiom, " ")
	}
	return !containsAny(s, personMarkersZh)
}

// reThingWordsLatin matches things Chinese posts name in Latin letters, as
// whole words of the skeleton (lower case, repeats folded: APP is "ap", l
// read as i), set aside before noOneNamedZh looks for a group or a person
// written in pinyin or initials.
var reThingWordsLatin = regexp.MustCompile(`\b(?:ap|app|wifi|bug|vpn|ios|iphone|ipad|pdf|pt|ppt|wps|5g|4g)\b`)

// hasLatinLetter reports whether s holds an ASCII letter: in a Chinese
// field, a group or a person may be named in pinyin or initials
// (tongxinglian, nq, txl).
func hasLatinLetter(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) })
}

// deedGroupZh reports whether a Chinese field scorns people named only by
// a deed (see the file comment).
func deedGroupZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Skeleton.String()
	if !strings.Contains(s, "的人") && !strings.Contains(s, "犯") {
		return false
	}
	return !hasLatinLetter(s) && !containsAny(s, whoNotDeedZh)
}

// whoNotDeedZh address someone, name a person, or name people for who they
// are, in the skeleton.
var whoNotDeedZh = []string{
	"你", "您", "妳", "@", "他", "她", "主播", "博主", "楼主", "老板", "同事", "老师", "女", "男", "娘", "妈", "哥", "姐",
	"黑人", "白人", "同性恋", "基佬", "跨性别", "穆斯林", "犹太", "残疾", "残废", "族", "民", "裔", "国", "省", "市", "宗教", "教徒",
	"基督", "伊斯兰", "佛教",
	"东北", "河南", "上海", "北京", "广东", "新疆", "台湾", "香港", "农村", "乡下", "外地", "南方", "北方",
}

// roleGroupsZh are groups by role, trade or online behaviour: scorning
// them is opinion or venting, not hate, and harasses no one in particular.
// Not the deeds a stereotype pins on a group (骗子, 毒贩: 南河人全是骗子
// misspells its group).
var roleGroupsZh = []string{
	"房东", "资本家", "键盘侠", "黄牛", "中介", "开发商", "物业", "奸商", "无良商家", "贪官", "杠精", "喷子", "水军", "营销号",
	"公知", "砖家", "私生饭", "狗仔", "代购", "网红", "裁判", "医闹", "渣男", "小三", "老赖", "黑心",
}

// roleGroupZh reports whether a Chinese field scorns a group named by a
// role (see the file comment): a role group, no second person, no one
// singled out (他 or 她 alone, not 他们), no group of who people are.
func roleGroupZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Skeleton.String()
	if !containsAny(s, roleGroupsZh) || hasLatinLetter(s) || containsAny(s, []string{"你", "您", "妳", "@"}) || namesHateTargetZh(t) {
		return false
	}
	for _, p := range []string{"他", "她"} {
		for i := 0; ; {
			j := strings.Index(s[i:], p)
			if j < 0 {
				break
			}
			j += i + len(p)
			if !strings.HasPrefix(s[j:], "们") {
				return false
			}
			i = j
		}
	}
	return true
}

// safetyLessonMarkersZh frame a field as teaching children to stay safe,
// in the folded text (Simplified).
var safetyLessonMarkersZh = foldTerms([]string{
	"防性侵", "性教育", "安全教育", "自我保护", "防拐", "防骗", "转发给家长", "家长们", "提醒家长", "教孩子", "告诉孩子",
	"跟孩子说", "和孩子说", "教育孩子", "儿童安全", "保护孩子", "保护自己",
})

// safetyLessonZh reports whether a Chinese field passes on a safety lesson
// for children: two of its markers and no word of scorn.
func safetyLessonZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Folded.String()
	n := 0
	for _, m := range safetyLessonMarkersZh {
		if strings.Contains(s, m) {
			n++
		}
	}
	return n >= 2 && !containsAny(s, scornZh)
}

// koLaughs and koFunny make a Korean field laughter (see the file comment).
var (
	koFunny = []string{"웃기", "웃겨", "웃김", "개웃", "웃긴"}
	koScorn = []string{"병신", "씨발", "시발", "새끼", "꺼져", "죽어", "닥쳐", "한남", "김치녀", "짱깨", "쪽바리", "틀딱", "충"}
)

// laughterKo reports whether a Korean field laughs at something: ㅋㅋ (or
// ㅎㅎ) and a word of 웃기다, with no word of scorn.
func laughterKo(t *Text) bool {
	s := t.Original
	if !strings.Contains(s, "ㅋㅋ") && !strings.Contains(s, "ㅎㅎ") {
		return false
	}
	return containsAny(s, koFunny) && !containsAny(s, koScorn)
}
