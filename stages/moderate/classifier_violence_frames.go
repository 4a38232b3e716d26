package moderate

// Crafts the intent classifier reads as violence. It learnt violence from
// posts that hack, bleed, knock on the head and bring a bat, and those are
// also the words of a cook breaking down a chicken, an angler bleeding a
// trout, a horror writer's excerpt, a game night or a joke about the office
// printer. In a field framed as one of those, unless it relishes the
// cruelty (an animal hurt for fun, a story ordered to dwell on the pain),
// its violence is capped like
// reported speech (it keeps its label and decides nothing): a real threat
// that names a kitchen or a game is the rules' to read, and they still do
// (en-violence-game-threat-made-real, the knife-and-address rules).

// craftFrames frame a field as cooking, fishing or hunting game, fiction,
// a game or a pet's mischief (folded; Latin terms whole words).
var craftFrames = newTermSet(foldTerms([]string{
	// cooking and butchery
	"recipe", "recipes", "whole chicken", "the joint", "the joints", "the bone", "breaking down a", "butchering a", "butcher a",
	"kill the heat", "cast iron", "the butter", "marinade", "deboning", "debone", "fillet", "filleting", "cleaver", "knife skills",
	// Round 20: "bate bem o bife com o martelo… tem que maltratar a carne".
	"o bife", "a carne", "receita", "tempero", "la carne", "el filete", "receta", "la viande", "recette", "das fleisch", "rezept",
	"レシピ", "お肉", "레시피", "고기를",
	// Round 50 (N99): eggs broken and beaten ("on casse les œufs, on les bat fort, et on coupe le feu").
	"omelette", "omelet", "omelett", "tortilla", "the eggs", "les œufs", "los huevos", "os ovos", "die eier", "卵を", "계란을", "달걀을",
	"鸡蛋", "雞蛋",
	// fishing and hunting for the table
	"fishing", "trout", "snapper", "salmon", "pike", "the jetty", "bled it", "bleed your", "bleed the fish", "landed a", "caught a",
	"deer season", "field dress", "field dressing",
	// Round 49 (N95): woodcraft taught ("Batoning a knife through kindling … Axe stance: feet wide").
	"bushcraft", "batoning", "kindling", "axe stance", "splitting wood", "split wood", "whittling", "whittle", "knife safety",
	"axe safety", "firewood",
	// a solo or a set played on stage (round 50, N107: "Voy a matar ese solo de violín en el recital del viernes")
	"guitar solo", "the solo", "my solo", "solo de guitarra", "solo de violín", "solo de guitare", "ese solo", "esse solo", "recital",
	"sarau", "ギターソロ", "기타 솔로", "吉他solo", "soundcheck",
	// fiction and film
	"short story", "my story", "excerpt", "chapter", "my novel", "fanfic", "fan fic", "screenplay", "my manuscript", "horror film",
	"horror movie", "slasher", "practical effects", "the villain", "my character",
	// games
	"among us", "minecraft", "fortnite", "valorant", "elden ring", "dark souls", "board game", "d&d", "dnd", "the boss fight",
	"game night", "ranked", "speedrun",
	// pets, printers and office comedy
	"my hamster", "my cat", "the cat", "my puppy", "the printer", "printer jammed", "office space",
}))

// laughFrames are dying of laughter in the idiom of each language ("Je
// suis morte de rire devant cette vidéo de chat", round 45, N51): the intent
// models read the death in it. They frame the models' violence only, not
// the rules' (tradeFrame): a threat said with a laugh is the rules' to read.
var laughFrames = newTermSet(foldTerms([]string{
	"mort de rire", "morte de rire", "morts de rire", "mortes de rire", "muerto de risa", "muerta de risa", "me muero de risa",
	"morrendo de rir", "morri de rir", "morto de rir", "morta de rir", "lach mich tot", "totgelacht", "dying of laughter",
	"死ぬほど笑", "腹筋崩壊", "웃겨 죽", "웃겨서 죽", "笑死我了",
}))

// laughFrame reports whether the field dies of laughter and relishes no
// harm (relishMarkers).
func laughFrame(t *Text) bool {
	s := t.Folded.String()
	return laughFrames.anyTerm(s) && !relishMarkers.anyTerm(s)
}

// relishMarkers undo the frame: cruelty enjoyed or asked for in detail —
// an animal hurt for fun ("plucked it alive", "funniest thing"), a story
// ordered to dwell on the pain ("describe the cracking and the begging",
// "don't skip anything", "where the fun is").
var relishMarkers = newTermSet(foldTerms([]string{
	"slowly", "alive", "still kicking", "while it was still", "screaming", "begging", "every bone", "torture", "tortures",
	"tortured", "more blood", "for fun", "for sport", "funniest", "funny", "dying laughing", "lol they", "can't wait", "cant wait",
	"enjoys it", "enjoy it", "the fun is", "in detail", "don't skip", "dont skip", "describe the", "describe every", "pathetic",
	"taped its", "superglued", "a trap for it", "my neighbour", "my neighbor", "legs broken", "sledgehammer", "skinned it",
	"stomp", "suffer", "watch it", "watched it",
}))

// craftFrame reports whether the field is framed as one of craftFrames
// and does not relish the harm (relishMarkers).
func craftFrame(t *Text) bool {
	s := t.Folded.String()
	return craftFrames.anyTerm(s) && !relishMarkers.anyTerm(s)
}

