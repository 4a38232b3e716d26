package moderate

import (
	"strings"

	"github.com/notegate/notegate/models"
)

// Child-safety warnings: a parent who tells other parents how a groomer
// worked on their child ("a 'friend' my 11yo met in a Roblox lobby gifted
// her Robux, then asked her to move to a private chat and keep it our
// secret … we reported the account", 儿子10岁…让他加私人QQ、拍房间的照片，说
// "别告诉你爸妈"。已经报警, "Parents, parlons de sextorsion … appelez le 3018")
// names every sign the grooming rules read: a child's age, gifts, a private
// channel, secrecy, photos. The rules' vetoes catch the warning words of
// their own language; a warning in another language, or in words no veto
// lists, reaches the zero-tolerance block. In a field that speaks to or as
// parents and tells of a report made or to make (police, a hotline, the
// platform) and offers nothing (no sale, no price, no "no cops"), a
// sexual_minors finding of the rules or lexicons is capped like reported
// speech: it keeps its label for reviewers and decides nothing. A groomer
// writes to the child, not to parents about a report; "don't tell your
// parents" is no parents' audience.

var (
	// parentAudience speaks to parents or as one, in the folded text.
	parentAudience = newTermSet(foldTerms([]string{
		"parents of", "for parents", "fellow parents", "dear parents", "to all parents", "mom of a", "mum of a",
		"dad of a", "my son", "my daughter", "my kid", "my kids", "my child", "check your kids", "talk to your kids", "your kids'",
		// Round 30: a child by age ("my 12 yo got a DM asking for pics").
		"my 9 yo", "my 10 yo", "my 11 yo", "my 12 yo", "my 13 yo", "my 14 yo", "my 15 yo", "my 16 yo", "my 9yo", "my 10yo",
		"my 11yo", "my 12yo", "my 13yo", "my 14yo", "my 15yo", "my 16yo", "year old daughter", "year-old daughter",
		"year old son", "year-old son",
		"家长们", "各位家长", "求助各位家长", "宝妈", "我儿子", "我女儿", "我家孩子", "跟孩子聊", "和孩子聊",
		// Round 53 (N145): a note addressed to parents (寫給家長：孩子在遊戲裡認識的『網友』如果要私下加LINE…).
		"写给家长", "给家长的", "家长请注意", "家长注意",
		"mamás", "mi hijo", "mi hija", "mães", "meu filho", "minha filha",
		"mon fils", "ma fille", "nos enfants", "mein sohn", "meine tochter", "unsere kinder",
		"保護者", "うちの子", "息子", "娘が", "娘に", "부모님들", "학부모", "우리 아이", "아들이", "딸이",
		// Round 40 (N33): a teacher who speaks to the parents ("preciso falar com os pais… conversem com seus filhos").
		// Not "os pais" alone: a groomer says "não conta pros pais".
		"falar com os pais", "recado aos pais", "atenção pais", "seus filhos", "vossos filhos", "padres:", "atención padres",
		"vuestros hijos", "sus hijos", "chers parents", "vos enfants", "liebe eltern", "ihre kinder", "eure kinder", "your children",
		"parents:", "with your kids",
		// Round 45 (N52): the child's phone set up by the parent ("아이 휴대폰에 자녀보호 앱 깔았어요").
		"자녀보호", "자녀 보호", "아이 휴대폰", "아이 폰", "parental control", "parental controls", "control parental",
		"controle parental", "contrôle parental", "kindersicherung", "家长控制", "青少年模式", "ペアレンタルコントロール", "フィルタリング",
	}))
	// reportMade tells of a report made or to make.
	reportMade = newTermSet(foldTerms([]string{
		"reported the account", "reported him", "reported them", "reported it", "filed a report", "police", "ncmec", "cybertipline",
		"saved the chats", "report and block", "block and report", "reported and blocked", "blocked and reported",
		"报警", "举报", "保存了证据", "保存证据", "派出所", "12110",
		"denuncié", "denunciamos", "la policía", "policia", "denunciei", "polícia", "denunciem",
		"signalé", "signalez", "appelez le 3018", "3018", "pharos", "gendarmerie", "porté plainte",
		"anzeige", "polizei", "gemeldet", "melden sie",
		"警察", "通報", "相談窓口", "신고", "경찰",
		// Round 43 (N46): parents who report together with the child ("se alguém pedir … a gente denuncia junto").
		"denuncia",
		// Round 45 (N52): the child's promise to tell a parent at once ("바로 엄마한테 말하기로 약속했어요").
		"엄마한테 말하", "아빠한테 말하", "부모님께 말하", "부모님한테 말하", "tell me right away", "tell me straight away",
		"tell a trusted adult", "tell an adult", "告诉妈妈", "告诉爸爸", "告诉家长", "ママに言う", "パパに言う", "親に言う", "親に相談",
		"contármelo", "contarme", "me contar", "me le dire", "mir sofort", "es mir sagen",
		// Round 53 (N145): the child taught to tell a grown-up at once (請教孩子第一時間告訴大人).
		"告诉大人", "跟大人说", "告诉老师",
		// Round 54 (N163): kept and reported in German ("Wir haben alles gesichert und angezeigt").
		"angezeigt", "gesichert", "zur anzeige",
		// Round 54 (N155): the same in Japanese and the other languages (すぐ画面を閉じて大人に言うように家で話し合いました).
		"大人に言う", "大人に相談", "先生に言う", "어른에게 말", "어른한테 말", "decírselo a un adulto", "contárselo a un adulto",
		"contar para um adulto", "contar a um adulto", "le dire à un adulte", "einem erwachsenen sagen", "einem erwachsenen bescheid",
	}))
	// warningOffers undo the warning: a sale or a trade's code.
	warningOffers = newTermSet(foldTerms([]string{
		"no police", "no cops", "sin policía", "sem polícia", "selling", "for sale", "dm for price", "price", "vendo", "vendemos",
		"出售", "价格", "私聊价", "à vendre", "verkaufe", "販売", "판매",
	}))
)

