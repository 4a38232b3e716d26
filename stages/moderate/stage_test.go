package moderate

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

func newTestStage(t testing.TB) *Stage {
	t.Helper()
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// moderateBody runs a note with this body through s and returns it.
func moderateBody(t testing.TB, s *Stage, body string) *models.Note {
	t.Helper()
	n := noteWithBody(body)
	if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
		t.Fatal(err)
	}
	return n
}

// flagCase is a note body and whether intl must keep it from its feed.
type flagCase struct {
	name, body string
	flags      bool
}

// allowCase is a note body and whether every market must allow it.
type allowCase struct {
	name, body string
	allowed    bool
}

// checkAllowed checks, one subtest per case, whether s allows each body in
// every market.
func checkAllowed(t *testing.T, s *Stage, cases []allowCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := moderateBody(t, s, c.body)
			allowed := n.Moderation.Markets["cn"] == models.DecisionAllow && n.Moderation.Markets["intl"] == models.DecisionAllow
			if allowed != c.allowed {
				t.Errorf("allowed %v, want %v; markets %v labels %+v", allowed, c.allowed, n.Moderation.Markets, n.Moderation.Labels)
			}
		})
	}
}

// wantFlagged checks, one subtest per case, whether s lets each body into
// intl's feed.
func wantFlagged(t *testing.T, s *Stage, cases []flagCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := moderateBody(t, s, c.body)
			if flagged := n.Moderation.Markets["intl"] != models.DecisionAllow; flagged != c.flags {
				t.Errorf("%q: intl %s, want flagged %v; labels %+v", c.body, n.Moderation.Markets["intl"], c.flags, n.Moderation.Labels)
			}
		})
	}
}

// wantAllowed checks, one subtest per body (named name and its index),
// that s allows each body in every market named.
func wantAllowed(t *testing.T, s *Stage, name string, bodies []string, markets ...string) {
	t.Helper()
	wantDecision(t, s, name, bodies, models.DecisionAllow, markets...)
}

// wantDecision checks, one subtest per body (named name and its index),
// that s decides want for each body in every market named.
func wantDecision(t *testing.T, s *Stage, name string, bodies []string, want models.Decision, markets ...string) {
	t.Helper()
	for i, body := range bodies {
		t.Run(fmt.Sprintf("%s %d", name, i), func(t *testing.T) {
			n := moderateBody(t, s, body)
			for _, m := range markets {
				if got := n.Moderation.Markets[m]; got != want {
					t.Errorf("%q: %s %s, want %s; labels %+v", body, m, got, want, n.Moderation.Labels)
				}
			}
		})
	}
}

// wantStopped checks, one subtest per body, that s does not allow each
// body in market: review or block.
func wantStopped(t *testing.T, s *Stage, name string, bodies []string, market string) {
	t.Helper()
	for i, body := range bodies {
		t.Run(fmt.Sprintf("%s %d", name, i), func(t *testing.T) {
			n := moderateBody(t, s, body)
			if got := n.Moderation.Markets[market]; got == models.DecisionAllow {
				t.Errorf("%q: %s allow, want review or block; labels %+v", body, market, n.Moderation.Labels)
			}
		})
	}
}

// findEvidence returns the evidence texts of labels of category c.
func findEvidence(m models.Moderation, c models.Category) []string {
	var out []string
	for _, l := range m.Labels {
		if l.Category == c {
			for _, e := range l.Evidence {
				out = append(out, e.Text)
			}
		}
	}
	return out
}

