package moderate

import "github.com/notegate/notegate/models"

// Words read out from a court record: "prof read a real threat from an
// appellate record, 'I know where you sleep, I'm going to end you'",
// 今天去法院旁聽,檢察官念出被告傳的簡訊:『我要殺了你全家』, "la fiscal leyó
// los mensajes del acusado: llamaba 'sudaca' a la víctima", "une menace
// tirée d'un vrai dossier : « je vais te buter »". A law class, a trial
// watched or a case retold quotes the defendant's words to weigh them. A
// violence, hate, harassment or profanity finding inside a quotation (its
// first or last word, when the evidence runs across a quotation mark), in a field
// that names the proceedings with two terms of courtTerms or more (a court,
// a defendant, a prosecutor, a verdict, a statute), is capped like reported
// speech; the classifier's, whose evidence cannot be placed, when the field
// quotes anything. Not when the author takes the words up
// (quotationEndorsements); a threat of the author's own beside the quote is
// read as ever.

// courtTerms name court proceedings and the study of them, folded.
var courtTerms = newTermSet(foldTerms([]string{
	"court", "courtroom", "trial", "transcript", "appellate", "the record", "defendant", "defendant's", "prosecutor", "prosecution",
	"judge", "jury", "convicted", "acquitted", "verdict", "sentenced", "testimony", "witness", "law school", "crim law", "criminal law",
	"juicio", "tribunal", "juzgado", "acusado", "acusada", "fiscal", "juez", "jueza", "condenado", "condenada", "sentencia", "acta",
	"la sala", "procesal", "derecho penal", "código penal", "jurisprudencia",
	"julgamento", "réu", "ré", "juiz", "juíza", "promotor", "promotora", "direito penal", "processo", "audiência",
	"procès", "prévenu", "accusé", "procureur", "greffier", "procès-verbal", "dossier", "td de pénal", "droit pénal", "cour d'assises", "outrage à magistrat",
	"gericht", "angeklagte", "angeklagter", "staatsanwalt", "staatsanwältin", "richter", "richterin", "urteil", "akte", "stgb", "strafrecht", "verhandlung",
	"法院", "法庭", "旁听", "被告", "检察官", "公诉人", "法官", "判决", "判刑", "证人", "刑法", "罪成立", "恐吓", "庭审", "侮辱罪", "治安处罚",
	"裁判", "被告人", "判決", "検察官", "証人", "傍聴",
	"법원", "피고인", "검사", "판사", "판결", "재판", "증인", "형법", "방청",
}))

// courtFrame reports whether the folded field names court proceedings with
// two terms of courtTerms or more.
func courtFrame(folded string) bool { return courtTerms.two(folded) }

// courtQuoted reports whether the finding of source at sp is words read out
// from a court record (see above).
func courtQuoted(t *Text, source string, sp Span) bool {
	f := t.Folded.String()
	if !courtFrame(f) || containsTermAny(unquoted(f), quotationEndorsements) {
		return false
	}
	if fromClassifier(source) {
		return hasQuotation(t.Original)
	}
	return quotedEvidence(t.Original, sp)
}

// capCourtQuoted: words read out from a court record (court_quote.go).
func capCourtQuoted(t *Text, source string, x *Finding, _ *[]Span) {
	capQuotedFinding(x, source, true, courtCategories, func() bool { return courtQuoted(t, source, x.Span) })
}

// courtCategories: a court record quotes slurs too.
var courtCategories = append([]models.Category{models.CategoryHate}, spokenCategories...)
