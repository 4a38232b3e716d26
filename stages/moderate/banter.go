package moderate

import (
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Banter: friends call each other names with love ("eres un boludo, te
// quiero hermano", "você é um trouxa, te amo amigo", "you idiot, love you
// lol", "바보야 사랑해"). A harassment finding in a short field that also
// tells the reader they are loved abuses no one, so capBanter lowers it to
// reportedScoreCap. It reads harassment only: love does not make a threat,
// a slur against a group or a sexual demand kind, and those keep their
// findings. Love denied or withheld ("no one will ever love you", "nadie te
// quiere", 没人爱你) is abuse itself and caps nothing; neither does a long
// text that mentions love somewhere.

// maxBanterRunes bounds the fields read as banter: a comment or a short
// note, where the love and the name-calling are said to the same person.
const maxBanterRunes = 280

// affection are the words of love said to the reader, as the folded view
// writes them; Latin ones are matched as whole words.
var affection = newTermSet(foldTerms([]string{
	"love you", "love ya", "love u", "luv you", "luv u", "luv ya", "ily", "ilysm", "love you bro", "love you babe",
	"te quiero", "te quiero mucho", "te amo", "te adoro", "los quiero", "las quiero",
	"amo você", "amo voce", "amo vc", "te amo amigo", "te amo amiga", "amo-te", "adoro-te",
	"je t'aime", "je t aime", "je t'adore", "jtm", "je vous aime",
	"hab dich lieb", "hab dich so lieb", "ich liebe dich", "hdl", "hdgdl", "hab euch lieb", "lieb dich",
	// Love in spite of it (round 25: "Du Vollpfosten… hab dich trotzdem lieb, Bruderherz").
	"hab dich trotzdem lieb", "hab dich trotzdem so lieb", "still love you", "still love ya", "te quiero igual",
	"te amo igual", "te amo mesmo assim", "je t'aime quand même", "je t'aime quand meme",
	// Said of a brother or a friend the note teases (round 28: "Mein Bruder ist so ein Depp … hab ihn
	// trotzdem lieb").
	"hab ihn trotzdem lieb", "hab sie trotzdem lieb", "hab ihn lieb", "hab sie lieb", "still love him", "still love her",
	"love him anyway", "love her anyway", "lo quiero igual", "la quiero igual", "je l'aime quand même", "je l'aime quand meme",
	"amo ele mesmo assim", "amo ela mesmo assim",
	"大好き", "だいすき", "愛してる", "あいしてる", "好きだよ", "好きだぞ", "そういうとこ好き", "そういうところ好き",
	"사랑해", "사랑한다", "사랑해요", "사랑해용",
	"爱你", "愛你", "爱死你了", "么么哒", "比心",
	// The insult claimed as one's own ("you're an idiot, but you're my
	// idiot"); a birthday wish alone is not love ("happy birthday, you
	// worthless pig" is still abuse).
	"you're my idiot", "youre my idiot", "my favourite idiot", "my favorite idiot", "you're my dummy", "my lovable idiot",
	// Or the friend claimed as one's best ("老了又胖了，但還是我最好的兄弟").
	"still my best friend", "you're my best friend", "my best friend ever", "mi mejor amigo", "mi mejor amiga",
	"meu melhor amigo", "minha melhor amiga", "mon meilleur ami", "ma meilleure amie", "mein bester freund",
	"meine beste freundin", "我最好的兄弟", "我最好的朋友", "我最好的姐妹", "我最好的闺蜜", "我的好兄弟", "我的好姐妹",
	// Or a partner praised after the teasing (round 37: "うちの彼氏、寝顔がほんとにブサイク
	// で毎朝笑ってしまう😂 でも世界一優しい人です").
	"世界一優しい", "世界一の彼氏", "世界一の彼女", "最高の彼氏", "最高の彼女", "自慢の彼氏", "自慢の彼女", "自慢の旦那",
	"the kindest person", "the sweetest person", "best boyfriend ever", "best girlfriend ever", "best husband ever",
	"el mejor novio", "la mejor novia", "o melhor namorado", "a melhor namorada", "le meilleur copain", "la meilleure copine",
	"der beste freund der welt", "世界上最好的", "世界上最温柔", "最好的男朋友", "最好的女朋友", "세상에서 제일 착한", "최고의 남친", "최고의 여친",
	// Or the name said to be given with love ("minha amiga me chama de baranga com carinho kkkk a gente se ama").
	"com carinho", "a gente se ama", "con cariño", "con carino", "nos queremos", "avec affection", "on s'adore", "liebevoll gemeint",
	"with love", "we love each other", "愛情込めて", "애정을 담아", "爱称",
	// Or a friends' forfeit for the one who is late or loses (round 38: "Jonas, du Lauch, morgen 7:30 am Nordeingang.
	// Wer zu spät kommt, zahlt den Proteinshake 💪").
	"wer zu spät kommt zahlt", "wer zu spät kommt, zahlt", "wer verliert zahlt", "wer verliert, zahlt", "whoever's late buys",
	"whoever is late buys", "loser buys", "loser pays", "el que llegue tarde paga", "el que pierda paga", "quem chegar atrasado paga",
	"quem perder paga", "le dernier arrivé paie", "le dernier arrivé paye", "le perdant paie", "迟到的请客", "输的请客", "遅れた人がおごり",
	"負けたらおごり", "늦는 사람이 쏜다", "지는 사람이 쏜다",
	// Or a roast among friends, the format named (round 39: "给好兄弟过生日，搞了个吐槽大会 … 有这帮损友真好").
	"吐槽大会", "损友真好", "这帮损友", "感情越深", "le hicimos un roast", "roast battle", "birthday roast",
	// Or friends who clash for sport, said so (round 48, F100: "Entre potes on se clashe sur nos dates ratés").
	"entre potes on se", "on se clashe", "on se chambre", "between friends we", "entre amigos nos", "entre amigos a gente",
	"unter freunden", "朋友之间互怼", "友達同士でいじり",
}))

// unloving are love denied or withheld, which is abuse in itself.
var unloving = newTermSet(foldTerms([]string{
	"ever love you", "never love you", "never loved you", "nobody love", "nobody loves", "no one love", "no one loves",
	"noone loves", "who would love you", "who could love you", "who'd love you", "don't love you", "dont love you",
	"not love you", "stop loving you",
	"nadie te quiere", "nadie te va a querer", "nadie te ama", "nadie te amará", "no te quiero", "no te amo", "ya no te quiero",
	"ninguém te ama", "ninguem te ama", "ninguém vai te amar", "ninguem vai te amar", "não te amo", "nao te amo",
	"personne ne t'aime", "personne ne t aime", "personne ne t'aimera", "je ne t'aime", "je t'aime plus",
	"niemand liebt dich", "niemand wird dich", "liebe dich nicht", "hab dich nicht lieb", "lieb dich nicht",
	"没人爱你", "沒人愛你", "谁会爱你", "誰會愛你", "不爱你", "不愛你", "没有人爱你",
	"誰も愛さない", "誰にも愛され", "愛してない", "好きじゃない",
	"아무도 너를 사랑", "아무도 널 사랑", "사랑 안 해", "사랑하지 않",
}))

// banter reports whether t is a short field that says the reader is
// loved, and does not say they are unloved.
func banter(t *Text) bool {
	if utf8.RuneCountInString(t.Original) > maxBanterRunes {
		return false
	}
	s := t.Folded.String()
	return affection.anyTerm(s) && !unloving.in(s)
}

// banterSentence reports whether the sentence around sp, in a field of any
// length, says the reader is loved, and the field nowhere says they are
// unloved: a long birthday roast that ends "Love you, you ridiculous
// goblin" (round 55, h20) calls the name in the sentence of its love. Love
// said elsewhere in a long field excuses nothing.
func banterSentence(t *Text, sp Span) bool {
	if sp.Start < 0 || sp.End > len(t.Original) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(t.Original, sp.Start, sp.End)
	return affection.anyTerm(foldedBefore(t, lo, hi)) && !unloving.in(t.Folded.String())
}

// capBanter: names called with love (see above).
func capBanter(t *Text, _ string, x *Finding, _ *[]Span) {
	if x.Category == models.CategoryHarassment && x.Score > reportedScoreCap && (banter(t) || banterSentence(t, x.Span)) {
		x.Score = reportedScoreCap
	}
}
