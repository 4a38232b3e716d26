package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

// supportUnasked are the cases at risk that only the word lists catch:
// reviewed, without support resources (no rule fires; not this test's
// subject).
var supportUnasked = map[string]bool{
	"a hotline that did not help and a death wish tonight": true,
	"a friend's death wish and the author's own":           true,
}

// Helpers quote the person at risk and survivors tell what is over: both
// are allowed; a person at risk is reviewed with support resources, even
// when they tell a third person, quote someone first or name a hotline.
func TestSomeoneElsesDeathWishIsNotTheAuthors(t *testing.T) {
	s := newTableStage(t)
	cases := []struct {
		name, lang, title, body string
		atRisk                  bool
	}{
		// Chinese: helpers and survivors.
		{"advice to listen to someone who says they do not want to live", "zh", "", "如果身边的人说“不想活了”，请认真听TA说完，陪TA去医院。", false},
		{"a title that asks what to do when someone says they want to die", "zh", "如果你身边的人说想死", "认真听，别说想开点。", false},
		{"a blogger's death wish answered with a night of chatting", "zh", "", "刷到一个博主说想死，我私信陪她聊了一整晚，今天她说去挂号了。", false},
		{"a friend who told the author he wanted to die", "zh", "", "朋友跟我说他想死，我陪他聊到天亮，第二天一起去了医院。", false},
		{"a parent told what a child said in Traditional Chinese", "zh", "", "如果孩子說「活著沒意思」，家長先別罵，先聽他說完。", false},
		{"a mother's words reported by her child", "zh", "", "我妈说想死，我该怎么陪她？", false},
		// Round 41: words deeper inside a quotation a third person said.
		{"a customer's words quoted whole by a bartender", "zh", "", "我在夜市擺攤賣飲料，常有客人說「唉今天真的想死」，我就多送一片檸檬，聊兩句。", false},
		{"a regular quoted saying a whole sentence with a death wish in it", "en", "", "Bartending ten years now. A regular once said \"honestly some nights i want to die\" and we talked till close; he still comes in for coffee.", false},
		{"the author quoting their own words", "zh", "", "我跟自己说「今天真的想死」，已经三天没出门了。", true},
		{"a friend's message that she wants to end her life, the author calling a helpline with her", "zh", "", "朋友傳訊息說想結束生命，我馬上打給她，陪她撥了1925安心專線。", false},
		{"the author saying they want to end their life", "zh", "", "我说想结束生命，今晚就去。", true},
		{"a friend's death wish after a breakup, the author staying with her", "zh", "", "朋友分手后一直说想死，我今晚陪着她，还能做些什么？", false},
		{"the author's own death wish after a breakup", "zh", "", "我分手后一直说想死，真的撑不下去了", true},
		{"a roommate's words with adverbs of time and frequency before the verb", "zh", "", "我室友最近老说活着没意思，我有点慌，该怎么跟她聊？", false},
		{"a friend's words these days, the author asking what to do", "zh", "", "她这几天总说不想活了，我该怎么办", false},
		{"the author's own words with the same adverbs", "zh", "", "我这几天总说不想活了，真的撑不下去", true},
		{"two years since the author stopped self-harming", "zh", "", "今天是我停止自殘滿兩年，正在辛苦的人，真的會變好的", false},
		{"a stop counted and the urge back today", "zh", "", "停止自殘滿兩年了，可是今天又想割", true},
		{"a friend's death wish, the author staying the night (ja)", "ja", "", "友達が別れてから死にたいって言ってる。今夜は一緒にいるつもり", false},
		{"the helper at risk too (ja)", "ja", "", "私も死にたい。友達と今夜は一緒にいるつもりだけど、もう限界", true},
		{"a survivor pulled back by a friend", "zh", "", "那时候我也想死，是朋友半夜打电话把我拉回来的。现在好多了。", false},
		{"a survivor who came out of it step by step", "zh", "", "三年前我天天想死，吃药、复诊、跑步，一点点走出来了。", false},
		// Chinese: the author at risk.
		{"a hotline that did not help and a death wish tonight", "zh", "", "打了心理援助热线也没用，今晚就不想活了。", true},
		{"a death wish the author told someone", "zh", "", "我跟她说想死，她不理我。", true},
		{"a death wish told to a mother", "zh", "", "我跟妈妈说不想活了，她只让我别矫情。", true},
		{"a friend's death wish and the author's own", "zh", "", "朋友说她想死，其实我也想死。", true},
		{"a doctor's words and the author's own tonight", "zh", "", "医生说我想死是因为抑郁，可我今晚真的不想活了。", true},
		{"pulled back last year and wanting to die again today", "zh", "", "去年被朋友拉回来了，可是今天又想死了。", true},
		{"a death wish told to him", "zh", "", "我对他说想死，他笑了。", true},
		{"a past death wish that has not ended", "zh", "", "三年前我就想死，到现在还是想死。", true},
		{"a Japanese survivor who came through", "ja", "", "3年前は毎日死にたいと思っていた。カウンセリングで少しずつ乗り越えた。", false},
		{"a Japanese survivor who came through but wants to die again", "ja", "", "3年前は死にたかった。乗り越えたはずなのに、今また死にたい。", true},
		// English.
		{"a comment that told the author to kill themselves, reported", "en", "", "Reported a comment on my post today that told me to kill myself. I'm fine, I've got thick skin.", false},
		{"a stranger's 'go kill yourself' quoted and reported", "en", "", "A stranger on my cake post told me to 'go kill myself' over the frosting. Reported it, not funny.", false},
		{"strangers telling the author to go die", "en", "", "people in the comments keep telling me to kill myself over a cake recipe lol, blocked them all", false},
		{"the author asking someone to help them die is at risk", "en", "", "I want someone to tell me it's okay to kill myself tonight", true},
		{"advice for when a friend says 'I want to die'", "en", "", `If a friend tells you "I want to die", don't brush it off. Listen, ask about a plan, call a crisis line together.`, false},
		{"a sister's words and a frightened author", "en", "", `she said "I want to die" and hung up. I'm scared, what do I do?`, false},
		{"a survivor pulled back by a friend", "en", "", "Three years ago I wanted to kill myself every day. Therapy and a stubborn friend pulled me back.", false},
		{"a survivor's story from high school", "en", "", "In high school I used to want to die. I made it through, and if that's you, text a crisis line.", false},
		{"a survivor counting the years back", "en", "", "Two years ago I wanted to die. Medication and my sister pulled me back.", false},
		{"a survivor counting the years back but wanting to die today", "en", "", "Two years ago I wanted to die and today I want to die again.", true},
		{"goodbye letters written tonight, the I dropped as diaries drop it", "en", "", "wrote goodbye letters tonight. haven't decided anything yet. i just wanted them to be ready", true},
		{"an attempt's anniversary told with the life rebuilt since", "en", "", "Eight years ago today I tried to end my life. Today I'm married and have a son. If you're in that place, hold on.", false},
		{"an attempt's anniversary night told with the life rebuilt since", "en", "", "Five years ago tonight I was in the ER after trying to end my life. Today I have a job I like, a dog, and a therapist I trust. It does get better.", false},
		{"an attempt's anniversary night and the same wish tonight", "en", "", "Five years ago tonight I tried to end my life. Tonight I want to end my life again.", true},
		{"a teenager's self-harm told by an adult who reached thirty", "en", "", "I was in a dark place at 17 and used to cut myself. I'm 30 now and the scars are part of my story.", false},
		{"a teenager's first cut and tonight's", "en", "", "I was 16 when I started cutting and I'm 17 now and I cut again tonight", true},
		{"a friend's words in single quotes", "en", "", "My friend texted me 'i want to die' because her crush saw her trip on the stairs. The drama of sixteen.", false},
		{"the author's own words in single quotes to a friend", "en", "", "I texted my sister 'i want to die' and she hasn't answered, I mean it", true},
		{"a mother's goodbye quoted, the I dropped", "en", "", `read my mom's old diary. wrote "i want to die" on every page the year dad left`, false},
		{"a survivor marking the anniversary of an attempt", "en", "", "Today marks one year since my suicide attempt. I'm still here, and I'm grateful to everyone who checked on me.", false},
		{"an anniversary of a loss with the wish to die now", "en", "", "Today marks one year since my wife died and I want to die too.", true},
		{"a hotline that did not help", "en", "", "I called the hotline and it didn't help. tonight I'm done, I want to die.", true},
		{"the author told their mother", "en", "", "I told my mom I want to die and she laughed.", true},
		{"a therapist's words and the author's own", "en", "", "my therapist says I want to die because of my meds, but honestly I want to die anyway", true},
		{"everyone says fine but the author wants to die", "en", "", "everyone says I'm fine but I want to die", true},
		// Spanish, Portuguese, French, German.
		{"a Spanish sister's words and a night at the ER", "es", "", `Mi hermana me dijo "quiero morir". La escuché y fuimos juntas a urgencias.`, false},
		{"a Spanish author at risk who called a helpline", "es", "", "Llamé a la línea de ayuda y no sirvió de nada. Esta noche se acaba, quiero morir.", true},
		{"a Spanish survivor whose accented words are folded", "es", "", "Hace años quería morir cada mañana. Salí adelante con terapia y mi perro.", false},
		{"a French survivor counting the years back", "fr", "", "Il y a quatre ans je voulais mourir. Je m'en suis sorti grâce à ma sœur.", false},
		{"a German survivor counting the years back", "de", "", "Vor zwei Jahren wollte ich sterben. Mit Therapie habe ich es geschafft.", false},
		{"a German survivor counting the years back and wanting to die now", "de", "", "Vor zwei Jahren wollte ich mich umbringen und heute will ich mich wieder umbringen.", true},
		{"a German survivor stable today thanks to therapy", "de", "", "Vor zwei Jahren wollte ich mich umbringen. Heute bin ich stabil dank Therapie und meiner Familie.", false},
		{"a Korean survivor looking back to last year, walking every day now", "ko", "", "작년에 자살 생각까지 했었는데, 상담 받고 지금은 매일 산책해요.", false},
		{"a Korean survivor looking back who wants to die again today", "ko", "", "작년에 자살 생각까지 했었는데, 오늘 또 죽고 싶어.", true},
		{"a Chinese survivor in her third year of recovery", "zh", "", "抑郁症康复第二年，我是怎么从每天想死到现在能正常上班的：按时吃药，每周咨询。", false},
		{"a Spanish survivor stable now", "es", "", "Hace dos años quería matarme. Ahora estoy estable y sigo con la terapia.", false},
		{"a survivor counting the years free of self-harm", "en", "", "I used to self-harm at uni. Six years free now, and the marks have faded.", false},
		{"a survivor years free who is at it again tonight", "en", "", "I used to self-harm at uni, six years free. Tonight I self-harm again.", true},
		{"a Chinese survivor counting the years without hurting herself", "zh", "", "高中的时候我想自杀，两年没有再伤害自己了。", false},
		{"a Japanese survivor taught to hold ice, recovered now", "ja", "", "自傷がやめられなかった頃、氷を握ると落ち着くと教わった。今は回復しています。", false},
		{"a Japanese survivor who is at it again tonight", "ja", "", "自傷がやめられなかった頃もあった。今夜はまた死にたい。", true},
		{"a Korean survivor who got through it", "ko", "", "고등학생 때 자해를 했었어요. 상담 받고 이겨냈어요.", false},
		{"a German survivor whose next sentence tells today's recovery", "de", "", "Vor drei Jahren wollte ich mich umbringen. Heute lache ich wieder, ich habe es geschafft.", false},
		{"a Portuguese friend's words and a call to the helpline", "pt", "", `Minha amiga me disse "quero morrer". Fiquei com ela a noite toda e ligamos pro CVV.`, false},
		{"a Portuguese author who said it to a boyfriend", "pt", "", `Eu disse "quero morrer" pro meu namorado e ele riu.`, true},
		{"a French daughter's words and a call together", "fr", "", `Ma fille m'a dit "j'ai envie de mourir". Je l'ai écoutée et on a appelé le 3114 ensemble.`, false},
		{"a French author who said it to a mother", "fr", "", `J'ai dit "j'ai envie de mourir" à ma mère, elle a rigolé.`, true},
		{"a German friend's words and a call to the helpline", "de", "", `Mein Freund hat gesagt "ich will sterben". Ich bin bei ihm geblieben und wir haben die Telefonseelsorge angerufen.`, false},
		{"a German author who said it to a mother", "de", "", `Ich habe meiner Mutter gesagt "ich will sterben" und sie hat gelacht.`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := &models.Note{NoteEvent: models.NoteEvent{NoteID: c.name, Version: 1, AuthorID: "author " + c.name, Title: c.title, Body: c.body, Kind: models.KindNote}}
			n.Language = models.Language{Code: c.lang}
			m, err := s.Moderate(context.Background(), n)
			if err != nil {
				t.Fatal(err)
			}
			for _, market := range []string{"cn", "intl"} {
				want := models.DecisionAllow
				if c.atRisk {
					want = models.DecisionReview
				}
				if got := m.Markets[market]; got != want {
					t.Errorf("%s: %s, want %s; labels %s", market, got, want, labelSummary(m.Labels))
				}
			}
			if got, want := m.Support != nil, c.atRisk && !supportUnasked[c.name]; got != want {
				t.Errorf("support resources %t, want %t", got, want)
			}
		})
	}
}