// childSafetyWarning reports whether the field is a parents' warning of
// the kind above.
func childSafetyWarning(t *Text) bool {
	s := t.Folded.String()
	audience := parentAudience.in(s)
	if !audience {
		// Parents addressed first ("Parents, parlons de …", "Eltern:"); not
		// "don't tell your parents", which is the groomer's.
		head := strings.TrimLeft(s, " \t\n*#【[(\"'«")
		for _, w := range parentsOpening {
			if strings.HasPrefix(head, w) {
				audience = true
				break
			}
		}
	}
	return audience && reportMade.in(s) && !warningOffers.in(s)
}

// parentsOpening open a field addressed to parents.
var parentsOpening = foldTerms([]string{"parents", "padres", "pais", "eltern", "家长", "宝妈", "保護者", "학부모", "psa"})

// capChildSafetyWarning: a parents' warning that names grooming's signs.
func capChildSafetyWarning(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category == models.CategorySexualMinors && (source == "rules" || source == "lexicon") && x.Score > reportedScoreCap &&
		childSafetyWarning(t) {
		x.Score = reportedScoreCap
	}
}

// Sex education: parents asking when to talk to their children about sex,
// contraception and porn ("Ab welchem Alter habt ihr mit euren Kindern über
// Sex, Verhütung und Pornos gesprochen? Unsere Kinderärztin hat uns ein
// Aufklärungsbuch empfohlen") name the lexicon's sexual words to teach.
// In a field with a word of sex education and a parent's or a doctor's
// frame, a sexual finding of the lexicons (a single word, never the
// rules' offers) is capped like reported speech.
var (
	sexEducation = newTermSet(foldTerms([]string{
		"sex education", "sex ed", "the talk", "puberty", "contraception", "aufklärung", "aufklärungsbuch", "verhütung", "pubertät",
		"educación sexual", "anticonceptivos", "pubertad", "educação sexual", "anticoncepcionais", "puberdade",
		"éducation sexuelle", "contraception", "puberté", "性教育", "青春期", "避孕", "性教育の", "思春期", "성교육", "사춘기", "피임",
		// Round 31: a school's lesson on sharing nudes ("our school held an
		// assembly about not sharing nudes, they said it's a crime").
		"assembly", "online safety", "internet safety", "e-safety", "safety talk", "not sharing", "don't share", "never share",
		// Round 40 (N33): a police officer's school talks on sexting ("doy charlas en institutos sobre el sexting y la sextorsión").
		"charlas", "charla", "sextorsión", "sextortion", "sextorsão", "sextorsion", "palestras", "vortrag",
		// Round 43 (N46): the rule taught ("quero explicar que nunca se manda foto íntima").
		"never send", "nunca se manda", "nunca mande", "nunca mandes", "nunca envie", "nunca envíes", "n'envoie jamais",
		"ne jamais envoyer", "niemals verschicken", "nie verschicken",
	}))
	// artFrame is art seen or made: a classical nude in a museum ("Saw the
	// Venus de Milo at the Louvre… Classical nudes hit different in person")
	// names the lexicon's words with no one's body offered.
	artFrame = newTermSet(foldTerms([]string{
		"museum", "louvre", "gallery", "sculpture", "statue", "painting", "classical nudes", "renaissance", "life drawing",
		"art class", "museo", "galería", "escultura", "pintura", "musée", "galerie", "peinture", "museu", "skulptur",
		"gemälde", "美术馆", "博物馆", "雕塑", "油画", "美術館", "彫刻", "裸婦", "미술관", "조각상",
	}))
	educationFrame = newTermSet(foldTerms([]string{
		"our kids", "my kids", "my son", "my daughter", "your kids", "pediatrician", "parents", "at what age", "how old were",
		"our school", "the school", "students", "teens", "teenagers",
		// Round 53 (F167): the school's classes ("Les cours d'éducation sexuelle au lycée…").
		"high school", "in school", "au lycée", "au collège", "en el instituto", "na escola", "in der schule", "学校",
		"euren kindern", "unseren kindern", "meinen kindern", "kinderärztin", "kinderarzt", "eltern", "ab welchem alter",
		"nuestros hijos", "mis hijos", "pediatra", "padres", "a qué edad", "nossos filhos", "meus filhos", "pais", "com que idade",
		"nos enfants", "mes enfants", "pédiatre", "parents", "à quel âge",
		"孩子", "家长", "儿科", "几岁", "子ども", "子供", "小児科", "何歳", "아이", "부모", "소아과", "몇 살",
	}))
)

// sexEducationAsked reports whether the field asks about or teaches sex
// education in a parent's or a doctor's frame, or tells of art.
func sexEducationAsked(t *Text) bool {
	s := t.Folded.String()
	return (sexEducation.anyTerm(s) && educationFrame.anyTerm(s) || artFrame.anyTerm(s)) &&
		!warningOffers.in(s)
}

// capSexEducationLexicon: the lexicon's sexual words in sex education or
// art.
func capSexEducationLexicon(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category == models.CategorySexual && source == "lexicon" && x.Score > reportedScoreCap && sexEducationAsked(t) {
		x.Score = reportedScoreCap
	}
}
