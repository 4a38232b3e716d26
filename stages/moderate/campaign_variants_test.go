package moderate

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
)

// campaignFamilies are hand-written campaigns whose copies edit
// themselves: each list is one campaign, whatever its copies change.
var campaignFamilies = []struct {
	name   string
	copies []string
}{
	{"a red-packet lure with batch counters, emoji, spacing and zero-width", func() []string {
		base := "限时福利！点击主页链接领取新人红包，每天签到还能再领现金奖励，名额有限先到先得"
		return []string{
			base,
			"第1批：" + base,
			"第12批：" + base,
			"第１３批 " + base,
			"第三批 " + base,
			"🔥🔥" + base + "🧧🧧",
			interleave(base, " "),
			interleave(base, "\u200b"),
			strings.NewReplacer("！", "!!!", "，", "~").Replace(base),
			"【" + base + "】",
		}
	}()},
	{"a part-time job lure with a changing handle", []string{
		"兼职日结，手机就能做，每天两小时，加V信 abc123 了解详情，名额有限",
		"兼职日结，手机就能做，每天两小时，加V信 kk_8899 了解详情，名额有限",
		"兼职日结，手机就能做，每天两小时，加V信 @happy2025 了解详情，名额有限",
		"兼职日结！手机就能做！每天两小时！加V信 zz777 了解详情！名额有限！",
		"兼职日结，手机就能做，每天2小时，加V信 qq10086 了解详情，名额有限",
		"【第5期】兼职日结，手机就能做，每天两小时，加V信 lucky_01 了解详情，名额有限",
	}},
	{"an English money scheme with batch numbers and handles", []string{
		"Batch 12: earn $500 a day from home, no experience needed, message me on telegram @cash_king for details",
		"Batch 13: earn $500 a day from home, no experience needed, message me on telegram @money_queen for details",
		"batch #14 - earn $800 a day from home!!! no experience needed, message me on telegram @cash_king2 for details",
		"💰 Batch 15: EARN $500 A DAY FROM HOME, no experience needed, message me on telegram @rich_2025 for details 💰",
		"Batch 16:  earn  $500  a  day  from  home,  no  experience  needed,  message  me  on  telegram  @cashking99  for  details",
	}},
	{"a giveaway whose title counts and body varies by punctuation", []string{
		"第1轮抽奖：关注并转发这条笔记，评论区留言你最想要的礼物，三天后抽十位送出",
		"第2轮抽奖！！关注并转发这条笔记，评论区留言你最想要的礼物，三天后抽十位送出",
		"第3轮抽奖～关注并转发这条笔记。评论区留言你最想要的礼物。三天后抽十位送出～",
		"第4轮抽奖 ✨ 关注并转发这条笔记 ✨ 评论区留言你最想要的礼物 ✨ 三天后抽十位送出",
		"第5轮抽奖：关注並轉發這條筆記，评论区留言你最想要的礼物，三天后抽十位送出",
	}},
}

func TestCampaignJoinsCopiesThatEditThemselves(t *testing.T) {
	t.Parallel()
	for _, fam := range campaignFamilies {
		t.Run(fam.name, func(t *testing.T) {
			t.Parallel()
			base, _ := campaignFingerprint([]*Text{NewText("body", fam.copies[0])})
			for i, c := range fam.copies {
				h, _ := campaignFingerprint([]*Text{NewText("body", c)})
				if m := sigMatches(&h, &base); m < campaignHashes/2 {
					t.Errorf("copy %d agrees with the first on %d of %d values (min %d): %q", i, m, campaignHashes, campaignHashes/2, c)
				}
			}
			clk := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
			d, err := NewCampaignDetector(CampaignConfig{MinSize: len(fam.copies)}, clk.now)
			if err != nil {
				t.Fatal(err)
			}
			var fs []FieldFinding
			for i, c := range fam.copies {
				fs = detectNote(t, d, campaignNote(fmt.Sprint("n", i), fmt.Sprint("a", i), c))
				clk.t = clk.t.Add(time.Minute)
			}
			want := fmt.Sprintf("near-duplicate of %d notes within 1h0m0s", len(fam.copies)-1)
			if len(fs) != 1 || fs[0].Rule != want {
				t.Errorf("last copy: findings %+v, want %q", fs, want)
			}
		})
	}
}

