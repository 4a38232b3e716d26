package moderate

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// contactEvidence runs the contact detector and returns its evidence as
// the stage shows it (overlapping spans merged) with the highest score
// inside each span.
func contactEvidence(t testing.TB, body string) (texts []string, scores []float64) {
	t.Helper()
	fs, err := ContactDetector{}.Detect(context.Background(), NewText("body", body))
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(fs, func(a, b Finding) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return b.Span.End - a.Span.End
	})
	var spans []Span
	for _, f := range fs {
		if f.Category != models.CategorySpam {
			t.Errorf("finding %+v is not spam", f)
		}
		if n := len(spans); n > 0 && f.Span.Start < spans[n-1].End {
			spans[n-1].End = max(spans[n-1].End, f.Span.End)
			scores[n-1] = max(scores[n-1], f.Score)
			continue
		}
		spans = append(spans, f.Span)
		scores = append(scores, f.Score)
	}
	for _, sp := range spans {
		texts = append(texts, body[sp.Start:sp.End])
	}
	return texts, scores
}

func TestContactDetectorCatchesDisguises(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		body     string
		evidence string  // exactly as written
		score    float64 // at least
	}{
		// Spaced, padded and repeated.
		{"spaced 加 微 信", "想了解的 加 微 信 哦", "加 微 信", 0.9},
		{"a spaced app name with @ for a", "contactez-moi sur W h @ t s @ p p", "contactez-moi sur W h @ t s @ p p", 0.9},
		// An invitation into a group on another app (round 24).
		{"a Spanish invitation into a WhatsApp group", "entren al grupo de whatsapp q está en mi perfil", "entren al grupo de whatsapp", 0.9},
		{"a French invitation into a Telegram group", "rejoins mon groupe Telegram pour la méthode", "rejoins mon groupe Telegram", 0.9},
		{"an English invitation into a WhatsApp group", "join my whatsapp group, link in bio", "join my whatsapp group", 0.9},
		{"every rune tripled", "加加加微微微信信信", "加加加微微微信信信", 0.9},
		// Round 48 (F94): "wechat" before a handle that begins with its last
		// letter; the full-width spaced LINE of a sealed set still reads.
		{"a WeChat handle that begins with the t wechat ends with", "add my wechat trav3l_vip888 for the secret", "wechat trav3l_vip888", 0.6},
		{"circled letters spelling wechat", "add my ⓦⓔⓒⓗⓐⓣ trav3l_vip888 for the secret", "ⓦⓔⓒⓗⓐⓣ trav3l_vip888", 0.9},
		{"full-width spaced LINE", "想要的 加 Ｌ Ｉ Ｎ Ｅ：ｆｉｌｍ８８９", "加 Ｌ Ｉ Ｎ Ｅ：ｆｉｌｍ８８９", 0.9},
		// Round 51 (F135): a particle and an arrow between the platform and its ID.
		{"LINE, a particle, an arrow and an ID", "詳しくはLINEで→ ID: room_tokyo77 まで", "LINEで→ ID: room_tokyo77", 0.9},
		{"hearts as padding", "加💕微💕信 了解更多", "加💕微💕信", 0.9},
		{"tildes as padding", "加~V~信 送资料", "加~V~信", 0.9},
		{"plus and a spaced V", "好货 + V", "+ V", 0.9},
		{"heavy plus and full-width V", "资料➕Ｖ领取", "➕Ｖ", 0.9},
		{"plus with a letter pair spaced", "加 V X 详聊", "加 V X 详聊", 0.9},
		{"pinyin spaced", "感兴趣 加 wei xin", "加 wei xin", 0.9},
		{"letters spaced out with a handle", "w e i x i n: abc123", "w e i x i n: abc123", 0.9},
		{"a handle typed one character at a time", "详情看 i n s t a : r i n a _ 0 3 0 3", "i n s t a : r i n a _ 0 3 0 3", 0.9},
		{"a spaced handle after a spaced platform", "상담 → k a k a o : l o a n 7 7 7 (띄어쓰기 빼고)", "k a k a o : l o a n 7 7 7", 0.9},
		{"a counter word between", "加个V 了解", "加个V", 0.9},
		{"me between verb and platform", "加我微信", "加我微信", 0.9},
		// Homophones and look-alikes of WeChat.
		{"薇信 alone is a dodge", "薇信 abc", "薇信", 0.7},
		{"嶶信 alone is a dodge", "有需要嶶信", "嶶信", 0.7},
		{"V信 after 加", "想要的加V信聊", "加V信", 0.9},
		{"威信 with a handle", "威信:abc12345", "威信:abc12345", 0.9},
		{"维信 with a handle", "维信 abc12345", "维信 abc12345", 0.9},
		{"微芯 with Chinese numerals", "微芯 一二三四五六", "微芯 一二三四五六", 0.9},
		{"V❤ after 加", "加V❤了解", "加V❤", 0.9},
		{"V❤ with a handle", "V❤：abc123", "V❤：abc123", 0.9},
		{"薇❤ with a handle", "薇❤：xyz_888", "薇❤：xyz_888", 0.9},
		{"vx then a request", "vx联系", "vx联系", 0.9},
		{"vx with a handle", "vx：hello_2025 私聊", "vx：hello_2025", 0.9},
		{"the satellite emoji with a number", "🛰 12345678", "🛰 12345678", 0.9},
		{"the satellite emoji after 加", "加🛰 送教程", "加🛰", 0.9},
		{"green bubble slang", "加绿泡泡", "加绿泡泡", 0.9},
		{"a lone 微 before a handle", "加微 abc888", "加微", 0.9},
		// QQ, groups, Telegram.
		{"扣扣 with a number", "扣扣 12345678", "扣扣 12345678", 0.9},
		{"蔻蔻 with a number", "蔻蔻 12345678", "蔻蔻 12345678", 0.9},
		{"企鹅 after 加 with a number", "加企鹅 12345678", "加企鹅 12345678", 0.9},
		{"spaced qq with financial numerals", "q q 壹贰叁肆伍陆柒捌", "q q 壹贰叁肆伍陆柒捌", 0.9},
		{"qq with circled digits", "qq ①②③④⑤⑥⑦⑧", "qq ①②③④⑤⑥⑦⑧", 0.9},
		{"扣扣 with Chinese numerals", "扣扣 一二三四五六七八", "扣扣 一二三四五六七八", 0.9},
		{"QQ number with a request before", "有事找我 QQ 12345678", "找我 QQ 12345678", 0.9},
		{"裙 with a number", "福利裙 123456", "裙 123456", 0.9},
		{"君羊 with a number", "君羊 1234567", "君羊 1234567", 0.9},
		{"群号 with a number", "群号 123456", "群号 123456", 0.9},
		{"加群 with no number", "快来加群", "加群", 0.7},
		{"纸飞机 with a handle", "纸飞机 abc123", "纸飞机 abc123", 0.9},
		{"飞机 with a colon and a handle", "飞机：abc123", "飞机：abc123", 0.9},
		{"电报 with an at-handle", "电报 @abc", "电报 @abc", 0.9},
		// Numbers disguised with no platform named.
		{"phone in Chinese numerals", "电话：一三八一二三四五六七八", "电话：一三八一二三四五六七八", 0.8},
		{"digits and numerals mixed", "1三8一2三4五6七8", "1三8一2三4五6七8", 0.8},
		{"a numeral phone ending before a word", "电话：一三八一二三四五六七八加我", "电话：一三八一二三四五六七八", 0.8},
		{"a number before a word that starts with a numeral is plain", "咨询电话：010-5555-0188 参观时间：周一至周六", "010-5555-0188", 0.6},
		{"a phone number spelled out", "call me at eight six seven five three oh nine", "call me at eight six seven five three oh nine", 0.8},
		{"leet digit words after wechat", "WeChat: 0ne tw0 thr33 f0ur f1ve s1x", "WeChat: 0ne tw0 thr33 f0ur f1ve s1x", 0.9},
		// English requests and handles.
		{"add me on snap", "add me on snap for more", "add me on snap", 0.9},
		{"spaced and leet add me on snap", "a d d me on sn4p", "a d d me on sn4p", 0.9},
		{"dm me on telegram with a handle", "dm me on telegram @johnny_x", "dm me on telegram @johnny_x", 0.9},
		{"hit me up on kik", "hit me up on kik", "hit me up on kik", 0.9},
		{"find me on line", "find me on line", "find me on line", 0.9},
		{"whatsapp me", "whatsapp me for orders", "whatsapp me for orders", 0.9},
		{"snap me", "bored, snap me", "snap me", 0.9},
		{"tg colon handle", "tg: johnny", "tg: johnny", 0.9},
		{"ig colon handle with an underscore", "ig: food_lover", "ig: food_lover", 0.9},
		{"telegram at-handle", "telegram @abc", "telegram @abc", 0.9},
		{"my telegram is a handle", "my telegram is johnny99", "telegram is johnny99", 0.9},
		{"line colon handle", "line: abc_123", "line: abc_123", 0.9},
		{"leet inside telegram with a handle", "te1egram: @abc", "te1egram: @abc", 0.9},
		{"leet inside wechat with an id", "w3chat id abc123", "w3chat id abc123", 0.9},
		{"leet inside whatsapp as a verb", "wh4tsapp me", "wh4tsapp me", 0.9},
		{"a Discord tag", "my discord is abc#1234", "discord is abc#1234", 0.9},
		{"a platform name split by a space", "tele gram @abc", "tele gram @abc", 0.9},
		{"wa.me link", "order here wa.me/8613812345678", "wa.me/8613812345678", 0.8},
		{"t.me link", "join t.me/joinchat/abc", "t.me/joinchat/abc", 0.8},
		{"follow me on ig is cross-promotion", "follow me on ig", "follow me on ig", 0.7},
		{"contact me for price", "contact me for price", "contact me for price", 0.6},
		// The platform's own messages keep the buyer on the platform: a
		// finding that informs (and that illicit-sale rules can use), below
		// review in every market.
		{"dm for price", "DM for price", "DM for price", 0.4},
		{"message me for details", "message me for details", "message me for details", 0.4},
		{"price in dm", "price in dm", "price in dm", 0.4},
		{"link in bio names no app: it informs, as a link does", "link in bio", "link in bio", 0.4},
		{"links in bio", "all the recipes, links in bio", "links in bio", 0.4},
		{"menu in bio still asks to be contacted for an offer", "menu in bio", "menu in bio", 0.6},
		// Chinese requests naming no platform.
		{"加我", "想要的加我", "加我", 0.6},
		{"私我 asks for the platform's own messages", "想要的私我", "私我", 0.4},
		{"spaced 私 我", "私 我", "私 我", 0.4},
		{"滴滴我", "滴滴我", "滴滴我", 0.6},
		{"加我", "喜欢的加我", "加我", 0.6},
		{"加我 with a number", "加我 12345678", "加我 12345678", 0.9},
		{"看主页", "详情看主页", "看主页", 0.6},
		{"a request after 参加 is still one", "参加我们的活动加我微信", "加我微信", 0.9},
		// Emoji standing for a platform.
		{"the penguin emoji with a spaced QQ number", "名额有限 🐧 3 2 1 5 6 7 8 9", "🐧 3 2 1 5 6 7 8 9", 0.9},
		{"the penguin emoji after 加", "加🐧 12345678", "加🐧 12345678", 0.9},
		{"a green heart before a colon and a WeChat alias", "全网最低，💚：lvbag2025", "💚：lvbag2025", 0.9},
		{"I will send you my vx", "想要资料的扣1，我发你vx", "发你vx", 0.9},
		{"send me on WeChat", "有意向的发我微信", "发我微信", 0.9},
		// Japanese and Korean: the request follows the platform.
		{"a full-width LINE exchange", "ＬＩＮＥ交換しませんか？", "ＬＩＮＥ交換", 0.9},
		{"adding on KakaoTalk in katakana", "カカオ追加してね", "カカオ追加", 0.9},
		{"LINE then a particle then contact", "LINEで連絡ください", "LINEで連絡", 0.9},
		{"connecting on LINE wished for", "LINEで繋がれたら嬉しいです！IDはプロフに", "LINEで繋が", 0.9},
		{"a spaced KakaoTalk add", "카 톡 추 가 해 주 세 요", "카 톡 추 가", 0.9},
		{"a LINE exchange wished for still asks", "よかったらLINE交換したいです", "LINE交換", 0.9},
		{"KakaoTalk with a particle and contact", "카톡으로 연락주세요", "카톡으로 연락", 0.9},
		{"a Kakao id", "카톡 아이디 sunny22", "카톡 아이디 sunny22", 0.9},
		{"a Kakao id with the platform and the label spaced", "카 톡 아 이 디 ausfarm77 로 연락 주세요", "카 톡 아 이 디 ausfarm77", 0.9},
		{"a Kakao id spelt in Hangul before an add", "카톡 아이디 아이폰나눔 추가하고 참여하세요", "카톡 아이디 아이폰나눔", 0.9},
		{"LINE as Taiwan calls it, with a handle", "賴：@tea_shop88 代購", "賴：@tea_shop88", 0.9},
		{"plus and the first character of a WeChat homophone with a handle", "➕威：tea_8866 带你赚", "➕威：tea_8866", 0.9},
		{"WeChat as the green app with a handle", "加我绿色软件 kk2299", "加我绿色软件 kk2299", 0.9},
		{"the WeChat account is the phone number", "VX同号，直接搜", "VX同号", 0.9},
		{"add me on LINE as Taiwan calls it", "想要的加我賴", "加我賴", 0.9},
		{"Telegram in Hangul with a handle", "텔레그램 @deal_kr", "텔레그램 @deal_kr", 0.9},
		// German, French, Spanish and Portuguese requests.
		{"add me on WeChat in German", "Füg mich auf WeChat hinzu: lena_de77", "Füg mich auf WeChat", 0.9},
		{"write me on Telegram in German", "schreib mir auf Telegram", "schreib mir auf Telegram", 0.9},
		{"add me on Snap in French", "ajoute-moi sur Snap", "ajoute-moi sur Snap", 0.9},
		{"get in touch on WhatsApp in German", "Nebenjob gesucht? melde dich auf WhatsApp", "melde dich auf WhatsApp", 0.9},
		{"get in touch on Telegram in German, to a group", "meldet euch per Telegram", "meldet euch per Telegram", 0.9},
		{"contact me on WhatsApp in French", "contactez-moi sur WhatsApp", "contactez-moi sur WhatsApp", 0.9},
		{"add me on WhatsApp in Spanish", "agrégame al WhatsApp", "agrégame al WhatsApp", 0.9},
		{"write me on Telegram in Spanish", "escríbeme por Telegram", "escríbeme por Telegram", 0.9},
		{"call me on Zap in Portuguese", "me chama no zap", "chama no zap", 0.9},
		{"add me on Insta in Portuguese", "me adiciona no insta", "adiciona no insta", 0.9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			texts, scores := contactEvidence(t, tt.body)
			i := slices.Index(texts, tt.evidence)
			if i < 0 {
				t.Fatalf("evidence %q not among %q", tt.evidence, texts)
			}
			if scores[i] < tt.score {
				t.Errorf("score %.2f for %q, want at least %.2f", scores[i], tt.evidence, tt.score)
			}
		})
	}
}

