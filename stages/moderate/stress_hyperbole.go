package moderate

import (
	"strings"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Study and work stress told as everyone tells it: "Finals week. Three exams
// tomorrow and I'm ready to die (not literally, I'm fine, I just need
// coffee)", 高三日常：刷题刷到想死，模考又炸了…冲鸭！, "Semana de selectividad.
// Me quiero morir, llevo cinco cafés… ¡Ánimo a todos!". A self_harm finding
// of an author at risk (not content that teaches or promotes self-harm), in
// a field of at most maxStressRunes that names the load (exams, finals,
// a deadline, 高考, 刷题, 學測, selectividad, vestibular, partiels, Abitur,
// テスト, 수능 …) and either says the words are not meant (not literally,
// jk, 手动狗头, 冗談; not "lol", "I'm fine" or 开玩笑, which someone at
// risk writes too: "they all think I'm joking") or cheers on the others carrying it (加油,
// 冲鸭, 互相打气, ánimo a todos, força, courage à tous, 화이팅, 頑張ろう, let's
// suffer together), is capped like reported speech. Not when the field
// also speaks as someone at risk does (stressRisk: a means or a time to
// end it, a burden, no way out, goodbye, "考完就去跳楼", "I mean it"): a
// student who wants to die after an exam is the one the stage must see.

// maxStressRunes bounds the fields read: a comment or a short note.
const maxStressRunes = 320

var (
	// stressLoads name the load.
	stressLoads = newTermSet(foldTerms([]string{
		"exam", "exams", "finals", "finals week", "midterm", "midterms", "deadline", "deadlines", "thesis", "dissertation", "study session",
		"organic chem", "orgo", "sat", "gcse", "a-levels", "bar exam", "overtime", "crunch",
		"考试", "期末", "期中", "高考", "中考", "考研", "模考", "刷题", "作业", "论文", "加班", "学测", "统测", "指考", "会考", "考试周", "ddl",
		"examen", "exámenes", "examenes", "selectividad", "la evau", "la pau", "parciales", "finales", "entrega", "tesis",
		"prova", "provas", "vestibular", "enem", "tcc", "faculdade",
		"partiels", "partiel", "le bac", "bac blanc", "concours", "mémoire", "révisions",
		"prüfung", "prüfungen", "klausur", "klausuren", "abitur", "abi", "bachelorarbeit", "masterarbeit", "lernphase",
		"テスト", "試験", "期末", "受験", "レポート", "締め切り", "残業",
		"시험", "기말", "중간고사", "수능", "과제", "마감", "야근",
	}))
	// notMeant say the words are a manner of speaking.
	notMeant = foldTerms([]string{
		"not literally", "(not literally", "jk", "just kidding", "手动狗头", "doge",
		"no literal", "no literalmente", "es broma", "não literalmente", "é brincadeira", "pas littéralement", "je rigole", "c'est une blague",
		"nicht wörtlich", "spaß beiseite", "冗談", "（笑）", "(笑)", "농담",
		// Round 36 (N13): "물론 진짜는 아니고 커피 수혈 중" (not for real, of course).
		"진짜는 아니고", "진짜는 아니야", "진짜 아니고", "진짜 아님", "진심 아니야", "진심은 아니고", "just joking", "i'm kidding", "im kidding", "je plaisante", "nicht ernst gemeint", "说说而已", "なんてね",
		// Round 38 (N19): "累到不想活了（夸张说法哈 明天还得照常上班😂）".
		"夸张说法", "夸张的说法", "夸张一下", "i'm exaggerating", "im exaggerating", "estoy exagerando", "tô exagerando", "to exagerando",
		"estou exagerando", "j'exagère", "j'exagere", "ich übertreibe", "大げさだけど", "과장이고", "과장 좀",
		// Round 49 (N91): "If I die tonight tell my mom I loved her. (I will not die. I will just be very tired.)".
		"i will not die", "i won't die", "i wont die", "i'm not going to die", "im not going to die", "not actually dying",
	})
	// cheers encourage the others carrying the same load.
	cheers = newTermSet(foldTerms([]string{
		"let's suffer together", "lets suffer together", "we got this", "you got this", "good luck everyone", "good luck to everyone",
		"stay strong everyone",
		"加油", "冲鸭", "冲啊", "一起冲", "姐妹们冲", "互相打气", "一起加油", "一起撑", "撑过去", "我们都是战士",
		"ánimo a todos", "animo a todos", "que ya queda poco", "ya queda poco", "vamos que se puede", "mucha suerte a todos",
		"força galera", "força a todos", "boa sorte a todos",
		"courage à tous", "courage a tous", "bon courage", "on lâche rien", "bonne chance à tous",
		"viel erfolg", "durchhalten", "wir schaffen das", "ihr schafft das",
		"頑張ろう", "がんばろう", "みんな頑張", "ファイト",
		"화이팅", "파이팅", "다들 힘내", "같이 버티",
		// Round 54 (N151): plans for when the exam is passed ("Si apruebo estadística me hago un altar").
		"si apruebo", "if i pass", "when i pass", "se eu passar", "quando eu passar", "si je réussis", "si je valide",
		"wenn ich bestehe", "受かったら", "合格したら", "합격하면", "붙으면", "如果过了", "要是过了", "考过了就",
	}))
	// stressRisk speak as someone at risk does, whatever the load.
	stressRisk = newTermSet(foldTerms([]string{
		"i mean it", "not joking", "not a joke", "for real this time", "goodbye", "burden", "no way out", "end it", "kill myself", "pills",
		"jump off", "tonight", "suicide", "suicidal", "nobody would care", "no one would care", "nobody would miss me",
		"no one would miss me", "tired of living", "don't want to be here", "dont want to be here", "no reason to live",
		"meds", "my meds", "won't be around", "wont be around", "be around for", "saving up", "stockpil", "not be here",
		"攒药", "存药", "不在了", "ya no estaré", "no voy a estar", "não vou estar", "je ne serai plus", "nicht mehr da", "もういない", "없을 거",
		"不是开玩笑", "认真的", "跳楼", "吃药", "安眠药", "遗书", "再见了", "解脱", "没有意义", "累赘", "今晚", "活着好累", "撑不下去",
		"没人在乎", "没人会在乎", "消えたい", "살기 싫", "nadie me echaría de menos", "ninguém ia sentir minha falta",
		"no es broma", "en serio", "suicidarme", "pastillas", "despedirme", "adiós", "ser una carga",
		"não é brincadeira", "me matar", "remédios", "despedida", "ser um peso",
		"je suis sérieux", "je suis sérieuse", "me suicider", "médicaments", "adieu", "un fardeau",
		"kein scherz", "ernst gemeint", "mich umbringen", "tabletten", "abschied", "eine last",
		"本気で", "冗談じゃない", "飛び降り", "薬", "遺書", "さようなら", "迷惑をかけ",
		"진심", "농담 아니", "뛰어내", "약을", "유서", "안녕히", "짐이",
	}))
)

// stressHyperbole reports whether t tells of a study or work load in the
// manner of speaking the file comment describes.
func stressHyperbole(t *Text) bool {
	if utf8.RuneCountInString(t.Original) > maxStressRunes {
		return false
	}
	f := t.Folded.String()
	return stressLoads.anyTerm(f) && (saysNotMeant(f) || cheers.anyTerm(f)) && !stressRisk.anyTerm(f)
}

// jokeNegationsAfter turn a disclaimer round from after it: 冗談じゃない,
// 농담 아니 (negatedBefore reads those before it: "no es broma").
var jokeNegationsAfter = foldTerms([]string{"じゃない", "ではない", "じゃなく", " 아니", "아니"})

// saysNotMeant reports whether the folded field says its words are not
// meant (notMeant), with no negation turning the disclaimer round.
func saysNotMeant(f string) bool {
	for _, w := range notMeant {
		for from := 0; ; {
			i := strings.Index(f[from:], w)
			if i < 0 {
				break
			}
			i += from
			from = i + len(w)
			if !wordEdge(f, i, i+len(w)) && !isHan(w) {
				continue
			}
			negated := negatedBefore(f[:i])
			after := f[i+len(w) : min(len(f), i+len(w)+12)]
			for _, n := range jokeNegationsAfter {
				negated = negated || strings.HasPrefix(after, n)
			}
			if !negated {
				return true
			}
		}
	}
	return false
}

// capStressHyperbole: a death wish of study or work stress said in jest or
// with cheer, a Chinese degree complement with the day going on, or the
// weather blamed (stress_hyperbole.go, stress_degree_zh.go,
// weather_hyperbole.go).
func capStressHyperbole(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category != models.CategorySelfHarm || x.Score <= reportedScoreCap ||
		!(source == "lexicon" || fromClassifier(source) || source == "rules" && x.Support) {
		return
	}
	if stressHyperbole(t) || degreeHyperboleZh(t) || degreeHyperboleJa(t) || weatherHyperbole(t) {
		x.Score, x.Support = reportedScoreCap, false
	}
}
