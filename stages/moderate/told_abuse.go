package moderate

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Told abuse: an author who quotes abuse someone else said to someone, in
// order to condemn it or to ask what to do about it, is not the abuser:
// 看到有人在地铁上骂外地人“乡巴佬滚出去”，真的很气; `a man on the train yelled
// "go back to your country" at a family, I'm still furious`; 女儿在学校被同学叫
// '丑八怪'，怎么跟学校沟通？; "kids at school call my son 'retard', any advice?".
// The quoted words are the abuse the hate and harassment rules were written
// for, and the classifier, which judges the whole field, reads the group
// and the insult the same way whatever the stance.
//
// A field tells abuse when it quotes, names who said it to whom (someone, a
// man, classmates, 被…叫, "called my son", angeschrien, 怒鳴られ, 소리쳤), and
// the author, outside the quotation, condemns it (很气, 太过分, "nobody deserves
// that", indignada, wütend, 腹が立つ, 화났다) or asks for help (怎么办, 怎么跟学校,
// "any advice", ¿qué hago?, que faire, どうすれば, 어떻게 해야). It does not
// when the author agrees (骂得好, "he's right", recht so, 正論, 속 시원).
//
// In such a field the lexicon's and the rules' hate, harassment and
// profanity findings whose evidence touches a quotation are capped like
// reported speech, and so are the classifier's (whose evidence is the whole
// field's, unless the author's own words say something of a whole group:
// ownGeneralizationZh): they keep their label for reviewers and decide
// nothing. Words the author says outside the quotation still count.

