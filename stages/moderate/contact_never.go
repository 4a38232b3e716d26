package moderate

import (
	"strings"
	"unicode/utf8"
)

// A business's promise never to ask: "我們絕不會私訊跟你要匯款", "we will
// never DM you for money", "nunca pedimos transferencias". The money and
// messaging words of the promise are no sign of spam: a shop that warns
// against the scammers who imitate it writes them in order to say what it
// does not do. A sign counts unless a never-word and a word of asking or
// messaging stand before it in its clause (from the last comma, full stop
// or line break): "never worry about money again" is still a lure.

// neverWords say that the author never does what follows (folded: lower
// case, Simplified).
var neverWords = newTermSet(foldTerms([]string{
	"绝不", "绝对不", "决不", "从不", "从来不", "永远不",
	"never", "will not ever", "won't ever",
	"nunca", "jamás", "jamas", "jamais", "niemals",
	"決して", "결코",
}))

// askWords ask for something or open a private message (folded).
var askWords = newTermSet(foldTerms([]string{
	"私讯", "私信", "私聊", "私下", "要求", "索取", "跟你要", "向你要", "找你要", "主动联系", "联系你",
	"ask", "request", "dm", "message", "text you", "call you", "contact you",
	"pedir", "pedimos", "pediremos", "solicitar", "solicitamos", "escribir", "escribimos", "escribiremos", "contactar",
	"contactamos", "demander", "demandons", "contacter", "écrire", "solicit", "demand",
	"fragen", "verlangen", "bitten", "anschreiben", "kontaktieren",
	"求め", "要求", "連絡", "요구", "연락",
}))

// clauseBreaks end the clause a never-word reaches over.
const clauseBreaks = "，,。.!！?？;；\n:："

// maxNeverReach is how many bytes before a sign its clause is read for a
// never-word.
const maxNeverReach = 48

// notPromisedNever is promisedNever negated, for termSet.any.
func notPromisedNever(s string, i, j int) bool { return !promisedNever(s, i, j) }

// promisedNever reports whether the term at s[i:j] stands in a clause that
// holds a never-word and a word of asking before it, or tells readers not
// to believe what follows (disbelieved, scam_warning.go), which needs no
// word of asking (round 48, F94: a guesthouse's "訂房請走官方平台，不要相信私下
// 轉帳", where 私下 is the sign).
func promisedNever(s string, i, _ int) bool {
	from := max(0, i-maxNeverReach)
	for from < i && !utf8.RuneStart(s[from]) {
		from++
	}
	clause := s[from:i]
	if k := strings.LastIndexAny(clause, clauseBreaks); k >= 0 {
		clause = clause[k+1:]
	}
	return neverWords.anyTerm(clause) && askWords.anyTerm(clause) || disbelieved.anyTerm(clause)
}
