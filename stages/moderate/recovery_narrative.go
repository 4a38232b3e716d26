package moderate

import "unicode"

// Longer notes told from the other side. The intent models read a whole
// field, and a recovery story holds what a person at risk writes ("thinking
// everyone would be better off without me", "I didn't much care whether I
// woke up"): round 38's English set of longer innocent notes (N24) had the
// English model's self_harm on 24 of 150, every one of them a recovery, a
// bereavement or a medical story. These frames cap the models' self_harm
// (the rules and the word lists keep theirs, with their own vetoes):
//
//   - recoveryNarrative: a field of more than minNarrativeWidth that tells
//     the bad time as past ("at my worst", "for years I", "three years
//     ago"), names the care that helped (a therapist, a GP, treatment, a
//     support group, a named medicine) and speaks of now ("these days",
//     "today", "in recovery");
//   - bereavedBySuicide: a field that tells someone else's death by
//     suicide ("my brother died by suicide", "Dad took his own life");
//   - petStory: a field that tells a pet's death (put to sleep, the rainbow
//     bridge, 安乐死, eingeschläfert): grief for a dog or a cat says "I'm
//     not okay today" and "something was torn out of me", and the models
//     read the author at risk (round 39's N26: a French cat put to sleep at
//     home, self_harm 0.87); a pet's death told plainly counts with a
//     memory of it (好想它, "miss him"), and a pet's mischief too
//     (pet_antics.go);
//   - reportedSelfHarmTaunt: a taunt someone sent, quoted and reported.
//
// None holds when the risk comes back into the present (presentRisk:
// a relapse, tonight, a plan, "I want to die too"; for a pet's death and a
// taunt, "I don't want to live" too).

// minNarrativeWidth is the shortest field read as a recovery story, in
// letters of Latin script (textWidth: a Han character counts three, a kana
// or a hangul syllable two): a comment saying "I used to feel like that, my therapist
// helped" is read as written.
const minNarrativeWidth = 300