// toldAbuseAttributions say the quoted words are someone else's, said to a
// third person or to the author's child: a witness's subject, a passive, a
// verb of shouting or name-calling. Folded text (lower case, accents
// removed, Simplified Chinese); Latin terms are whole words.
var toldAbuseAttributions = newTermSet(foldTerms([]string{
	"有人", "被同学", "被人", "被叫", "被骂", "被说", "被喊", "听到", "听见", "同学", "大爷", "大妈", "阿姨", "邻居", "路人", "乘客", "男生",
	"女生", "一个男的", "一个女的", "那个人", "网友", "冲着", "骂外地人", "骂他", "骂她", "叫他", "叫她", "喊着", "吼",
	"someone", "somebody", "a man", "a woman", "a guy", "a lady", "a stranger", "kids at", "kids in", "boys in", "girls in",
	"classmates", "people at", "yelled at", "yelling at", "screamed at", "screaming at", "shouted at", "shouting at",
	"called her", "called him", "calls her", "calls him", "calling her", "calling him", "call her", "call him",
	"told my", "told her", "told him", "my son", "my daughter", "my kid",
	"un señor", "una señora", "un hombre", "una mujer", "un tipo", "alguien", "sus compañeros", "le dicen", "le dijo",
	"le gritó", "gritándole", "gritandole", "le llaman", "le insultó",
	"um homem", "uma mulher", "um cara", "um senhor", "uma senhora", "alguém", "os colegas", "chamam ele", "chamam ela",
	"chamou ele", "chamou ela", "gritou", "xingou", "xingam",
	"un type", "un homme", "une femme", "un mec", "quelqu'un", "ses camarades", "se fait traiter", "traite de",
	"traitent de", "a crié", "a traité", "lui a dit",
	"ein mann", "eine frau", "ein typ", "jemand", "mitschüler", "klassenkameraden", "angeschrien", "beschimpft",
	"genannt", "gerufen", "gebrüllt",
	"おじさん", "おばさん", "男性", "女性", "誰か", "同級生", "クラスの", "言われ", "呼ばれ", "怒鳴", "叫んで", "罵",
	"어떤", "아저씨", "아줌마", "누가", "애들", "친구들", "불린", "불려", "소리쳤", "소리를 질", "욕했", "욕을",
	// Someone's post or comment, quoted: 「…」ってコメント、本当に悲しい; "… 꺼져" 같은 댓글.
	"ってコメント", "というコメント", "ってリプ", "というリプ", "って書き込み", "という書き込み", "という投稿",
	"같은 댓글", "라는 댓글", "이라는 댓글", "评论区有人", "有人留言", "有人评论", "comments like", "a comment saying",
	"comentarios como", "un comentario que decia", "comentarios del tipo", "comentarios tipo", "um comentario dizendo",
	"comentarios tipo", "des commentaires comme", "un commentaire disant", "kommentare wie", "ein kommentar wie",
	// Round 41: what a pupil or a streamer was sent or had written about them, told by a teacher
	// (un élève a reçu « … », 「キモい」と書き込まれた, 罵同學「…」, 「ブス」みたいなリプ).
	"a recu", "a recebido", "recibio", "recebeu", "got messages", "was sent", "書き込まれ", "みたいなリプ", "みたいなコメント",
	"骂同学", "骂同學", "被留言",
	// Round 13 (functional hate sets): the one who says it named by the saying
	// (说“…”的人, 如果你说“…”, 这句话, la frase «…», oír «…», si lees «…»).
	"的人", "你说", "竟然说", "这句话", "这种说法", "说的那些话", "转发",
	"la frase", "decir", "oir", "oigo", "leer", "lees", "dice", "decia", "puso", "escribio",
	"같은 악플", "라는 악플", "이라는 악플",
	// Round 37: written or said to the author ("Me escribieron '…' en la foto
	// con mi esposo", "someone commented '…' under my post").
	"me escribieron", "me escribio", "me dijeron", "me comentaron", "me llamaron", "me gritaron", "me pusieron",
	"someone commented", "someone wrote", "they wrote", "got a comment", "got comments", "i got called", "was called",
	"me escreveram", "me chamaram", "comentaram", "me disseram", "on m'a ecrit", "on m'a traite", "on m'a dit", "m'a ecrit",
	"schrieb mir", "hat mir geschrieben", "haben mir geschrieben", "wurde ich", "と言われた", "って言われた", "と書かれた",
	"って書かれた", "라고 했", "소리를 들었", "댓글이 달렸", "有人给我留言", "有人私信我", "被人说", "被人骂", "被问", "总被问",
	// Round 39: a comment or message that reached the author, quoted ("Me
	// llegó este comentario: '…'", "I got this comment", 收到这样的评论).
	"me llego este comentario", "me llego un comentario", "me llego este mensaje", "me llego un mensaje", "recibi este comentario",
	"recibi este mensaje", "me dejaron este comentario", "i got this comment", "got this comment", "i got this message",
	"got this message", "someone left this comment", "recebi esse comentario", "recebi este comentario", "recebi essa mensagem",
	"chegou esse comentario", "j'ai recu ce commentaire", "j'ai recu ce message", "on m'a laisse ce commentaire",
	"diesen kommentar bekommen", "diese nachricht bekommen", "bekam diesen kommentar", "ってコメントが来た", "というコメントが来た",
	"ってdmが来た", "というdmが来た", "라는 댓글을 받았", "이런 댓글을 받았", "라는 메시지를 받았", "收到这样的评论", "收到一条评论",
	"收到这样的私信", "收到一条私信", "と叫ぶ", "叫ぶ人",
	// Round 53 (N143): a customer heard saying it to a worker ('…'라고 하는 손님을 봤어요); the same in Japanese
	// (F159: 外国人スタッフに『国に帰れ』と言った客がいた).
	"손님", "라고 하는", "라고 하던", "と言った客", "って言った客", "と言う客", "客がいた",
	// Round 54 (N155): what pupils throw at one another, as their teacher tells it, and what a group's
	// moderator names to forbid ("kids throw around 'kys'", 「死ね」がLINEで毎日飛び交う, "telling them to '…' gets you removed").
	"throw around", "throwing around", "telling them to", "telling someone to", "telling people to", "calling someone",
	"飛び交", "生徒たちが", "子どもたちが", "子供たちが", "아이들이", "学生们", "孩子们", "los alumnos", "os alunos", "les élèves", "die schüler",
}))

