package moderate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Scam warnings: "提醒大家：有人冒充客服让你加微信退款，千万别信！" names the
// move off-platform, and often quotes the scam's own words (刷单返利, 日结兼职),
// in order to warn against it. In a field that warns, a contact request
// that carries no handle or number (nothing to add), and a spam or illicit
// term of the lexicons or rules, are capped like reported speech: they keep
// their label for reviewers and decide nothing. A request with a handle
// still counts, warning or not: spam that adds "beware of fakes" still
// gives its own account.

// A warning names a scam and tells readers not to follow the request or
// to block and report it; both must be there, so a seller's "谨防假货，加微信看实拍"
// (beware of fakes, add my WeChat) is no warning. A field that also
// recruits for itself (我们是正规平台, 私我, "ours is legit, dm me") is a scam
// borrowing a warning's words, not a warning. Matched on the folded text
// (lower case, accents removed, Simplified Chinese).
var (
	scamWords = newTermSet(foldTerms([]string{
		"冒充", "诈骗", "骗子", "骗局", "防骗", "反诈", "上当", "被骗", "骗了", "假投资", "假客服", "假老师", "假冒", "scam", "fraud", "impersonat", "estafa", "golpe",
		"arnaque", "escroquerie", "betrug", "詐欺", "사기",
		// Impersonation of the warner's own account (round 20: 저희 계정 사칭해서…).
		"사칭", "가짜 계정", "なりすまし", "偽アカウント", "冒用", "假账号", "fake account", "impostor", "impersonating",
		"se hacen pasar", "suplantan", "se passant pour", "se faisant passer",
		// Child-safety warnings name the same move to a messenger as the
		// lure it is: 陌生人让孩子加微信…这就是网络诱骗，马上报警.
		"诱骗", "诱拐", "grooming", "groomer", "groomers", "aliciamiento", "aliciamento", "pédopiégeage", "cybergrooming",
		"グルーミング", "그루밍",
		// Japan's "dark part-time jobs": crime recruited on social media (blind set D).
		"闇バイト",
		// Round 22: the scams by name (pig butchering, 杀猪盘, Enkeltrick), and
		// what real ones never do ("nobody legit needs you to…", 真的抽獎不會叫你付錢,
		// ちゃんとした会社はいきなりLINEに誘導したり…しません).
		"pig butchering", "pig-butchering", "杀猪盘", "enkeltrick", "enkel-trick", "nobody legit", "no legit", "real giveaways",
		"真的抽奖不会", "正规抽奖不会", "真正的抽奖", "ちゃんとした会社は", "まともな会社は",
		// Round 25: Japan's call for caution and its "information products"
		// scam (注意喚起です…30万の情報商材買わされてました), and being deceived.
		"注意喚起", "情報商材", "騙され", "だまされ",
		// Round 47 (N72, N73): phishing by its names, fake accounts and giveaways, extortion mail, spam
		// bots, and a pharmacist's voice warning of pills sold in DMs.
		"phishing", "smishing", "フィッシング", "スミッシング", "피싱", "스미싱", "钓鱼", "hameçonnage", "hameconnage",
		"sorteo falso", "sorteio falso", "conta fake", "cuenta falsa", "faux compte", "假抽奖", "假账号", "fake-account",
		"extortion", "sextortion", "勒索", "敲诈", "spam bot", "los bots", "스팸", "spam",
		"farmacéutica", "farmacéutico", "farmacêutica", "farmacêutico", "pharmacienne", "pharmacien", "apothekerin", "apotheker",
		"pharmacist", "药师", "薬剤師", "약사", "infostealer", "voleur de mots de passe", "malware",
		"c'est un bot", "un robot", "robô", "robo de golpe", "est un bot", "ist ein bot", "is a bot", "es un bot", "机器人", "봇이",
	}))
	dontFollow = newTermSet(foldTerms([]string{
		"不要加", "别加", "千万别", "千万不要", "别信", "不要信", "不要相信", "不会让你加", "不会要求你加", "不要转账", "别转账",
		"不会私信让你加", "不会私信你", "不会私信", "谨防假冒", "一定要小心", "提高警惕",
		// Round 53 (F169): 私から連絡先を聞くことは絶対にありません (I will never ask for your contact).
		"ことは絶対にありません", "ことは一切ありません", "聞くことはありません",
		"never add", "don't add", "do not add", "never ask you", "don't send", "do not send", "no añadas", "nunca agregues",
		"não adicione", "nunca adicione", "n'ajoutez", "nicht hinzufügen", "niemals", "追加しないで", "추가하지 마",
		// Block and report: 一律拉黑, 已经报警.
		// Hang up, ignore it, keep your eyes open: 直接挂, 不要理, 擦亮眼睛.
		"直接挂", "挂掉", "不要理", "别理", "不要接", "别接", "擦亮眼睛",
		// Round 40 (N33): hang up and check with the police (先挂电话，再打110核实).
		"挂电话", "打110", "核实",
		"拉黑", "报警", "举报", "别上当", "不要上当", "别被骗", "不要被骗", "警惕", "提醒大家", "提醒家里", "提醒老人", "提醒爸妈", "気をつけ", "조심하",
		// Parents telling parents to watch: 宝妈们注意, 看看孩子的聊天记录.
		"宝妈们注意", "家长们注意", "大家注意", "看看孩子的聊天", "孩子的聊天记录", "多留意", "留个心眼",
		// Check by calling the real one: 请直接打电话给学校确认.
		"提醒各位", "提醒一下", "直接打电话给", "打电话确认", "打电话给学校", "call the school", "call your bank",
		"block and report", "block & report", "block them", "no caigan", "denuncien", "已检举", "无视", "無視して", "通報でok",
		"bevor ihr", "ruft euer kind",
		"report them", "reported it", "don't fall for", "do not fall for", "bloquea", "denuncia", "bloqueie", "denuncie",
		"bloquez", "signalez", "blockieren", "melden", "ブロック", "通报", "차단", "신고",
		"연락 안 드립니다", "연락드리지 않", "연락하지 않습니다",
		// Don't click, don't give the code: 不要点链接，也不要给验证码.
		"不要点", "别点", "不要给", "别给", "不要扫", "别扫", "不要下载", "别下载", "不要透露", "don't click", "do not click",
		"never click", "never give", "don't give", "do not give", "don't share", "never share", "no hagas clic",
		"nunca des", "no compartas", "não clique", "nunca passe", "não passe", "ne cliquez", "ne donnez", "nicht klicken",
		"niemals weitergeben", "nicht weitergeben", "クリックしないで", "教えないで", "누르지 마", "알려주지 마",
		// Never send money (round 25: "Nie Geld überweisen, ohne vorher die alte Nummer anzurufen").
		"never send money", "never transfer", "don't send money", "nunca envíes dinero", "no envíes dinero", "nunca transfieras",
		"nunca mande dinheiro", "nunca transfira", "não transfira", "n'envoyez jamais", "ne virez jamais", "n'envoyez pas d'argent",
		"nie geld", "niemals geld", "kein geld überweisen", "nichts überweisen", "振り込まないで", "振り込んではいけ", "不要汇款", "别汇款",
		"돈 보내지 마", "송금하지 마",
		// Round 47 (N72, N73): don't buy, call the old number, report the bots, we never charge.
		"don't buy", "do not buy", "no compréis", "no compres", "não comprem", "não compre", "n'achetez", "nicht kaufen",
		"不要买", "别买", "買わないで", "사지 마", "call your kid", "old number", "número antigo", "numero antigo", "número antiguo",
		"원래 번호로", "reportad", "report the", "ご注意", "注意してください", "お気をつけ", "절대 돈 안 받", "돈 안 받아요",
		"never charge", "nunca cobramos", "nous ne demandons", "从来不收", "我们从来不", "不会私讯", "個別に連絡しません", "個別に連絡することはありません", "don't pay", "do not pay", "no pagues",
		"não pague", "ne payez", "nicht zahlen", "signalé", "signalée", "captures gardées", "bloquez ce numéro", "denunciei",
	}))
	// scamDeclared says outright that it is a scam (都是诈骗, 差点被骗, "it's a
	// scam", "es una estafa", 詐欺です), or points to the anti-fraud line
	// (反诈专线, 165, 96110): a warning by itself. Not after a negation: a
	// scam says "这不是诈骗", "no es una estafa".
	scamDeclared = newTermSet(foldTerms([]string{
		"是诈骗", "是骗局", "是骗子", "是骗人的", "差点被骗", "被骗了", "差点上当", "差点就上当", "差点就汇款", "差点汇款", "差点转账", "差点就转账", "反诈专线", "反诈骗专线", "反诈中心", "反诈骗中心", "96110",
		"打165", "拨打165", "165专线", "165反诈", "it's a scam", "its a scam", "it is a scam", "is a scam", "are a scam",
		"are scams", "that's a scam", "es una estafa", "son una estafa", "es estafa", "son estafas", "é golpe", "é um golpe",
		"c'est une arnaque", "c'est une escroquerie", "sont des arnaques", "das ist betrug", "ist betrug", "ist ein betrug",
		"sind betrug", "詐欺です", "詐欺だ", "詐欺でした", "사기입니다", "사기예요", "사기에요", "사기다", "사기였",
		// Called fake (round 28: 'Nachrichten wie "Nebenjob … melde dich auf Telegram" sind Fake').
		"sind fake", "ist fake", "alles fake", "are fake", "it's fake", "all fake", "son falsos", "son falsas", "são falsos",
		"são falsas", "c'est du fake", "sont des faux",
		"絶対に犯罪", "は犯罪です",
		// Round 40 (F59): the bait called a warning sign ("'Kontaktiere uns auf Telegram, um deinen Preis
		// abzuholen' ist immer ein Warnsignal"), a fake giveaway named.
		// Round 51 (N73): the message named for what it is ("the phishing text I got said…").
		"phishing text", "phishing sms", "phishing message", "phishing email", "scam text", "scam sms", "smishing text",
		// Round 51 (N72): a warning's own heading, and a scam named by its kind ("It's a task scam").
		"scam alert", "job scam alert", "it's a task scam", "it's a job scam", "it's a phishing", "a task scam", "alerta de estafa",
		"alerta de golpe", "alerte arnaque", "betrugswarnung",
		"ist immer ein warnsignal", "ist ein warnsignal", "sind warnsignale", "is a red flag", "is always a red flag",
		"are red flags", "es una señal de alarma", "es señal de estafa", "é sinal de golpe", "é um sinal de alerta",
		"c'est un signal d'alarme", "fake-gewinnspiele", "fake-gewinnspiel", "fake giveaways", "fake giveaway",
		"sorteos falsos", "sorteios falsos", "faux concours",
		// Round 47 (N72): a message called phishing, spam or malware outright.
		"es phishing", "c'est du phishing", "is phishing", "ist phishing", "스미싱이니까", "스팸은", "is spam", "es spam",
		"est un voleur", "is malware", "sim, é golpe", "사기예요",
		// Round 49 (F105): "…ってDMが来るけど全部詐欺。公式は個別に連絡しません".
		"全部詐欺", "全て詐欺", "すべて詐欺", "ぜんぶ詐欺", "全部诈骗", "都是诈骗",
		// Round 53 (N143): a scam message named as one ("Crypto scam DM I got: '…'", "Gewinnspiel-Fake: '…'"), and
		// a shop's name taken by others (近期有人冒用本店名義發訊息說「中獎請先匯款手續費」).
		"scam dm", "scam dms", "scam message", "scam messages", "gewinnspiel-fake", "冒用本店", "冒用我们", "冒充本店",
	}))
	// negationWords right before a declaration (or a disclaimer,
	// stress_hyperbole.go) turn it round: 这不是诈骗, "no es una estafa",
	// 不是开玩笑.
	negationWords = foldTerms([]string{"不", "不是", "没", "没有", "别", "非", "并非", "not", "no", "não", "nao", "pas", "nicht", "kein",
		"never", "nunca", "jamais", "nie"})
	// selfPromotion: the field offers its own way in.
	selfPromotion = newTermSet(foldTerms([]string{
		"我们是", "我们这", "加我", "我这里", "我这边", "我们平台", "本平台", "我们团队", "正规平台", "带你", "私我", "找我", "联系我", "详聊",
		"咨询我", "想做的", "想赚的", "有意者", "名额", "ours is", "we are legit", "we're legit", "our group", "join us", "join my",
		"dm me", "message me", "contact me", "contact him", "contact her", "add me", "text me", "recover", "got my money back",
		"escribeme", "contactame", "nosotros somos", "me chama", "fale comigo", "contactez-moi", "ecrivez-moi", "schreib mir",
		"melde dich", "私に", "저에게", "저한테", "追回", "挽回损失", "i can help you", "recovery service",
	}))
)

