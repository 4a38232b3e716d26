package moderate

import (
	"regexp"
	"slices"
	"strings"

	"github.com/notegate/notegate/models"
)

// A professional's or a moderator's warning: a note that opens by saying
// who is speaking — a pharmacist, an emergency doctor, a vet, a teacher, a
// group's moderators ("Pharmacist PSA:", "Médico de urgencias:", "응급의학과
// 의사입니다", "運営からのお願い", "版主說明") — and then warns readers
// ("don't", "nunca", "절대 … 마세요", "削除対象です"), names what it warns of:
// the dealer's words ("Xanax bars, discreet shipping"), nitrous balloons
// "sold at parties", a doxxing post's address and school, a pet "killed"
// by euthanasia (round 54's read set N163 had 21 of 150 flagged, its
// sealed twin 19). In a field that opens so, holds a warning, and offers
// nothing outside its quotations (warningOffers, a price, a handle), the
// rules' and the word lists' findings of illicit goods, violence, personal
// data, harassment, hate and spam are capped like reported speech. A
// dealer who calls himself a pharmacist still sells outside the quotes,
// and sexual content about minors is never capped here
// (child_safety_warning.go reads parents' warnings with a report made).

var (
	// professionalOpenings say who speaks, at the start of the field
	// (folded; within its first sentence).
	professionalOpenings = newTermSet(foldTerms([]string{
		"pharmacist", "pharmacist psa", "er doctor", "er nurse", "emergency doctor", "doctor here", "nurse here", "vet here",
		"veterinarian", "vet tech", "teacher here", "school counselor", "reminder from the mods", "mod note", "mods here",
		"a note from the mods", "moderator note", "police officer here",
		"médico de urgencias", "medico de urgencias", "médica de urgencias", "farmacéutico", "farmaceutico", "farmacéutica",
		"farmaceutica", "veterinario", "veterinaria", "enfermera", "enfermero", "profesora", "profesor", "moderadores",
		"médico", "medico", "médica", "medica", "farmacêutico", "farmacêutica", "farmaceutico", "veterinária", "enfermeira",
		"professora", "moderação", "moderacao",
		"médecin urgentiste", "medecin urgentiste", "médecin", "medecin", "pharmacien", "pharmacienne", "vétérinaire",
		"veterinaire", "infirmière", "infirmiere", "prof principal", "modérateurs", "moderateurs", "modération",
		"apotheker", "apothekerin", "notarzt", "notärztin", "tierarzt", "tierärztin", "lehrerin", "lehrer", "moderation",
		"我是医生", "我是药师", "我是护士", "兽医", "急诊科", "药剂师", "版主", "管理员", "群主提醒", "辅导老师",
		"運営から", "運営より", "薬剤師", "救急医", "看護師", "獣医", "教員です", "管理人",
		"응급의학과", "약사", "간호사", "수의사", "운영진", "관리자", "교사입니다",
	}))
	// professionalWarnings are the warning itself, in the folded text.
	professionalWarnings = newTermSet(foldTerms([]string{
		"don't", "do not", "never", "avoid", "report it", "report the", "is not", "are almost never", "gets removed",
		"no mezclen", "no mezcles", "nunca", "no es", "llamen al", "evita", "denuncie", "não", "nao", "evite", "ligue",
		"ce n'est pas", "ne jamais", "jamais", "parlez-en", "signalez", "kein", "keine", "nie", "niemals", "nicht",
		"不要", "别", "千万", "切勿", "禁止", "删除", "刪除", "停权", "违法", "触法",
		"しないで", "やめて", "削除", "禁止", "絶対に", "ダメ",
		"하지 마", "마세요", "절대", "삭제", "금지",
	}))
)

// professionalWarning reports whether t is a warning of the kind above.
func professionalWarning(t *Text) bool {
	s := t.Folded.String()
	head := s
	if i := strings.IndexAny(s, ".!?。！？\n"); i > 0 {
		head = s[:i]
	}
	if len(head) > 120 {
		head = head[:120]
	}
	if !professionalOpenings.anyTerm(head) || !professionalWarnings.anyTerm(s) {
		return false
	}
	out := unquoted(s)
	return !warningOffers.in(out) && !reGivesContact.MatchString(out)
}

// reGivesContact is a way to be reached, outside the quotations: a handle,
// a link or a domain, a phone number.
var reGivesContact = regexp.MustCompile(`@[a-z0-9_.]{3,}|https?://|www\.|\b[a-z0-9-]+\.(?:com|net|org|io|co|xyz|me|ly|gg|app|shop|top|link|site|store)\b|\d[\d \-]{6,}\d`)

// professionalCapped are the categories such a warning names without
// doing.
var professionalCapped = []models.Category{models.CategoryIllicit, models.CategoryViolence, models.CategoryPII,
	models.CategoryHarassment, models.CategoryHate, models.CategorySpam}

// capProfessionalWarning: the rules' and the word lists' findings in a
// professional's or a moderator's warning.
func capProfessionalWarning(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Score <= reportedScoreCap || !(source == "rules" || source == "lexicon") {
		return
	}
	if !slices.Contains(professionalCapped, x.Category) {
		return
	}
	// A threat or an insult aimed at a reader ("Y tú, idiota, te voy a
	// matar") is the speaker's own, whoever they say they are.
	spoken := x.Category == models.CategoryViolence || x.Category == models.CategoryHarassment || x.Category == models.CategoryHate
	if spoken && aimedAtReader(t, x.Span) || !professionalWarning(t) {
		return
	}
	x.Score = reportedScoreCap
}