func TestContactDetectorAllowsInnocentText(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, body string }{
		{"WeChat Pay is a product", "微信支付很方便"},
		{"a shop sends readers to its profile for the address", "阿嬤的土雞城 營業時間 11:00-20:00，地址請看主頁置頂"},
		{"a LINE exchange told in the past tense asks nothing", "マッチングアプリの人とLINE交換した、ID送るだけで手震えた"},
		{"a KakaoTalk add told in the past tense asks nothing", "소개팅 상대랑 카톡 추가했어 떨린다"},
		{"old classmates connected on LINE, told in the past tense", "昔の同級生とLINEで繋がった、嬉しい"},
		{"a Kakao nickname in Hangul with nothing to add", "카톡 아이디 바꿨어요 이제 닉네임이 달라요"},
		{"a warning not to join groups", "Ne rejoignez pas ces groupes Telegram, signalez-les"},
		{"a Spanish warning not to join a group", "no entren a ese grupo de telegram, es estafa"},
		{"joining a group once is no invitation", "I joined a whatsapp group for my building last year"},
		{"an app after a preposition is where, not a verb", "Um cara no Telegram me ofereceu investir em cripto, é golpe?"},
		{"news about WeChat", "微信支付用户数增长，腾讯表示微信将推出新功能"},
		{"WeChat contacts are a feature", "微信联系人怎么删"},
		{"a WeChat version is no handle", "微信8.0.50版本更新"},
		{"a WeChat report year is no handle", "微信 2024 年度报告"},
		{"WeChat in an English headline", "WeChat: the super app"},
		{"an opinion about WeChat", "wechat is great"},
		{"calling mom on WhatsApp", "I use WhatsApp to call my mom"},
		{"spaced-out words after a platform are no handle", "insta: i love it so much"},
		{"spaced letters with no digit are no handle", "whatsapp : a b c d e f"},
		{"a WhatsApp release", "WhatsApp 2.0 released"},
		{"Telegram in the news", "Telegram CEO Pavel Durov arrested"},
		{"following here is on the platform", "follow me here for more recipes"},
		{"a crisis hotline", "心理援助热线 400-161-9995"},
		{"a Spanish crisis line that reads as a mobile", "Teléfono de la Esperanza: 717 003 717, atienden a cualquier hora"},
		{"the same line with the country code", "Si lo pasas mal, llama al +34 717 003 717"},
		{"扣扣 is a pet's name", "我家扣扣今天三岁了"},
		{"QQ Music", "QQ音乐的会员又涨价了"},
		{"adding QQ Music membership", "加QQ音乐会员"},
		{"a QQ mailbox", "我用QQ邮箱"},
		{"a penguin", "企鹅很可爱"},
		{"prestige 威信", "他在村里很有威信"},
		{"raising prestige", "这样做能增加威信"},
		{"mild spice in an order", "牛肉面加微辣"},
		{"a pinch of salt", "加微量的盐"},
		{"joining our event", "欢迎参加我们的活动"},
		{"count me in", "加我一个"},
		{"a takedown notice", "如有侵权请联系我删除"},
		{"a ride-hailing app", "滴滴打车很方便"},
		{"a drop of water", "一滴我都没喝"},
		{"selfishness", "他很自私我不喜欢"},
		{"a secret across a comma", "这是机密，我不能说"},
		{"joining a reading group", "我加了一个读书群"},
		{"looking for a chat group", "找个群聊天"},
		{"a group's size", "这个群 100000 人"},
		{"taking a plane", "坐飞机去北京"},
		{"paste shortcut", "Ctrl+V to paste"},
		{"a quarter and a year", "Q1 2025 revenue"},
		{"an IQ score", "IQ 130"},
		{"an engine", "V8 engine"},
		{"a fan's heart for V", "I love V ❤ so much"},
		{"counting in Chinese", "一二三四五六七八九十"},
		{"a list in circled digits with text", "①选题 ②拍摄 ③剪辑"},
		{"standing in line", "stand in line: everyone waits"},
		{"a line manager", "I love my line manager"},
		{"a QQ digit run is not folded into letters", "qq 2025年"},
		{"V me 50 meme", "v我50"},
		{"a Weibo handle is not WeChat", "微博 @abc"},
		{"penguins at the zoo", "动物园的🐧 有 12 只"},
		{"a green heart before words", "好喜欢💚：今天也要开心"},
		{"sending a file", "我发你的文件收到了吗"},
		{"a haircut", "头发你剪短了吗"},
		{"online registration in Japanese", "オンライン登録はこちら"},
		{"a LINE news headline in Japanese", "LINEが新機能を追加"},
		{"online inquiries in Korean", "온라인 문의 가능합니다"},
		{"eyeliner in Korean", "아이라인 추가로 그렸어요"},
		{"KakaoTalk news in Korean", "카카오톡에 새 기능이 추가됐다"},
		{"a television in Korean", "텔레비전 문의"},
		{"writing on Instagram in French", "j'écris sur Instagram depuis 2015"},
		{"news about WeChat in German", "WeChat fügt neue Funktionen hinzu"},
		{"a Telegram channel in Spanish news", "el gobierno publicó en Telegram el comunicado"},
		{"zapping in Portuguese", "o Zap é o app mais usado no Brasil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			texts, scores := contactEvidence(t, tt.body)
			for i, s := range scores {
				if s >= 0.5 {
					t.Errorf("finding %q scores %.2f", texts[i], s)
				}
			}
		})
	}
}