// toldAbuseStances are the author condemning the words or asking for help
// with them.
var toldAbuseStances = append(append([]string(nil), toldAbuseCondemnations...), helpSeeking...)

// toldAbuseCondemnations are the author condemning the words. Words that
// name the topic (歧视, 偏见, 差別, 차별) or any rant (无语, 凭什么) are not
// among them alone (这种偏见, 真的无语 are): debates about discrimination quote and insult as often as
// they condemn (44 offensive COLD comments were allowed with them).
var toldAbuseCondemnations = foldTerms([]string{
	"很气", "好气", "生气", "气死", "气愤", "愤怒", "太过分", "过分", "谁比谁", "不该", "不应该", "寒心", "这种偏见", "偏见太深", "真的无语",
	"心疼", "难过", "可悲", "不能接受", "接受不了",
	"furious", "angry", "upset", "so wrong", "nobody deserves", "no one deserves", "can't believe", "cannot believe",
	"unacceptable", "shameful", "heartbroken", "sickening", "racism", "racist", "xenophob", "bigot", "not okay", "not ok",
	"rabia", "indignad", "nadie merece", "inaceptable", "verguenza", "racismo", "racista", "xenofob", "me dolio", "triste",
	"revoltad", "raiva", "ninguem merece", "inaceitavel", "vergonha", "preconceito",
	"hors de moi", "colere", "revoltant", "personne ne merite", "inacceptable", "honte", "raciste", "xenophob",
	"wutend", "niemand verdient", "unfassbar", "inakzeptabel", "scham", "rassis", "fremdenfeindlich", "traurig",
	"腹が立", "腹立", "ひどい", "許せない", "悲しい", "筋合い", "最低", "悔しい",
	"화났", "화가 나", "어이없", "너무하", "이유 없", "속상", "슬퍼",
	"恶劣", "上前制止", "不能沉默", "扎心", "心寒", "씁쓸", "슬프다",
	// Round 38 (N20): racism and bullying named in a witness's longer account.
	"racisme", "ヘイトスピーチ", "人種差別", "혐오", "차별", "충격", "injuria racial", "crime de injuria", "rassismus",
	"rassistisch", "harcelement", "acoso escolar", "霸凌", "bullying", "cyberharcelement", "antidiskriminierung", "no place here", "no place in", "has no place", "no tienen cabida",
	"no tiene cabida", "nao tem lugar", "n'ont rien a faire", "n'a rien a faire", "hat hier nichts verloren",
	// A bystander regretting their silence or resolving to speak up next time
	// (不该沉默 above): 下次一定站出来, "don't be a bystander", 次は声をかけたい.
	"站出来", "挺身而出", "后悔没开口", "后悔没说话", "没敢出声", "bystander", "should have said something",
	"should've said something", "next time i'll say something", "next time i will say something", "speak up next time",
	"la proxima vez hablo", "la proxima vez dire algo", "debi decir algo", "da proxima vez eu falo", "devia ter falado",
	"la prochaine fois je parlerai", "j'aurais du dire quelque chose", "nachstes mal mache ich den mund auf",
	"hatte was sagen sollen", "次は声を", "何も言えなかった", "다음엔 저라도", "다음엔 나라도", "아무도 말 못",
	// A stereotype quoted to be rejected: 这种刻板印象, "basta de tópicos".
	"这种刻板印象", "别再刻板印象", "stop the stereotypes", "basta de topicos", "chega de estereotipo",
	"stop aux cliches", "schluss mit klischees", "偏見やめて", "편견 좀 그만", "편견 그만",
	// Round 13: the quoted claim called ignorant, false, dangerous or bigoted.
	"无知", "种族主义者", "绝不容忍", "危险", "错误", "恶毒", "气得发抖", "画等号",
	"ignorancia", "falsa", "falso", "peligros", "repugnante", "indigna", "verguenza ajena", "lo reporte", "reportado",
	"el problema lo tienes tu", "estereotipo", "반성해야", "신고함", "신고했",
	// Round 37: the author reporting the speaker or answering back on the
	// spot (店長さんにも報告した, 我当场说了一句, "I reported him", "le planté
	// cara"), or calling the stereotype no joke (地域黑一点都不好笑, 拒绝地图炮).
	"报告了", "举报了", "已举报", "已经举报", "检举了", "已检举", "已经检举", "不是幽默", "笑不出来", "基本的尊重", "当场说了", "当场怼", "怼了回去", "拒绝地图炮", "别地图炮", "不好笑",
	"報告した", "通報した", "通報しよう", "差別の言葉", "注意した", "言い返した", "黙ってるのは", "見過ごせ", "差別発言", "面白くない",
	"i reported", "reported him", "reported her", "reported them", "reported it", "called him out", "called her out",
	"called them out", "told him off", "told her off", "spoke up", "not funny",
	"lo denuncie", "la denuncie", "los denuncie", "le plante cara", "le conteste", "no tiene gracia",
	"denunciei", "reportei", "nao tem graca", "j'ai signale", "je l'ai signale", "je les ai signales", "pas drole",
	"gemeldet", "angezeigt", "widersprochen", "nicht witzig", "한마디 했", "한마디 해줬", "안 웃기",
	// Round 41: a school's or a moderator's response, told by the teacher or the author (screenshots kept,
	// the school's counsellors, the reporting line): スクショ…対応できました, 截圖、檢舉, "Screenshots gesichert".
	"スクショ", "報告しました", "通報しました", "運営に報告", "截图", "检举", "学务处", "screenshots gesichert", "schulsozialarbeit",
	"captures d'ecran", "3018", "school counselor", "orientadora", "orientador escolar",
	// Round 53 (N143): a witness who stepped in and asks others not to walk past (제가 끼어들어서 통역 도와드렸어요.
	// 이런 거 보면 그냥 지나치지 말아요).
	"끼어들", "지나치지 말", "못 본 척 하지",
	// Round 53 (F159, F161): "such discrimination is never allowed", "I'm ashamed" (…라는 댓글 봤는데 진짜 부끄럽다).
	"許されない", "差別は", "부끄럽", "창피하",
	// Round 54 (N155): the words said to hurt, or to get one removed from the group (上の teacher and moderator).
	"hurts", "hurtful", "gets you removed", "get you removed", "gets you banned", "get you banned", "will be removed",
	"will be banned", "not allowed", "いじめ", "傷つ", "상처받", "상처를 받", "상처가 돼", "伤人", "会被封", "封号",
	"lastima", "hace daño", "machuca", "fait mal", "blesse", "verletzt",
})

