package moderate

import (
	"unicode"
)

// Scam warnings: "提醒大家：有人冒充客服让你加微信退款，千万别信！" names the
// move off-platform in order to warn against it. In a field that warns,
// a contact request that carries no handle or number (nothing to add) is
// capped like reported speech: it keeps its label for reviewers and
// decides nothing. A request with a handle still counts, warning or not:
// spam that adds "beware of fakes" still gives its own account.

// A warning names a scam and tells readers not to follow the request;
// both must be there, so a seller's "谨防假货，加微信看实拍" (beware of fakes,
// add my WeChat) is no warning. Matched on the folded text (lower case,
// Simplified Chinese).
var (
	scamWords = []string{
		"冒充", "诈骗", "骗子", "骗局", "防骗", "反诈", "上当", "scam", "fraud", "impersonat", "estafa", "golpe",
		"arnaque", "escroquerie", "betrug", "詐欺", "사기",
	}
	dontFollow = []string{
		"不要加", "别加", "千万别", "千万不要", "别信", "不要信", "不要相信", "不会让你加", "不会要求你加", "不要转账", "别转账",
		"never add", "don't add", "do not add", "never ask you", "don't send", "do not send", "no añadas", "nunca agregues",
		"não adicione", "nunca adicione", "n'ajoutez", "nicht hinzufügen", "niemals", "追加しないで", "추가하지 마",
	}
)

// scamWarning reports whether the field warns against a scam.
func scamWarning(t *Text) bool {
	s := t.Folded.String()
	return containsAny(s, scamWords) && containsAny(s, dontFollow)
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
