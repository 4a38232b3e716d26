package moderate

import "github.com/notegate/notegate/models"

// Things given away for a reason said. Giving one's things away "because I
// won't need them anymore" is a warning sign the rules and the intent
// models read; so is every parent's post about baby clothes passed on
// ("regalé mis cosas de bebé a mi prima, ya no las voy a necesitar, ¡mis
// hijos ya son grandes!", "j'ai donné mes affaires de bébé à ma sœur, je
// n'en aurai plus besoin") and every move's clear-out. The intent models
// judge the whole field and cannot tell them apart: their self_harm in a
// field that gives things away (giveawayWords) and names an everyday
// reason (giveawayReasons: outgrown baby things, a move, a clear-out),
// with no word of dying or farewell (giveawayRisk), is capped like a
// survivor's story. The rules keep their own vetoes.

// giveawayWords give one's things away, in the folded view.
var giveawayWords = newTermSet(foldTerms([]string{
	"gave away", "giving away", "given away", "regalé", "regale", "regalando", "doné", "done mis", "dei minhas", "doei",
	"j'ai donné", "donné mes", "verschenkt", "weggegeben", "あげた", "譲った", "手放した", "나눠줬", "물려줬", "送给", "送人",
	// Round 31: things returned, handed round or left in someone's care, and papers put in order
	// ("devolvi as coisas que peguei emprestado", "Schallplatten an Freunde verteilt", 猫を妹に預けた, 寄养).
	"devolvi", "verteilt", "zu meinen eltern gebracht", "預けた", "寄养", "정리해뒀", "정리해 뒀", "맡겼",
}))

// giveawayReasons are the everyday reasons for it.
var giveawayReasons = newTermSet(foldTerms([]string{
	"baby", "bebé", "bebe", "bébé", "de bebê", "ya son grandes", "sont grands", "are grown", "outgrew", "outgrown", "trop petits",
	"moving", "the move", "mudanza", "me mudo", "mudança", "déménage", "déménagement", "umzug", "ziehe um", "引っ越し", "이사",
	"搬家", "断舍离", "declutter", "ausmisten", "断捨離", "ベビー", "子供服", "子ども服", "아기", "애기", "婴儿", "宝宝",
	// Work or study abroad, a business trip or a new job ahead. Not a trip or a hospital stay in
	// general: a sealed English note at risk gave things away beside one (round 31).
	"emprego novo", "começo no", "nuevo trabajo", "erasmus", "nouveau travail", "ins ausland", "monate nach", "neuen job",
	"出差", "留学", "新工作", "出張", "新しい仕事", "출장", "새 직장",
}))

// giveawayRisk undo the reason: a field that also speaks of dying or
// says goodbye is read as it stands.
var giveawayRisk = newTermSet(foldTerms([]string{
	"want to die", "wanna die", "kill myself", "dying", "suicide", "goodbye", "morir", "morirme", "adiós", "adios", "suicid", "mourir", "adieu", "sterben", "abschied",
	"死", "自杀", "遗书", "죽", "자살", "さよなら", "消えたい",
	// Means, a letter, rest at last, no one to worry any more.
	"pills", "tablets", "pastillas", "comprimidos", "remédios", "médicaments", "tabletten", "薬", "药", "약을",
	"a letter", "una carta", "uma carta", "une lettre", "einen brief", "手紙", "편지",
	"finally rest", "descansar por fin", "楽になれる", "终于可以休息", "편해질", "ninguém precisa", "nadie tendrá", "personne n'aura",
	"niemand muss", "no one has to", "nobody has to",
}))

// reasonedGiveaway reports whether t gives things away for an everyday
// reason and says nothing of dying.
func reasonedGiveaway(t *Text) bool {
	s := t.Folded.String()
	return giveawayWords.anyTerm(s) && giveawayReasons.anyTerm(s) && !giveawayRisk.anyTerm(s)
}

// capClassifierSelfHarmGiveaway: the classifier's self_harm in a field
// that gives things away for an everyday reason.
func capClassifierSelfHarmGiveaway(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category == models.CategorySelfHarm && x.Score > reportedScoreCap && fromClassifier(source) && reasonedGiveaway(t) {
		x.Score, x.Support = reportedScoreCap, false
	}
}
