package moderate

// A pet's mischief told: the cat that pushes cups off the table and, today,
// the phone too (我家猫…每天的爱好就是推东西…今天它把我的手机也推下去了，屏幕碎了),
// the dog that chewed the sofa. Things fall and break, and the intent models
// read "下去了", "broke", "can't anymore" as a person's fall (the bundled
// sample n-0012 v2 scored self_harm 0.65). In a field that names a pet and
// its mischief (petMischief), and says nothing of the author's own risk
// (presentRisk, with the wish not to live), the models' self_harm informs
// only, as for a pet's death (petStory, recovery_narrative.go).

var petMischief = newTermSet(foldTerms([]string{
	"knocked", "knocks things", "pushed it off", "pushes things", "off the table", "off the counter", "chewed", "zoomies",
	"destroyed my", "shredded",
	"推东西", "推下", "推倒", "推到地上", "打翻", "拆家", "跑酷", "咬坏", "咬烂", "抓坏", "抓烂", "捣乱",
	"落とした", "落とす", "かじった", "いたずら", "運動会",
	"떨어뜨", "물어뜯", "사고쳤", "사고 쳤",
	"tiró", "tira cosas", "mordió", "derrubou", "derruba", "mordeu", "a fait tomber", "fait tomber", "a mâchonné",
	"runtergeworfen", "runterwerfen", "zerkaut",
}))

// petWords name a pet: the lost-pet notices (lostNotice, pii_business.go)
// and the pets' deaths and mischief told (petStory, recovery_narrative.go)
// read the one list.
var petWords = newTermSet(foldTerms([]string{
	"dog", "cat", "pet", "puppy", "kitten", "kitty", "beagle", "collie", "labrador", "parrot", "rabbit", "bunny", "tortoise",
	"hamster", "guinea pig", "budgie", "goldfish", "turtle",
	"perro", "perra", "perrita", "perrito", "gato", "gata", "gatito", "mascota", "loro", "conejo", "hámster", "periquito",
	"cachorro", "cachorra", "gatinho", "gatinha", "papagaio", "coelho", "cão", "cadela",
	"chien", "chienne", "chiot", "chat", "chatte", "chaton", "perroquet", "lapin", "perruche",
	"hund", "hündin", "welpe", "katze", "kater", "papagei", "kaninchen", "meerschweinchen", "wellensittich",
	"狗", "猫", "宠物", "狗狗", "猫咪", "鹦鹉", "兔子", "仓鼠", "金鱼", "乌龟",
	"犬", "ペット", "愛犬", "愛猫", "猫ちゃん", "わんちゃん", "インコ", "うさぎ", "ハムスター",
	"강아지", "고양이", "반려", "앵무새", "토끼", "햄스터",
	// Round 54 (N163): a vet's "your animals", in every language.
	"animals", "animaux", "animal", "tier", "tiere", "haustier", "animales", "animais", "动物", "動物", "동물",
}))

// petEuthanasiaSentence reports whether the finding at sp stands in a
// sentence that names a pet's being put to sleep (petDeathMarkers: "la
// eutanasia no es matarlos", 不要覺得自己是殺了牠，那是讓牠不再痛苦), in a
// field that tells a pet's death and nothing of the author's own risk
// (petStory): the killing is the vet's mercy the owner doubts, not a
// threat. A threat in a sentence of its own ("I'll kill the neighbour who
// poisoned him") names no euthanasia and still counts.
func petEuthanasiaSentence(t *Text, sp Span) bool {
	if sp.Start < 0 || sp.End > len(t.Original) || sp.Start >= sp.End || !petStory(t) {
		return false
	}
	lo, hi := sentenceAround(t.Original, sp.Start, sp.End)
	return petDeathMarkers.anyTerm(foldedBefore(t, lo, hi))
}