func TestStageCatchesEvasions(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	tests := []struct {
		name     string
		body     string
		category models.Category
		evidence string // the exact original text the evidence must quote
	}{
		{"WeChat request written 加V信 is spam", "想要的加V信聊", models.CategorySpam, "加V信"},
		{"heavy plus sign before V is spam", "资源➕V 获取", models.CategorySpam, "➕V"},
		{"homophone 威信 with a handle is spam", "威信:abc12345", models.CategorySpam, "威信:abc12345"},
		{"vx with an id is spam", "vx：hello_2025 私聊", models.CategorySpam, "vx：hello_2025"},
		{"QQ number is spam", "有事请留言 QQ 12345678", models.CategorySpam, "QQ 12345678"},
		{"overlapping findings merge into one span", "有事找我 QQ 12345678", models.CategorySpam, "找我 QQ 12345678"},
		{"Telegram request in English is spam", "add me on telegram for more", models.CategorySpam, "add me on telegram"},
		{"link shortener is spam", "details at bit.ly/3xYz", models.CategorySpam, "bit.ly/3xYz"},
		{"asterisk between 傻 and 逼 is harassment", "你就是个傻*逼", models.CategoryHarassment, "傻*逼"},
		{"pinyin sha bi is harassment", "ni shi sha bi ma", models.CategoryHarassment, "sha bi"},
		{"nmsl is harassment", "nmsl 滚", models.CategoryHarassment, "nmsl"},
		{"草泥马 is harassment", "草泥马的", models.CategoryHarassment, "草泥马"},
		{"zhuyin initials of 幹你娘 grade as the words", "ㄍㄋㄋ 又塞車了", models.CategoryHarassment, "ㄍㄋㄋ"},
		{"sb beside Chinese is harassment", "你是sb吧", models.CategoryHarassment, "sb"},
		{"full-width profanity is caught", "ｆｕｃｋ this", models.CategoryProfanity, "ｆｕｃｋ"},
		{"zero-width chars inside a term are caught", "you are a cu\u200bnt", models.CategoryProfanity, "cu\u200bnt"},
		{"Cyrillic look-alikes are caught", "total сunt", models.CategoryProfanity, "сunt"},
		{"l33t spelling is caught", "what a sh1t day", models.CategoryProfanity, "sh1t"},
		{"spaced letters are caught", "f u c k you all", models.CategoryProfanity, "f u c k"},
		{"dotted letters are caught", "f.u.c.k", models.CategoryProfanity, "f.u.c.k"},
		{"stretched letters are caught", "fuuuuuck", models.CategoryProfanity, "fuuuuuck"},
		{"Traditional characters are caught", "你個傻逼", models.CategoryHarassment, "傻逼"},
		{"Traditional threat is caught", "我要殺了你", models.CategoryViolence, "我要殺了你"},
		{"English threat is caught", "I'll kill you tomorrow", models.CategoryViolence, "I'll kill you"},
		{"slur is hate", "go home chink", models.CategoryHate, "chink"},
		{"drug sale is illicit", "出售大麻 价格私聊", models.CategoryIllicit, "出售大麻"},
		{"child abuse material term is sexual_minors", "萝莉资源 分享", models.CategorySexualMinors, "萝莉资源"},
		{"self-harm intent is self_harm", "i want to die", models.CategorySelfHarm, "want to die"},
		{"Chinese resident ID is pii", "身份证 11010519491231002X 丢了", models.CategoryPII, "11010519491231002X"},
		{"payment card is pii", "card 4111 1111 1111 1111 exp", models.CategoryPII, "4111 1111 1111 1111"},
		{"SSN is pii", "my ssn is 123-45-6789", models.CategoryPII, "123-45-6789"},
		{"CN mobile is pii", "电话13812345678", models.CategoryPII, "13812345678"},
		{"US phone is pii", "call (415) 555-2671 now", models.CategoryPII, "(415) 555-2671"},
		{"e-mail is pii", "write to Jane.Doe@example.com", models.CategoryPII, "Jane.Doe@example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Body: tt.body}}
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, l := range n.Moderation.Labels {
				for _, e := range l.Evidence {
					if e.Text != tt.body[e.Start:e.End] || e.Field != "body" {
						t.Errorf("evidence %+v does not quote the body", e)
					}
					if l.Category == tt.category && e.Text == tt.evidence {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("no %s evidence %q; labels %+v", tt.category, tt.evidence, n.Moderation.Labels)
			}
		})
	}
}

func TestStageAllowsInnocentText(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	tests := []struct{ name, title, body string }{
		{"Scunthorpe is a town", "Scunthorpe United", "a great match in Scunthorpe"},
		{"chicken breast is food", "", "Grilled chicken breast with rice"},
		{"killing for a burger is hyperbole", "", "I could kill for a burger right now"},
		{"adult education is education", "成人教育", "报名成人教育课程"},
		{"news about WeChat is news", "微信发布新版本", "微信支付用户数增长，腾讯表示微信将推出新功能"},
		{"a suicide-prevention hotline is help", "", "If you are struggling, the suicide prevention hotline is open: call 988 or 1-800-273-8255."},
		{"a Chinese crisis line is help", "", "心理援助热线 400-161-9995，自杀干预中心全天开放"},
		{"his mother's birthday is family", "", "今天是他妈妈的生日"},
		{"shiitake is a mushroom", "", "shiitake mushrooms in soy"},
		{"a senate bill is politics", "", "SB 1047 passed the senate"},
		{"weak words without handles are plain English", "", "stand in line: everyone waits"},
		{"a plain year is not a phone number", "", "2024年3月15日，会议在北京召开，参会人数超过12000人"},
		{"a clearance sale is not self-harm", "", "跳楼价大甩卖，全场五折"},
		{"VIP membership is not WeChat", "", "加VIP会员享受折扣"},
		{"prestige 威信 is an ordinary word", "", "他在村里很有威信"},
		{"an assessment is not a slur", "", "the class assessment passed"},
		{"the Austrian village of Fucking is a place", "", "Ausflug ins Dorf Fucking in Österreich, sehr ruhig dort"},
		{"a Spanish fart is no paedophile", "", "El bebé se tiró un pedo en plena misa y su abuela no paraba de reír"},
		{"German dick is fat or thick", "", "Der Winterpulli ist so dick und warm, perfekt für Skiurlaub"},
		{"Loli is an aunt's name", "", "mi tía Loli hace la mejor tortilla de patatas del mundo"},
		{"Loli is a neighbour's name", "", "Loli, la vecina del quinto, nos trajo churros"},
		{"no hay pedo is no trouble", "", "no hay pedo, mañana lo arreglamos"},
		{"Kike is Enrique", "", "Kike y yo vamos al cine esta noche, ¿alguien se apunta?"},
		{"a chink in the armor is an idiom", "", "found a chink in the armor of their defense, we scored twice after that"},
		{"a delivery delay is French", "", "Il y a eu un retard de livraison, le colis arrive demain"},
		{"dying of embarrassment is a blush", "", "My phone rang in the silent exam hall, I wanted to die of embarrassment"},
		{"尴尬到想死 is a blush", "", "社团聚餐叫错了学长的名字，尴尬到想死"},
		{"a muzzle kept downrange is range safety", "", "First match at the range: eyes and ears on, muzzle downrange at all times"},
		{"a dog in a basket muzzle is a dog", "", "Our rescue greyhound has to wear a muzzle at the park for now, basket muzzle training is going well"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Title: tt.title, Body: tt.body}}
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			if n.Moderation.Decision != models.DecisionAllow {
				t.Errorf("decision %s, want allow; labels %+v", n.Moderation.Decision, n.Moderation.Labels)
			}
			if len(n.ApprovedMarkets) != 2 {
				t.Errorf("approved markets %v, want cn and intl", n.ApprovedMarkets)
			}
		})
	}
}