// toldAbuseEndorsements are the author agreeing with the quoted words.
var toldAbuseEndorsements = foldTerms([]string{
	"说得对", "说的对", "说得好", "说得太对", "太对了", "骂得好", "没毛病", "干得漂亮", "活该", "支持他", "支持她", "确实如此", "早该",
	"he's right", "she's right", "hes right", "shes right", "so true", "about time", "good for him", "good for her",
	"well said", "based",
	"tiene razon", "bien dicho", "tem razao", "falou tudo", "bem feito", "il a raison", "elle a raison", "bien dit",
	"hat recht", "recht so", "gut so",
	"その通り", "よく言った", "正論",
	"맞는 말", "사이다", "속 시원",
})

// toldAbuse reports whether the field quotes abuse someone else said, to
// condemn it or ask for help.
func toldAbuse(t *Text) bool {
	s := t.Folded.String()
	if !strings.ContainsAny(t.Original, quoteMarks) || !toldAbuseAttributions.anyTerm(s) ||
		len(quotations(t.Original)) == 0 {
		return false
	}
	rest := unquoted(s) // the author's own words
	return containsTermAny(rest, toldAbuseStances) && !containsTermAny(rest, toldAbuseEndorsements)
}

// generalizersZh, right after a group's name, make a sentence about the
// whole group: 外地人都是…, 河南人就…, 外地人滚….
var generalizersZh = []string{"都", "就", "全", "滚", "素质", "没一个", "不配", "真是", "太"}

