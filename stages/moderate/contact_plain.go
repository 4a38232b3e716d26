package moderate

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/notegate/notegate/models"
)

// Plain contact: a book club, a language partner, an adoption day or a
// noodle shop taking bookings gives a WeChat id, a LINE id or a WhatsApp
// number because that is how people meet. cn policy reviews such a move
// off-platform; it blocks it, and intl reviews it, only when the note also
// carries a sign of spam. So an explicit request or handle (scoreSolicit,
// scoreHandle) in a note with no sign of spam anywhere (title, body, tags)
// is capped at plainContactCap: reviewed in cn, allowed in intl. Signs of
// spam:
//
//   - another spam finding that reaches review by itself (a rule's money
//     lure or job offer, a lexicon's 拉你进群, a campaign, velocity), or a
//     sexual or illicit one;
//   - a contact finding that exists to dodge or to phish: a dodging
//     spelling (薇信), a disguised number, a link shortener, a phishing
//     domain, or a request written in code (💚：, ➕V, ｗｅｃｈａｔ, 绿泡泡,
//     加加加微微微信信信);
//   - a request that is the whole note ("vx联系", "wx: abc12345", 加我微信
//     lily_2025): a club, a shop or a carpool says what it is about, a
//     spam comment says nothing else;
//   - a money amount (¥500, 300元, 50€), or a word of money, jobs, selling,
//     investment, adult content, phishing or pressure (spamSigns), in any
//     language the stage reads, or the romance scam's flattery of a
//     stranger ("hi dear, you are so pretty", 美女, 亲爱的).
//
// A person selling their own used things (闲置自行车，九成新，800，同城自提;
// "barely used, $250, local pickup only") names a price and a sale as any
// seller does: in such a note the amount and the words of the sale
// (saleSigns) are no sign; a trade's words (批发, 高仿, 代购, discount), a job,
// a lure, a deposit asked first (定金, 先付) still are.
//
// With any of them the request keeps its score and blocks in cn.
const plainContactCap = scoreGeneric