// A recovery told as the author's past in Japanese, Korean, Portuguese and
// French decides nothing; the same past with a relapse now still counts.
func TestRecoveryToldInThePastInEveryLanguage(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	wantFlagged(t, s, []flagCase{
		{"a Japanese look back from high school to work now", "高校生の頃は毎日死にたいと思ってた。今はカウンセリングのおかげで元気に働いてる。しんどい人は相談してね。", false},
		{"a Korean look back three years with counselling now", "3년 전엔 자살 생각까지 했는데 지금은 상담 받고 잘 지내. 힘든 사람은 1393에 꼭 연락해.", false},
		{"a Portuguese look back two years with a job and therapy now", "Dois anos atrás eu queria morrer. Hoje tenho emprego, faço terapia e adotei um gato. Se tá difícil, procura ajuda.", false},
		{"a French look back at blades no longer used", "Ça fait 5 ans que je ne me scarifie plus. Avant je cachais mes bras sous des manches longues.", false},
		{"a Korean past that has come back is a person at risk", "3년 전엔 자살 생각까지 했는데 요즘 다시 그런 생각이 들어. 오늘 밤이 너무 무서워.", true},
		{"a Portuguese past with a wish to die today is a person at risk", "Dois anos atrás eu queria morrer. Hoje quero de novo e não vejo saída.", true},
		{"a German year ago, help sought and better now", "Vor einem Jahr wollte ich nicht mehr leben. Ich hab mir Hilfe geholt, jetzt geht es mir besser.", false},
		// Round 51 (N123): "once" and a past-tense "I had", with the help that helped.
		{"a Korean once, counselling and fine now", "한때는 죽고 싶다는 생각도 자주 했는데 상담 받고 지금은 괜찮아요. 힘든 분들은 109에 연락하세요.", false},
		{"a French past with the help that helped", "J'ai eu des idées suicidaires après ma rupture ; une psy m'a aidée. Si ça ne va pas, appelez le 3114.", false},
		{"a Korean once that has come back tonight is a person at risk", "한때는 죽고 싶다는 생각을 했는데 오늘 밤 다시 그래. 너무 무서워.", true},
	})
}

