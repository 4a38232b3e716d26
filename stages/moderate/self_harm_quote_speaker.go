package moderate

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A speaker named after the words: Korean and Japanese put who said it
// after the quotation ('죽고 싶다'는 사촌동생한테 전화했어요, 「死にたい」って言う
// 友達に何て返せばいい？), where English and Chinese put it before (someone
// said "…", 有人说“…”: selfHarmOthers reads those). A death wish in
// quotation marks whose closing mark is followed by a particle of saying
// and a person (a cousin, a friend, a pupil) is that person's words, told
// by the author who called or answered them.

// reSpeakerAfterQuote is what follows the closing quotation mark: a
// particle or verb of saying, up to a few letters of a name or a kinship
// prefix, and a person word.
var reSpeakerAfterQuote = regexp.MustCompile(`^(?:는|라는|이라는|고 하는|고 하던|라고 하는|라던|던|って言う|って言ってる|って言ってた|と言う|と言ってる|と言っている|と言っていた|って言った|と言った|とこぼす|ってこぼす)\s?` +
	`[^\s。、，,.!?！？]{0,4}?` +
	`(?:친구|동생|사촌|언니|오빠|형|누나|엄마|아빠|아이|애|학생|후배|선배|동료|조카|아들|딸|友達|友人|弟|妹|姉|兄|母|父|息子|娘|子|生徒|後輩|先輩|同僚|彼氏|彼女|甥|姪)`)

// quoteSpeakerAfter reports whether the finding at sp ends inside a
// quotation that the words right after it give to someone else.
func quoteSpeakerAfter(t *Text, sp Span) bool {
	s := t.Original
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End || !inQuotation(s, sp) {
		return false
	}
	// The closing mark: the first quotation mark at or after the finding's
	// end, within the sentence.
	_, hi := sentenceAround(s, sp.Start, sp.End)
	rest := s[sp.End:hi]
	i := strings.IndexAny(rest, quoteMarks)
	if i < 0 {
		return false
	}
	_, n := utf8.DecodeRuneInString(rest[i:])
	return reSpeakerAfterQuote.MatchString(rest[i+n:])
}
