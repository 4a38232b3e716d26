package moderate

import (
	"strings"
	"unicode"
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
	scamWords = foldTerms([]string{
		"冒充", "诈骗", "骗子", "骗局", "防骗", "反诈", "上当", "被骗", "scam", "fraud", "impersonat", "estafa", "golpe",
		"arnaque", "escroquerie", "betrug", "詐欺", "사기",
	})
	dontFollow = foldTerms([]string{
		"不要加", "别加", "千万别", "千万不要", "别信", "不要信", "不要相信", "不会让你加", "不会要求你加", "不要转账", "别转账",
		"never add", "don't add", "do not add", "never ask you", "don't send", "do not send", "no añadas", "nunca agregues",
		"não adicione", "nunca adicione", "n'ajoutez", "nicht hinzufügen", "niemals", "追加しないで", "추가하지 마",
		// Block and report: 一律拉黑, 已经报警.
		"拉黑", "报警", "举报", "别上当", "不要上当", "别被骗", "不要被骗", "警惕", "block and report", "block them",
		"report them", "reported it", "don't fall for", "do not fall for", "bloquea", "denuncia", "bloqueie", "denuncie",
		"bloquez", "signalez", "blockieren", "melden", "ブロック", "通报", "차단", "신고",
	})
	// selfPromotion: the field offers its own way in.
	selfPromotion = foldTerms([]string{
		"我们是", "我们这", "我这里", "我这边", "我们平台", "本平台", "我们团队", "正规平台", "带你", "私我", "找我", "联系我", "详聊",
		"咨询我", "想做的", "想赚的", "有意者", "名额", "ours is", "we are legit", "we're legit", "our group", "join us", "join my",
		"dm me", "message me", "contact me", "contact him", "contact her", "add me", "text me", "recover", "got my money back",
		"escribeme", "contactame", "nosotros somos", "me chama", "fale comigo", "contactez-moi", "ecrivez-moi", "schreib mir",
		"melde dich", "私に", "저에게", "저한테",
	})
)

// scamWarning reports whether the field warns against a scam.
func scamWarning(t *Text) bool {
	s := t.Folded.String()
	return containsAny(s, scamWords) && containsAny(s, dontFollow) && !containsAny(unquoted(s), selfPromotion)
}

// unquoted returns s without its quotations: a warning quotes the scam's
// pitch ("投资老师带你赚钱"), which recruits for the scam, not for the author.
func unquoted(s string) string {
	if !strings.ContainsAny(s, "\"“”「」『』«»") {
		return s
	}
	var b strings.Builder
	depth, straight := 0, false
	for _, r := range s {
		switch r {
		case '“', '「', '『', '«':
			depth++
			continue
		case '”', '」', '』', '»':
			depth = max(depth-1, 0)
			continue
		case '"':
			straight = !straight
			continue
		}
		if depth == 0 && !straight {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// carriesHandle reports whether the evidence holds something to contact:
// a digit or a run of five ASCII letters or digits.
func carriesHandle(s string) bool {
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
