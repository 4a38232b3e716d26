package moderate

import (
	"testing"
)

// Exam and work stress told in jest or with cheer is allowed; the same load
// with a sign of real risk is still reviewed, with support resources.
func TestStudyStressToldInJestOrWithCheerIsNoRisk(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"an English disclaimer in brackets", "Midterms tomorrow and I'm ready to die (not literally, just tired). Library crew, we got this", true},
		{"a death wish denied outright in brackets", "Pharmacology exam tomorrow, every opioid to memorize. I want to die. (I will not die. I will just be very tired.)", true},
		{"the same wish for tonight is risk, denied or not", "Pharmacology exam tomorrow, every opioid to memorize. I want to die tonight. (I will not die.)", false},
		{"a Chinese exam countdown that cheers on the class", "期末考试周，复习到想死，室友们一起加油！", true},
		{"a Spanish exam week that cheers everyone on", "Semana de exámenes finales, me quiero morir. ¡Ánimo a todos, que ya queda poco!", true},
		{"a Spanish exam week with a plan for passing", "Semana de exámenes y me quiero morir 😩 tres parciales seguidos. Si apruebo estadística me hago un altar.", true},
		{"the same plan beside pills saved is risk", "Semana de exámenes y me quiero morir, tengo las pastillas guardadas. Si apruebo me da igual.", false},
		{"an exam with pills saved is risk", "finals week and I want to die, not literally my friends think, but I've been saving up my meds. good luck everyone", false},
		{"an exam with 'lol' and no cheer is still read", "exams again and i want to die lol", false},
		{"a Chinese exam note that says it is no joke", "考研又没上岸，真的不想活了，不是开玩笑，大家加油吧", false},
		{"a Korean exam week said not to be for real", "시험기간이라 죽고 싶다는 말이 입에 붙었다… 물론 진짜는 아니고 커피 수혈 중", true},
		{"a Korean exam week with the words sworn to be meant", "시험기간인데 죽고 싶다. 진짜는 아니라고 하면 거짓말이야, 약을 모으고 있어", false},
		{"Chinese overtime said to be an exaggeration", "加班到凌晨两点 打工人累到不想活了（夸张说法哈 明天还得照常上班😂）", true},
		{"Chinese overtime called an exaggeration beside pills saved is risk", "加班累到不想活了（夸张说法哈），安眠药已经攒够了", false},
	}
	checkAllowed(t, s, cases)
}

// The Chinese degree complement (累得想死) with the day going on is a way of
// saying how tired; alone, beside a death wish of its own or with risk, it
// is still read.
func TestChineseDegreeComplementWithTheDayGoingOnIsNoRisk(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"overtime and a foot bath", "今天加班到十点，累得想死，回家泡个脚就睡了", true},
		{"a diet going on", "减肥第30天，饿到想死但体重掉了5斤，继续坚持", true},
		{"a report handed in at last", "期末報告寫到想死，還好今天終於交了", true},
		{"a math problem and a laugh", "这道数学题难到我想死，谁来救救我哈哈", true},
		{"a rich soup praised", "這家牛肉麵好吃到哭，湯頭濃到我想死在店裡", true},
		{"the first week of quitting smoking, now past", "戒烟第100天！第一周真的难受到想死，现在爬楼梯都不喘了", true},
		{"a sore throat explained to a friend abroad, who got it", "美国网友问我“上火”是什么意思，解释半天，最后说：就是炸鸡吃多了嗓子疼得想死。她秒懂，说 oh so it's like a sore throat from junk food lol。", true},
		{"a midterm and a quiz next week, with a mock death on the spot", "期中考考到我想死，結果老師說下週還有小考，直接原地去世", true},
		{"a hard time with nothing after it is still read", "现在每天都难受到想死", false},
		{"the complement alone is still read", "期末考考到想死", false},
		{"the complement beside a death wish of its own", "累得想死，其实我是真的想死", false},
		{"the complement with risk", "累得想死，今晚就想结束这一切，终于可以解脱了", false},
	}
	checkAllowed(t, s, cases)
}

// The Japanese measure of a bodily state or of embarrassment (消えたい…って
// くらい眠い, 恥ずかしすぎて消えたい) says how sleepy or embarrassed; a measure
// of heartache, a wish of its own or risk beside it is still read.
func TestJapaneseMeasureOfAStateIsNoRisk(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a nurse after a night shift, sleepy", "夜勤明け、もう無理、消えたい…ってくらい眠い。ベッドに着いたら10秒で意識飛ぶ自信ある😴", true},
		{"a name mixed up in a meeting", "会議で上司の名前間違えた。恥ずかしすぎて消えたい😇", true},
		{"tired to death after moving house", "引っ越し終わった、死ぬほど疲れた〜 今日は出前にする", true},
		{"a measure of heartache is still read", "消えたいくらい辛い。もう限界", false},
		{"the measure beside a wish of its own", "死ぬほど眠い…でも本当はもう死にたい", false},
		{"the wish alone is still read", "もう消えたい。誰にも必要とされてない", false},
	}
	checkAllowed(t, s, cases)
}

func TestSaysNotMeantReadsNegations(t *testing.T) {
	for s, want := range map[string]bool{
		"ready to die (not literally)": true,
		"jk lol":                       true,
		"不是开玩笑":                        false,
		"冗談じゃない":                       false,
		"冗談だよ":                         true,
		"no es broma":                  false,
		"es broma, tranqui":            true,
	} {
		if got := saysNotMeant(NewText("body", s).Folded.String()); got != want {
			t.Errorf("saysNotMeant(%q) = %v, want %v", s, got, want)
		}
	}
}

// A friend's or a relative's words quoted after a colon are theirs.
func TestAQuotationGivenToAFriendWithAColonIsTheirs(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a Portuguese friend's joke quoted", "meu amigo: 'se eu reprovar em física de novo eu me jogo da ponte' eu: 'mano, de novo?' 😂 (ele passou)", true},
		{"the author's own words after their name", "eu: 'se eu reprovar em física de novo eu me jogo da ponte' e dessa vez é sério", false},
	}
	checkAllowed(t, s, cases)
}

// The weather blamed, with what the author does about it, is no risk; the
// weather beside pills, or alone, is still read.
func TestTheWeatherBlamedIsNoRisk(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"heat and the pool", "this heat makes me want to die, heading to the pool with the kids", true},
		{"heat and the pool in Spanish", "Qué calor, me quiero morir, me voy a la piscina con los niños", true},
		{"heat and pills", "this heat makes me want to die, i have the pills ready, tonight", false},
		{"grey days alone", "its so grey every day, i want to die", false},
	}
	checkAllowed(t, s, cases)
}
