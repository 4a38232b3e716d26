package moderate

// Health advice: a pharmacist's tip, a nurse's reminder, a clinic's notice
// tells readers how to take a medicine safely ("藥師小提醒：安眠藥不要自己加量，
// 也不要配酒吃…記得去看睡眠門診", "Pharmacist here: never mix sleeping pills
// with alcohol, ask your doctor first"). The intent models read the
// medicine, the dose and the warning as a person at risk (the Chinese model
// gave that tip self_harm 0.59). A field that names a health professional
// or a clinic, gives advice to its readers and says nothing of its author
// (no first person singular) is advice, not a cry for help: the intent
// models' self_harm there is capped like reported speech. The medicine is
// its subject, so the means of stressRisk are no sign here; the rules
// still read a method taught or a dose to end a life.

// healthCarers name a health professional or a place of care (folded;
// Latin terms whole words).
var healthCarers = newTermSet(foldTerms([]string{
	"药师", "药剂师", "医生", "医师", "护士", "门诊", "就医", "医嘱", "看医生", "医院",
	"pharmacist", "pharmacy", "doctor", "gp", "nurse", "physician", "clinic", "your pharmacist", "your doctor",
	"farmacéutico", "farmaceutico", "farmacéutica", "farmaceutica", "médico", "medico", "médica", "medica", "enfermera", "enfermero",
	"farmacêutico", "farmacêutica", "enfermeira",
	"pharmacien", "pharmacienne", "médecin", "medecin", "infirmière", "infirmier",
	"apotheker", "apothekerin", "arzt", "ärztin", "hausarzt", "hausärztin",
	"薬剤師", "医師", "お医者さん", "病院", "受診", "약사", "의사", "병원", "진료",
}))

// healthAdviceWords give readers advice (folded; Latin terms whole words).
var healthAdviceWords = newTermSet(foldTerms([]string{
	"不要", "别", "記得", "记得", "提醒", "建议", "注意", "请咨询", "务必",
	"don't", "dont", "do not", "never", "make sure", "remember to", "always ask", "ask your", "talk to your", "check with",
	"no tomes", "no mezcles", "nunca", "consulta", "consulte", "pregunta a", "pregúntale", "recuerda",
	"não tome", "nao tome", "não misture", "nao misture", "lembre", "converse com",
	"ne prenez", "ne mélangez", "ne melangez", "demandez", "n'oubliez", "jamais",
	"nehmen sie nie", "nicht mischen", "niemals", "fragen sie", "sprechen sie mit", "denkt dran",
	"ないで", "ましょう", "ください", "하지 마", "마세요", "상담하", "꼭",
}))

// healthAdvice reports whether the field is health advice to readers (see
// the file comment).
func healthAdvice(t *Text) bool {
	s := t.Folded.String()
	return healthCarers.anyWord(s) && healthAdviceWords.anyWord(s) && !saysFirstPerson(s)
}