// scamWarning reports whether the field warns against a scam. Several
// caps ask for every finding of a field: the answer is read once.
func scamWarning(t *Text) bool {
	t.warnOnce.Do(func() { t.warns = readScamWarning(t) })
	return t.warns
}

func readScamWarning(t *Text) bool {
	s := t.Folded.String()
	if !(scamWords.in(s) && dontFollow.in(s) || declaresScam(s)) {
		return false // most fields warn of nothing: skip unquoting them
	}
	return !selfPromotion.in(unquoted(s))
}

// declaresScam reports whether s says outright that something is a scam,
// with no negation right before the words.
func declaresScam(s string) bool {
	return scamDeclared.any(s, func(s string, i, _ int) bool { return !negatedBefore(s[:i]) })
}

// negatedBefore reports whether before, the text up to a term, ends with a
// negation word (negationWords), spaces aside.
func negatedBefore(before string) bool {
	before = strings.TrimRight(before, " ")
	for _, n := range negationWords {
		if hasWordSuffix(before, n) {
			return true
		}
	}
	return false
}

// handleReported are the author saying the account was reported.
var handleReported = newTermSet(foldTerms([]string{
	"已检举", "已举报", "已经举报", "举报了", "检举了", "reported it", "reported them", "reported the account", "i reported",
	"reported as junk", "reported as spam", "marked as spam", "mark as spam", "signalez au 33700", "33700",
	"denuncié", "denunciei", "lo denuncié", "j'ai signalé", "signalé", "gemeldet", "通報した", "通報しました", "신고했",
	// Round 54 (N155): the carriers' spam-report short code, 7726 ("forward it to 7726 (SPAM) and delete"), told to readers.
	"to 7726", "7726 (spam)", "report it as spam", "report as spam", "report as junk",
}))

