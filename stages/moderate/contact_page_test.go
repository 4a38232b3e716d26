package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

// A listing's public page (contact_page.go) is allowed in both markets; a
// messenger id in the same listing, or a page handle outside a listing or
// beside bait, is still reviewed in cn.
func TestListingPagesAreAllowedWhileMessengersStayReviewedInCN(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	tests := []struct {
		name, body string
		cn, intl   models.Decision
	}{
		{"a night-market stall gives its hours and its official Instagram",
			"寧夏夜市阿婆豆花：營業時間 18:00–00:30，週一公休，官方 IG @ningxia_douhua，不接受私訊訂位喔",
			models.DecisionAllow, models.DecisionAllow},
		{"a martial-arts class gives its days, its phone and its page",
			"詠春班招生：黐手、木人樁，逢星期二四晚 7:30，旺角道場，電話 2789 0000，IG @wingchun_mk",
			models.DecisionAllow, models.DecisionAllow},
		{"a bakery in English gives its opening hours and its Instagram",
			"Rosie's Donuts, open Tue–Sun 7am–3pm, follow our Instagram @rosiesdonuts for the daily flavours",
			models.DecisionAllow, models.DecisionAllow},
		{"a Korean bakery's Instagram named in Hangul beside its hours",
			"동네 빵집 소금빵 오늘도 완판 감사합니다🙏 영업시간 화~일 8시~18시, 공지는 인스타 @sogeum_bakery 에서 확인해 주세요",
			models.DecisionAllow, models.DecisionAllow},
		{"a singer's official Instagram named a few words before the handle",
			"周杰倫的官方IG是 @jaychou，大家去追蹤新歌消息",
			models.DecisionAllow, models.DecisionAllow},
		{"the same stall's LINE id opens a private chat and is reviewed in cn",
			"寧夏夜市阿婆豆花：營業時間 18:00–00:30，週一公休，訂位請加 LINE：douhua_ningxia",
			models.DecisionReview, models.DecisionAllow},
		{"a salon's official LINE account beside its hours is followed like a page",
			"カフェ・ミモザ 営業時間 10:00-19:00（火曜定休）ご予約は公式LINE @mimosa_cafe まで",
			models.DecisionAllow, models.DecisionAllow},
		{"the same café's plain LINE id is a person's chat and is reviewed in cn",
			"カフェ・ミモザ 営業時間 10:00-19:00（火曜定休）ご予約はLINE @mimosa_cafe まで",
			models.DecisionReview, models.DecisionAllow},
		{"an official LINE that promises stock tips is bait, not a listing",
			"公式LINE @kabu_master を追加で今月の注目銘柄を無料配信！月収100万も夢じゃない",
			models.DecisionBlock, models.DecisionReview},
		{"a page handle with no listing is a move off the platform in cn",
			"大家來追蹤我的 IG @mei_daily 啦",
			models.DecisionReview, models.DecisionAllow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := moderateBody(t, s, tt.body)
			if got := n.Moderation.Markets; got["cn"] != tt.cn || got["intl"] != tt.intl {
				t.Errorf("%q: cn %s intl %s, want %s %s; labels %+v", tt.body, got["cn"], got["intl"], tt.cn, tt.intl, n.Moderation.Labels)
			}
		})
	}
}

func TestPublicPageNamesAPageAndNoMessenger(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ev   string
		want bool
	}{
		{"IG @abc_tutor", true},
		{"Instagram: @rosiesdonuts", true},
		{"小紅書 @hk_bakery", true},
		{"LINE：douhua_ningxia", false},
		{"WhatsApp / IG @shop", false},
		{"@someone", false},
		{"公式LINE @mimosa_cafe", true},
		{"카카오톡 채널 @bomnal", true},
	}
	for _, tt := range tests {
		if got := publicPage(tt.ev); got != tt.want {
			t.Errorf("publicPage(%q) = %v, want %v", tt.ev, got, tt.want)
		}
	}
}
