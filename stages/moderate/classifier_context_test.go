package moderate

import (
	"testing"
)

// Calling oneself names, a news report, a comedy idiom, scorn for a thing
// and people named only by a deed are not abuse of anyone: the
// classifier's harassment (or hate) reading of them decides nothing.
// Insults aimed at someone else keep counting.
func TestClassifierContextsThatAbuseNoOne(t *testing.T) {
	s := newTableStage(t)
	// Innocent in intl (cn may review swearing on its own).
	miss := []string{
		"ugh, missed my train and now i'm waiting in the rain like an idiot, stupid monday",
		"I'm such an idiot, left my wallet on the bus again",
		"我真是个傻逼，又把钥匙锁在车里了",
		"soy un idiota, otra vez se me quemó el arroz",
		"sou uma idiota, esqueci o bolo no forno de novo",
		"je suis vraiment un idiot, j'ai encore raté mon bus",
		"ich bin so ein Idiot, schon wieder den Schirm im Zug vergessen",
		"新闻：一男子在地铁站辱骂乘客并扬言报复，被民警当场带走调查",
		"News: police arrested a man who shouted abuse at a bus driver, according to the court",
		"新聞：一名男子涉嫌網路詐騙被起訴，受害者超過百人",
		"新闻说那个骗子终于被抓了，骗了老人二十多万",
		"笑死 同事的冷笑话让全办公室憋笑，广东人讲笑话真的太好笑了",
		// Scorn for a thing, or for people named only by what they do.
		"这个垃圾软件又闪退了。",
		"我讨厌下雨天，湿漉漉的恶心死了。",
		"这个打印机简直是垃圾中的垃圾。",
		"插队的人都没素质。",
		"高铁上外放视频的人真让人恶心。",
		"杀人犯都该坐牢。",
		"这台电脑真是垃圾。",
		"插队的人都是没教养的东西。",
		// A feeling "to death" of a thing, and groups by role (round 16).
		"这个APP更新之后烂透了，恶心死人。",
		"二房东都是吸血鬼，一个比一个黑",
		"那些键盘侠一个个都是废物，除了网上喷人啥也不会",
		// Korean laughter: 미친 and 개- as intensifiers of 웃기다.
		"ㅋㅋㅋㅋㅋ 미친 개웃기네 진짜",
		// A safety lesson for children that quotes the abuser's lines.
		"轉發給家長：兒童防性侵教育，教孩子『泳衣蓋住的地方不能讓別人碰』，任何叫你『不要告訴爸媽』的大人都要馬上跟家人說",
	}
	hit := []string{
		"you're such an idiot, delete your account",
		"this guy is a stupid idiot and everyone knows it",
		"这博主真是个傻逼，天天发垃圾",
		"eres un idiota y todos lo saben, lárgate",
		"du bist so ein Idiot, verschwinde endlich",
		"t'es vraiment un idiot, dégage",
		"新闻里那个男的就是个傻逼，你们也一样",
		"笑死，河南人就是这样，一个德行",
		// Someone addressed, named by role, a place for its people, a group in
		// pinyin, a group beside the deed.
		"你这个骗子，离我远点。",
		"那个主播就是个骗钱的小丑。",
		"恶心的东北再也不回去了",
		"tongxinglian都是变态，恶心。",
		"插队的女人都没素质。",
		// A role group with someone addressed, and a stereotype's deed pinned
		// on a misspelt group.
		"你们这些二房东都是吸血鬼",
		"南河人全是骗子，千万别信他们。",
		// Scorn in a field that names a lesson is still scorn.
		"家长们注意：那个幼儿园老师就是个人渣垃圾，教孩子都不配",
		// A genre named beside scorn of a people is still scorn.
		"看了部台湾恐怖片，台湾人都是垃圾",
	}
	wantAllowed(t, s, "an insult aimed at no one is allowed in intl", miss, "intl")
	// Horror as a film genre (round 36): the abuse model read 台灣恐怖片 as
	// Taiwan plus terror, enough for cn's harassment review.
	wantAllowed(t, s, "a horror film reviewed is allowed in cn", []string{"看完《咒》整晚不敢關燈，台灣恐怖片這幾年真的很強"}, "cn")
	wantStopped(t, s, "an insult aimed at someone still hits", hit, "intl")
}