// quotedHandleReported reports whether the contact request at sp, handle
// and all, stands inside a quotation of a field that says it was reported
// (收到一則私訊：「…請加LINE @gift888…」… 已檢舉): the scammer's account shown
// to warn, which no spammer writes of their own.
//
// Round 47 (N72, N73): a field that says outright it is a scam (declaresScam:
// "Sim, é golpe", 사기예요) shows the scammer's number or link to warn as
// well.
func quotedHandleReported(t *Text, sp Span) bool {
	f := t.Folded.String()
	return (inQuotation(t.Original, sp) || inFieldQuotation(t.Original, sp)) && (handleReported.in(f) || declaresScam(f))
}

// senderWarned reports whether the number at sp is named as the one a
// scam came from, in a field that warns of the scam (scamWarning: one that
// also offers its own way in is none): "the
// phishing text … by text from +44 7700 900481", "o golpe veio do número
// …", "诈骗短信来自…" (round 51, N73). A spammer gives a number to be
// reached on, never the one a scam was sent from.
func senderWarned(t *Text, sp Span) bool {
	if sp.Start <= 0 || sp.Start > len(t.Original) || !scamWarning(t) {
		return false
	}
	lo := max(0, sp.Start-24)
	before := strings.TrimRight(foldedBefore(t, lo, sp.Start), " :：")
	for _, w := range senderWords {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// senderWords end the words before a scam's own number: sent from it.
var senderWords = foldTerms([]string{"from", "came from", "sent from", "del número", "desde el", "desde", "do número", "vindo do",
	"du numéro", "depuis le", "von der nummer", "von", "来自", "发自"})

// scamAttributions in a sentence say the request is the scammer's, told:
// 对方让她加微信, "they ask you to add them".
var scamAttributions = newTermSet(foldTerms([]string{
	"让你", "叫你", "要你", "让她", "让他", "叫她", "叫他", "要求你", "要求她", "要求他", "说要", "骗你", "诱导",
	"ask you", "asks you", "asking you", "tell you to", "tells you to", "te piden", "te pide", "pedem", "pede para",
	"vous demande", "te demande", "fordern dich", "bitten dich", "と言って", "誘導", "라며", "라고 하",
}))

// warnedSpan reports whether the words at sp are the scam's as a warning
// tells them: quoted, or in a sentence that names the scam or says whose
// request it is. A pitch in the author's own voice after the warning ("都是
// 诈骗！真正靠谱的兼职在这，日赚500，加v了解") is not.
func warnedSpan(t *Text, sp Span) bool {
	s := t.Original
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(s, sp.Start, sp.End)
	// Round 47 (N72): a rule's evidence that runs into the quotation from
	// the words that bring it ("por DM 'pastillas para adelgazar sin
	// receta'") is quoted by its last word (quotedEvidence).
	if quotedAt(s, sp) || insideQuotes(s, lo, hi, sp) || quotedEvidence(s, sp) {
		return true
	}
	sentence := foldedBefore(t, lo, hi)
	if scamWords.in(sentence) || scamAttributions.in(sentence) {
		return true
	}
	clo, chi := clauseAround(s, lo, hi, sp)
	return refusedContact.in(foldedBefore(t, clo, chi))
}

// disbelieved tell readers not to believe what follows: 不要相信稳赚不赔的说法,
// "don't believe anyone promising guaranteed returns". The bait after it, in
// its own clause, is the warning's (disbelievedSpan).
var disbelieved = newTermSet(foldTerms([]string{
	"不要相信", "别相信", "别信", "不要信", "千万别信", "不能信", "不可信", "don't believe", "dont believe", "do not believe",
	"never believe", "no creas", "no crean", "no creáis", "não acredite", "nao acredite", "não acreditem", "ne croyez pas",
	"ne crois pas", "glaubt nicht", "glaub nicht", "glauben sie nicht", "信じないで", "信じるな", "믿지 마", "믿지 말",
	// and not to trust it (round 48, F94: 不要相信私下轉帳)
	"勿信", "don't trust", "dont trust", "do not trust", "no confíes", "no confies", "não confie", "nao confie",
}))

// disbelievedSpan reports whether sp's clause, up to sp's end (a rule's
// span may start before the words), tells readers not to believe it, in a
// field that offers no way in of its own (selfPromotion: "别信那些骗子，我们
// 稳赚不赔，加我" is a pitch).
func disbelievedSpan(t *Text, sp Span) bool {
	clo, _, ok := spanClause(t.Original, sp)
	return ok && disbelieved.in(foldedBefore(t, clo, sp.End)) && !selfPromotion.in(unquoted(t.Folded.String()))
}

// refusedContact tells readers not to make the move the request names: 不要加LINE,
// "don't add them", 絶対に追加しないで. In the request's own clause it makes
// the request the warning's: "大家看到请直接检举，不要加LINE". Only refusals of
// contact: "千万不要错过，加微信" refuses nothing.
var refusedContact = newTermSet(foldTerms([]string{
	"不要加", "别加", "不要添加", "别添加", "勿加", "切勿加", "不要私信", "别私信", "不要联系", "别联系", "不要回复", "别回复",
	"don't add", "do not add", "never add", "don't message", "do not message", "don't text", "do not text",
	"no agregues", "no lo agregues", "no la agregues", "no los agregues", "no las agregues", "no añadas", "nunca agregues", "não adicione", "nao adicione",
	"nunca adicione", "não chame", "ne l'ajoutez pas", "n'ajoutez pas", "n'ajoute pas", "nicht hinzufügen",
	"füge sie nicht hinzu", "fügt sie nicht hinzu", "追加しないで", "追加しない", "登録しないで", "추가하지 마", "추가하지 말",
}))

// spanClause returns the byte range of the clause of s around sp (its
// sentence cut at commas, clauseAround); ok is false for a span outside s.
func spanClause(s string, sp Span) (clo, chi int, ok bool) {
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return 0, 0, false
	}
	lo, hi := sentenceAround(s, sp.Start, sp.End)
	clo, chi = clauseAround(s, lo, hi, sp)
	return clo, chi, true
}

// clauseAround returns the byte range of the clause of sentence [lo, hi) of
// s around sp: the sentence cut at commas (, ， 、) on either side of sp.
func clauseAround(s string, lo, hi int, sp Span) (int, int) {
	const commas = ",，、"
	clo, chi := lo, hi
	if i := strings.LastIndexAny(s[lo:sp.Start], commas); i >= 0 {
		_, n := utf8.DecodeRuneInString(s[lo+i:])
		clo = lo + i + n
	}
	if i := strings.IndexAny(s[sp.End:hi], commas); i >= 0 {
		chi = sp.End + i
	}
	return clo, chi
}

// unquoted returns s without its quotations: a warning quotes the scam's
// pitch ("投资老师带你赚钱"), which recruits for the scam, not for the author.
func unquoted(s string) string {
	if !strings.ContainsAny(s, "\"“”„‘’「」『』«»'") {
		return s
	}
	if u, balanced := unquote(s, true); balanced {
		return u
	}
	u, _ := unquote(s, false) // a lone ' (the 90's) quotes nothing
	return u
}

// unquote drops the quotations of s, straight single quotes among them when
// singles is set, and reports whether those single quotes paired up.
func unquote(s string, singles bool) (string, bool) {
	var b strings.Builder
	depth, straight, single, low := 0, false, false, 0
	prev := ' '
	for i, r := range s {
		mark := true // r opens or closes a quotation
		switch r {
		case '„': // German opens low and closes with “
			depth++
			low++
		case '“':
			if low > 0 {
				depth, low = max(depth-1, 0), low-1
			} else {
				depth++
			}
		case '「', '『', '«', '‘':
			depth++
		case '”', '」', '』', '»', '’':
			depth = max(depth-1, 0)
		case '"':
			straight = !straight
		case '\'':
			// A straight single quote between two letters is an apostrophe
			// (don't, l'ami); elsewhere it opens or closes a quotation
			// ("me llegó este mensaje: 'escríbeme al WhatsApp'").
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			mark = singles && !(unicode.IsLetter(prev) && unicode.IsLetter(next))
			if mark {
				single = !single
			}
		default:
			mark = false
		}
		if !mark && depth == 0 && !straight && !single {
			_, n := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+n]) // the bytes as written, invalid ones too
		}
		prev = r
	}
	return b.String(), !single
}

// carriesHandle reports whether the evidence holds something to contact:
// a digit or a run of five ASCII letters or digits. When it names a
// messenger, only what follows the name counts: "schreib mir auf WhatsApp"
// holds no handle, "add me on telegram @real_earn" does.
func carriesHandle(s string) bool {
	s = strings.ToLower(s)
	cut := -1
	for _, p := range messengerNames {
		if i := strings.LastIndex(s, p); i >= 0 {
			cut = max(cut, i+len(p))
		}
	}
	if cut >= 0 {
		s = s[cut:] // the request's words come before the app: "schreib mir auf WhatsApp"
	}
	run := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			return true
		case r < 0x80 && (unicode.IsLetter(r) || r == '_'):
			run++
			if run >= 5 {
				return true
			}
		default:
			run = 0
		}
	}
	return false
}

// messengerNames are the apps a contact request names, lower case.
var messengerNames = []string{
	"whatsapp", "telegram", "wechat", "line", "weixin", "kakaotalk", "kakao", "instagram", "snapchat", "signal", "discord",
	"facebook", "messenger", "skype", "viber", "tiktok", "twitter",
}