// ownGeneralizationZh reports whether the author's own words (outside the
// quotations) say something of a whole group (hateTargetsZh), as hate does:
// "外地人都是乡巴佬，滚出去！有人说“大家平等”，真的很气" tells no abuse; the
// classifier's hate there is the author's.
func ownGeneralizationZh(t *Text) bool {
	return t.HasHan && generalizesZh(unquoted(t.Folded.String()))
}

// generalizesZh reports whether folded text s names a group of
// hateTargetsZh followed by generalizersZh.
func generalizesZh(s string) bool {
	for _, g := range hateTargetsZh {
		for i := 0; ; {
			j := strings.Index(s[i:], g)
			if j < 0 {
				break
			}
			after := strings.TrimLeft(s[i+j+len(g):], " ")
			for _, w := range generalizersZh {
				if strings.HasPrefix(after, w) {
					return true
				}
			}
			i += j + len(g)
		}
	}
	return false
}

// quotations returns the byte ranges of the original text inside quotation
// marks, marks included: from an opening mark to the next mark in the same
// sentence. An apostrophe between Latin letters (don't, l'école) is no
// mark; between Han characters it is one (叫'黑妹').
func quotations(s string) []Span {
	var out []Span
	open := -1
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isQuoteAt(s, i, r, n):
			if open < 0 {
				open = i
			} else {
				out = append(out, Span{open, i + n})
				open = -1
			}
		case strings.ContainsRune("。！？\n", r):
			open = -1
		}
		i += n
	}
	return out
}

// A parent asking for help with the names their child is called need not
// quote them: "女儿被班上男生叫丑八怪，怎么办", "Ma fille se fait traiter de
// grosse à l'école. Que faire ?", "kids keep calling my son a retard, how do
// I handle this". A field that names the author's child, says the child is
// called names (a passive, or others calling them: 被…叫, se fait traiter de,
// é chamado de, le llaman, genannt, 呼ばれ, 불린) and asks for help, with no
// agreement, tells abuse too; the lexicon's and rules' findings in a
// sentence that says so, and the classifier's, are capped the same way.
var (
	ownChild = newTermSet(foldTerms([]string{
		"女儿", "儿子", "孩子", "闺女", "娃", "my son", "my daughter", "my kid", "my child", "mi hijo", "mi hija",
		"meu filho", "minha filha", "ma fille", "mon fils", "mon enfant", "mein sohn", "meine tochter", "meinen sohn",
		"mein kind", "娘", "息子", "子ども", "딸", "아들", "우리 애",
	}))
	// otherChild is the reader's child: "你女儿被叫丑八怪活该" mocks a parent.
	otherChild = newTermSet(foldTerms([]string{
		"你女儿", "你儿子", "你孩子", "你闺女", "你家孩子", "你家娃", "your son", "your daughter", "your kid", "your child",
		"tu hijo", "tu hija", "teu filho", "tua filha", "seu filho", "sua filha", "ta fille", "ton fils", "dein sohn",
		"deine tochter", "dein kind", "お前の娘", "お前の息子", "あなたの娘", "네 딸", "네 아들", "너네 애",
	}))
	childCalledNames = newTermSet(foldTerms([]string{
		"被同学骂", "被同学叫", "被人骂", "被人叫", "被骂", "被叫", "被起外号",
		"calling my", "called my", "call my", "calls my", "calling her", "calling him", "call her", "call him",
		"called her", "called him", "calls her", "calls him",
		"se fait traiter", "traitent de", "traite de", "traité de", "traitée de",
		"é chamado de", "é chamada de", "chamam ele de", "chamam ela de", "xingam", "xingado", "xingada",
		"le llaman", "le dicen", "le insultan", "lo llaman", "la llaman",
		"genannt", "nennen ihn", "nennen sie", "beschimpft",
		"呼ばれ", "言われ", "불린", "불려", "놀림", "놀려",
	}))
	helpSeeking = foldTerms([]string{
		"怎么办", "怎么处理", "怎么跟", "怎么沟通", "如何", "该怎么", "要不要", "有什么办法", "求助", "求建议",
		"how do i", "how should i", "what should i", "what do i do", "any advice", "any tips", "advice from",
		"how to handle", "how to deal", "how do you", "what do you say",
		"como hablo", "que hago", "algun consejo", "consejos", "como lo manejo", "como falo", "como lidar", "o que faco",
		"alguma dica", "conselho", "comment en parler", "comment reagir", "que faire", "des conseils", "comment faire",
		"wie spreche", "wie gehe ich", "was soll ich", "was tun", "tipps", "einen rat", "どう相談", "どうすれば", "どうしたら",
		"アドバイス", "어떻게 해야", "어떻게 말해", "조언", "어떡하", "어떻게 하세요", "어떻게 하셨", "어떻게 얘기",
	})
	// reOwnChildAge is the author's child named by age: "my 8 year old",
	// "my 10-year-old", "my 7yo".
	reOwnChildAge = regexp.MustCompile(`\bmy (?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[ -]?(?:years?|yr)[ -]?old\b|\bmy \d{1,2} ?(?:yo|y/o)\b`)
)

