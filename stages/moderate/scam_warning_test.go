package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestScamWarningsDoNotCountAsContactRequests(t *testing.T) {
	s := newTestStage(t)
	cases := []struct {
		name, body string
		cn         models.Decision
	}{
		{"a warning against adding a fake agent's WeChat", "提醒大家：最近有人冒充客服让你加微信退款，千万别信！", models.DecisionAllow},
		{"a mother warning mothers of strangers who ask children's age and their QQ", "宝妈们注意！直播间里有人问小孩几岁、让加QQ说送礼物，我家孩子差点上当。", models.DecisionAllow},
		{"a seller's 'beware of fakes' with a request is still a request", "谨防假货，加微信看实拍", models.DecisionBlock},
		{"a warning that gives a handle still counts", "防骗提醒！千万别信假客服，正品请加微信 lvbag2025", models.DecisionBlock},
		{"an English warning", "Scam alert: people impersonating support ask you to add them on WhatsApp. Never add them.", models.DecisionAllow},
		{"a child who tells how a parent was nearly fooled and reminds the family", "我爸差点被'加微信送大米'骗了，提醒家里老人别信", models.DecisionAllow},
		{"a Traditional Chinese warning about fake investment groups", "提醒：假投資的老師會叫你加LINE群組，千萬別加", models.DecisionAllow},
		{"a warning that quotes the scammer's handle and says it was reported", "收到一則私訊：「恭喜您抽中iPhone 16，請加LINE @gift888 並付運費299元領取」。真的抽獎不會叫你付錢，也不會叫你加LINE。已檢舉。", models.DecisionAllow},
		{"a Spanish warning that quotes the pitch in single quotes", "Ojo, me llegó este mensaje: 'trabajo desde casa dando likes, ganas 50 dólares al día, escríbeme al WhatsApp'. Es la estafa de las tareas. No caigan y denuncien el perfil.", models.DecisionAllow},
		{"an English warning of a pig-butchering script", "I've gotten 6 DMs today that say 'hi dear, you are so beautiful, let's chat on WhatsApp, this app is not convenient.' That's a pig butchering script. Block & report.", models.DecisionAllow},
		{"a handle outside the quotation with 'reported' still counts", "已檢舉那些假帳號，想要真的福利請加LINE @gift888", models.DecisionBlock},
		{"a Japanese warning that quotes the side-job pitch", "「在宅で月30万、LINEで連絡」という副業は詐欺です、気をつけて", models.DecisionAllow},
		{"a warning whose quotation holds a price with a decimal point", "大家注意！有人私信我'恭喜中奖，添加客服薇❤️领取，只需付6.8元运费'，这是骗子，直接拉黑举报。", models.DecisionAllow},
		{"a Japanese warning whose quoted pitch has its own exclamation mark", "注意喚起です。「日給3万！LINE追加で詳細送ります」というDMが届きました。情報商材を買わされるので即通報してください。", models.DecisionAllow},
		{"readers told not to believe a guaranteed return", "投資理財課程心得分享：不要相信穩賺不賠的說法", models.DecisionAllow},
		{"'don't believe the scammers' before one's own pitch is a pitch", "别信那些骗子，我们稳赚不赔，加我", models.DecisionBlock},
		{"a disbelief in another clause does not cover the pitch", "不要相信别人，跟着老师稳赚不赔，加微信", models.DecisionBlock},
		// Round 51 (N73): the number a phishing text came from, named as its sender.
		{"the number a phishing text came from", "The phishing text I got asked for a redelivery fee. It came from +44 7911 123456, don't reply.", models.DecisionAllow},
		{"a warning that then gives its own number still counts", "Scam alert: a fake courier texted me from +44 7911 123456, it's a scam. Message me on +44 7700 900999 for real parcels", models.DecisionReview},
		// Round 54 (N155): a smishing link quoted, and readers told to forward it to the carriers' 7726.
		{"a phishing link quoted with the spam short code to forward it to", "The text says 'USPS: your package is held, update your address here: usps-redelivery-help.co'. That is NOT USPS. Don't click. Forward it to 7726 (SPAM) and delete.", models.DecisionAllow},
		{"the same link sent as the author's own is a link", "USPS: your package is held, update your address here: usps-redelivery-help.co", models.DecisionReview},
		{"a German warning of the grandchild trick", "Achtung: Mein Opa bekam 'Hallo Opa, neue Nummer, schreib mir auf WhatsApp'. Das ist der Enkeltrick. Nie Geld überweisen!", models.DecisionAllow},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := noteWithBody(c.body)
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			if got := n.Moderation.Markets["cn"]; got != c.cn {
				t.Errorf("cn %s, want %s; labels %+v", got, c.cn, n.Moderation.Labels)
			}
		})
	}
}