// spamSigns are matched on the folded text (lower case, accents removed,
// Simplified Chinese); Latin words as substrings, so "earn" holds
// "earning". Words of the benign family (读书会, 语伴, 领养, 预订, booking,
// free) are not signs.
var spamSigns = foldTerms([]string{
	// Money, income and investment.
	"赚", "挣钱", "收益", "收入", "日入", "日结", "月入", "佣金", "返利", "返现", "提现", "回报", "利润", "投资", "理财", "炒股",
	"股票", "荐股", "带单", "稳赚", "保本", "翻倍", "红包", "贷款", "借钱", "网贷", "币圈", "比特币", "虚拟币", "usdt", "外汇",
	"博彩", "彩票", "下注",
	"earn", "income", "profit", "invest", "crypto", "bitcoin", "forex", "trading", "cash", "money", "payout", "commission",
	"giveaway", "loan", "casino", "gambl", "passive",
	"ganar", "dinero", "ingreso", "inversion", "invierte", "prestamo", "ganhe", "ganhar", "dinheiro", "renda", "investimento",
	"gagne", "gagner", "argent", "revenu", "investis", "verdien", "geld", "einkommen", "investier", "krypto", "gewinn",
	"稼", "儲", "月収", "日給", "収入", "投资", "報酬", "仮想通貨", "수익", "투자", "리딩방", "보장", "대출", "코인",
	"💰", "💵", "💸", "💴", "💶", "💷", "🤑", "📈",
	// Jobs and tasks.
	"兼职", "副业", "刷单", "招聘", "招人", "宝妈", "打字员", "点赞", "任务", "在家就能", "手机就能",
	"hiring", "job", "side hustle", "work from home", "no experience", "trabajo", "empleo", "sin experiencia", "trabalho",
	"emprego", "sem experiencia", "emploi", "boulot", "sans experience", "nebenjob", "ohne erfahrung", "在宅",
	"부업", "알바", "재택",
	// Selling as a trade (the words of any sale are saleSigns).
	"代购", "微商", "货源", "批发", "高仿", "正品", "清仓", "大牌",
	"全网", "最低价", "1:1", "专柜", "跳楼价", "内部", "保证", "非诚勿扰", "汇款", "转账",
	"定金", "先付", "假货", "同款",
	"充值", "代充", "代练", "秒到", "诚信", "💊", "receta", "drops", "wholesale", "replica",
	// Adult content.
	"约炮", "裸聊", "福利", "私房", "援交", "包养", "陪聊", "寂寞", "nude", "horny", "sexy", "lonely", "hookup", "18+",
	"onlyfans", "desnud", "caliente", "nackt", "🔞", "😈", "🍆", "💦",
	// Flattery of a stranger, the romance scam's opening.
	"hi dear", "hello dear", "my dear", "dear friend", "so pretty", "so beautiful", "so handsome", "be your friend",
	"sweetheart", "亲爱的", "美女", "帅哥", "小哥哥", "宝贝", "guapa", "hermosa", "querida", "ma belle", "ma cherie",
	"schatz", "かわいいね", "예뻐요", "예쁘시",
	// Phishing.
	"客服", "退款", "中奖", "领取", "免费领", "免费送", "冻结", "解冻", "验证码", "refund", "verify", "winner", "prize",
	"claim", "reembolso", "remboursement", "erstattung", "当選", "당첨",
	// Not here but there: the author will not answer on the platform and
	// sends readers to another app ("i don't really use this app, add my
	// snap"), the opening of bots and romance scams. Friends who already
	// know each other's handle ask for it, they do not announce this.
	"dont really use this app", "dont use this app", "don't really use this app", "don't use this app", "rarely use this app",
	"barely use this app", "never use this app", "not on here much", "not on here often", "rarely on here", "not active here",
	"dont reply here", "don't reply here", "never reply here", "dont check this app", "don't check this app", "never check this app",
	"rarely check this app",
	"aqui no contesto", "aqui no respondo", "por aqui no contesto", "por aqui no respondo", "casi no uso esta app", "casi no entro aqui",
	"aqui nao respondo", "por aqui nao respondo", "quase nao entro aqui", "quase nao uso esse app", "quase nao uso este app",
	"je reponds pas ici", "je ne reponds pas ici", "je reponds jamais ici", "je viens rarement ici", "je suis rarement ici",
	"hier antworte ich", "bin hier selten", "bin selten hier", "hier kaum online", "hier selten online", "nutze die app kaum",
	"ここだとあまり", "ここではあまり返", "ここはあまり見", "ここあまり見", "こっちはあまり",
	// The platform's notifications blamed (round 36: "こちらのアプリは通知が届かないことがあるので、LINEで…").
	"通知が届かない", "通知が来ない", "通知こない", "notifications dont work", "notifications don't work", "dont get notifications",
	"don't get notifications", "收不到通知", "通知收不到", "알림이 안 와", "알림이 안와",
	"여기선 답장", "여기서는 답장", "여기서 답장", "여기 잘 안 들어", "여기 잘 안들어", "여긴 잘 안 들어",
	"这里不常上", "这里很少上", "这边不常上", "这里不回", "这边不回", "很少看私信",
	// Pressure and secrecy.
	"私聊", "私下", "悄悄", "偷偷", "保密", "别告诉", "名额", "限时", "速加", "赶紧", "private", "secret", "limited", "spots",
	"hurry", "privado", "privada", "urgente", "cupos", "vagas", "prive", "privat", "限定", "선착순",
})

// offerSigns are the words of a shop's offer: a discount, a deal, free,
// delivery. Goods sold through a chat app with them are the trade of
// spam; a service that takes bookings (a salon, a studio, a tutor: a
// word of businessUses in the same text) names its offers as any shop
// does, and there they are no sign (nor are a price and the words of a
// sale). Matched as substrings of the folded text.
var offerSigns = foldTerms([]string{
	"下单", "优惠", "折扣", "特价", "团购", "套餐", "现货", "到货", "打折", "免费",
	"free", "gratis", "gratuit", "kostenlos", "無料", "무료", "mandamos", "enviamos", "envio", "delivery", "shipping",
	"discount", "promo", "% off", "descuento", "oferta", "desconto", "remise", "rabatt", "angebot", "割引", "할인",
})

// saleSigns are the words of any sale: a price, selling, handing over. A
// person selling their own used things (usedGoods) writes them too, so
// there they are no sign of spam; elsewhere they are, unless the text
// takes bookings (see offerSigns).
var saleSigns = foldTerms([]string{
	"价格", "价钱", "报价", "出售", "售", "转让", "交易", "原价", "便宜", "包邮", "发货", "实拍", "实物", "¥", "￥",
	"price", "sale", "precio", "preco", "prix", "preis", "価格", "가격", "만원",
})