// Gatherings are the other shape the intent models read as a threat: a day,
// an hour and a place ("Samstag 10 Uhr am Hauptbahnhof", "saturday 10am"),
// which is what a threat that names where and when looks like, and what
// every meetup, hike, potluck and clean-up says. A field framed as an open
// invitation to a gathering, that says nothing of hurting anyone
// (gatheringThreats), has its violence capped like a craft's; a threat
// written as an invitation to come and hurt someone names the harm, and the
// rules read that.

// gatheringFrames frame a field as an open invitation to a gathering, in
// the languages the intent models read (folded; Latin terms whole words).
var gatheringFrames = newTermSet(foldTerms([]string{
	"potluck", "clean-up", "cleanup", "meetup", "meet-up", "all welcome", "everyone welcome", "everyone is welcome",
	"join us", "come join", "rsvp", "bring a dish", "bring snacks", "hiking group", "walking group", "book club",
	"study group", "bake sale", "fundraiser", "picnic", "volunteers needed",
	"treffpunkt", "wandergruppe", "stammtisch", "lauftreff", "alle sind willkommen", "jeder ist willkommen",
	"kommt vorbei", "wir treffen uns", "bringt mit", "picknick", "flohmarkt",
	"point de rendez-vous", "rendez-vous devant", "pique-nique", "tout le monde est bienvenu", "venez nombreux",
	"on se retrouve", "randonnee", "benevoles",
	"punto de encuentro", "quedada", "todos bienvenidos", "todos son bienvenidos", "senderismo", "voluntarios",
	"ponto de encontro", "todos sao bem-vindos", "piquenique", "mutirao", "trilha",
	"集合地点", "欢迎大家", "欢迎参加", "约饭", "聚餐", "徒步", "志愿者", "活动地点",
	"集合場所", "参加者募集", "オフ会", "どなたでも", "持ち寄り", "ボランティア",
	"모임 장소", "정모", "누구나 환영", "참가 신청", "봉사",
}))

// gatheringThreats undo the frame: the gathering is to hurt someone.
var gatheringThreats = newTermSet(foldTerms([]string{
	"hurt", "kill", "beat", "burn", "stab", "shoot", "weapon", "weapons", "knife", "knives", "gun", "guns", "bat", "bats",
	"teach them", "make them pay", "regret", "you'll see", "last time",
	"verletzen", "umbringen", "abstechen", "waffe", "waffen", "messer", "verprugeln", "verpruegeln", "platt machen", "bereuen",
	"tuer", "frapper", "cramer", "couteau", "armes", "regretter",
	"matar", "golpear", "quemar", "cuchillo", "armas", "arrepentir", "facada", "faca", "queimar",
	"打死", "弄死", "收拾", "砸", "砍", "捅", "刀", "报仇",
	"殺", "殴", "刺す", "ナイフ", "죽이", "때리", "칼", "패버",
}))

// gatheringFrame reports whether the field is an open invitation to a
// gathering that says nothing of hurting anyone.
func gatheringFrame(t *Text) bool {
	s := t.Folded.String()
	return gatheringFrames.anyTerm(s) && !gatheringThreats.anyTerm(s)
}

// Errands are a third shape: picking up one's own child at the school gate
// ("amanhã vou pegar meu filho na saída da escola", which the Portuguese
// model read at 0.96 beside "vou te pegar na saída") and bringing the
// addressee food ("Ich weiß, wo du wohnst – ich bring dir morgen den Kuchen
// vorbei!"). A field framed as one, with nothing of gatheringThreats, has
// its violence capped like a craft's, and its harassment too (the
// harassment model reads "Ich weiß, wo du wohnst" as stalking:
// classifier_context.go).

// errandFrames frame a field as a child picked up or food brought (folded;
// Latin terms whole words).
var errandFrames = newTermSet(foldTerms([]string{
	"pick up my son", "pick up my daughter", "pick up my kids", "pick up the kids", "picking up my son", "picking up my daughter",
	"picking up the kids", "bring you soup", "bring you cake", "bring you cookies", "bring you dinner", "bring you food",
	"drop off some food", "drop off dinner",
	"pegar meu filho", "pegar minha filha", "pegar meus filhos", "pegar as crianças", "buscar meu filho", "buscar minha filha",
	"buscar as crianças", "levo um bolo", "levar um bolo", "levo comida",
	"recoger a mi hijo", "recoger a mi hija", "recoger a los niños", "buscar a mi hijo", "buscar a mi hija", "te llevo comida",
	"te llevo un pastel", "te llevo la tarta",
	"chercher mon fils", "chercher ma fille", "chercher les enfants", "récupérer mon fils", "récupérer ma fille",
	"je t'apporte", "t'apporter un gâteau",
	"meinen sohn abholen", "meine tochter abholen", "die kinder abholen", "kinder abholen", "den kuchen vorbei", "kuchen vorbei",
	"essen vorbei", "suppe vorbei",
	"接孩子", "接儿子", "接女儿", "送饺子", "送吃的", "送蛋糕", "送月饼", "送水果", "送汤",
	"子供を迎え", "息子を迎え", "娘を迎え", "お迎え", "差し入れ", "ケーキ持って",
	"애 데리러", "아이 데리러", "아들 데리러", "딸 데리러", "갖다줄게", "가져다줄게",
}))

// errandFrame reports whether the field is an errand that says nothing of
// hurting anyone.
func errandFrame(t *Text) bool {
	s := t.Folded.String()
	return errandFrames.anyTerm(s) && !gatheringThreats.anyTerm(s)
}
