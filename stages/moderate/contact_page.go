package moderate

import (
	"strings"
	"unicode/utf8"
)

// A listing's public page: a shop, a clinic, a class or a stall gives its
// hours, its phone and its Instagram or Facebook page ("營業時間 18:00–00:30
// … 官方 IG @ningxia_douhua", "Open Tue–Sun … IG @rosiesdonuts"). A page is
// public: whoever follows it reads what the business posts for everyone,
// where a messenger id (WeChat, LINE, Telegram, WhatsApp, QQ, KakaoTalk)
// opens a private conversation with a stranger, which is how off-platform
// scams start. So in a field that is a business listing (listingField)
// with no sign of spam, a handle named as a public page's informs
// (scoreInApp) in every market; a messenger id stays reviewed in cn
// (contact_plain.go).

// publicPages name the platforms of public pages (folded: lower case,
// Simplified).
var publicPages = foldTerms([]string{
	"ig", "insta", "instagram", "fb", "facebook", "threads", "youtube", "yt", "tiktok", "抖音", "小红书", "微博", "脸书",
	// Round 41: the pages' names in kana and Hangul ("공식 인스타 @cafe_haneul").
	"インスタ", "インスタグラム", "フェイスブック", "ユーチューブ", "인스타", "인스타그램", "페이스북", "페북", "유튜브", "틱톡",
})

// capListingPages lowers a capped handle finding to scoreInApp when its
// evidence names a public page and its field is a business listing.
// found holds every finding of the note's texts; suffix is the findings'
// source suffix. It runs after capPlainContact, which leaves a handle at
// plainContactCap only when the note carries no sign of spam.
func capListingPages(found []fieldFinding, texts []*Text, suffix string) {
	contactSource := "contact" + suffix
	for i := range found {
		f := &found[i]
		if f.source != contactSource || f.Rule != "handle" || f.Score != plainContactCap {
			continue
		}
		t := textOf(texts, f.field)
		if t == nil || f.Span.Start < 0 || f.Span.End > len(t.Original) {
			continue
		}
		if publicPage(t.Original[labelStart(t.Original, f.Span.Start):f.Span.End]) && listingField(t.Folded.String()) {
			f.Score = scoreInApp
		}
	}
}

// listingField reports whether a folded field reads as a business's
// listing: it names a business or what its customers do (hours,
// bookings, enrolment), with no bait and no person's own contact.
func listingField(s string) bool {
	if lures.anyWord(s) || ownContact.anyWord(s) {
		return false
	}
	return businessPlaces.anyTerm(s) || businessUses.anyWord(s)
}

// pageLabelRunes is how far before a handle its page's name may stand
// ("官方IG是 @jaychou", "IG 帳號：@x", "Insta is @y").
const pageLabelRunes = 6

// labelStart is the byte offset pageLabelRunes runes before start in s
// (or 0), where the name of the handle's page may begin.
func labelStart(s string, start int) int {
	i := start
	for n := 0; n < pageLabelRunes && i > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// publicPage reports whether the evidence of a handle names a public
// page's platform ("IG @abc_tutor", "Instagram: @x") and no messenger.
func publicPage(ev string) bool {
	s := NewText("body", ev).Folded.String()
	if officialChannels.anyTerm(s) {
		return true
	}
	if privateMessengers.anyWord(s) {
		return false
	}
	// A platform's name is a word where no ASCII letter or digit touches
	// it: "ig" in "官方ig是" but not in "big" (wordEdge would count the Han).
	for _, w := range publicPages {
		for k := 0; ; {
			at := strings.Index(s[k:], w)
			if at < 0 {
				break
			}
			at += k
			if !isASCIIWordByte(w[0]) || numberEdge(s, at, at+len(w)) {
				return true
			}
			k = at + 1
		}
	}
	return false
}

// officialChannels name a messenger's accounts for businesses (folded):
// LINE's official accounts (公式LINE), KakaoTalk's channels, WhatsApp
// Business. A customer follows one as a page, to read what the shop
// broadcasts and to book, as with an Instagram page; a messenger id
// without the name is a person's. Only in a business listing with no
// bait (listingField) do they inform: an investment scam's "公式LINEで
// 銘柄を無料配信" carries bait and keeps its score.
var officialChannels = newTermSet(foldTerms([]string{
	"公式line", "line公式", "官方line", "官方 line", "line官方", "line 官方", "line official", "official line", "line oficial", "line officiel",
	"카카오톡 채널", "카톡 채널", "카카오 채널", "카카오채널", "카톡채널", "kakao channel", "kakaotalk channel",
	"whatsapp business", "whatsapp comercial", "whatsapp empresa",
}))

// privateMessengers name private messengers (folded).
var privateMessengers = newTermSet(foldTerms([]string{
	"wechat", "weixin", "wx", "vx", "line", "telegram", "tg", "whatsapp", "wa", "qq", "kakao", "kakaotalk", "signal", "微信", "电报",
}))