// usedGoods say that the author sells their own used things, once and in
// person: 闲置, 九成新, 自提, 面交, "barely used", "local pickup", segunda mano,
// d'occasion, Abholung, 中古, 手渡し, 중고, 직거래. Matched with containsTermAny:
// whole words for Latin terms.
var usedGoods = newTermSet(foldTerms([]string{
	"闲置", "二手", "自用", "成新", "95新", "99新", "自提", "自取", "面交", "同城", "搬家", "用不上", "用不到", "出清",
	"second hand", "second-hand", "secondhand", "pre-owned", "preowned", "barely used", "gently used", "lightly used",
	"hardly used", "like new", "local pickup", "pickup only", "pick up only", "pickup in", "collection only",
	"moving sale", "moving out", "garage sale", "yard sale",
	"segunda mano", "poco uso", "casi nuevo", "casi nueva", "recogida en", "recoger en", "me mudo", "por mudanza",
	"usado", "usada", "seminovo", "seminova", "pouco uso", "retirada em", "retirar em", "por mudança",
	"d'occasion", "bon etat", "tres bon etat", "peu servi", "a recuperer", "main propre", "demenagement",
	"gebrauchte", "gebrauchten", "gebrauchtes", "guter zustand", "neuwertig", "abholung", "selbstabholer", "selbstabholung",
	"umzug",
	"中古", "譲ります", "お譲り", "手渡し", "引っ越し", "美品", "중고", "직거래", "사용감", "이사 가",
}))

// The sign lists as termSets, for spamSignText.
var (
	spamSignSet  = newTermSet(spamSigns)
	offerSignSet = newTermSet(offerSigns)
	saleSignSet  = newTermSet(saleSigns)
)

// reMoneyAmount finds an amount of money: a number with a currency sign or
// unit, or a discount (五折, 8折).
var reMoneyAmount = regexp.MustCompile(`[$€£¥]\s?\d|\d\s?(?:元|块|万|刀|美金|円|€|\$|k\b|usd|rmb|eur|dollars?|euros?|reais)|[一二三四五六七八九\d]折`)

// moneyAmount reports whether s holds an amount of money (reMoneyAmount);
// a text without a digit or a Chinese numeral is not searched.
func moneyAmount(s string) bool {
	return strings.ContainsAny(s, "0123456789一二三四五六七八九") && reMoneyAmount.MatchString(s)
}

// disguisedPlatforms are names of a platform in code (绿泡泡 for WeChat, 纸飞机
// for Telegram, 企鹅 for QQ): an author who writes them dodges a filter.
// The contact detector's dodging spellings (V信, 薇信) are among them.
var disguisedPlatforms = func() []string {
	out := []string{"薇", "徽", "嶶", "绿泡泡", "绿色软件", "绿色app", "绿软", "纸飞机", "小飞机", "企鹅", "扣扣", "蔻蔻", "抠抠", "卫星", "威信", "维信", "維信", "微芯"}
	for term, tok := range contactTerms {
		if tok.platform == pkDodge {
			out = append(out, term)
		}
	}
	return out
}()

// disguisedContact reports whether the evidence of a request is written to
// dodge a filter: full-width letters, emoji or symbols (💚, ➕, 🐧), a + before
// a letter (+V), spaced letters (L I N E, 加 微 信), Cyrillic or Greek letters
// inside a Latin word (WhаtsАрр, contact_mixed_script.go), or a platform in
// code.
func disguisedContact(ev string) bool {
	prevPlus := false
	spaced := 0 // single letters between spaces so far: L I N E
	prev, prev2 := ' ', ' '
	for _, r := range ev {
		switch {
		case r >= 0xFF10 && r <= 0xFF5A && unicode.IsLetter(r) || r >= 0xFF10 && r <= 0xFF19,
			unicode.Is(unicode.So, r), r >= 0x1F000:
			// Full-width letters and digits (not the full-width colon
			// Chinese is typed with), symbols and emoji.
			return true
		case prevPlus && r != ' ' && !isASCIIDigit(r):
			return true
		}
		if r == ' ' && prev2 == ' ' && unicode.IsLetter(prev) {
			spaced++
		} else if r != ' ' && prev != ' ' {
			spaced = 0
		}
		if spaced >= 2 {
			return true
		}
		prevPlus = r == '+'
		prev2, prev = prev, r
	}
	return mixedScriptWord(ev) || containsAny(strings.ToLower(ev), disguisedPlatforms) || repeatedHan(ev)
}

