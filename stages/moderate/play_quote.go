package moderate

// A partner's, a friend's or a teammate's words in play, quoted by the author: "Soirée
// jeux vidéo avec mon copain : 'je vais te défoncer', 'crève'. Puis il me
// fait un chocolat chaud. L'amour.", "Beim Zocken mit meinem Freund: 'Ich
// mach dich fertig', 'Du bist tot'. Danach Pizza. Beziehungsziele.", a
// best man's 『新郎をぶっ殺す』 that had the hall laughing. A violence,
// harassment or profanity finding inside a quotation, in a field that names
// someone close to the author (closeOnes) and says the words were play
// (playSigns: a game, a joke, laughter, tenderness after), is capped like
// reported speech. Without the play, a partner's quoted threat stays read:
// that is how abuse is told too. Never sexual content or contact requests.

// closeOnes are the partners and friends the quoted words come from, in
// the folded text.
var closeOnes = newTermSet(foldTerms([]string{
	"my boyfriend", "my girlfriend", "my bf", "my gf", "my husband", "my wife", "my partner", "my best friend", "my friends",
	"mi novio", "mi novia", "mi marido", "mi esposo", "mi esposa", "mi pareja", "mis amigos", "mi mejor amiga", "mi mejor amigo",
	"meu namorado", "minha namorada", "meu marido", "minha esposa", "meus amigos", "minha melhor amiga", "meu melhor amigo",
	"mon copain", "ma copine", "mon mec", "mon mari", "ma femme", "mes potes", "mon pote", "ma meilleure amie", "mon meilleur ami",
	"mein freund", "meinem freund", "meine freundin", "meiner freundin", "mein mann", "meinem mann", "meine frau", "meiner frau",
	"meine freunde", "meinen freunden",
	// Chinese names the author's own ("我男朋友"; bare 男朋友 is anyone's: "难怪男朋友跑了").
	"我男朋友", "我男友", "我女朋友", "我女友", "我老公", "我老婆", "我对象", "我闺蜜", "我朋友", "约会",
	"彼氏", "旦那", "友達", "新郎", "新婦", "親友",
	"남친", "여친", "남편", "아내", "친구",
	// A gaming clan or team the author plays in (round 47, N68: "Clan banter: '… you bronze-ranked
	// potato.' He carried us", 戰隊互嗆日常：『你這個廢物又送頭』… 感情很好的那種).
	"clan", "my team", "my squad", "teammates", "my duo", "mi clan", "mi equipo", "meu clã", "meu time", "mon équipe", "ma team",
	"戰隊", "战队", "隊友", "队友", "公會", "公会", "クラン", "チームメイト", "클랜", "팀원",
}))

// playSigns say the quoted words were play: a game, a joke, a laugh, or
// tenderness right after.
var playSigns = newTermSet(foldTerms([]string{
	"video games", "gaming", "mario kart", "smash", "fifa", "board game", "game night", "lol", "lmao", "haha", "😂", "🤣", "❤️", "🥰",
	"relationship goals", "couple goals", "true love", "love him", "love her",
	"videojuegos", "jugando", "jaja", "jajaja", "el amor", "te quiero",
	"videogame", "jogando", "kkk", "o amor", "te amo",
	"jeux vidéo", "jeu vidéo", "on jouait", "mdr", "ptdr", "l'amour", "chocolat chaud", "je l'aime",
	"zocken", "beim zocken", "spieleabend", "videospiel", "beziehungsziele", "danach pizza", "ich liebe ihn", "ich liebe sie",
	"打游戏", "玩游戏", "恐怖片", "哈哈", "笑他", "笑死", "请我吃", "宵夜", "撒娇",
	"ゲーム", "ネタ", "爆笑", "笑", "余興", "愛のある",
	"게임", "ㅋㅋ", "장난", "농담",
	"banter", "trash talk", "trash-talk", "carried us", "owe him", "owe her", "gelaber", "danach zusammen", "互嗆", "互怼", "互懟", "感情很好", "感情好",
}))

// playQuoted reports whether the words at sp are quoted in a field that
// tells of someone close to the author at play.
func playQuoted(t *Text, sp Span) bool {
	if !quotedWords(t.Original, sp) {
		return false
	}
	f := t.Folded.String()
	return closeOnes.anyTerm(f) && playSigns.anyTerm(f) && !crowdCalls.anyTerm(f) && !containsTermAny(unquoted(f), quotationEndorsements)
}

// crowdCalls send readers to say the quoted words to someone ("大家快去她直播間狂刷「醜八怪」"):
// then the quotation is a script for a pile-on, not play.
var crowdCalls = newTermSet(foldTerms([]string{
	"everyone go", "let's all", "go flood", "go comment", "spam her", "spam him", "todos a", "vamos todos", "bora todo mundo",
	"on va tous", "allez tous", "alle mal", "schreibt ihr", "大家快去", "大家去", "一起去", "狂刷", "去她", "去他", "みんなで", "다들", "다 같이",
}))

// capPlayQuoted: a partner's or a friend's words in play (play_quote.go).
func capPlayQuoted(t *Text, source string, x *Finding, _ *[]Span) {
	capQuotedFinding(x, source, true, spokenCategories, func() bool { return playQuoted(t, x.Span) })
}

// opensInQuotation reports whether sp starts inside a quotation opened by a
// paired mark (「『“„«《) earlier in its sentence, which lo starts: rule
// evidence may run on past the closing mark (『新郎をぶっ殺す』ってネタやって).
// “ opens in English and closes in German („nur probiert“).
func opensInQuotation(s string, lo int, sp Span) bool {
	depth := 0
	for _, r := range s[lo:sp.Start] {
		switch r {
		case '「', '『', '„', '«', '《':
			depth++
		case '“':
			if depth > 0 {
				depth--
			} else {
				depth++
			}
		case '」', '』', '”', '»', '》':
			if depth > 0 {
				depth--
			}
		}
	}
	return depth > 0
}
