package moderate

import (
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Exasperation with the people one lives with: "if my sister borrows my
// straightener one more time I'm going to murder her 😤", "vou matar meu
// namorado: ele deixou o cachorro comer meu bolo 😭", "voy a matar a mi
// hermano jaja", 我要杀了我弟 😂. A violence finding in a short field that
// names someone close to the author (a sibling, a partner, a parent, a
// roommate, a child, a pet) and laughs, cries or rolls its eyes about it,
// with nothing that makes a threat real (a weapon, a place, a time, "not
// joking"), is the hyperbole everyone writes: capHyperboleKin lowers it to
// reportedScoreCap. Without the laugh, the same words stay a threat (a
// partner threatened in earnest is the case that matters most), and so
// they do with a knife or a time named beside them (a knife emoji beside
// the laugh is the joke's, "lo mato 🔪😂").

// maxKinHyperboleRunes bounds the fields read: a comment or a short note.
const maxKinHyperboleRunes = 280

// kin are the people close to the author, as the folded view writes them.
var kin = newTermSet(foldTerms([]string{
	"my sister", "my brother", "my sis", "my bro", "my mom", "my mum", "my dad", "my mother", "my father", "my boyfriend",
	"my girlfriend", "my bf", "my gf", "my husband", "my wife", "my roommate", "my flatmate", "my kids", "my son", "my daughter",
	"my cat", "my dog", "my twin", "my cousin", "my grandma", "my best friend",
	// Round 53 (N131): siblings by age ("my little brother ate the last slice").
	"my little brother", "my little sister", "my baby brother", "my baby sister", "my big brother", "my big sister",
	"my older brother", "my older sister", "my younger brother", "my younger sister",
	"mi hermana", "mi hermano", "a mi hermana", "a mi hermano", "mi novio", "mi novia", "a mi novio", "a mi novia", "mi marido",
	"a mi marido", "mi mujer", "mi madre", "mi padre", "mi mamá", "mi papá", "mi compañera de piso", "mi compañero de piso",
	"mi gato", "mi perro", "mis hijos", "mi hijo", "mi hija",
	"minha irmã", "minha irma", "meu irmão", "meu irmao", "meu namorado", "minha namorada", "meu marido", "minha esposa",
	"minha mãe", "minha mae", "meu pai", "meu gato", "meu cachorro", "meus filhos", "meu filho", "minha filha",
	"ma sœur", "ma soeur", "mon frère", "mon frere", "mon copain", "ma copine", "mon mari", "ma femme", "ma mère", "ma mere",
	"mon père", "mon pere", "mon chat", "mon chien", "mon coloc", "ma coloc", "mes enfants", "mon fils", "ma fille",
	"meine schwester", "meinen bruder", "mein bruder", "meinen freund", "meine freundin", "meinen mann", "mein mann",
	"meine frau", "meine mutter", "meinen vater", "mein vater", "meine katze", "meinen hund", "mein hund", "meine mitbewohnerin",
	"meinen mitbewohner", "meine kinder",
	// Round 46 (F80): said to them ("Beim Bouldern heute zu meinem Bruder: 'Ich bring dich um…' 😂"); not
	// any dative, which names a third person by them ("Die Lehrerin von meinem Sohn … die k@ll ich ab").
	"zu meinem bruder", "zu meiner schwester", "zu meinem freund", "zu meiner freundin", "zu meinem mann", "zu meiner frau",
	"zu meinem vater", "zu meiner mutter", "zu meinem sohn", "zu meiner tochter", "zu meinem mitbewohner", "zu meiner mitbewohnerin",
	// Round 22: parents of twins and teenagers ("los estrangulo… a besos", "je vais l'étrangler ce gosse").
	"mis gemelos", "mis niños", "mon ado", "ce gosse", "mes gosses", "mes ados",
	// Round 29: siblings called by pet names ("te estrangulo, hermanito 😂").
	"hermanito", "hermanita", "irmãozinho", "irmaozinho", "irmãzinha", "maninho", "maninha", "petit frère", "petite sœur",
	"petite soeur", "brüderchen", "schwesterchen", "little bro", "little sis",
	"我妹", "我弟", "我姐", "我哥", "我妈", "我爸", "我老公", "我老婆", "我男朋友", "我女朋友", "我对象", "我室友", "我家猫", "我家狗",
	"我儿子", "我女儿",
	// Round 53 (N131): siblings without 我 (弟弟又把我冰箱里的蛋糕吃了), 동생 with its particles (동생이 또 내 치킨 먹었음).
	"弟弟", "妹妹", "哥哥", "姐姐", "동생", "언니가", "누나가", "오빠가",
	"うちの妹", "うちの弟", "うちの姉", "うちの兄", "うちの母", "うちの父", "うちの旦那", "うちの嫁", "うちの猫", "うちの犬",
	"妹が", "弟が", "妹に", "弟に", "彼氏", "旦那",
	"내 동생", "우리 동생", "우리 언니", "우리 오빠", "우리 누나", "우리 형", "우리 엄마", "울 엄마", "우리 아빠", "남친", "여친",
	"우리 남편", "룸메",
	// Round 38 (N18): a roommate without "my" (室友又偷吃我的酸奶了…我真的要掐死他😤), and the boss
	// whose email comes at 23:45 ("Lo voy a matar. Bueno no, voy a contestar a las 9:01 🙃"): the people
	// one lives or works with.
	"室友", "mein mitbewohner", "meu colega de quarto", "minha colega de quarto", "mi compi", "mi compañero de cuarto",
	"mi compañera de cuarto", "ma colocataire", "mon colocataire",
	"my boss", "mi jefe", "mi jefa", "meu chefe", "minha chefe", "o chefe", "chefe mandando", "mon boss", "mon chef", "ma cheffe",
	"mein chef", "meine chefin", "chef schreibt", "主管", "老板", "我老板", "上司", "部長", "課長", "부장님", "팀장님", "과장님",
}))

// friendsAddressed are a friend called by what friends call each other, at
// the start of the field ("Tía, te mato si no vienes el sábado jajaja",
// "Amiga, eu te mato se você contar pro Pedro 😭"): the same exasperation,
// said to the friend. Read on the field's first runes only (maxVocativeRunes),
// so a name-calling in the middle of a threat is not one.
var friendsAddressed = newTermSet(foldTerms([]string{
	"tía", "tia", "tío", "tio", "amiga", "amigo", "amigue", "miga", "wey", "güey", "guey", "mana", "mano", "manito", "parce",
	"amg", "migo", "bestie", "girl", "sis", "bro", "dude", "mec", "meuf", "frérot", "frerot", "ma belle", "ma chérie",
	"alter", "digga", "schatz", "süße", "suesse", "姐妹", "兄弟", "宝子", "亲爱的", "친구야", "언니", "오빠",
}))

// socialPlans are friends' plans a threat hangs on (round 22: "if you guys
// bail on karaoke again i'm going to kill all of you 🙃 room is booked for
// 9", "si no vienes el sábado a mi cumple te mato jajaja", "si vous êtes
// encore en retard vendredi je vous égorge 😂 la résa est à 20h",
// 你再放我鴿子我真的會殺了你喔😤 這次KTV你請客): a party, a booking, standing
// friends up.
var socialPlans = newTermSet(foldTerms([]string{
	"karaoke", "birthday", "bday", "my party", "bail on", "bail again", "stand me up", "ghost me", "room is booked", "table is booked",
	"mi cumple", "cumpleaños", "si no vienes", "la reserva", "mi fiesta", "meu aniversário", "meu niver", "se não vier", "a reserva",
	"mon anniv", "mon anniversaire", "la résa", "en retard", "si tu viens pas", "meine party", "mein geburtstag", "wenn du nicht kommst",
	"放鸽子", "放我鸽子", "ktv", "生日派对", "聚餐", "ドタキャン", "カラオケ", "노래방", "생일파티", "약속 취소",
	// The trifles a joke threat hangs on (round 29: "si tu me spoiles la fin de la saison je t'étrangle 😂",
	// "if you spoil the finale I will end you 😂", "wenn du noch einmal meine Serie vorguckst…"): a spoiler,
	// the last slice eaten, the dishes left.
	"spoil", "spoiler", "spoilers", "spoile", "spoiles", "spoilez", "spoilas", "spoileas", "spoilar", "der spoiler", "spoilerst", "spoilern", "spoilert", "spoilerte",
	"the finale", "the last slice", "my fries", "the dishes", "los platos", "la fin de la saison", "vorguckst", "vorgucken",
	"o último pedaço", "o ultimo pedaco", "mi último trozo", "剧透", "ネタバレ", "스포",
	// Round 38 (N18): the yoghurt with a name on it.
	"yogurt", "yoghurt", "my pudding", "joghurt", "iogurte", "yogur", "mon yaourt", "酸奶", "布丁", "プリン", "요거트", "마지막 조각",
}))

// maxVocativeRunes is how far into the field a friend is looked for.
const maxVocativeRunes = 12

// addressedFriend reports whether the field opens by calling a friend.
func addressedFriend(t *Text) bool {
	s := t.Folded.String()
	n := 0
	for i := range s {
		if n == maxVocativeRunes {
			s = s[:i]
			break
		}
		n++
	}
	return friendsAddressed.anyTerm(s)
}

// exasperated are the laugh, the tears and the rolled eyes of hyperbole.
var exasperated = newTermSet(foldTerms([]string{
	"😭", "😂", "🤣", "🙄", "💀", "😅", "😤", "🥲", "🤦", "🙃",
	"lol", "lmao", "haha", "the audacity", "jaja", "jeje", "kkk", "rsrs", "mdr", "ptdr", "xd", "哈哈", "笑死", "无语", "www", "笑",
	"ㅋㅋ", "ㅎㅎ",
	// The joke declared (round 29: "(es broma, mamá)", "(non je l'adore)"); "no es broma" and "not
	// joking" are madeReal and outweigh it.
	"es broma", "just kidding", "jk", "c'est pour rire", "je rigole", "é brincadeira", "e brincadeira", "brincadeira",
	"nur spaß", "nur spass", "nur ein scherz", "開玩笑的", "开玩笑的", "冗談", "농담",
	// Or taken back at once (round 38: "Lo voy a matar. Bueno no…", "vou matar esse homem. mentira", 掐死他（不是）).
	"bueno no", "mentira", "(不是)", "（不是）", "不是啦",
}))

// petsNamed are the author's own animals, and petsAdored what an owner
// says of the culprit in the same breath ("mein Hund hat das Sofa zerlegt,
// ich könnte ihn umbringen, aber er ist zu süß"): a pet's mischief with
// the owner's fondness needs no laugh. A partner is never read this way:
// "but I love her" beside a threat to a person is no joke.
var (
	petsNamed = newTermSet(foldTerms([]string{
		"my dog", "my cat", "my puppy", "my kitten", "mi perro", "mi gato", "mi perrito", "mi gatito", "meu cachorro", "meu gato",
		"minha cachorra", "minha gata", "mon chien", "mon chat", "ma chienne", "ma chatte", "mon chiot", "mein hund", "meinen hund",
		"meine katze", "mein kater", "meinen kater", "unser hund", "unsere katze", "我家猫", "我家狗", "我的猫", "我的狗", "うちの猫",
		"うちの犬", "우리 강아지", "우리 고양이", "우리집 강아지", "우리집 고양이",
	}))
	petsAdored = newTermSet(foldTerms([]string{
		"too cute", "so cute", "too adorable", "love him so much", "love her so much", "zu süß", "so süß", "zu niedlich", "so niedlich",
		"muy lindo", "muy linda", "tan lindo", "tan linda", "es un amor", "fofo", "fofa", "fofinho", "fofinha", "trop mignon",
		"trop mignonne", "je l'adore", "je l'aime trop", "lo adoro", "la adoro", "eu amo ele", "amo ela", "ich liebe ihn",
		"ich liebe sie", "太可爱", "好可爱", "かわいすぎ", "可愛すぎ", "かわいいから", "너무 귀여워", "귀여워서", "🥰", "😍", "❤",
	}))
)

// A trifle eaten (round 53, N131: "my little brother ate the last slice of
// my birthday cake AGAIN. I swear I will kill him", "Si mon frère mange
// encore mon dernier macaron, je le tue", 弟がまた私のプリン食べた。次やったら
// マジで殺す): food taken by someone close is the exasperation itself, with
// or without a laugh. Both a verb of eating and a treat are needed; "ate"
// alone is in too many stories.
var (
	trifleEaten = newTermSet(foldTerms([]string{
		"ate my", "ate the last", "eats my", "eat my", "eating my", "finished my", "drank my",
		"comeu meu", "comeu minha", "comeu o meu", "comeu a minha", "comer meu", "comer minha", "comer o meu", "comer a minha",
		"se comió", "se come", "se vuelve a comer", "comerse mi",
		"mange encore", "mange mon", "mange ma", "a mangé", "a encore mangé", "mangé mon", "mangé ma",
		"isst meinen", "isst meine", "isst mein", "gegessen", "aufgegessen", "weggegessen",
		"吃了", "吃掉", "偷吃", "喝了我的", "食べた", "食べられた", "食べやがった", "먹었", "먹으면", "먹어버렸", "먹음",
	}))
	treats = newTermSet(foldTerms([]string{
		"cake", "slice", "pudding", "yogurt", "yoghurt", "chocolate", "cookie", "cookies", "fries", "pizza", "snack", "snacks",
		"ice cream", "macaron", "donut", "leftovers", "candy",
		"pastel", "bolo", "brigadeiro", "sorvete", "biscoito", "iogurte", "tarta", "helado", "galleta", "postre",
		"yogur", "gâteau", "gateau", "dessert", "glace", "biscuit", "yaourt", "kuchen", "schokolade", "joghurt",
		"蛋糕", "布丁", "零食", "冰淇淋", "奶茶", "巧克力", "酸奶", "薯片", "プリン", "ケーキ", "アイス", "お菓子", "チョコ",
		"치킨", "과자", "아이스크림", "케이크", "떡볶이", "라면", "피자",
	}))
)

// madeReal are what make a threat against kin real.
var madeReal = newTermSet(foldTerms([]string{
	"knife", "gun", "not joking", "not kidding", "i'm serious", "im serious", "for real", "tonight", "hit her", "hit him",
	"cuchillo", "pistola", "en serio", "no es broma", "faca", "arma", "não é brincadeira", "nao e brincadeira", "sério",
	"couteau", "pistolet", "je suis sérieux", "sérieuse", "messer", "pistole", "kein witz", "ernst",
	// The joke denied (round 29): "je rigole pas" holds "je rigole".
	"je rigole pas", "je ne rigole pas", "c'est pas pour rire", "ce n'est pas pour rire", "kein spaß", "kein spass",
	"kein scherz", "not just kidding", "sem brincadeira", "fuera de broma", "sans rire", "no estoy de broma", "não tô brincando", "nao to brincando", "não estou brincando",
	"不是开玩笑的", "冗談じゃない", "농담 아니",
	"刀", "枪", "不是开玩笑", "认真的", "包丁", "本気", "칼", "총", "진심",
	// Round 38: a routine watched ("I know his car and I know his schedule… not a threat 🙂").
	"his schedule", "her schedule", "his car", "her car", "not a threat", "no es una amenaza", "não é ameaça", "pas une menace",
	"keine drohung",
}))

// kinHyperbole reports whether t is a short field of exasperation with
// someone close to the author (see above).
func kinHyperbole(t *Text) bool {
	if utf8.RuneCountInString(t.Original) > maxKinHyperboleRunes {
		return false
	}
	s := t.Folded.String()
	near := kin.anyTerm(s)
	if !near && !addressedFriend(t) && !socialPlans.anyTerm(s) {
		return false
	}
	fond := exasperated.anyTerm(s) || petsNamed.anyTerm(s) && petsAdored.anyTerm(s) ||
		near && trifleEaten.anyTerm(s) && treats.anyTerm(s)
	return fond && !madeReal.anyTerm(s)
}

// capHyperboleKin: exasperation with kin (see above).
func capHyperboleKin(t *Text, _ string, x *Finding, _ *[]Span) {
	if x.Category == models.CategoryViolence && x.Score > reportedScoreCap && kinHyperbole(t) {
		x.Score = reportedScoreCap
	}
}
