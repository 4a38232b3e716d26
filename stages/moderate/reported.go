package moderate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Reported speech: an author who quotes an abusive word used on them ("he
// called me a 'ch*nk', I reported it", 有人骂我“傻逼”，已经举报了) or asks
// about it ("why do people say 'kill yourself' as a joke?") is not using it.
// Such a finding keeps its label, but its score is capped below every review
// threshold, so it informs reviewers and decides nothing.

// reportedScoreCap is the score of a reported-speech finding: below the
// lowest review threshold of the default policy (0.3).
const reportedScoreCap = 0.25

// reportable reports whether findings of c can be quoted innocently; a
// quoted threat, sexual content or contact request still counts.
func reportable(c models.Category) bool {
	return c == models.CategoryHate || c == models.CategoryHarassment || c == models.CategoryProfanity
}

// quoteMarks open and close quotations, in every script notes are written in.
const quoteMarks = "'\"“”‘’「」『』«»《》＂＇`"

// reportingMarkers, in the sentence of a quoted word, say it is reported or
// discussed, not said.
var reportingMarkers = []string{
	"called me", "calls me", "calling me", "called us", "called my", "call me a", "said i'm", "said i was",
	"told me", "yelled", "shouted", "screamed", "wrote", "commented", "people say", "why do", "stop saying",
	"the word", "this word", "that word", "people call", "call them", "calls them", "calling them",
	"is racist", "it's racist", "is a slur", "racist to", "words like", "slur", "reported", "report it", "reported it",
	"骂我", "骂了我", "说我", "叫我", "被人", "被骂", "被叫", "举报", "检举", "檢舉", "舉報", "报警", "这个词", "这种词", "这种字眼",
	"别再说", "不要再用", "不要说", "评论区有人",
	"dmed me", "dm'd me", "messaged me", "sent me", "texted me", "in my dms", "in my comments", "commented on my",
	"blocked", "racist", "homophobic", "sexist", "transphobic", "things like", "who write", "who say", "not okay",
	"bigot",
	// Spanish, Portuguese, French, German, Japanese, Korean
	"me llamó", "me llamo", "me dijo", "me escribió", "mensajes como", "mensajes del tipo", "denuncia", "denuncié",
	"me chamou", "me disse", "mensagens como", "denunciei", "denuncie",
	"m'a traité", "m'a dit", "du type", "messages comme", "signale", "signalez", "signalé",
	"hat mich", "nannte mich", "nachrichten wie", "gemeldet", "melde",
	"と言われ", "って言われ", "と呼ばれ", "通報", "라고 했", "라는 말", "신고",
}

// calledMarkers are the strongest: right before the word, with or without
// quotes ("he called me a chink"), they make it reported.
var calledMarkers = []string{"called me a", "called me an", "called me", "calls me a", "calls me", "calling people", "call people",
	"calling someone", "call someone", "calling them", "骂我是", "骂我", "说我是", "叫我"}

// reportedSpeech reports whether the original text of t around sp quotes
// or reports the words rather than saying them: quoted (a quotation mark
// right before and right after, spaces aside) in a sentence with a
// reporting marker, or right after "called me" and the like.
func reportedSpeech(t *Text, sp Span) bool {
	s := t.Original
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(s, sp.Start, sp.End)
	sentence := strings.ToLower(s[lo:hi])
	before := strings.ToLower(strings.TrimRight(s[max(lo, sp.Start-24):sp.Start], " 　"))
	for _, m := range calledMarkers {
		if strings.HasSuffix(strings.TrimRight(before, quoteMarks+" "), m) {
			return true
		}
	}
	if !quotedAt(s, sp) && !insideQuotes(s, lo, hi, sp) {
		return false
	}
	// A quotation is reported when the sentence says so, or the rest of
	// the field does: `Someone DMed me "go back, you …". That word is a
	// slur. Reported.`
	_ = sentence
	field := strings.ToLower(s)
	for _, m := range reportingMarkers {
		if strings.Contains(field, m) {
			return true
		}
	}
	return false
}

// insideQuotes reports whether sp lies inside a quotation of its sentence
// [lo, hi): a quotation mark before it and one after it, an apostrophe
// between two letters (t'aime, don't) not counting as one.
func insideQuotes(s string, lo, hi int, sp Span) bool {
	open := false
	for i := sp.Start; i > lo; {
		r, n := utf8.DecodeLastRuneInString(s[lo:i])
		i -= n
		if isQuoteAt(s, i, r, n) {
			open = true
			break
		}
	}
	if !open {
		return false
	}
	for i := sp.End; i < hi; {
		r, n := utf8.DecodeRuneInString(s[i:hi])
		if isQuoteAt(s, i, r, n) {
			return true
		}
		i += n
	}
	return false
}

// isQuoteAt reports whether rune r of n bytes at byte i of s is a
// quotation mark rather than an apostrophe inside a word: an apostrophe
// between two Latin letters (don't, l'école) is none; between Han
// characters it is one (叫'黑妹').
func isQuoteAt(s string, i int, r rune, n int) bool {
	if !strings.ContainsRune(quoteMarks, r) {
		return false
	}
	if r == '\'' || r == '’' {
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+n:])
		return !(unicode.Is(unicode.Latin, before) && unicode.Is(unicode.Latin, after))
	}
	return true
}

// quotedAt reports whether a quotation mark comes right before and right
// after sp (spaces and a trailing punctuation mark aside).
func quotedAt(s string, sp Span) bool {
	before := strings.TrimRight(s[:sp.Start], " 　")
	after := strings.TrimLeft(s[sp.End:], " 　")
	r1, _ := utf8.DecodeLastRuneInString(before)
	r2, _ := utf8.DecodeRuneInString(after)
	return strings.ContainsRune(quoteMarks, r1) && strings.ContainsRune(quoteMarks, r2)
}

// sentenceAround returns the byte range of the sentence of the original text around [start, end).
func sentenceAround(s string, start, end int) (int, int) {
	lo := 0
	for i := start - 1; i >= 0; i-- {
		if strings.ContainsRune(".!?\n。！？；;", rune(s[i])) && s[i] < utf8.RuneSelf {
			lo = i + 1
			break
		}
		if s[i] >= utf8.RuneSelf && utf8.RuneStart(s[i]) {
			r, _ := utf8.DecodeRuneInString(s[i:])
			if strings.ContainsRune("。！？；", r) {
				lo = i + utf8.RuneLen(r)
				break
			}
		}
	}
	hi := len(s)
	for i := end; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if strings.ContainsRune(".!?\n。！？；;", r) {
			hi = i
			break
		}
		i += n
	}
	return lo, hi
}