// childCalledNamesHelp reports whether the field is a parent asking for
// help with names their child is called.
func childCalledNamesHelp(t *Text) bool {
	s := t.Folded.String()
	return (ownChild.anyTerm(s) || reOwnChildAge.MatchString(s)) && !otherChild.anyTerm(s) && calledNames(s) &&
		containsTermAny(s, helpSeeking) && !containsTermAny(s, toldAbuseEndorsements)
}

// rePassiveCalledZh is a Chinese passive of name-calling with the callers
// between: 被班上男生叫, 被几个同学骂.
var rePassiveCalledZh = regexp.MustCompile(`被[^，。！？,!?]{0,8}?(?:叫|骂|喊|笑话|起外号)`)

// calledNames reports whether folded text s says someone is called names
// (childCalledNames, or a Chinese passive).
func calledNames(s string) bool {
	return childCalledNames.anyTerm(s) || rePassiveCalledZh.MatchString(s)
}

// The author may tell names they were called themselves, unquoted: "上学的
// 时候我天天被叫黑鬼，现在想起来还是很难受", "en el instituto me llamaban
// maricona, todavía duele", "on me traitait de sale pédé, ça fait encore mal",
// "デブって呼ばれてた". A lexicon or rule finding that is the name given right
// after the words of being called (within authorCalledReach bytes of the
// folded text), or right before them where the name comes first (Japanese,
// Korean, German "… genannt"), in a field that tells the hurt, condemns it or
// asks for help with no agreement, is capped like reported speech. "Me llaman
// racista por decir que los inmigrantes son ratas" keeps its finding (the
// name is far from the calling), and so does a slur before "called me".
var (
	authorCalledBefore = newTermSet(foldTerms([]string{
		"called me", "call me", "calls me", "calling me",
		"me llamaban", "me llaman", "me llamaron", "me decian", "me dicen", "me insultaban", "me gritaban",
		"me chamavam", "me chamam", "me chamaram", "me xingavam", "me xingam", "me xingaram",
		"me traitait", "me traitaient", "me traite", "m'a traite", "m'ont traite", "m'appelait", "m'appelaient",
		"nannten mich", "nennen mich",
	}))
	authorCalledAfter = newTermSet(foldTerms([]string{"genannt", "beschimpft", "呼ばれ", "言われ", "불렸", "불려", "놀림"}))
	calledHurt        = newTermSet(foldTerms([]string{
		"still hurts", "it hurts", "hurt me", "duele", "me dolia", "doi", "doia", "fait mal", "faisait mal", "tut weh",
		"weh tut", "noch weh", "encore mal", "難受", "伤心", "痛苦", "つらい", "辛い", "傷つ", "상처", "아프",
	}))
)

// authorCalledReach is how far, in bytes of the folded text, a finding may
// lie from the words of being called: a name, not a sentence.
const authorCalledReach = 30