var (
	narrativePast = newTermSet(foldTerms([]string{
		"at my worst", "during my worst", "my worst point", "i used to", "for years i", "for a long time i", "back then", "years ago",
		"last year", "a year ago", "at the time", "when i was at", "in my teens", "in my twenties", "those years", "that year",
		"en mi peor momento", "hace años", "antes yo", "no meu pior momento", "há anos", "anos atrás", "au pire", "il y a des années",
		"à l'époque", "damals", "vor jahren", "最严重的时候", "那段时间", "那几年", "几年前", "最悪の時期", "当時", "예전에", "그때는",
		// Round 39: the attempt or the self-harm dated as past ("four years after my suicide attempt",
		// "I self-harmed from age fourteen to about twenty-two", "I'm in recovery from a suicide attempt").
		"years after my", "after my suicide attempt", "after my attempt", "in recovery from", "from age", "i used to think",
		// Round 39 (N29): Chinese recoveries ("最糟的时候我在阳台站了很久", "以前手臂上的疤").
		"最糟的时候", "最难的时候", "最低谷的时候", "那时候", "当时", "以前",
		// Round 54 (N159): the hard time dated by the author's age or its worst point in every language
		// ("quando eu tinha oito anos", 제일 힘들 때는, 甚至有過…的念頭, "stopped when I was twenty-two").
		"when i was", "i did that for", "quando eu tinha", "cuando tenía", "cuando tenia", "quand j'avais", "als ich",
		"제일 힘들 때", "가장 힘들 때", "힘들 때는", "했었", "有过", "那段日子", "那一年", "那年",
	}))
	narrativeCare = newTermSet(foldTerms([]string{
		"therapist", "therapy", "counsellor", "counselor", "counselling", "counseling", "psychiatrist", "psychologist", "my gp",
		"my doctor", "inpatient", "outpatient", "treatment", "dietitian", "support group", "aa meeting", "a meeting", "sponsor",
		"sertraline", "fluoxetine", "citalopram", "antidepressant", "antidepressants", "medication", "health visitor", "crisis team",
		"helpline", "hotline", "rehab", "recovery",
		"terapeuta", "terapia", "psicólogo", "psicóloga", "psiquiatra", "tratamiento", "tratamento", "thérapeute", "thérapie", "psy",
		"traitement", "therapeutin", "therapie", "psychologin", "behandlung", "心理医生", "心理咨询", "咨询师", "治疗", "吃药",
		"カウンセリング", "治療", "精神科", "상담", "치료", "정신건강의학과", "住院", "服药", "咨询",
		// Round 54 (N159): the doctors, clinics and treatments of long stories ("心療内科を受診", 身心科, 化疗,
		// "mon médecin traitant … une psychiatre", "Tagesklinik", "Hausärztin").
		"心療内科", "休職", "リワーク", "身心科", "手术", "化疗", "确诊", "谘商", "咨商", "辅导老师", "心理老师", "热线",
		"psychiatre", "médecin", "medecin", "hausärztin", "hausarzt", "tagesklinik", "klinik", "psychiaterin", "psiquiatra",
		"médico", "medico", "médica", "medica", "doctor", "nurse", "enfermera", "enfermeira", "병원", "약을", "상담센터",
	}))
	narrativeNow = newTermSet(foldTerms([]string{
		"these days", "today", "now i", "i'm now", "im now", "now i'm", "now im", "in recovery", "from the other side", "this week",
		"this year", "nowadays", "i'm doing", "im doing", "i'm still here", "still here",
		"hoy", "ahora", "hoje", "agora", "aujourd'hui", "maintenant", "heute", "jetzt", "现在", "如今", "今は", "지금은",
		// Round 54 (N159): "this year", "these days", "by now" in the other languages.
		"今年", "这几年", "este año", "este ano", "cette année", "dieses jahr", "inzwischen", "mittlerweile", "今では", "지금 저는", "올해",
	}))
	// narrativeRisk are a present risk the frames must not hide.
	narrativeRisk = newTermSet(foldTerms([]string{
		"planning to", "plan to end", "going to end it", "end it all", "last post", "won't be here", "wont be here", "not be here much longer",
		"goodbye", "saying goodbye", "i want to die", "i still want to die", "join him", "join her", "be with him again",
		"be with her again", "quiero morir", "quero morrer", "je veux mourir", "ich will sterben", "想死", "死にたい", "죽고 싶",
	}))
	bereavedMarkers = newTermSet(foldTerms([]string{
		"died by suicide", "took his own life", "took her own life", "took their own life", "killed himself", "killed herself",
		"suicide loss", "lost my brother to suicide", "lost my sister to suicide", "lost my son to suicide", "lost my daughter to suicide",
		"lost my dad to suicide", "lost my mum to suicide", "lost my mom to suicide", "lost my husband to suicide", "lost my wife to suicide",
		"lost my friend to suicide", "after his suicide", "after her suicide",
		"se suicidó", "se quitó la vida", "se suicidou", "tirou a própria vida", "s'est suicidé", "s'est suicidée", "s'est donné la mort",
		"hat sich das leben genommen", "hat sich umgebracht", "自杀去世", "自杀离开", "自殺で亡くな", "자살로 떠난", "스스로 목숨을 끊",
		// Round 54 (N159): a friend lost, told by the bereaved (自ら命を絶って, 自死遺族, 自杀者的亲友).
		"自ら命を絶", "自死遺族", "自死遺族の", "自杀者的亲友", "自杀者家属", "自杀者的家属", "自死遗族",
	}))
)

var (
	petDeathMarkers = newTermSet(foldTerms([]string{
		"put to sleep", "put him to sleep", "put her to sleep", "euthanasia", "euthanised", "euthanized", "rainbow bridge",
		"eutanasia", "eutanasiar", "puente del arcoíris", "eutanásia", "ponte do arco-íris", "ponte do arco iris", "euthanasie",
		"pont de l'arc-en-ciel", "eingeschläfert", "einschläfern", "regenbogenbrücke", "安乐死", "彩虹桥", "回喵星", "去喵星",
		"回汪星", "去汪星", "安楽死", "虹の橋", "안락사", "무지개다리",
	}))
	// petDiedPlainly say a death plainly; beside a pet word they tell a
	// pet's death only with a memory of it (petMemory): "my dog died last
	// week and he was the only reason I was still here" is read as written.
	petDiedPlainly = newTermSet(foldTerms([]string{
		"passed away", "died", "murió", "falleció", "morreu", "faleceu", "est mort", "est morte", "nous a quittés",
		"ist gestorben", "verstorben", "走了", "离开了我们", "睡着离开", "安详离开", "离开了", // round 49 (N97): 陪了我十五年的貓咪今天睡著離開了
		"去世", "过世", "亡くなった", "旅立った", "死んじゃった",
		"세상을 떠났", "떠났어요", "떠났다",
	}))
	// petMemory is grief that remembers (round 40, N31: "我家狗狗昨晚走了，陪了我14年…好想它").
	petMemory = newTermSet(foldTerms([]string{
		"miss him", "miss her", "miss you", "rest in peace", "rip", "good boy", "good girl", "years with", "best friend",
		"te extraño", "te echo de menos", "descansa en paz", "sinto falta", "saudade", "descanse em paz", "tu me manques",
		"repose en paix", "vermisse", "ruhe in frieden", "好想它", "想它", "想你", "陪了我", "陪伴", "一路走好", "会いたい",
		"ありがとう", "보고 싶", "고마워",
		// Round 49 (N95): years of company and thanks for comfort (我的貓昨天走了，牠陪我露營了八年。謝謝大家的安慰).
		"陪我", "安慰", "thanks for the kind words", "gracias por los mensajes", "obrigada pelo carinho", "merci pour vos messages",
		"danke für eure worte",
		// Round 49 (N93): gone to heaven, as a parent tells a child (仓鼠今天走了，儿子问它是不是去天上吃瓜子了).
		"去天上", "在天上", "去天堂", "gone to heaven", "in heaven", "al cielo", "en el cielo", "pro céu", "no céu", "au ciel",
		"im himmel", "天国", "하늘나라",
	}))

	// petLossRisk: the author's own wish not to live, said outright.
	petLossRisk = newTermSet(foldTerms([]string{
		"don't want to live", "dont want to live", "no quiero vivir", "não quero viver", "nao quero viver", "je ne veux plus vivre",
		"ich will nicht mehr leben", "不想活", "生きていたくない", "살고 싶지 않",
		// the pet was the reason to live (round 40)
		"only reason i was still here", "only reason i'm still here", "only reason im still here", "nothing holding me",
		"nothing keeping me", "no reason to live", "reason to live", "razón para vivir", "razon para vivir", "motivo para viver",
		"raison de vivre", "grund zu leben", "活下去的理由", "唯一的理由", "生きる理由", "살 이유",
	}))
)