func TestStageDecidesPerMarket(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	tests := []struct {
		name     string
		body     string
		cn, intl models.Decision
	}{
		{"one English swear word is allowed in both markets", "this is shit", models.DecisionAllow, models.DecisionAllow},
		{"one 卧槽 is allowed in both markets", "卧槽 太好吃了", models.DecisionAllow, models.DecisionAllow},
		{"crude swearing is blocked in cn and reviewed in intl", "this shit is fucking broken again", models.DecisionBlock, models.DecisionReview},
		{"卧槽 with tmd is crude swearing", "卧槽 这天气 tmd 热死了", models.DecisionBlock, models.DecisionReview},
		{"WeChat solicitation is blocked in cn and reviewed in intl", "加V信 abc123", models.DecisionBlock, models.DecisionReview},
		{"a bare personal phone number is reviewed in both markets (personal data in public)", "13812345678", models.DecisionReview, models.DecisionReview},
		{"a plain link is fine everywhere", "see https://example.com/post", models.DecisionAllow, models.DecisionAllow},
		{"a threat is blocked everywhere", "我要杀了你", models.DecisionBlock, models.DecisionBlock},
		{"self-harm is reviewed, never blocked", "how to kill myself", models.DecisionReview, models.DecisionReview},
		{"a resident ID is blocked everywhere", "11010519491231002X", models.DecisionBlock, models.DecisionBlock},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := &models.Note{NoteEvent: models.NoteEvent{Body: tt.body, Tags: []string{"日常"}}}
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			m := n.Moderation
			if m.Markets["cn"] != tt.cn || m.Markets["intl"] != tt.intl {
				t.Fatalf("cn %s intl %s, want %s %s; labels %+v", m.Markets["cn"], m.Markets["intl"], tt.cn, tt.intl, m.Labels)
			}
			if want := models.MostRestrictive(tt.cn, tt.intl); m.Decision != want {
				t.Errorf("decision %s, want %s", m.Decision, want)
			}
			if m.PolicyVersion == "" {
				t.Error("no policy version")
			}
			for _, market := range n.ApprovedMarkets {
				if m.Markets[market] != models.DecisionAllow {
					t.Errorf("market %s approved with %s", market, m.Markets[market])
				}
			}
		})
	}
}

