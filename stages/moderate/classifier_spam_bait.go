package moderate

import (
	"strings"
	"unicode"

	"github.com/notegate/notegate/models"
)

// The trained classifier learnt spam from SMS and comment spam, where
// nearly every message carries its bait: a link, a number, a handle, money
// or a prize, a call to follow or to write. Alone it also reads friendly
// imperatives as spam ("please check on your friends" after a news item
// scored 0.79). A spam finding of the classifier in a field with none of
// that bait keeps its label for reviewers and decides nothing; the
// contact detector, the rules and the lexicons, which read the bait
// themselves, are not capped.

// capClassifierSpamWithoutBait: a classifier spam finding in a field with
// no bait.
func capClassifierSpamWithoutBait(t *Text, source string, x *Finding, _ *[]Span) {
	if fromClassifier(source) && x.Category == models.CategorySpam && x.Score > reportedScoreCap && !spamBait(t) {
		x.Score = reportedScoreCap
	}
}

// spamBait reports whether the field holds what spam needs to pay off: a
// run of three digits (a number, an amount, an id), a link or handle
// mark, a currency sign, or one of spamBaitWords.
func spamBait(t *Text) bool {
	s := t.Folded.String()
	digits := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			if digits++; digits >= 3 {
				return true
			}
			continue
		case strings.ContainsRune("@$€£¥₩＄￥#", r):
			return true
		}
		digits = 0
	}
	return spamBaitWords.anyTerm(s) || spamBaitWords.anyTerm(collapseStretch(s))
}

// collapseStretch writes a run of three or more of one letter once
// ("SUBSCRIBEEEE" is "subscribe"), as shouted spam stretches its words.
func collapseStretch(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && rs[j] == rs[i] {
			j++
		}
		n := j - i
		if n >= 3 {
			n = 1
		}
		for range n {
			b.WriteRune(rs[i])
		}
		i = j
	}
	return b.String()
}

// spamBaitWords are folded (lower case, accents removed, Simplified
// Chinese); Latin ones match as whole words, the others anywhere.
var spamBaitWords = newTermSet(foldTerms([]string{
	// Links, handles and channels.
	"http", "https", "www", ".com", ".net", ".cn", ".io", "t.me", "bit.ly", "link", "links", "bio", "url", "website", "site",
	"channel", "subscribe", "subscribers", "follow me", "follow back", "follow for follow", "check out my", "my page", "my profile",
	"dm", "dms", "inbox", "pm me", "message me", "text me", "whatsapp", "telegram", "wechat", "line id", "kakao", "snapchat", "snap",
	"signal", "discord", "instagram", "ig", "onlyfans", "zap", "wpp",
	// Self-promotion and the replies SMS spam asks for.
	"check out", "check me", "check my", "check this", "check it out", "watch", "like this", "subscriber", "follow", ".ly", "checkout", "sub", "subs", "sub me", "sub4sub", "subscribed",
	"subscribing", "video", "videos", "vid", "vids", "playlist", "youtube", "song", "songs", "mixtape", "my music", "my band",
	"share", "like and", "likes", "views", "text", "txt", "reply", "send", "call", "order", "ordered", "download", "tones",
	"ringtone", "mobile", "msg", "email", "e-mail", "stop", "unsubscribe", "chat", "singles", "dating", "date", "xxx", "sexy",
	"club", "member", "membership", "service", "customer", "ur", "2day", "pls", "plz", "visit", "go to", "sign up", "register",
	"join",
	// Money, prizes and offers.
	"free", "win", "winner", "won", "prize", "reward", "rewards", "cash", "money", "earn", "earning", "earnings", "income", "profit",
	"invest", "investment", "crypto", "bitcoin", "btc", "usdt", "forex", "giveaway", "gift card", "voucher", "coupon", "promo",
	"discount", "offer", "deal", "deals", "sale", "bonus", "loan", "loans", "credit", "claim", "click", "limited", "urgent",
	"congratulations", "selected", "verify", "account", "job", "jobs", "hiring", "work from home", "per day", "per hour",
	"gratis", "ganar", "dinero", "oferta", "descuento", "premio", "trabajo", "ganhe", "dinheiro", "desconto", "renda",
	"gratuit", "gagner", "argent", "offre", "cadeau", "kostenlos", "verdienen", "geld", "angebot", "rabatt", "gewinn",
	"gewinnspiel",
	// Chinese, Japanese, Korean.
	"加我", "加v", "加微", "微信", "威信", "薇信", "vx", "私信", "私聊", "私我", "代理", "兼职", "赚", "日结", "返利", "优惠", "免费",
	"领取", "红包", "福利", "扫码", "二维码", "联系", "咨询", "下单", "链接", "主页", "关注", "粉丝", "点赞", "互粉", "引流", "客服",
	"副業", "稼", "無料", "限定", "プレゼント", "公式", "ライン", "友達追加", "リンク", "登録", "プロフ",
	"부업", "수익", "무료", "카톡", "오픈채팅", "텔레", "링크", "할인", "이벤트", "문의", "선착순",
}))