func TestCampaignLeavesInnocentNearDuplicatesAlone(t *testing.T) {
	t.Parallel()
	recipe := func(title string, bodies ...string) []*models.Note {
		var out []*models.Note
		for i, b := range bodies {
			n := campaignNote(fmt.Sprint("r", i), fmt.Sprint("a", i), b)
			n.Title = title
			out = append(out, n)
		}
		return out
	}
	same := func(texts ...string) []*models.Note {
		var out []*models.Note
		for i := 0; i < 12; i++ {
			out = append(out, campaignNote(fmt.Sprint("s", i), fmt.Sprint("a", i), texts[i%len(texts)]))
		}
		return out
	}
	tests := []struct {
		name  string
		notes []*models.Note
	}{
		{"many people say good morning", same("good morning!", "Good morning!!", "good morning ☀️", "GOOD MORNING everyone")},
		{"many people thank for sharing", same("thanks for sharing", "Thanks for sharing!", "thanks for sharing ❤️", "thank you for sharing this")},
		{"many people say 早上好", same("早上好！", "大家早上好～", "早上好呀☀️")},
		{"many people say 谢谢分享", same("谢谢分享！", "感谢分享，收藏了", "谢谢博主分享")},
		{"a common recipe title with different bodies", recipe("番茄炒蛋的家常做法",
			"鸡蛋打散加少许盐，番茄切块，先炒蛋再炒番茄，最后混合加一点糖出锅。",
			"我家的做法是番茄先去皮，炒出汁以后再倒入鸡蛋液，小火慢慢推匀，特别嫩。",
			"今天第一次做番茄炒蛋，火太大了蛋有点老，但是孩子说好吃，开心！",
			"分享一个小技巧：鸡蛋里加两勺水，炒出来更蓬松，番茄要选熟透的。",
			"番茄炒蛋配米饭是我的快乐源泉，加点葱花更香，你们喜欢甜口还是咸口？",
			"外婆教我的版本：番茄和鸡蛋分开炒，最后加番茄酱提味，颜色特别好看。",
		)},
		{"a common English recipe title with different bodies", recipe("Easy Garlic Butter Chicken",
			"Pat the chicken dry, season with salt and pepper, sear in butter and finish with lots of garlic.",
			"I marinated mine overnight in yogurt first and it came out so tender, the garlic butter sauce is everything.",
			"Made this for my family tonight and my picky kid asked for seconds, served it with rice and broccoli.",
			"Tip: add a splash of lemon juice and fresh parsley at the end, it cuts the richness of the butter.",
			"Used chicken thighs instead of breast because they stay juicier, and doubled the garlic of course.",
			"Air fryer version: 12 minutes at 200C, then toss in melted garlic butter, crispy and quick.",
		)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clk := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
			d, err := NewCampaignDetector(CampaignConfig{}, clk.now)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range tt.notes {
				texts := []*Text{NewText("body", n.Body)}
				if n.Title != "" {
					texts = append([]*Text{NewText("title", n.Title)}, texts...)
				}
				if fs, _ := d.DetectNote(t.Context(), n, texts); len(fs) != 0 {
					t.Errorf("%q: findings %+v", n.Body, fs)
				}
				clk.t = clk.t.Add(time.Minute)
			}
		})
	}
}

// TestCampaignFingerprintDistances logs how far edits that the
// normalization does not remove (a changed word, a few characters) move
// the fingerprint: a measurement, not a bound.
func TestCampaignFingerprintDistances(t *testing.T) {
	t.Parallel()
	base := "限时福利！点击主页链接领取新人红包，每天签到还能再领现金奖励，名额有限先到先得"
	edits := []struct{ name, text string }{
		{"one character changed", strings.Replace(base, "先到先得", "先到先领", 1)},
		{"one word changed", strings.Replace(base, "现金奖励", "积分奖励", 1)},
		{"two words changed", strings.NewReplacer("现金奖励", "积分奖励", "新人红包", "新手红包").Replace(base)},
		{"a phrase appended", base + "，快来吧"},
		{"a clause dropped", strings.Replace(base, "每天签到还能再领现金奖励，", "", 1)},
	}
	h0, _ := campaignFingerprint([]*Text{NewText("body", base)})
	for _, e := range edits {
		h, _ := campaignFingerprint([]*Text{NewText("body", e.text)})
		t.Logf("%s: %d of %d MinHash values agree (joins the campaign at ≥ %d)", e.name, sigMatches(&h, &h0), campaignHashes, campaignHashes/2)
	}
}