// presentRisk reports whether folded text s says the author is at risk
// now (riskBackMarkers, narrativeRisk), or, with wishNotToLive, says
// outright they do not want to live (petLossRisk).
func presentRisk(s string, wishNotToLive bool) bool {
	return riskBackMarkers.anyTerm(s) || narrativeRisk.anyTerm(s) ||
		wishNotToLive && petLossRisk.anyTerm(s)
}

// petStory reports whether t tells a pet's death or its mischief
// (petMischief, pet_antics.go) and nothing of the author's own risk.
func petStory(t *Text) bool {
	s := t.Folded.String()
	told := petDeathMarkers.anyTerm(s) || petDiedPlainly.anyTerm(s) && petMemory.anyTerm(s) ||
		petMischief.anyTerm(s)
	return told && petWords.anyTerm(s) && !presentRisk(s, true)
}

// recoveryNarrative reports whether t tells a recovery from the other
// side (see above).
func recoveryNarrative(t *Text) bool {
	if textWidth(t.Original) <= minNarrativeWidth {
		return false
	}
	s := t.Folded.String()
	return storyPast(s) && narrativeCare.anyTerm(s) && narrativeNow.anyTerm(s) && !presentRisk(s, false)
}

// storyPast reports whether folded field s dates a hard time as past: a
// story's words for it (narrativePast), a span of years counted back
// (reAgo), or the self-harm readings' past markers (pastMarkers).
func storyPast(s string) bool {
	return narrativePast.anyTerm(s) || reAgo.MatchString(s) || containsPersonAny(s, pastMarkers)
}

// longBereavement reports whether t is a loss by suicide told at length
// (bereavedBySuicide in a field wider than minNarrativeWidth).
func longBereavement(t *Text) bool {
	return textWidth(t.Original) > minNarrativeWidth && bereavedBySuicide(t)
}

// bereavedBySuicide reports whether t tells someone else's death by
// suicide and nothing of the author's own risk.
func bereavedBySuicide(t *Text) bool {
	s := t.Folded.String()
	return bereavedMarkers.anyTerm(s) && !presentRisk(s, false)
}

// textWidth is the length of s in letters of Latin script, by what a
// character says: a Han character about three letters (a hundred of them
// tell what fifty English words do), a kana or a hangul syllable about two.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r < 0x1100:
			n++
		case unicode.Is(unicode.Han, r):
			n += 3
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			n += 2
		default:
			n++
		}
	}
	return n
}

// reportedSelfHarmTaunt reports whether t quotes words someone sent the
// author ("kill yourself, fat cow") and says the author reported them
// (victimReport), with nothing of the author's own risk: the models read
// the quoted taunt as the author's wish (round 39's N29: self_harm 0.96 on
// a note about an impersonator, reported by forty friends).
func reportedSelfHarmTaunt(t *Text) bool {
	if !victimReport(t) {
		return false
	}
	return !presentRisk(t.Folded.String(), true)
}