func TestCarriesHandle(t *testing.T) {
	for s, want := range map[string]bool{"加微信": false, "加微信 lvbag2025": true, "加v 123": true, "add me": false, "tg: johnny": true} {
		if got := carriesHandle(s); got != want {
			t.Errorf("carriesHandle(%q) = %v, want %v", s, got, want)
		}
	}
}

// Warnings that quote a scam's own words (刷单返利, "earn $500 a day") and the
// move off-platform to warn others are allowed in every market; a scam that
// borrows a warning's words and recruits for itself still hits.
func TestScamWarningsQuotingScamWordsAreAllowed(t *testing.T) {
	s := newTestStage(t)
	miss := []string{
		"ニュースで闇バイトの強盗事件やってた。『高額報酬』『即日』『テレグラムで連絡』みたいな募集は絶対に犯罪だから、若い子は本当に気をつけて",
		"给大家提个醒：网上那些“刷单返利”“高薪兼职”全是诈骗，凡是叫你加微信先交押金的直接拉黑，我朋友被骗了三千块，已经报警。",
		"防骗提醒：说“日结兼职、手机就能做”然后让你加微信的都是骗子，一律拉黑举报。",
		"姐妹们注意，最近有人冒充快递客服说要退款，让你加微信扫码，千万别信，直接挂掉！",
		"最近好多“返利群”“刷单群”，进去先让你垫付，都是骗局，看到就拉黑，别上当。",
		"我妈差点被骗：对方说加微信能领补贴，要先转账，幸好我拦住了，已经报警了，大家警惕。",
		"提醒新来的外国朋友：陌生人让你加微信帮忙“刷单”赚佣金，都是诈骗，直接举报。",
		"提醒大家：什麼「投資老師帶你賺錢」都是詐騙，叫你加LINE的一律封鎖檢舉，別上當。",
		"反诈宣传：所有“点赞返现”“兼职刷单”都是诈骗，不要加陌生人微信，不要转账。",
		"PSA: those 'earn $500 a day liking videos' jobs are a scam. If someone asks you to add them on WhatsApp and pay first, block and report.",
		"Scam warning: fake 'support agents' will ask you to add them on telegram for a refund. Never add them, block them.",
		"¡Ojo! Los mensajes de 'gana dinero desde casa' que te piden agregar un WhatsApp son una estafa. Bloquea y denuncia.",
		"Cuidado: 'ganhe R$300 por dia' e pedir para chamar no WhatsApp é golpe. Bloqueie e denuncie.",
		"Attention arnaque : les offres 'gagnez 300€ par jour' qui vous demandent de passer sur WhatsApp. Bloquez et signalez.",
		"Achtung Betrug: 'verdiene 300€ am Tag' und dann auf WhatsApp wechseln. Blockieren und melden!",
		"注意！「スマホで日給3万円」の副業はLINEに誘導する詐欺です。すぐブロックして通報してください。",
		"주의하세요! '하루 30만원 부업'이라며 카톡으로 옮기자는 건 사기예요. 바로 차단하고 신고하세요.",
	}
	hit := []string{
		"提醒大家别被骗，那些说刷单是诈骗的都是不懂行，我们是正规刷单返利平台，日结300，加我微信详聊。",
		"防骗提醒：外面的兼职都是骗子，只有我这里是正规的，刷单日结，想做的私我。",
		"被骗过的朋友看过来！报警没用，找我帮你追回损失，加微信 huishou_88",
		"别信那些骗子，我带你做真正的返利项目，加我微信 fanli_zz 详聊",
		"谨防诈骗！本平台正规刷单，日结佣金，有意者加微信 shua_dan77",
		"千万别上当那些假平台，我们团队刷单返利稳赚，想赚的滴滴我",
		"Scam alert! Other 'earn $500 a day' groups are fake. Ours is real: add me on telegram @real_earn to start today.",
		"Scam victims: don't fall for fake recovery agents. I got my money back, add me on telegram @fund_back",
	}
	wantAllowed(t, s, "a warning quoting a scam's words is allowed", miss, "cn", "intl")
	wantStopped(t, s, "a scam borrowing a warning's words still hits", hit, "cn")
}