// bareRequestLetters is the most letters a note may hold besides its
// contact requests and still be nothing but a request: "加我 vx 一起玩" is
// bare, a sentence about what the contact is for is not.
const bareRequestLetters = 4

// bareRequest reports whether the note's texts hold at most
// bareRequestLetters letters outside the spans of their explicit contact
// requests.
func bareRequest(found []fieldFinding, texts []*Text, contactSource string) bool {
	letters := 0
	for _, t := range texts {
		var spans []Span
		for _, f := range found {
			if f.field == t.Field && plainContactSolicit(f, contactSource) && f.Span.End <= len(t.Original) {
				spans = append(spans, f.Span)
			}
		}
	next:
		for i, r := range t.Original {
			if !unicode.IsLetter(r) {
				continue
			}
			for _, sp := range spans {
				if i >= sp.Start && i < sp.End {
					continue next
				}
			}
			if letters++; letters > bareRequestLetters {
				return false
			}
		}
	}
	return true
}

// repeatedHan reports whether the evidence doubles its Chinese characters
// to break a filter's match: 加加加微微微信信信, 加加微微信信. One doubling
// is ordinary Chinese (看看, 谢谢); two are a disguise.
func repeatedHan(ev string) bool {
	doubled := 0
	var prev rune
	for _, r := range ev {
		if r == ' ' {
			continue
		}
		if r == prev && unicode.Is(unicode.Han, r) {
			doubled++
		}
		prev = r
	}
	return doubled >= 2
}

// spamSignText reports whether a text of the note carries a sign of spam.
// In a note that sells the author's used things (used), a price and the
// words of a sale are none; in a text that takes bookings, neither are
// they nor the words of an offer.
func spamSignText(t *Text, used bool) bool {
	s := t.Folded.String()
	if spamSignSet.any(s, notPromisedNever) {
		return true
	}
	sells := offerSignSet.in(s) || !used && (saleSignSet.in(s) || moneyAmount(s))
	return sells && !businessUses.anyWord(s)
}

// usedGoodsSale reports whether one of texts sells the author's used things.
func usedGoodsSale(texts []*Text) bool {
	for _, t := range texts {
		if usedGoods.anyTerm(t.Folded.String()) {
			return true
		}
	}
	return false
}

// plainContactSolicit reports whether a finding of the contact detector is
// an explicit request or handle, the kind plain contact caps.
func plainContactSolicit(f fieldFinding, contactSource string) bool {
	if f.source != contactSource || f.Score < scoreSolicit {
		return false
	}
	switch f.Rule {
	case "handle", "add-me", "add-me-on", "contact-me-on", "join-group":
		return true
	}
	return false
}

// capPlainContact caps explicit contact requests in a note with no sign
// of spam (see above). found holds every finding of the note's texts;
// suffix is the findings' source suffix (":translation:en").
func capPlainContact(found []fieldFinding, texts []*Text, suffix string) {
	contactSource := "contact" + suffix
	any := false
	for _, f := range found {
		if plainContactSolicit(f, contactSource) {
			any = true
			continue
		}
		switch {
		case f.source == contactSource:
			switch f.Rule {
			case "platform-variant", "spelled-number", "link-shortener", "phishing-domain":
				return
			}
		case f.Category == models.CategorySpam && f.Score >= 0.5,
			(f.Category == models.CategorySexual || f.Category == models.CategoryIllicit) && f.Score >= 0.5:
			return
		}
	}
	if !any {
		return
	}
	if bareRequest(found, texts, contactSource) {
		return
	}
	used := usedGoodsSale(texts)
	for _, t := range texts {
		if spamSignText(t, used) {
			return
		}
		for _, f := range found {
			if f.field == t.Field && plainContactSolicit(f, contactSource) && f.Span.End <= len(t.Original) &&
				disguisedContact(t.Original[f.Span.Start:f.Span.End]) {
				return
			}
		}
	}
	for i := range found {
		if plainContactSolicit(found[i], contactSource) {
			found[i].Score = plainContactCap
		}
	}
}