// contactDisguises are the ways authors pad a request; FuzzContactDetect
// applies them in combination.
var contactDisguises = []func(string) string{
	func(s string) string { return interleave(s, " ") },
	func(s string) string { return interleave(s, "~") },
	func(s string) string { return interleave(s, "\u200b") },
	fullWidth,
	strings.ToUpper,
	func(s string) string { return repeatRunes(s, 3) },
	func(s string) string { return interleave(s, "💕") },
	func(s string) string { return strings.NewReplacer("微信", "薇信", "qq", "扣扣").Replace(s) },
}

// repeatRunes writes each rune n times (加加加微微微信信信).
func repeatRunes(s string, n int) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(strings.Repeat(string(r), n))
	}
	return b.String()
}

// FuzzContactDetect feeds untrusted text through the contact detector: no
// panic, spans on rune boundaries of the input; and a request disguised by
// any combination of the paddings above is still found with evidence
// inside the disguised request.
func FuzzContactDetect(f *testing.F) {
	for _, s := range []string{"加V信", "加 微 信", "vx联系", "➕Ｖ", "qq ①②③④⑤", "wechat: 0ne tw0", "t.me/x", "加💕", "私 我", "🛰", "1三8一2三4五6", "a d d me on sn4p", "\xff加\xfe微信"} {
		f.Add(s, uint8(0))
	}
	requests := []string{"加微信", "加qq", "加vx", "加v信"}
	f.Fuzz(func(t *testing.T, s string, ops uint8) {
		fs, err := ContactDetector{}.Detect(context.Background(), NewText("body", s))
		if err != nil {
			t.Fatal(err)
		}
		boundary := make([]bool, len(s)+1)
		for i := 0; i < len(s); {
			boundary[i] = true
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		boundary[len(s)] = true
		for _, x := range fs {
			if x.Span.Start < 0 || x.Span.End > len(s) || x.Span.Start >= x.Span.End {
				t.Fatalf("span %v of %q", x.Span, s)
			}
			if !boundary[x.Span.Start] || !boundary[x.Span.End] {
				t.Fatalf("span %v not on rune boundaries of %q", x.Span, s)
			}
		}
		req := requests[int(ops>>5)%len(requests)]
		for k, op := range contactDisguises {
			if ops&(1<<k) != 0 && k < 5 || ops>>5 == 7 && k >= 5 {
				req = op(req)
			}
		}
		body := "看这里 " + req + " 了"
		fs, _ = ContactDetector{}.Detect(context.Background(), NewText("body", body))
		lo, hi := len("看这里 "), len(body)-len(" 了")
		for _, x := range fs {
			if x.Score >= 0.7 && x.Span.Start >= lo && x.Span.End <= hi {
				return
			}
		}
		t.Fatalf("%q not found: %+v", body, fs)
	})
}

func TestStageModeratesContactRequestsPerMarket(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	tests := []struct {
		name     string
		body     string
		cn, intl models.Decision
	}{
		{"a spaced WeChat request blocks in cn and is reviewed in intl", "加 微 信 了解", models.DecisionBlock, models.DecisionReview},
		{"a generic request is reviewed in cn only", "喜欢的加我", models.DecisionReview, models.DecisionAllow},
		{"a request for the platform's own messages is allowed", "红烧肉做法私我", models.DecisionAllow, models.DecisionAllow},
		{"a telegram request with a money lure is blocked in cn and reviewed in intl", "earn $300 a day, dm me on telegram @johnny_x", models.DecisionBlock, models.DecisionReview},
		{"a plain telegram request with no sign of spam is reviewed in cn only", "chess club on sundays, dm me on telegram @johnny_x", models.DecisionReview, models.DecisionAllow},
		{"a telegram request that is the whole note is blocked in cn and reviewed in intl", "dm me on telegram @johnny_x", models.DecisionBlock, models.DecisionReview},
		{"calling mom on WhatsApp is allowed", "I use WhatsApp to call my mom", models.DecisionAllow, models.DecisionAllow},
		{"a book club's WhatsApp group is reviewed in cn only", "Our Saturday book club meets at the library café, join our WhatsApp group to get the reading list!", models.DecisionReview, models.DecisionAllow},
		{"a WhatsApp group with money to be made is blocked in cn and reviewed in intl", "entren al grupo de whatsapp q está en mi perfil, ganen dinero desde casa", models.DecisionBlock, models.DecisionReview},
		{"WeChat Pay is allowed", "微信支付很方便", models.DecisionAllow, models.DecisionAllow},
		{"lying in bed is no LINE", "周末又賴床到中午，越來越依賴咖啡了：每天三杯", models.DecisionAllow, models.DecisionAllow},
		{"a bar's official Instagram in its listing is allowed", "Bartender here: our signature cocktail is the Moby Dick. Happy hour 6-8pm, official IG @tasca_azul. Come thirsty!", models.DecisionAllow, models.DecisionAllow},
		{"a guesthouse's LINE beside a warning not to trust private transfers is allowed", "本民宿營業時間早上8點到晚上10點，官方LINE帳號 @minsu_official，訂房請走官方平台，不要相信私下轉帳喔", models.DecisionAllow, models.DecisionAllow},
		{"distrust of one thing does not cover a transfer asked for in the next clause", "不要相信别人，私下转账给我，加我LINE @minsu_tw", models.DecisionBlock, models.DecisionReview},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Body: tt.body}}
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			if got := n.Moderation.Markets; got["cn"] != tt.cn || got["intl"] != tt.intl {
				t.Errorf("decisions %v, want cn %s intl %s; labels %+v", got, tt.cn, tt.intl, n.Moderation.Labels)
			}
		})
	}
}