// Round 21: a quitter's first weeks told from day 100, and a therapist's
// advice about saying the words as a phrase, are not an author at risk; the
// same words said now still are.
func TestQuittingAndAdviceAreNotAtRisk(t *testing.T) {
	s := newTestStage(t)
	wantAllowed(t, s, "told from recovery or as a phrase", []string{
		"戒烟第100天打卡🎉 前两周真的想死，半夜起来嚼口香糖。现在爬楼梯不喘了，省下的钱买了双跑鞋。坚持住朋友们",
		"Mi psicóloga dice que decir 'me quiero morir' cada vez que hay examen no es sano. Ya, ya.",
	}, "cn", "intl")
	wantDecision(t, s, "the words said now", []string{
		"戒烟第三天，真的想死，撑不下去了",
		"me quiero morir, ya no puedo más",
	}, models.DecisionReview, "intl")
}

// A "now" that leads to the recovery tells it; a "now" after it, or a
// relapse before it, is the author at risk again (round 29).
func TestRecoveryToldThroughItsNow(t *testing.T) {
	s := newTableStage(t)
	wantAllowed(t, s, "a past wish to die with a now that is better is allowed", []string{
		"以前憂鬱症最嚴重的時候每天都想死，現在吃藥加諮商，已經好很多了，謝謝一路支持我的人",
		"考研失败那年我真的不想活了，幸好家人一直陪着我，现在工作了，回头看都过去了",
		// Round 54 (N151): the worst time "before", the treatment kept up now.
		"今天回診，醫生說我的憂鬱症狀有在改善。之前最糟的時候會有不想醒來的念頭，現在有好好吃藥、每週諮商。",
	}, "intl", "cn")
	wantStopped(t, s, "a relapse told after the recovery still stops", []string{
		"以前每天都想死，後來好很多了，但是最近又想死了",
		"那年我真的不想活了，后来好起来了，可是现在又不想活了",
		"之前最糟的时候会有不想醒来的念头，现在还是每天都不想醒来",
	}, "intl")
}

