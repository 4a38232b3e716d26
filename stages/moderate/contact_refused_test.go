package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

// A request for recommendations that turns down DMs and messenger adds is
// allowed in every market; a spammer's request, with or without a refusal
// in another clause, still counts.
func TestRefusedContactIsNoRequest(t *testing.T) {
	s := newTestStage(t)
	cases := []struct {
		name, body string
		flagged    bool
	}{
		{"a Chinese question that refuses WeChat adds", "想找个靠谱的健身教练，别私信推销，也别让我加微信，评论区聊就行", false},
		{"a Chinese question that needs no WeChat", "有没有好吃的火锅店推荐？不用加我微信，直接回复就好", false},
		{"a Japanese free share that needs no LINE add", "町内会のお知らせ：古本を無料でお譲りします。申し込みやLINE追加は不要です、日曜に集会所へどうぞ", false},
		{"a Korean free share that needs no KakaoTalk add", "아이 옷 무료 나눔해요! 카톡 추가도 필요 없고 토요일에 경비실 앞으로 오시면 돼요", false},
		{"a Traditional Chinese refusal", "求推薦台北的牙醫，謝絕私信，也不要叫我加LINE，留言就好", false},
		{"a warning that tells readers never to add the group", "提醒：假理財群組的老師會說帶你賺，千萬別加LINE", false},
		{"a Japanese refusal", "おすすめのピアノ教室を教えてください。勧誘のDMやLINE追加はお断りです", false},
		{"a Korean refusal", "강아지 미용실 추천 부탁해요 카톡 추가 요청은 사절이에요 댓글로 알려주세요", false},
		{"an English refusal", "need a plumber in Leeds, please no DMs, don't ask me to add you on WhatsApp, reply here", false},
		{"a Spanish refusal", "¿algún fisio bueno en Sevilla? no me pidan WhatsApp, respondan aquí", false},
		{"a French refusal", "un bon garage à Nantes ? pas de MP, ne me demandez pas mon WhatsApp", false},
		{"a shop warning that it never asks for WeChat adds", "唯一官方账号就是本号，我们不会私信让大家加微信或转账，请谨防冒充客服的骗子", false},
		{"a giveaway that says it will never ask to add LINE", "抽獎活動｜送出手作骷髏胸針5個，按讚+留言抽出。不用付運費，不會要你加LINE或匯款，假帳號請直接檢舉", false},
		{"an English shop warning against impostors", "This is our only account. We will never ask you to add us on WhatsApp or pay a fee, beware of fakes", false},
		{"a parent telling what a stranger asked of her daughter", "家長求救 🙏 我國小五年級的女兒玩 Roblox，有陌生人一直說要送她 Robux，還叫她加 Discord 私聊。這樣是不是要警覺？", false},
		{"an English parent telling what a stranger asked of his son", "a stranger in the game chat asked my son to add him on Snapchat, how do I report this?", false},
		{"a Japanese parent telling her son was asked for a LINE exchange", "中学生の娘がゲームのチャットで知らない人からLINE交換を求められたそうです。学校には相談済み、設定を見直します", false},
		{"a Korean parent telling a stranger asked his son to add him", "게임에서 모르는 어른이 아들한테 카톡 추가하자고 했대요. 신고 방법 아시는 분?", false},
		{"a German job ad that refuses WhatsApp jobs in a compound", "Barista (m/w/d) gesucht, Teilzeit, Bewerbung persönlich im Café. Keine Gebühren, kein WhatsApp-Job-Quatsch", false},
		{"a Chinese parent who heard strangers lure children to WeChat", "女儿刚上初一，听说有人会在游戏里套孩子年龄再骗加微信，怎么设置防护？", false},
		{"a studio's notice against private WeChat fees", "本画室报名请到前台，不要相信任何私人加微信收费的", false},
		{"a refusal in another clause leaves the request", "别私信了，直接加微信，日赚五百", true},
		{"a handle after a spaced hyphen still counts", "Nebenjob, 300 € am Tag, add me on wechat - abc12345", true},
		{"a request with a handle counts whatever it says", "不用私信，加我微信 money8899 领资料", true},
		{"a Japanese request after a refusal of comments", "コメントは返せません、LINE追加で副業の詳細を送ります", true},
		{"a Korean 'don't hesitate' is no refusal", "부업 문의 주저하지 마세요 카톡 추가 주세요 수익 보장", true},
		{"an English casino ad is no refusal", "best online casino dm me for the bonus link", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := noteWithBody(c.body)
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			if got := n.Moderation.Markets["cn"] != models.DecisionAllow; got != c.flagged {
				t.Errorf("cn %s, want flagged %v; labels %+v", n.Moderation.Markets["cn"], c.flagged, n.Moderation.Labels)
			}
		})
	}
}
