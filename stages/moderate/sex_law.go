package moderate

import "github.com/notegate/notegate/models"

// Sex and the law explained: "en España la edad de consentimiento sexual es
// 16 años desde 2015", 2023年の刑法改正で性交同意年齢が13歳から16歳に, "divulgar
// nudes de alguém sem consentimento é crime (art. 218-C)", "¿Es delito
// compartir fotos íntimas de tu ex sin su permiso? Sí (art. 197.7 CP)". A
// law student, a lawyer or a parent tells what the law says; the
// sexual_minors rules (a minor's age beside a sexual word) and the
// lexicons' sexual words read the statute as the act. Their findings are
// capped like reported speech in a field that names the age of consent
// (consentAgeTerms), or the law with two terms of lawTerms or more (a
// crime, an article of a code, a court), and asks no one for anything
// (sexLawAsks: a private message, a meeting, pictures sent) and sells
// nothing: a groomer or a trader who cites the law still asks or sells.

// consentAgeTerms name the age of consent, folded.
var consentAgeTerms = newTermSet(foldTerms([]string{
	"age of consent", "edad de consentimiento", "idade de consentimento", "âge du consentement", "age de consentement",
	"majorité sexuelle", "schutzalter", "性交同意年齢", "性的同意年齢", "性同意年龄", "性同意年齡", "性自主年龄", "성적 동의 연령", "의제강간",
}))

// lawTerms name the law, folded: two of them, or one with courtTerms, make
// a field about the law.
var lawTerms = newTermSet(foldTerms([]string{
	"crime", "criminal", "illegal", "statute", "penal code", "law school", "legal question",
	"delito", "código penal", "codigo penal", "artículo", "pregunta legal", "tfg", "jurisprudencia", "ley",
	"artigo", "direito penal", "lei", "delegacia",
	"délit", "code pénal", "loi", "droit pénal",
	"straftat", "strafbar", "stgb", "gesetz", "strafrecht",
	"刑法", "犯罪", "违法", "違法", "法律", "法改正", "ロースクール", "형법", "범죄", "불법", "법률",
	"art.", "§",
}))

// sexLawAsks ask someone for something: a message, a meeting, pictures.
var sexLawAsks = newTermSet(foldTerms([]string{
	"dm me", "pm me", "inbox me", "message me", "send me", "add me", "meet me", "snap", "whatsapp", "telegram", "kik",
	"mándame", "mandame", "pásame", "pasame", "envíame", "escríbeme", "me manda", "me passa", "me chama", "chama no",
	"envoie-moi", "écris-moi", "schick mir", "schreib mir", "发我", "私聊", "私信我", "加我", "見せて", "送って", "보내줘", "연락해",
	// or sell: a trader who names the law still sells
	"vendo", "venta", "precio", "price", "for sale", "selling", "preço", "à vendre", "verkaufe", "出售", "售", "販売", "판매", "link", "<price>",
}))

// sexLawTold reports whether t explains what the law says of sex (see
// above).
func sexLawTold(t *Text) bool {
	s := t.Folded.String()
	if sexLawAsks.anyTerm(s) {
		return false
	}
	return consentAgeTerms.anyTerm(s) || lawTerms.two(s) || lawTerms.anyTerm(s) && courtTerms.anyTerm(s)
}

// capSexLaw: sex and the law explained (sex_law.go).
func capSexLaw(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Score <= reportedScoreCap {
		return
	}
	if x.Category == models.CategorySexualMinors && source == "rules" || x.Category == models.CategorySexual && source == "lexicon" {
		if sexLawTold(t) {
			x.Score = reportedScoreCap
		}
	}
}