// calledNamesNearby reports whether the finding at sp is the name given in
// its sentence's words of being called (authorCalledBefore and After, or a
// Chinese passive before it).
func calledNamesNearby(t *Text, sp Span) bool {
	if sp.Start < 0 || sp.End > len(t.Original) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(t.Original, sp.Start, sp.End)
	before, found := foldedBefore(t, lo, sp.Start), foldedBefore(t, sp.Start, sp.End)
	after := foldedBefore(t, sp.End, hi)
	tail := before[max(0, len(before)-authorCalledReach):]
	head := after[:min(len(after), authorCalledReach)]
	if loc := rePassiveCalledZh.FindAllStringIndex(before, -1); len(loc) > 0 && len(before)-loc[len(loc)-1][1] <= authorCalledReach {
		return true
	}
	return found != "" && (authorCalledBefore.anyTerm(tail) || authorCalledAfter.anyTerm(head))
}

// authorCalledNames reports whether the finding at sp is a name the field
// tells someone was called, with hurt, condemnation or a request for help
// and no agreement.
func authorCalledNames(t *Text, sp Span) bool {
	s := t.Folded.String()
	// Most fields hold no words of being called at all: say so before
	// reading the hurt and the sentence around the finding.
	if !authorCalledBefore.in(s) && !authorCalledAfter.in(s) && !rePassiveCalledZh.MatchString(s) {
		return false
	}
	return (calledHurt.anyTerm(s) || containsTermAny(s, toldAbuseStances)) &&
		!containsTermAny(s, toldAbuseEndorsements) && !otherChild.anyTerm(s) && calledNamesNearby(t, sp)
}

// Abuse witnessed need not be quoted either: "今天在地铁上看到有人骂外地人是乡巴佬，
// 让人家滚出去，真的很气", "A man on the bus told a woman to go back to her
// country. Nobody deserves that.", "電車でおじさんが外国人に国に帰れって怒鳴って
// た。腹が立つ". A finding is witnessed when its sentence names a third
// person before it (有人, a man, un señor, ein Typ, おじさん, 아저씨) and a verb
// of shouting or insulting (骂, 喊, yelled, told, gritó, a crié, angeschrien,
// 怒鳴, 소리쳤), and the field condemns it (not a request for help: that is
// the parent's reading above) with no agreement. In Chinese the author's own
// words, outside what the witness reports (from the verb to the end of its
// clause), must not generalise about a group.
var (
	witnessSubjects = newTermSet(foldTerms([]string{
		"有人", "一个大爷", "一个大妈", "一个阿姨", "一个男的", "一个女的", "一个老头", "一个人", "大爷", "大妈", "邻居", "路人",
		"someone", "somebody", "a man", "a woman", "a guy", "a lady", "an old man", "a stranger",
		"un señor", "una señora", "un hombre", "una mujer", "un tipo", "alguien", "um homem", "uma mulher", "um cara",
		"um senhor", "uma senhora", "alguém", "un type", "un homme", "une femme", "un mec", "quelqu'un", "un monsieur",
		"ein mann", "eine frau", "ein typ", "jemand", "おじさん", "おばさん", "男性", "女性", "誰か", "아저씨", "아줌마",
		"어떤 남자", "어떤 여자", "할아버지",
		// Round 38 (N20): witnesses in longer notes: 一个中年男人对着…骂, "uno le gritó", 한 손님이, a teacher's
		// pupils ("en un grupo de WhatsApp le llamaban…", "des messages la traitant de…").
		"中年男人", "一个中年", "一名男子", "一位乘客", "几个同学", "uno le", "un grupo", "uno de ellos", "un aficionado",
		"en un grupo de", "compañeros", "colegas", "los acosadores", "des messages", "des élèves", "ses camarades", "un passager",
		"ein fahrgast", "mitschüler", "한 손님", "손님이", "어떤 손님", "男が", "女が", "デモ",
	}))
	shoutVerbs = newTermSet(foldTerms([]string{
		"骂", "喊", "吼", "嚷", "说",
		"yelled", "yelling", "screamed", "screaming", "shouted", "shouting", "told", "called",
		"gritó", "gritando", "gritándole", "insultó", "dijo", "gritou", "gritando", "xingou", "disse",
		"a crié", "criait", "a hurlé", "a insulté", "a traité", "a dit", "angeschrien", "angebrüllt", "gebrüllt", "gerufen",
		"beschimpft", "怒鳴", "叫んで", "叫んだ", "罵", "소리쳤", "소리를 질", "욕했", "욕을 했",
		"chamou", "chamaram", "chamando", "llamó", "llamaban", "llamaba", "traitant", "traitait", "bezeichnet", "bezeichnete",
		"hizo sonidos", "sonidos de mono", "起外号",
	}))
	// quotativesAfter close the words a witness reports in Japanese and
	// Korean, after them: 朝鮮人は出ていけ、ゴキブリ、などと…叫んでいて, …꺼져라고 소리를 질렀어요.
	quotativesAfter = newTermSet(foldTerms([]string{
		"などと", "と叫", "って叫", "と怒鳴", "って怒鳴", "と言って", "라고 소리", "이라고 소리", "라고 했", "고 소리를",
	}))
)

