package moderate

import (
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Trash talk over a game: friends who lost to each other promise a beating
// in the next round ("次ボコボコにしてやるから覚悟しとけよ😂 また土曜うち集合な",
// "I'm gonna destroy you in ranked tonight lol", "la próxima partida te
// reviento jajaja"). The words are a threat's; the frame is a game, with
// laughter or a rematch. In a short field (a comment or a short note) that
// names a game or a match, laughs or asks for a rematch, and says nothing
// of the real world a threat would reach (a weapon, an address, "after
// school", "irl"), a violence or harassment finding is capped like
// reported speech: it keeps its label and decides nothing. A game threat
// made real ("keep reporting me in ranked, I'll find you after school and
// stab you") names the real world and keeps its score; so does a slur or
// a sexual demand, whose categories are not read here.

// maxGameBanterRunes bounds the fields read as trash talk.
const maxGameBanterRunes = 280

// A longer note can tell a whole game night (round 38, N20: "Soirée Mario
// Kart avec les potes… je lui ai hurlé que j'allais l'étrangler avec la
// manette… Revanche samedi", 昨日、大学の友達と格ゲーのオンライン対戦で…お前
// マジで殺すぞ…焼肉は負けた私のおごり). Such a story opens on the game: in a
// field of up to maxGameStoryRunes, the game named in its first two
// sentences stands for the frame, with the same laugh, rematch or forfeit
// and nothing of the real world anywhere in it.
const maxGameStoryRunes = 1200

// gameFrames name a game, a match or a round, as the folded view writes
// them (Latin terms whole words).
var gameFrames = newTermSet(foldTerms([]string{
	"ranked", "rematch", "next round", "1v1", "gg", "fifa", "mario kart", "smash bros", "fortnite", "valorant",
	"overwatch", "apex", "warzone", "minecraft", "mario party", "minispiel", "free fire", "booyah", "pubg", "call of duty", "among us", "league of legends", "tekken", "street fighter", "chess",
	"monopoly", "game night", "board game", "ping pong", "2k", "madden", "rocket league", "pickup game",
	// Round 49 (N93): a practice match, a school break's play (not "trash talk": a threat says it is none).
	"scrimmage", "recreio", "recreo", "récré", "récréation", "pausenhof",
	"スマブラ", "マリカ", "マリオカート", "対戦", "ゲーム", "ランクマ", "スプラ", "桃鉄", "格ゲー", "フォトナ", "エペ", "ぷよぷよ", "次の試合",
	"游戏", "开黑", "王者荣耀", "吃鸡", "排位", "下一局", "这局", "上分", "打游戏", "斗地主", "麻将",
	"게임", "한판", "한 판", "배그", "피파", "랭겜", "리매치", "다음 판", "오버워치", "롤 ", "롤에서", "롤할", "롤 할", "롤하",
	"🎮", "🕹",
	"partida", "revancha", "la próxima partida", "el juego", "videojuego",
	"revanche", "jogo", "joguinho", "partidinha",
	"la prochaine partie", "manette", "jeu vidéo", "à smash", "a smash", "au smash", "on smash", "en smash", "sur smash",
	"nächste runde", "zocken", "zockt", "spieleabend", "konsole",
	// pickup sports among friends: 昨晚打球被兄弟电爆🤣 下次干死你哈哈
	"打球", "打篮球", "篮球", "斗牛", "踢球", "球场", "basketball", "pickup", "soccer", "fútbol", "futbol", "futebol", "pelada",
	"kicken", "농구", "축구", "バスケ", "サッカー",
	// Round 37: a league match between fans of two clubs ("Ayer el Barça nos dio
	// una paliza, pero el domingo os vamos a matar jajaja ⚽").
	"⚽", "🏀", "🏈", "⚾", "🏐", "partido", "derbi", "derby", "clásico", "clasico", "barça", "torneo", "campeonato",
	"le match", "ce match", "das spiel", "試合", "比赛", "球赛", "경기",
	// Round 40: where the fans meet ("今年もボコボコにしてやるから覚悟しとけ笑 東京ドームで会おう").
	"stadium", "estadio", "estádio", "stade", "stadion", "球場", "スタジアム", "東京ドーム", "甲子園", "体育场", "경기장", "야구장",
	// Round 41: a bet on who loses, which makes any challenge a game ("次負けたらタピオカ奢りな").
	"負けたら", "負けた方", "if you lose", "loser buys", "loser pays", "el que pierda", "quien pierda", "la que pierda",
	"quem perder", "celui qui perd", "celle qui perd", "wer verliert", "谁输了", "输了请", "输的人", "지는 사람", "진 사람이",
	// Round 43 (N46): Taiwan's and the mainland's team games played online with friends ("跟高中同學連線打傳說").
	"传说对决", "打传说", "英雄联盟", "连线打", "连线玩",
	// Round 45 (F76, N53): a race between couriers, a game night among colleagues.
	"wettrennen", "wettkampf", "zockabend", "zockerabend",
	// Round 48 (N76, N77): a fishing or honey contest among family and friends ("Concours de pêche : mon
	// beau-frère a attrapé une botte … T'es nul, assume", "Angelwettbewerb: … Du Lappen", 釣り対決, "Animal
	// Crossing fishing tourney … you are trash at this 😂"), named by what is contested, never a bare "contest":
	// a pile-on calls itself one too ("📢 CONTEST: ugliest girl in Austin … whoever makes her cry wins", F33),
	// and a concurso is also a civil-service exam.
	"fishing contest", "fishing tourney", "fishing derby", "fishing tournament", "honey contest", "concours de pêche",
	"concours de peche", "concurso de pesca", "torneio de pesca", "angelwettbewerb", "釣り対決", "钓鱼比赛", "釣魚比賽",
	"낚시 대회", "animal crossing", "あつ森", "动森",
}))

// gameLaughs are laughter and rematch words that keep a game's threat a
// joke between the players.
var gameLaughs = newTermSet(foldTerms([]string{
	"😂", "🤣", "😆", "😜", "😝", "lol", "lmao", "lmfao", "haha", "hahaha", "xd", "jaja", "jajaja", "jeje", "kkk", "kkkk", "rsrs",
	"mdr", "ptdr", "mdrr", "草", "ｗｗ", "www", "笑", "哈哈", "hhh", "ㅋㅋ", "ㅎㅎ",
	"rematch", "revancha", "revanche", "リベンジ", "再戦", "다시 붙자", "再来一局", "再来一把", "nochmal", "noch mal",
	"集合", "chez toi", "chez moi", "bei mir", "bei dir", "en mi casa", "lá em casa", "우리 집",
	// a friend addressed as one, and the loser's tears promised
	"😈", "frérot", "frerot", "mon reuf", "bro", "bestie", "hermano", "mano", "parce", "digga", "alter",
	"prépare les mouchoirs", "get the tissues", "bring tissues", "ve preparando los pañuelos",
	// Round 30: a teammate or an in-game friend ("味方に煽られたけど、フレンドだったので許す").
	"フレンド", "味方", "teammate", "my duo", "coéquipier", "coequipier", "teamkollege", "팀원", "队友", "compañero de equipo",
	"companheiro de time",
	// Round 38: the loser's forfeit and the next session ("焼肉は負けた私のおごり", "今晚继续").
	"おごり", "奢", "请客", "請客", "今晚继续", "明天继续", "周末再战", "rückspiel", "revanche samedi",
	// Round 43 (N46): a defeat to be made good in the next match ("明天我要一雪前恥，你們給我等著").
	"一雪前耻", "扳回一城", "再战", "雪耻",
	// Round 45 (N50): Japanese laughter as one w ("引退しろw"), and the friend one plays with named
	// ("ゲームで友達に『雑魚すぎ』って言われた。次は絶対ボコる").
	"w", "友達に", "友達と", "友だちに", "友だちと", "친구랑", "친구한테", "跟朋友", "和朋友", "朋友说我",
	// Round 45 (F76): the loser's forfeit in German ("Döner geht auf dich").
	"geht auf dich", "geht auf mich", "gibst du aus", "zahlst du",
}))

// siblingsAtPlay are brothers and sisters named at a game, which keeps
// its trash talk a family's without a laugh (a partner named beside a
// 罰ゲーム is no game night: "こんなブスと付き合わされて罰ゲームかな").
var siblingsAtPlay = newTermSet(foldTerms([]string{
	"my brother", "my sister", "my siblings", "my little brother", "my little sister", "mi hermano", "mi hermana", "mis hermanos",
	"meu irmão", "meu irmao", "minha irmã", "minha irma", "meus irmãos", "mon frère", "mon frere", "ma sœur", "ma soeur",
	"mes frères", "mein bruder", "meine schwester", "meinen geschwistern", "meine geschwister", "mein kleiner bruder",
	"我弟", "我哥", "我姐", "我妹", "弟と", "兄と", "妹と", "姉と", "동생이랑", "동생한테", "형이랑", "언니랑", "오빠랑", "누나랑",
	// Round 45 (N53): a parent's child at play with a cousin, colleagues at a game night ("Mon gosse joue à
	// Fortnite et crie 'je vais te tuer' à son cousin", "Zockabend mit den Kolleginnen").
	"son cousin", "sa cousine", "ses cousins", "mon gosse", "mon fils", "my cousin", "his cousin", "her cousin", "su primo",
	"su prima", "seu primo", "sua prima", "seinem cousin", "ihrer cousine", "mit den kolleginnen", "mit den kollegen",
	"with my coworkers", "with coworkers", "表哥", "表弟", "堂哥", "堂弟", "いとこ", "사촌",
	// Round 49 (N93): a parent's children at play, by age group, and their snack together afterwards ("Mes ados sur
	// Mario Kart : 'je vais t'éclater', 't'es mort'. Ensuite goûter tous ensemble", "Die Jungs beim Zocken",
	// "Os meninos no recreio", "Cheer squad trash talk before the scrimmage … Ages 10-12").
	"mes ados", "mes enfants", "mes gosses", "die jungs", "meine jungs", "die kids", "os meninos", "as meninas", "os guris",
	"my kids", "my boys", "my girls", "cheer squad", "both teams", "los niños", "mis hijos", "うちの子たち", "우리 애들", "我家孩子们",
	// Round 48 (N80): a roommate at game night ("whoever loses at Mario Kart takes out the trash … Revenge next
	// week, watch your back Jess").
	"my roommate", "my roomie", "my flatmate", "my housemate", "mi compañera de piso", "mi compañero de piso", "meu colega de quarto",
	"ma coloc", "mon coloc", "meine mitbewohnerin", "mein mitbewohner", "我室友", "ルームメイト", "룸메이트",
	// Round 48 (N76): in-laws at a contest ("mon beau-frère a attrapé une botte").
	"my brother-in-law", "my sister-in-law", "mi cuñado", "mi cuñada", "meu cunhado", "minha cunhada", "mon beau-frère",
	"mon beau-frere", "ma belle-sœur", "ma belle-soeur", "mein schwager", "meine schwägerin", "姐夫", "妹夫", "小舅子", "義兄", "義弟",
	"매형", "처남",
}))

// gameFoes are a game's own enemies: a threat aimed at the final boss
// ("ce boss final m'a tué vingt fois, je vais le défoncer ce soir") has
// no one to reach, so it needs no laugh to stay a game.
var gameFoes = newTermSet(foldTerms([]string{
	"final boss", "boss fight", "raid boss", "boss final", "jefe final", "el jefe final", "chefe final",
	// Round 29: "esse chefão do Elden Ring me espancou a tarde toda", "ce boss de fin m'a tuée quinze fois".
	"chefão", "chefao", "boss de fin", "boss de fim", "este jefe final", "elden ring", "dark souls", "sekiro", "bloodborne",
	"hollow knight",
	"endboss", "endgegner", "ラスボス", "ボス戦", "裏ボス", "最终boss", "boss战", "打boss", "보스전", "최종 보스", "막보",
	// Stuck on it for hours: a level, not a person ("je vais le tuer ce
	// boss, ça fait trois heures que je bloque dessus").
	"je bloque dessus", "bloqué dessus", "bloquée dessus", "stuck on this boss", "stuck on this level", "stuck on the boss",
	"atascado en este jefe", "atascada en este jefe", "travado nesse chefe", "travada nesse chefe", "hänge an dem boss",
}))

// realWorldThreat are what take a game's threat out of the game: a
// weapon, an address, a place and time outside it.
var realWorldThreat = newTermSet(foldTerms([]string{
	"knife", "knives", "gun", "pistol", "stab", "shoot you", "irl", "in real life", "after school", "your address",
	"where you live", "your house", "parking lot", "find you", "wait for you", "waiting for you",
	"ナイフ", "包丁", "刃物", "銃", "住所", "家知って", "家まで", "待ち伏せ", "刺す", "刺し",
	"刀", "枪", "你家在", "你家地址", "地址", "堵你", "放学",
	"칼", "총", "주소", "어디 사는지", "집 앞", "찾아간다",
	"cuchillo", "navaja", "pistola", "dónde vives", "tu dirección", "te espero a la salida",
	"faca", "arma", "onde você mora", "onde voce mora", "seu endereço",
	"couteau", "flingue", "où tu habites", "ton adresse", "à la sortie",
	"messer", "waffe", "wo du wohnst", "deine adresse", "nach der schule",
	"학교에서", "학교 끝나고", "放課後", "学校で",
}))

// sexualRemarks take the trash talk out of the game too: a player's or a
// streamer's body is no round to win (round 41: "게임 보러 오냐 ㅋㅋ 다음
// 방송엔 더 파인 옷 입고 와라 ㅗㅜㅑ").
var sexualRemarks = newTermSet(foldTerms([]string{
	"boobs", "tits", "titties", "send nudes", "nudes", "show more skin", "your body", "tetas", "peitos", "seins", "titten",
	"おっぱい", "胸見せ", "胸见", "露点", "ㅗㅜㅑ", "ㄱㅅ 보러", "가슴", "파인 옷", "노출",
}))

// gameBanter reports whether t is a short field framed as trash talk over
// a game (see above).
func gameBanter(t *Text) bool {
	n := utf8.RuneCountInString(t.Original)
	if n > maxGameStoryRunes {
		return false
	}
	s := t.Folded.String()
	if n > maxGameBanterRunes {
		return gameFrames.anyTerm(openingSentences(t, 2)) && gameLaughs.anyTerm(s) &&
			!realWorldThreat.anyTerm(s) && !sexualRemarks.anyTerm(s)
	}
	// A family's game night needs no laugh: "Mario Party mit meinen
	// Geschwistern eskaliert wie immer" (round 22).
	framed := gameFoes.anyTerm(s) ||
		gameFrames.anyTerm(s) && (gameLaughs.anyTerm(s) || siblingsAtPlay.anyTerm(s))
	return framed && !realWorldThreat.anyTerm(s) && !sexualRemarks.anyTerm(s)
}

// openingSentences returns the folded text of the field's first k
// sentences.
func openingSentences(t *Text, k int) string {
	end := 0
	for ; k > 0 && end < len(t.Original); k-- {
		_, hi := sentenceAround(t.Original, end, end)
		if hi < len(t.Original) {
			_, n := utf8.DecodeRuneInString(t.Original[hi:])
			hi += n
		}
		end = hi
	}
	return foldedBefore(t, 0, end)
}

// capGameBanter: a game's trash talk (see above).
//
// The classifier's hate is capped there too: it reads a friend told to quit
// a game (롤 접어라 ㅋㅋ) as scorn for a group; a slur is the lexicons' and
// the rules', which keep it.
func capGameBanter(t *Text, source string, x *Finding, _ *[]Span) {
	if (x.Category == models.CategoryViolence || x.Category == models.CategoryHarassment ||
		x.Category == models.CategoryHate && fromClassifier(source)) && x.Score > reportedScoreCap && gameBanter(t) {
		x.Score = reportedScoreCap
	}
}