func TestStageScansFieldsSeparately(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	n := &models.Note{NoteEvent: models.NoteEvent{Title: "傻逼", Body: "fine", Tags: []string{"旅行", "nmsl"}}}
	if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range n.Moderation.Labels {
		for _, e := range l.Evidence {
			got[e.Field] = e.Text
			var field string
			switch e.Field {
			case "title":
				field = n.Title
			case "body":
				field = n.Body
			case "tags":
				field = TagsText(n.Tags)
			}
			if field[e.Start:e.End] != e.Text {
				t.Errorf("evidence %+v does not quote its field", e)
			}
		}
	}
	if got["title"] != "傻逼" || got["tags"] != "nmsl" || got["body"] != "" {
		t.Errorf("evidence by field %v", got)
	}
}

func TestStageIsIdempotent(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	n := &models.Note{NoteEvent: models.NoteEvent{Body: "加V信 傻逼"}}
	for range 2 {
		if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
			t.Fatal(err)
		}
	}
	if len(n.Moderation.Labels) != 2 {
		t.Errorf("labels after two runs: %+v", n.Moderation.Labels)
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"zero config uses defaults", Config{}, true},
		{"negative evidence cap is rejected", Config{MaxEvidence: -1}, false},
		{"negative field bound is rejected", Config{MaxFieldBytes: -1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.cfg.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate() = %v", err)
			}
		})
	}
	if _, err := New(Config{PolicyFile: "/nonexistent/policy.yaml"}); err == nil {
		t.Error("New with a missing policy file succeeded")
	}
}

func TestTruncateKeepsRunes(t *testing.T) {
	t.Parallel()
	if got := truncate("傻逼", 4); got != "傻" {
		t.Errorf("truncate = %q", got)
	}
}

// nameOnly has a name and no way to detect anything.
type nameOnly struct{}

func (nameOnly) Name() string { return "name-only" }

func TestNewRefusesADetectorThatDetectsNothing(t *testing.T) {
	t.Parallel()
	_, err := New(Config{}, nameOnly{})
	if err == nil || !strings.Contains(err.Error(), `"name-only" has neither Detect nor DetectNote`) {
		t.Fatalf("New with a name-only detector: %v, want it refused by name", err)
	}
}
