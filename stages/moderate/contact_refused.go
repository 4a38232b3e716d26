package moderate

// Refused contact: "求推荐英语网课，别私信推销，也别让我加微信，评论区说就好",
// "DMでの勧誘やLINE追加はお断りです". The author names the move off-platform
// only to turn it down, which no spammer does in the same breath as the
// request. A contact request that carries no handle or number (nothing to
// add), in a clause that refuses contact, is capped like reported speech:
// it keeps its label for reviewers and decides nothing. A request with a
// handle still counts: "别私信了，直接加我微信 abc12345" gives an account,
// and its refusal sits in another clause anyway.

// refusedByAuthor are the words that turn contact down, matched on the
// folded clause (lower case, accents removed, Simplified Chinese). Only
// refusals of contact: "千万不要错过，加微信" and "연락 주저하지 마세요"
// ("don't hesitate") refuse nothing.
var refusedByAuthor = newTermSet(foldTerms([]string{
	"别让我加", "不要让我加", "别叫我加", "不要叫我加", "别要我加", "不用加", "无需加", "不需要加", "不必加", "不加微信", "不加v", "不加好友", "不要加我",
	"别加我", "勿加", "千万别加", "千万不要加", "谢绝私信", "拒绝私信", "私信勿扰", "勿私信", "别私信", "不要私信", "不接受私信", "不回私信", "别私聊",
	"不要私聊", "谢绝加", "拒绝加", "谢绝推销", "拒绝推销", "别推销", "不要推销",
	// An official account warning against impostors: "我们不会私信让大家加微信或转账".
	"不会私信", "不会主动私信", "不会让大家加", "不会让你加", "不会要你加", "不会叫你加", "不会要大家加", "不会请你加", "不会请您加", "不会请大家加", "不会要求", "绝不会", "从不会", "从来不会", "从不私信",
	"we will never ask", "we'll never ask", "we never ask", "will never dm", "never dm you", "we never dm",
	"nunca te pediremos", "nunca pedimos", "nunca vamos pedir", "jamais nous ne", "ne vous demanderons jamais",
	"werden sie nie", "werden dich nie", "fragen nie", "決してありません", "することはありません", "절대 요청하지 않",
	"please no dms", "please no dm", "pls no dm", "no dms please", "no dms pls", "no pms please", "don't dm me", "do not dm me", "dont dm me", "please don't message me", "don't ask me to add",
	"do not ask me to add", "no me escriban", "no me pidan", "no me manden", "sin mensajes privados", "não me chamem",
	"não peçam", "nada de privado", "pas de mp", "ne me demandez pas", "ne m'écrivez pas", "keine dms", "keine pns",
	"fragt nicht nach", "schreibt mir nicht", "kein whatsapp", "keine whatsapp", "kein telegram", "kein whatsapp-job",
	"no whatsapp", "sin whatsapp", "pas de whatsapp", "sem whatsapp",
	"お断り", "ご遠慮", "dm禁止", "勧誘禁止", "追加しないで", "送らないで",
	"사절", "추가하지 마", "추가 요청하지 마", "추가 요청도 하지 마", "요청하지 마세요", "연락하지 마", "디엠 하지 마", "dm 하지 마",
	"디엠 금지", "dm 금지",
	// Round 41: a free giveaway that needs no add ("登録やLINE追加は不要", "카톡 추가도 필요 없어요").
	"追加は不要", "追加不要", "登録は不要", "追加の必要はありません", "추가도 필요 없", "추가 필요 없", "추가는 필요 없", "추가 안 해도",
	"no need to add", "sin agregar", "sem precisar adicionar", "pas besoin d'ajouter", "ohne hinzufügen",
	// Round 51 (F147): a studio's notice against impostors who charge by private WeChat ("不要相信任何私人加微信收费的").
	"不要相信任何私人", "不要相信私人", "别相信私人", "别信私人", "不要相信任何人私下", "勿信私人",
}))

// askedOfSomeoneElse are the words of a request the author reports being
// made to someone else, mostly a parent telling what a stranger asked of
// their child (round 24, T3: "有陌生人…还叫她加 Discord 私聊。这样是不是要警觉？"):
// the request is the stranger's, told to be warned about. Like a refusal,
// it is capped when it carries no handle or number.
var askedOfSomeoneElse = newTermSet(foldTerms([]string{
	"叫她加", "叫他加", "要她加", "要他加", "让她加", "让他加", "叫我女儿加", "叫我儿子加", "叫孩子加", "叫小孩加", "叫我女兒加", "叫我兒子加",
	"told her to add", "told him to add", "asked her to add", "asked him to add", "told my daughter to add", "asked my daughter to add",
	"told my son to add", "asked my son to add", "le pidió que lo agregara", "le pidio que lo agregara", "pediu para ela adicionar",
	"pediu pra ela adicionar", "lui a demandé de l'ajouter", "hat sie gebeten, ihn", "wollte, dass sie ihn",
	// Round 42: the child was asked, told in the passive ("知らない大人からLINE交換を求められていました"),
	// or the stranger asked the child.
	"を求められ", "交換を求められ", "追加を求められ", "を聞かれ", "に誘われ", "と誘われ", "被要求加", "被人要求加",
	"추가하자고 했", "추가해 달라고 했", "추가하라고 했", "아이에게 추가", "아이한테 추가",
	"asked my kid to add", "asked my child to add", "asked my kid for", "asked my son for", "asked my daughter for",
	"wanted my son to add", "wanted my daughter to add", "wanted my kid to add",
	// Round 51 (F147): a parent who heard how strangers lure children ("听说有人会在游戏里套孩子年龄再骗加微信").
	"骗加", "骗孩子加", "骗小孩加", "哄孩子加", "诱导孩子加", "诱导加",
}))

// refusedRequest reports whether the clause of the contact request at sp
// turns contact down, or reports it asked of someone else.
func refusedRequest(t *Text, sp Span) bool {
	clo, chi, ok := spanClause(t.Original, sp)
	if !ok {
		return false
	}
	clause := foldedBefore(t, clo, chi)
	return refusedByAuthor.in(clause) || askedOfSomeoneElse.in(clause)
}
