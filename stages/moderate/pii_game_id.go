package moderate

import "strings"

// A player's number in a game ("my UID is 612048375 (NA server)", "meu ID
// é 2187449031, nick Bruxinha_BR" in a Free Fire post, 游戏ID 12345678) has
// the digits of a phone and is not one: it reaches the player in the game,
// which is what friends on a notes app trade. A number right after an ID's
// label, in a field that names a game, is neither personal data nor a move
// off the platform. Without the game the label proves nothing (a QQ number
// is an ID too, and 加我 ID 12345678 moves people off the platform).

// gameIDLabels introduce a player's number; matched on the folded text
// right before the number.
var gameIDLabels = []string{"uid", "id", "id:", "id：", "id é", "id es", "id is", "id est", "id ist", "id는", "id 는", "아이디", "游戏id",
	"玩家id", "プレイヤーid", "フレンドコード", "friend code", "código de amigo", "code ami"}

// gameNames are games named in a field (besides gameFrames).
var gameNames = newTermSet(foldTerms([]string{
	"genshin", "原神", "honkai", "崩坏", "star rail", "roblox", "free fire", "pubg", "clash royale", "clash of clans", "brawl stars",
	"pokemon go", "pokémon go", "ポケモン", "モンスト", "mobile legends", "call of duty", "valorant", "league of legends", "王者荣耀",
	"和平精英", "롤", "배그", "server", "servidor", "serveur", "服务器", "区服",
}))

// maxGameIDGap is how far before the number its label may end (bytes).
const maxGameIDGap = 12

// gameID reports whether the number at byte start of the folded field s
// follows a player ID's label in a field that names a game.
func gameID(s string, start int) bool {
	if start <= 0 || start > len(s) {
		return false
	}
	before := strings.TrimRight(s[max(0, start-maxGameIDGap-8):start], " :：#")
	found := false
	for _, l := range gameIDLabels {
		if i := strings.LastIndex(before, l); i >= 0 && len(before)-(i+len(l)) <= maxGameIDGap &&
			(i == 0 || !isASCIILetter(rune(before[i-1]))) {
			found = true
			break
		}
	}
	if !found {
		// "drop your UID below, mine is 612345789": the author's own, after
		// a label earlier in the field.
		for _, o := range gameIDOwn {
			if strings.HasSuffix(before, o) {
				found = containsWordAny(s, []string{"uid", "id", "游戏id", "friend code", "フレンドコード", "아이디"})
				break
			}
		}
	}
	return found && (gameFrames.anyTerm(s) || gameNames.anyTerm(s))
}

// gameIDOwn introduce the author's own number after a player ID's label
// named earlier in the field.
var gameIDOwn = foldTerms([]string{"mine is", "mine", "mine's", "el mío es", "el mio es", "o meu é", "le mien est", "le mien",
	"meine ist", "我的是", "我的", "私のは", "제 거는", "제꺼는"})