// A warning need not say "block" or "don't add": saying outright that it is
// a scam (都是诈骗, 差点被骗, "it's a scam", "c'est une arnaque", 詐欺です) or
// pointing to the anti-fraud line (165, 96110) warns, in every language. The
// scam's pitch is quoted or told as the scammer's; a pitch in the author's
// own voice after such words, or a denial ("这不是诈骗"), still hits.
func TestScamDeclarationsWarn(t *testing.T) {
	s := newTestStage(t)
	miss := []string{
		"那些说‘躺赚’‘日结高薪’还让你加微信交会员费的，全是骗局，我表姐就差点被骗",
		"最近群里「加LINE送紅包」的訊息，全部都是詐騙，有疑問請打165反詐騙專線",
		"接到说“加微信领补贴”的电话，别犹豫，那就是诈骗，可以打96110问",
		`Got a DM saying "make $400 a day, just add me on WhatsApp"? It's a scam. My neighbour lost his savings that way.`,
		`Los mensajes de "gana 300 euros al día, agrégame al WhatsApp" es una estafa, a mi primo casi le quitan todo.`,
		`Os anúncios "ganhe 500 reais por dia, me chama no WhatsApp" é golpe, meu vizinho quase caiu.`,
		"Les messages « gagnez 400 € par jour, ajoutez-moi sur WhatsApp » : c'est une arnaque, mon oncle a failli y croire.",
		"Die Nachrichten „400 € am Tag, schreib mir auf WhatsApp“ – das ist Betrug, mein Onkel wäre fast reingefallen.",
		"「スマホだけで月50万、LINE追加してね」というDMは詐欺です。父が危うく騙されるところでした。",
		`"하루 50만원 부업, 카톡 추가하세요" 같은 메시지는 사기입니다. 삼촌도 당할 뻔했어요.`,
		"提醒大家：所有“刷单返利”“日赚几百”都是诈骗！",
		"留言区说投资稳赚不赔的全部都是诈骗",
		"跑分、网赌拉人的全是诈骗",
		`Achtung Betrug: Nachrichten wie "Nebenjob von zuhause, 300 Euro am Tag, melde dich auf Telegram" sind Fake`,
		"Wie erkennt man Fake-Gewinnspiele? Als Barkeeper hab ich's selbst erlebt: 'Kontaktiere uns auf Telegram, um deinen Preis abzuholen' ist immer ein Warnsignal.",
	}
	hit := []string{
		"这不是诈骗，正规日结兼职，日赚五百，加微信了解",
		"都是诈骗！真正靠谱的日结兼职在这，日赚五百，加v了解",
		"别的群都是骗子，我们这里日赚三百，加微信 money8899",
		"It's not a scam! Earn $300 a day from home, add me on WhatsApp +1 555 010 7788",
		"No es una estafa, gana 200 euros al día, agrégame al WhatsApp 612 000 111",
		"Ce n'est pas une arnaque : gagnez 300 € par jour, écrivez-moi sur WhatsApp 06 00 00 11 22",
		"Das ist kein Betrug! 300 € am Tag verdienen, schreib mir auf WhatsApp 0151 0000 1122",
		"詐欺ではありません！スマホで日給3万円、LINE ID：money_jp まで",
		"别信那些都是骗子，我这里日赚500是真的，加我",
		"其他刷单都是骗局，只有我们这个正规，私我",
		"别的刷单都是骗局，我这里正规，私我",
		"Die anderen Angebote sind Fake, meins ist echt: 300 Euro am Tag, melde dich auf Telegram @geld_jetzt",
	}
	wantAllowed(t, s, "a warning that calls it a scam is allowed", miss, "cn", "intl")
	wantStopped(t, s, "a pitch that denies or borrows a warning still hits", hit, "cn")
}

func TestDeclaresScam(t *testing.T) {
	for s, want := range map[string]bool{
		"都是诈骗": true, "这不是诈骗": false, "it's a scam": true, "it's not a scam": false, "es una estafa": true,
		"no es una estafa": false, "das ist betrug": true, "das ist kein betrug": false, "それは詐欺です": true,
		"詐欺ではありません": false, "이건 사기입니다": true, "打165反诈骗专线": true, "165元一件": false,
		"das ist alles fake": true, "das ist nicht fake": false,
	} {
		if got := declaresScam(NewText("t", s).Folded.String()); got != want {
			t.Errorf("declaresScam(%q) = %v, want %v", s, got, want)
		}
	}
}

