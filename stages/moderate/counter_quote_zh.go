package moderate

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Chinese counter-speech by shape rather than by slogan. The slogans of
// counter_speech.go are phrases someone listed; two shapes carry most of
// what writers add next:
//
//   - A quotation someone else said: a verb of saying right before the
//     opening quotation mark (有人说“河南人都是偷井盖的”, 他骂跨性别是“人妖”,
//     楼主那句“难民都是寄生虫”), not the author's own (我说“…”), and no
//     agreement with it in the field (说得对, 没毛病). What follows the quote
//     is the author's stance, and whatever it is, the quoted words are not
//     the author's claim, unless the author's own words scorn a group too.
//   - An abuse named as a deed: a verb of abuse, a group and 的 before what
//     carries it (辱骂穆斯林的视频, 贬低女性的话, 地域黑河南人的帖子,
//     拿残疾人开…玩笑), or the bigots named by their bigotry (厌女的, 恐同的人).
//     Hate says its scorn of the group; this names someone else's. A hate
//     finding of any detector inside such a stretch is capped as well
//     (capAbuseDeedZh): the rules read 拿残疾人开恶心的玩笑 as a group and 恶心.
//   - A slur taken as one's own: 我就是你们说的女拳, what others call the
//     author, said by the author of themselves.

// quoteFramesZh, right before an opening quotation mark, say someone said
// what follows (in the skeleton's Simplified form).
var quoteFramesZh = []string{"说", "說", "讲", "講", "骂", "罵", "称", "稱", "喊", "写", "寫", "叫", "那句", "这句", "這句", "一句"}

// ownQuoteZh, right before the frame, make the quotation the author's.
var ownQuoteZh = []string{"我", "俺", "咱"}

// quoteAgreementZh agree with a quotation: the words are the author's then.
var quoteAgreementZh = []string{"说得对", "說得對", "说的对", "說的對", "没毛病", "沒毛病", "说得好", "說得好", "赞同", "贊同", "同意", "确实", "確實", "真相", "有道理", "太对了", "太對了"}

// reportedQuotationZh reports whether a Chinese field quotes someone
// else's words (see the file comment).
func reportedQuotationZh(t *Text) bool {
	s := t.Original
	if !strings.ContainsAny(s, "“「『\"") || containsAny(s, quoteAgreementZh) || scornOutsideQuotesZh(t) {
		return false
	}
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "“「『\"")
		if j < 0 {
			return false
		}
		j += i
		before := strings.TrimRight(s[max(0, j-18):j], " 　：:，,")
		for _, f := range quoteFramesZh {
			if rest, ok := strings.CutSuffix(before, f); ok && !hasSuffixAny(rest, ownQuoteZh) {
				return true
			}
		}
		_, n := utf8.DecodeRuneInString(s[j:])
		i = j + n
	}
	return false
}

// scornOutsideQuotesZh reports whether the author's own words, outside the
// quotations, scorn a group themselves: a group named and a scorn word
// no negation denies ("什么叫“…”？就印度人那口音…都是骗子").
func scornOutsideQuotesZh(t *Text) bool {
	own := unquoted(t.Original)
	if own == t.Original {
		return false
	}
	ot := NewText(t.Field, own)
	return namesHateTargetZh(ot) && containsAny(ot.Skeleton.String(), scornWordsZh) && !deniedScornZh(ot)
}

// hasSuffixAny reports whether s ends with one of ws.
func hasSuffixAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// reAbuseDeedZh is an abuse named as a deed, in the skeleton (Simplified,
// no separators): a verb of abuse, up to six characters of whom, 的 and
// what carries it; someone doing it (有人在群里辱骂穆斯林); what was said to
// a group (你刚才对男同性恋说的那些话); 拿…开…玩笑;
// the bigots named by their bigotry.
var reAbuseDeedZh = regexp.MustCompile(
	`(?:辱骂|贬低|歧视|侮辱|攻击|嘲笑|嘲讽|抹黑|污名化|仇视|地域黑|丑化|羞辱)\p{Han}{1,6}的(?:那些|这些|那个|这个|那种|这种)?` +
		`(?:视频|帖子|帖|话|言论|评论|内容|段子|玩笑|人|博主|网友|主播|东西|文章|梗)` +
		`|有人\p{Han}{0,6}?(?:辱骂|贬低|侮辱|嘲笑|嘲讽|抹黑|丑化|羞辱)` +
		`|对\p{Han}{1,6}说的(?:那些|这些|那种|这种)?话` +
		`|拿\p{Han}{1,6}开\p{Han}{0,4}玩笑|(?:厌女|仇女|恐同|恐跨|种族主义)的(?:人|博主|网友|评论|言论|话)?`)

// abuseDeedZh reports whether a Chinese field names abuse as someone
// else's deed (see the file comment).
func abuseDeedZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Skeleton.String()
	return abuseDeedAnchorsZh.in(s) && reAbuseDeedZh.MatchString(s)
}

// abuseDeedAnchorsZh hold a word that every branch of reAbuseDeedZh needs
// (its verbs, 说的, 玩笑, the bigotries): most Chinese fields hold none and
// the expression is not run on them.
var abuseDeedAnchorsZh = newTermSet([]string{
	"辱骂", "贬低", "歧视", "侮辱", "攻击", "嘲笑", "嘲讽", "抹黑", "污名化", "仇视", "地域黑", "丑化", "羞辱",
	"说的", "玩笑", "厌女", "仇女", "恐同", "恐跨", "种族主义",
})

// abuseDeedSpansZh returns where a Chinese field names abuse as a deed, as
// spans of the original text: a hate finding there is the deed named, not
// done (拿残疾人开恶心的玩笑 holds a group and 恶心, as hate does).
func abuseDeedSpansZh(t *Text) []Span {
	if !t.HasHan {
		return nil
	}
	s := t.Skeleton.String()
	if !abuseDeedAnchorsZh.in(s) {
		return nil
	}
	var out []Span
	for _, m := range reAbuseDeedZh.FindAllStringIndex(s, -1) {
		out = append(out, t.Skeleton.OriginalSpan(m[0], m[1]))
	}
	return out
}

// reReclaimedZh is the author taking a slur as their own: 我就是你们说的女拳,
// 我就是你们口中的…: what others call them, said of themselves.
var reReclaimedZh = regexp.MustCompile(`我(?:就|也|都)?是(?:你们|他们|别人|大家|网上)(?:说|口中|嘴里|所谓|骂)的`)

// reclaimedZh reports whether a Chinese field has the author take a slur
// as their own.
func reclaimedZh(t *Text) bool {
	return t.HasHan && reReclaimedZh.MatchString(t.Skeleton.String())
}
