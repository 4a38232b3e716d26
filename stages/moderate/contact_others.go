package moderate

import "github.com/notegate/notegate/models"

// Someone else's number, disguised. The PII detector reads a phone number
// written in digits as personal data wherever it stands; a number spelled
// in words or numerals (一三八…, "four one five", 공일공) is read by the
// contact detector only, as a move off the platform. Spelled out beside
// "her number is", 他的电话, 이 사람 번호 or o número dela, it is a third
// person's number published in a form a filter would miss: the spam finding
// stays (cn still treats it as a move off the platform), and a pii finding
// at scoreDoxxing is added, so it is reviewed in every market as the
// person's data. The author's own number (my number, 我的电话, 加我) is not.

// othersNumberWindow is how far before and after a spelled number (in bytes
// of the original text) its owner is looked for.
const othersNumberWindow = 100

// othersNumberCues name a third person's number; matched on the folded
// window before the number.
var othersNumberCues = newTermSet(foldTerms(func() []string {
	var cues []string
	// Chinese: a third person, then 的 or not, then the number's name.
	for _, who := range []string{"他", "她", "此人", "这人", "这个人", "该人", "对方", "这货", "这个男的", "这个女的", "这男的", "这女的",
		"渣男", "渣女", "小三", "骗子", "前任", "前男友", "前女友", "老板娘"} {
		for _, what := range []string{"电话", "手机", "手机号", "号码", "微信", "微信号", "qq", "qq号"} {
			cues = append(cues, who+what, who+"的"+what)
		}
	}
	// Korean and Japanese: a third person, then the number's name.
	for _, who := range []string{"이 사람", "그 사람", "걔", "쟤", "그놈", "이놈", "그년", "이년", "그 새끼", "이 새끼", "그 여자", "그 남자",
		"이 여자", "이 남자", "전남친", "전여친", "그분", "이분",
		// Round 39 (F54): a customer or a boss singled out ("별점 테러한 그 손님 번호 공유함").
		"그 손님", "이 손님", "그 진상", "이 진상", "그 사장", "그 알바"} {
		for _, what := range []string{" 번호", " 전화번호", " 폰번호", " 핸드폰 번호", " 연락처", "의 번호", "의 전화번호", "의 연락처", " 카톡"} {
			cues = append(cues, who+what)
		}
	}
	for _, who := range []string{"彼", "彼女", "こいつ", "あいつ", "この人", "あの人", "この女", "この男", "元カレ", "元カノ", "犯人"} {
		for _, what := range []string{"の電話番号", "の番号", "の携帯", "のケータイ", "のline", "の連絡先"} {
			cues = append(cues, who+what)
		}
	}
	return append(cues,
		"her number", "his number", "their number", "her phone", "his phone", "her cell", "his cell", "her whatsapp", "his whatsapp",
		"her digits", "his digits", "her #", "his #", "ex's number", "guy's number", "girl's number", "reach her at", "reach him at",
		"call her at", "call him at", "text her at", "text him at", "call her on", "call him on",
		"su número", "su telefono", "su teléfono", "su celular", "su móvil", "su whatsapp", "el número de este", "el número de esta",
		"el numero de este", "el numero de esta", "el número del", "el numero del", "el número de la", "el numero de la",
		"o número do", "o numero do", "o número da", "o numero da", "le numéro du", "le numero du", "le numéro de la", "le numero de la", "número dele", "número dela", "numero dele", "numero dela", "telefone dele",
		"telefone dela", "celular dele", "celular dela", "zap dele", "zap dela", "whats dele", "whats dela",
		"son numéro", "son numero", "son tel", "son tél", "son portable", "son whatsapp", "le numéro de ce", "le numero de ce",
		"le numéro de cette", "le numero de cette",
		"seine nummer", "seine handynummer", "seine telefonnummer", "die nummer von dem", "die nummer von der",
		"die handynummer von", "dessen nummer", "deren nummer",
		// Round 20: "hier ihre Nummer: null eins fünf eins …" (formal Ihre, the
		// reader's, does not come before a number given out).
		"ihre nummer", "ihre handynummer", "ihre telefonnummer", "ihr handy", "sein handy",
		"der typ", "die tussi", "der kerl", "die alte", "der alte", "this guy", "that guy", "this girl", "that girl", "el tipo", "la tipa",
		"ce mec", "cette meuf", "esse cara", "essa mina",
		// Round 21: an identity number or a home given out before the phone
		// ("那个渣男身分证字号 A 一 二 三…，电话 零九一二…", "die Lehrerin von meinem
		// Bruder wohnt Lindenstr. 7, Handy null eins sieben …").
		"身份证", "身分证", "证件号", "住址", "住在", "lives at", "lives on", "wohnt", "die lehrerin", "der lehrer",
		"vive en la", "vive en el", "mora na", "mora no", "mora em",
		// Round 24: "su cel es", "son num", "il reste au" (Québec: lives at).
		"su cel", "el cel de", "sus datos", "son num", "le num perso", "il reste au", "elle reste au",
		"his num", "her num", "mom's num", "mum's num", "the nin of", "vazou o número", "o número da", "o numero da",
		// Round 39 (F54): a number shared or pinned up as a customer's, with their address (번호 공유함, 주소는).
		"번호 공유", "번호 박제", "번호 뿌", "집 주소", "주소는", "那个客人", "那位客人", "その客の")
}()))

// ownNumberCues say the number is the author's: then it is spam alone.
var ownNumberCues = newTermSet(foldTerms([]string{
	"my number", "my phone", "my cell", "call me", "text me", "reach me", "我的电话", "我的手机", "我电话", "我手机", "加我", "联系我",
	"제 번호", "내 번호", "私の番号", "俺の番号", "mi número", "mi numero", "meu número", "meu numero", "mon numéro", "mon numero",
	"meine nummer",
}))

// piiOfOthersNumbers adds a pii finding beside each spelled-number contact
// finding that a third person's cue introduces.
func piiOfOthersNumbers(found []fieldFinding, texts []*Text, suffix string) []fieldFinding {
	contactSource := "contact" + suffix
	for _, f := range found {
		if f.source != contactSource || f.Rule != "spelled-number" {
			continue
		}
		t := textOf(texts, f.field)
		if t == nil || f.Span.End > len(t.Original) {
			continue
		}
		before := foldedBefore(t, f.Span.Start-othersNumberWindow, f.Span.End)
		// The owner may also be named after the number ("AHV vom Chef: 756…
		// und er wohnt …", "…，係佢電話").
		after := foldedBefore(t, f.Span.Start, f.Span.End+othersNumberWindow)
		// A third person named beside it, or a field that calls readers to
		// go after someone ("Macht was draus", 肉搜): doxxing either way.
		named := othersNumberCues.in(before) || othersNumberCues.in(after)
		if !(named || hasExposureIntent(t.Folded.String())) || ownNumberCues.in(before) || ownNumberCues.in(after) {
			continue
		}
		p := f
		p.Finding.Category = models.CategoryPII
		p.Finding.Score = scoreDoxxing
		p.Finding.Rule = "others-number"
		p.source = "pii" + suffix
		found = append(found, p)
	}
	return found
}

// textOf returns the text of a field.
func textOf(texts []*Text, field string) *Text {
	for _, t := range texts {
		if t.Field == field {
			return t
		}
	}
	return nil
}