// A warning that tells readers not to make the move (不要加LINE, "don't add
// them", 追加しないで) refuses the request in the request's own clause, even
// where the sentence names no scam: the request is the warning's. A pitch
// in another clause of the same warning, or one that gives its own handle,
// still hits.
func TestRefusedContactInAWarningIsAllowed(t *testing.T) {
	s := newTestStage(t)
	miss := []string{
		"提醒一下：有骗子冒充银行客服说账户冻结了。遇到这种事直接挂断，不要加微信。",
		"新聞快報：假冒網拍客服的詐騙又出現了，請撥165查證，不要加對方LINE。",
		"反诈宣传：有人在群里发“高回报理财”链接，大家看到直接举报，千万不要加QQ！",
		"【注意】「当選しました」というDMは詐欺です。知らないアカウントからLINE追加を頼まれても追加しないでください。",
		"경찰 발표: 택배 사칭 사기가 늘고 있습니다. 모르는 번호가 부탁해도 카톡 추가하지 마세요.",
		"Local news: a fake charity scam is going around town. Someone may message you asking for a donation, do not add them on WhatsApp.",
		"Aviso de la policía: hay una estafa de falsos técnicos. Te llaman para que instales algo, no los agregues a WhatsApp.",
		"Alerta de golpe: criminosos fingem ser do banco e mandam mensagem, não adicione no WhatsApp.",
		"Polizei warnt vor Betrug mit falschen Bankberatern. Sie schreiben euch an, fügt sie nicht hinzu auf WhatsApp.",
	}
	hit := []string{
		"防骗提醒：不要加陌生人，正规兼职日结请加我微信 job_8899",
		"別加那些假老師，真正帶單穩賺請加我LINE：win_888",
		"诈骗太多了别加别人，加我v日赚三百",
		"Scam alert: don't add strangers. Real profits daily, add me on WhatsApp +1 555 010 1212",
		"Cuidado con las estafas, no agregues a desconocidos. Gana 300 al día, agrégame al WhatsApp 612 000 111",
		"詐欺に注意！他の人は追加しないで、本物の副業で月50万はLINE ID: fukugyo_jp まで",
		"사기 조심! 다른 사람은 추가하지 마세요. 진짜 수익 보장은 카톡 아이디 rich77로",
		"Golpe não! Não adicione estranhos, ganhe R$300 por dia, me chama no WhatsApp (11) 90000-1111",
	}
	wantAllowed(t, s, "a warning that refuses the request is allowed", miss, "cn", "intl")
	wantStopped(t, s, "a pitch beside a refusal still hits", hit, "cn")
}

func TestUnquotedDropsQuotationsNotApostrophes(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"double quotes are dropped", `he said "add me" then left`, "he said  then left"},
		{"single quotes after a colon are dropped", "me llegó: 'escríbeme al whatsapp'. no caigan", "me llegó: . no caigan"},
		{"an apostrophe between letters stays", "don't add them, it's a scam", "don't add them, it's a scam"},
		{"a lone quote quotes nothing", "the 90's were fun", "the 90's were fun"},
		{"corner brackets are dropped", "「加微信」是骗局", "是骗局"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := unquoted(tt.in); got != tt.want {
				t.Errorf("unquoted(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzUnquoted(f *testing.F) {
	for _, s := range []string{"a 'b' c", "'", "l'ami 'x", "「a」'b'\"c\"", "„x“ 'y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if u := unquoted(s); len(u) > len(s) {
			t.Fatalf("unquoted(%q) = %q is longer", s, u)
		}
	})
}

// Through the whole stage, with every model: the abuse model reads 骗子 as
// an insult, and an anti-fraud talk that says what scammers do is allowed
// (scammersAsClass, classifier_context.go).
func TestAnAntiFraudTalkIsAllowedWithEveryModel(t *testing.T) {
	s := newTableStage(t)
	wantAllowed(t, s, "a retired detective's anti-fraud talk", []string{
		"做了十二年刑警，退休后在社区做防诈骗宣讲。这周给一群大学生讲课，发现年轻人被骗的比老人还多，主要是刷单返利和游戏账号交易。骗子一开始真的会给你返钱，让你觉得稳了，然后让你投大的。记住一句话：凡是先让你垫钱的兼职，都是诈骗。被骗了别不好意思，马上报警，并且保存聊天记录和转账凭证。",
	}, "cn", "intl")
}