func TestRecoveryAgreedIsNotRisk(t *testing.T) {
	s := newTableStage(t)
	checkAllowed(t, s, []allowCase{
		{"a therapist's good news agreed with is allowed", "my therapist says i'm doing better and honestly i agree. two weeks calm, sleeping again, and i circled my first day at the new job on the calendar", true},
		{"calm that hides a decision is held", "my therapist thinks i'm doing better because i've been calm for two weeks. she doesn't know the calm is because i finally decided. the date is circled on the calendar", false},
		{"old scars covered by a tattoo with pride are allowed", "手臂上的舊傷疤我紋了一隻鯨魚蓋住🐋 五年了 很驕傲自己撐過來", true},
		{"a friend checking in on quiet friends is allowed", "checking in on my friends who went quiet this week. u don't have to reply w anything deep, a 👍 is fine. i just wanna know ur ok", true},
		{"a crisis-line volunteer telling what the calls are like is allowed", "Sou voluntária do CVV há dois anos e queria contar como é. A maioria das ligações é de gente sozinha. Às vezes a pessoa diz que está pensando em se matar, e a gente é treinada pra ficar junto. Se você estiver mal, liga 188.", true},
		{"a survivor of abuse who got out is allowed", "The first time he hit me I told myself it was a one-time thing. What finally got me out was a nurse who handed me the hotline number. I now live in a tiny apartment with my kids and it's the most peaceful place I have ever lived.", true},
		{"a friend checking in who wants to die too is held", "checking in on my friends tonight. honestly i want to die too, i just wanna know ur ok before i go", false},
	})
}

