package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

// TestIntentRulesOnNotes runs whole notes through the stage with the
// default policy: harmful notes of every rule category in English and
// Chinese (Simplified and Traditional, plain and disguised) must leave
// allow in every market with the right category, and their innocent
// contrasts (news, health, figures of speech, counter-speech) must stay
// allowed everywhere. The notes are written for this test.
func TestIntentRulesOnNotes(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	harmful := []struct {
		name     string
		body     string
		category models.Category
	}{
		{"a plan to die tonight", "I don't want to live anymore, planning to end it tonight", models.CategorySelfHarm},
		{"pro-ana tips", "pro ana tips: eat under 300 calories a day", models.CategorySelfHarm},
		{"asking how to overdose", "how many pills does it take to die", models.CategorySelfHarm},
		{"Chinese despair", "我不想活了", models.CategorySelfHarm},
		{"teaching purging in Chinese", "催吐教程，吃完马上抠", models.CategorySelfHarm},
		{"teaching cutting in Chinese", "割腕方法分享", models.CategorySelfHarm},
		{"asking for images of minors", "looking for underage girls pics", models.CategorySexualMinors},
		{"grooming with an age question and snap", "u r so cute, how old are you? add my snap", models.CategorySexualMinors},
		{"grooming in Chinese", "你几岁了？别告诉你爸妈，加我微信", models.CategorySexualMinors},
		{"minors and nudes in Chinese", "出售初中生裸照", models.CategorySexualMinors},
		{"a gun sale", "selling glock 19, clean, dm me", models.CategoryIllicit},
		{"a drug sale", "got xans and percs, discreet shipping, telegram", models.CategoryIllicit},
		{"a Chinese drug sale with contact", "出售冰毒 加微信", models.CategoryIllicit},
		{"a spaced Chinese drug sale", "出 售 冰 毒 加 微 信", models.CategoryIllicit},
		{"fake documents", "办证 刻章 电话联系", models.CategoryIllicit},
		{"a threat to the reader", "I will kill you", models.CategoryViolence},
		{"a Chinese threat", "我要杀了你", models.CategoryViolence},
		{"a Chinese threat to wait", "你给我等着", models.CategoryViolence},
		{"a threat in full-width letters", "ｉ ｗｉｌｌ ｓｔａｂ ｙｏｕ", models.CategoryViolence},
		{"a school attack plan", "tomorrow I'm going to shoot up the school", models.CategoryViolence},
		{"dehumanising hate", "immigrants are vermin", models.CategoryHate},
		{"Chinese regional hate", "河南人都是骗子", models.CategoryHate},
		{"Chinese expulsion", "黑人滚出中国", models.CategoryHate},
		{"a second-person insult", "you are a worthless idiot", models.CategoryHarassment},
		{"telling someone to die", "just kys already", models.CategoryHarassment},
		{"a Chinese insult", "你就是个废物", models.CategoryHarassment},
		{"porn for sale", "selling nudes, dm me", models.CategorySexual},
		{"paid sex in Chinese", "同城约炮 加微信", models.CategorySexual},
		{"a task scam", "兼职日结，动动手指日赚300，加我微信", models.CategorySpam},
		{"an investment scam", "Guaranteed profit every week with my forex signals, DM me", models.CategorySpam},
	}
	for _, tt := range harmful {
		t.Run("harmful/"+tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := s.Moderate(context.Background(), &models.Note{NoteEvent: models.NoteEvent{NoteID: "n", Body: tt.body}})
			if err != nil {
				t.Fatal(err)
			}
			if m.Markets["cn"] == models.DecisionAllow || m.Markets["intl"] == models.DecisionAllow {
				t.Errorf("markets %v, want no market to allow; labels %+v", m.Markets, m.Labels)
			}
			for _, l := range m.Labels {
				if l.Category == tt.category {
					return
				}
			}
			t.Errorf("no %s label: %+v", tt.category, m.Labels)
		})
	}
	// Innocent notes whose only suspect words are the rules' (contact
	// solicitation such as 加微信 is the contact detector's, and is
	// reviewed or blocked whatever surrounds it; the rule-level contrasts
	// are the miss: examples of the rule files).
	innocent := []struct{ name, body string }{
		{"news of a falling suicide rate", "The suicide rate fell for the third year in a row, the report says."},
		{"news of a drug seizure", "Police seized 2kg of meth and arrested two suppliers."},
		{"adult education", "成人教育报名开始了，欢迎咨询"},
		{"a bargain price", "跳楼价！全场五折，最后一天"},
		{"a craving", "I could kill for a burger right now"},
		{"a novel", "Moby Dick is my favorite novel"},
		{"a novel's title glued to Japanese", "今月はMoby Dick（白鯨）を英語で読了！次はThe Great Gatsby"},
		{"a hotpot craving", "I'm dying to try this hotpot"},
		{"a good joke", "this joke killed me 😂"},
		{"laughing in Chinese", "笑死我了，这只猫太可爱"},
		{"bargaining", "去市场杀价，老板最后便宜了二十块"},
		{"refusing to go", "打死也不去那家店了，太难吃"},
		{"missing someone", "好久不见，想死你了！"},
		{"counter-speech about an insult", "He called me an idiot and I reported him."},
		{"counter-speech about hate", "Saying that immigrants are vermin shows how bigoted you are."},
		{"health writing about teens", "Teen pregnancy rates fell again this year, a study found."},
		{"a parent's photos", "I have photos of my kids at the birthday party, so cute"},
		{"selling a bike", "selling my old bike, dm me"},
		{"selling ice cream", "selling ice cream cakes, dm for prices"},
		{"a hobby tool", "selling my glue gun, barely used, dm me"},
		{"a compliment", "you're killing it, the new song is great"},
		{"suicide prevention", "Suicide prevention week: share this hotline with friends"},
		{"a recipe", "This bowl is only 400 calories per serving!"},
		{"a police station errand", "今天去派出所办证，排队一小时"},
		{"Traditional news", "警方查獲冰毒兩公斤，嫌疑人已被抓獲"},
		{"a party plan", "we are going to end it tonight with fireworks, see you at the party"},
		{"a neutral group mention", "Many immigrants work in healthcare."},
		{"regional pride", "我是河南人，河南人口一亿"},
	}
	for _, tt := range innocent {
		t.Run("innocent/"+tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := s.Moderate(context.Background(), &models.Note{NoteEvent: models.NoteEvent{NoteID: "n", Body: tt.body}})
			if err != nil {
				t.Fatal(err)
			}
			if m.Markets["cn"] != models.DecisionAllow || m.Markets["intl"] != models.DecisionAllow {
				t.Errorf("markets %v, want allow everywhere; labels %+v", m.Markets, m.Labels)
			}
		})
	}
}