func TestSelfInsultNeedsTheAuthorInTheInsultsPlace(t *testing.T) {
	for s, want := range map[string]bool{
		"I'm such an idiot":                          true,
		"i'm stuck here like an idiot":               true,
		"acting like an idiot, I can't watch this":   false,
		"I think you're an idiot":                    false,
		"I swear he is such an idiot":                false,
		"我真是个傻逼":                                     true,
		"我觉得他真是个傻逼":                                  false,
		"ich bin so ein Idiot":                       true,
		"@someone I'm such an idiot for trusting ya": false,
	} {
		if got := selfInsult(NewText("body", s), Span{}); got != want {
			t.Errorf("selfInsult(%q) = %v, want %v", s, got, want)
		}
	}
}

// A scam warning that calls everyone who makes the pitch a scammer, or a
// story of being taken in, names a deed; addressing the reader, naming
// someone or a group still counts.
func TestScammersAsAClassAreNoInsult(t *testing.T) {
	s := newTableStage(t)
	miss := []string{
		"防骗提醒：网上说投资保证赚钱的都是骗子，千万别转账",
		"防詐騙：網路上說投資保證獲利的都是騙子，千萬別匯款",
		"遇到冒充公检法的电话直接挂，都是骗子",
		"小时候被骗子骗过一次，从此再也不信天上掉馅饼",
		"骗子集团又换新招了，冒充快递理赔，大家小心",
		"做了十二年刑警，退休后在社区做防诈骗宣讲。骗子一开始真的会给你返钱，让你觉得稳了，然后让你投大的。凡是先让你垫钱的兼职，都是诈骗。被骗了别不好意思，马上报警。",
	}
	hit := []string{
		"你们都是骗子，大家千万别信，拉黑了",
		"他就是骗子，大家小心",
		"这个卖家遇到骗子了吗？我觉得卖家本人就是骗子",
	}
	wantAllowed(t, s, "a class of scammers in a warning is allowed in intl", miss, "intl")
	wantStopped(t, s, "scammers addressed still hit", hit, "intl")
	for body, want := range map[string]bool{
		"网上说投资保证赚钱的都是骗子，千万别转账": true,
		"你们都是骗子，千万别信":          false,
		"河南人都是骗子，千万别信":         false,
		"都是骗子":                 false, // no warning
	} {
		if got := scammersAsClass(NewText("body", body)); got != want {
			t.Errorf("scammersAsClass(%q) = %v, want %v", body, got, want)
		}
	}
}

// Rubbish as a thing is no insult: a guide to sorting waste, a chore.
func TestLiteralWasteIsNoInsult(t *testing.T) {
	s := newTableStage(t)
	miss := []string{
		"垃圾分类小技巧：湿垃圾和干垃圾怎么分",
		"小区垃圾分类新规：厨余垃圾早上7点前投放",
		"每天晚上倒垃圾是我老公的活，今天他忘了",
	}
	hit := []string{
		"你就是个垃圾，滚",
		"垃圾分类都搞不懂，你就是个垃圾",
	}
	wantAllowed(t, s, "rubbish as a thing is allowed in intl", miss, "intl")
	wantStopped(t, s, "an insult beside a waste word still hits", hit, "intl")
}

func TestNoOneNamedReadsPeopleInTheirManyWords(t *testing.T) {
	for s, want := range map[string]bool{
		"这个垃圾软件又闪退了":        true,
		"这破手机真让人恶心":         true,
		"你真恶心":              false,
		"这个博主真恶心":           false,
		"上海恶心":              false,
		"歪果仁都是垃圾":           false,
		"nq就是一群疯婆子":         false,
		"this app is trash": false,
	} {
		if got := noOneNamedZh(NewText("body", s)); got != want {
			t.Errorf("noOneNamedZh(%q) = %v, want %v", s, got, want)
		}
	}
}

// A scam warning is no person at risk (round 53): the intent model read a
// mother who "almost fell" for a Pix scam as self-harm. The warning caps
// the model's self_harm; a scam's victim who says they do not want to live
// is still at risk.
func TestAScamWarningIsNoPersonAtRisk(t *testing.T) {
	s := newTableStage(t)
	wantAllowed(t, s, "a warning of a scam that a mother almost fell for is allowed", []string{
		"GOLPE: estão mandando mensagem fingindo ser o filho, 'mudei de número, me faz um Pix urgente'. Minha avó quase caiu. Liguem pro número antigo antes de mandar qualquer coisa!",
	}, "intl", "cn")
	wantStopped(t, s, "a scam's victim who does not want to live reaches review", []string{
		"Caí num golpe do Pix, perdi todas as economias da minha mãe. Não quero mais viver, não aguento essa culpa.",
	}, "intl")
}