// A counsellor quoting what children say is no child at risk, nor the
// counsellor; the counsellor's own death wish, unquoted, still is. A parent
// asking how a child can stand by a classmate who self-harms names the
// classmate's condition (round 53); the author's own self-harm beside the
// question still reaches review.
func TestAHelperQuotingADeathWishIsNotAtRisk(t *testing.T) {
	s := newTestStage(t)
	wantAllowed(t, s, "a school counsellor quotes children, a parent asks how to help a friend", []string{
		"做了八年校园心理咨询老师，想给家长们说几句。这学期我接触了好几个说“想死”的孩子，大部分是口头禅，比如“作业多到想死”，但也有一两个是认真的。直接、平静地问：“你说想死，是真的有过伤害自己的念头吗？”全国心理援助热线可以24小时打。",
		"儿子说他朋友有自残的情况，十四岁的孩子该怎么陪伴朋友？要不要告诉辅导室的老师？",
		// Round 54 (N151): the speaker named after the words, in Korean and Japanese.
		"수능 망했다고 '죽고 싶다'는 사촌동생한테 전화했어요. 점수가 인생 전부 아니라고, 치킨 사주겠다고 했어요.",
		"「死にたい」って言う友達に何て返せばいいですか",
		"'죽고 싶다'고 하는 친구에게 어떻게 말해야 할까요",
	}, "cn", "intl")
	wantDecision(t, s, "the helper's own words", []string{
		"做了八年校园心理咨询老师，现在我自己也想死，撑不下去了",
		"我同学有自残的情况，其实我也一直在自残，该怎么陪伴朋友",
		"'죽고 싶다'는 생각이 하루 종일 들어요.",
		"「死にたい」って言うしかない。もう無理",
	}, models.DecisionReview, "intl")
}