// witnessedSentence reports whether the finding at sp is in a sentence
// that tells a third person shouting or insulting, named before it.
func witnessedSentence(t *Text, sp Span) bool {
	if sp.Start < 0 || sp.End > len(t.Original) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(t.Original, sp.Start, sp.End)
	// In a field without Han the subject may open the finding's own words
	// ("uma mulher chamou o cobrador de macaco" read whole by a rule); a
	// Chinese or Japanese subject (女性, 男性) can be a whole group spoken of.
	upTo := sp.Start
	if !t.HasHan {
		upTo = sp.End
	}
	return witnessSubjects.anyTerm(foldedBefore(t, lo, upTo)) &&
		shoutVerbs.anyTerm(foldedBefore(t, lo, hi)) ||
		quotativesAfter.anyTerm(foldedBefore(t, sp.End, hi)) && witnessSubjects.anyTerm(t.Folded.String())
}

// witnessedAbuse reports whether the field tells abuse it witnessed and
// condemns it.
func witnessedAbuse(t *Text) bool {
	s := t.Folded.String()
	return witnessSubjects.anyTerm(s) && shoutVerbs.anyTerm(s) &&
		containsTermAny(s, toldAbuseCondemnations) && !containsTermAny(s, toldAbuseEndorsements) &&
		!(t.HasHan && generalizesZh(withoutReported(s)))
}

// reReportedZh is what a Chinese witness reports: from the verb to the end
// of its clause (骂外地人是乡巴佬, 说河南人都是骗子).
var reReportedZh = regexp.MustCompile(`(?:骂|喊|吼|嚷|说)[^，。！？；,.!?;]*`)

// withoutReported returns folded text s without the words a Chinese
// witness reports.
func withoutReported(s string) string { return reReportedZh.ReplaceAllString(s, " ") }

// capToldAbuse: abuse told to condemn it or to ask for help (above).
func capToldAbuse(t *Text, source string, x *Finding, _ *[]Span) {
	if !reportable(x.Category) || x.Score <= reportedScoreCap {
		return
	}
	switch {
	case fromClassifier(source):
		if classifierToldCategory(x.Category) && (!ownGeneralizationZh(t) && (toldAbuse(t) || childCalledNamesHelp(t)) ||
			witnessedAbuse(t)) {
			x.Score = reportedScoreCap
		}
	case source == "lexicon" || source == "rules":
		if x.Span.End <= x.Span.Start || x.Span.End > len(t.Original) {
			return
		}
		if toldAbuse(t) && overlapsSpan(x.Span, quotations(t.Original)) ||
			childCalledNamesHelp(t) && calledNames(findingSentence(t, x.Span)) ||
			authorCalledNames(t, x.Span) ||
			witnessedAbuse(t) && witnessedSentence(t, x.Span) {
			x.Score = reportedScoreCap
		}
	}
}