func TestContactDetectorReadsPhishingDomains(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		body     string
		evidence string // the domain as written; "" for no finding
	}{
		{"defanged on a common TLD", "verify now at bank-secure[.]com before noon", "bank-secure[.]com"},
		{"a throwaway TLD", "再配達はこちら parcel-jp.top から", "parcel-jp.top"},
		{"a subdomain on a throwaway TLD", "확인하기: health-check.kr-notice.xyz", "health-check.kr-notice.xyz"},
		{"a hyphenated lure on a country TLD", "regularize pelo link multa-regulariza.com.br hoje", "multa-regulariza.com.br"},
		{"a hyphenated lure on .net", "Bitte zahlen: post-paket-info.net", "post-paket-info.net"},
		{"an ordinary domain", "I bought it on example.com last week", ""},
		{"a brand's own subdomain", "see support.apple.com for the steps", ""},
		{"a hyphenated name without a lure", "our bakery is at rose-and-crumb.com", ""},
		{"an e-mail address", "write to help@mail-verify.top", ""},
		{"an abbreviation", "e.g. bread, U.S.A. and Mr.Smith", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, r := range phishingDomains(NewText("body", tt.body).Folded.String()) {
				got = append(got, NewText("body", tt.body).Folded.String()[r[0]:r[1]])
			}
			switch {
			case tt.evidence == "" && len(got) > 0:
				t.Errorf("%q: phishing domains %q, want none", tt.body, got)
			case tt.evidence != "" && !slices.Contains(got, tt.evidence):
				t.Errorf("%q: phishing domains %q, want %q", tt.body, got, tt.evidence)
			}
		})
	}
	texts, scores := contactEvidence(t, "Your parcel is on hold, pay the fee at parcel-redelivery[.]top today")
	if !slices.Contains(texts, "parcel-redelivery[.]top") {
		t.Fatalf("contact evidence %q lacks the phishing domain", texts)
	}
	if i := slices.Index(texts, "parcel-redelivery[.]top"); scores[i] < scorePhishing {
		t.Errorf("phishing domain scored %.2f, want at least %.2f", scores[i], scorePhishing)
	}
}
