package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

func TestGameBanter(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	tests := []struct {
		name, body string
		intl       models.Decision
	}{
		{"a Smash rematch promised with laughter is trash talk", "@たくみ お前昨日のスマブラ弱すぎて草。次ボコボコにしてやるから覚悟しとけよ😂 また土曜うち集合な", models.DecisionAllow},
		{"a friend's taunt over a game answered with a beating next time, laughed at with one w", "ゲームで友達に『雑魚すぎ、引退しろw』って言われた。次は絶対ボコる。", models.DecisionAllow},
		{"the same taunt answered with the friend's home known is no game", "ゲームで友達に『雑魚すぎw』って言われた。家知ってるし次は絶対ボコる", models.DecisionBlock},
		{"a game lost and a knife promised at the next meeting is no game", "ゲームで友達に負けたw 次会ったらナイフでボコボコにしてやる", models.DecisionBlock},
		{"teenagers' Mario Kart threats told by a parent, with the snack after", "Mes ados sur Mario Kart : 'je vais t'éclater', 't'es mort'. Ensuite goûter tous ensemble.", models.DecisionAllow},
		{"children at break quoted by a parent, with the snack shared", "Os meninos no recreio: 'vou te humilhar', 'você tá morto'. Depois dividem o lanche.", models.DecisionAllow},
		{"the same break with a knife brought is no game", "Os meninos no recreio: 'amanhã trago a faca e você tá morto'.", models.DecisionBlock},
		{"a FIFA loss and a rematch at a friend's place", "@Karim t'as encore perdu 5-0 au FIFA, la prochaine partie je vais te défoncer 😂 revanche samedi chez toi", models.DecisionAllow},
		{"a Smash night promised to a friend with the loser's tears", "je vais te massacrer à Smash ce soir frérot, prépare les mouchoirs 😈🎮", models.DecisionAllow},
		{"a rival fan promised a beating at the stadium, with a laugh and the loser's beer", "@巨人ファン 今年もボコボコにしてやるから覚悟しとけ笑 東京ドームで会おう、負けた方がビールおごりね", models.DecisionAllow},
		{"a friend teased over a squat challenge with a bet on the next loss", "@みき お前ほんま雑魚すぎやろ笑 スクワット20回で倒れてるやん、次負けたらスタバ奢りな", models.DecisionAllow},
		{"a bet on a challenge does not make a threat with an address a game", "@みき 次負けたら住所晒してボコボコにしてやるからな笑", models.DecisionBlock},
		{"a streamer's body remarked on over her game is no game", "@하늘 님 게임 보러 오는 거 아님 ㅋㅋ 다음 방송엔 더 파인 옷 입고 와라 ㅗㅜㅑ", models.DecisionReview},
		{"a friend told to quit a game he trolls, with laughter", "야 너 롤 접어라 ㅋㅋㅋ 트롤 오지게 하네. 오늘 치킨은 니가 쏴라", models.DecisionAllow},
		{"a pickup game lost to a friend, with laughter", "昨晚打球被兄弟電爆🤣 下次幹死你哈哈", models.DecisionAllow},
		{"a pickup game's threat that names the way home after school is no game", "打球输了不服？放学别走，我在校门口堵你，带刀 哈哈", models.DecisionReview},
		{"a game threat that names a place outside the game is no game", "lmao you lost the 1v1 again, next time I'll wait for you at the parking lot with my bat 😂", models.DecisionBlock},
		{"a game threat that names a stabbing after school is no game", "gg lol. keep reporting me in ranked, I'll find you after school and stab you", models.DecisionBlock},
		{"a game threat that names where the player lives is no game", "keep reporting me in ranked lol, I know where you live and I'll kill you", models.DecisionBlock},
		{"a brother's insult at Mario Party needs no laugh", "Mario Party mit meinen Geschwistern eskaliert wie immer. Mein Bruder hat mir drei Sterne geklaut und gesagt 'Ich mach dich fertig, du Opfer'. Ich hab ihn im Minispiel dann komplett zerstört.", models.DecisionAllow},
		{"a partner named beside a penalty game is no game night", "この人の彼氏かわいそう…こんなブスと付き合わされて罰ゲームかな？", models.DecisionReview},
		{"a teammate in a shooter game forgiven and promised a beating next round", "昨日のエペで味方に煽られたけど、フレンドだから許す。次はボコボコにしてやる🔥", models.DecisionAllow},
		{"the same threat without a game keeps its score", "お前次会ったらボコボコにしてやるから覚悟しとけよ", models.DecisionBlock},
		{"a longer note that opens on a game night keeps its threats a game's", "Soirée Mario Kart avec les potes et j'ai perdu toute dignité. Karim m'a envoyé trois carapaces bleues d'affilée, je lui ai hurlé que j'allais l'étrangler avec la manette et l'enterrer dans le jardin. Il m'a répondu qu'il attendait. On a fini à trois heures du matin à manger des pâtes froides. Revanche samedi, et cette fois je le détruis.", models.DecisionAllow},
		{"a longer note that opens on a game and names school is no game", "어제 친구들이랑 롤 5인 랭크 돌렸는데 민수가 정글 돌면서 한 판에 열 번 죽었어요. 디코에서 너 내일 학교에서 죽여버린다 했더니 와 봐 하더라고요. 근데 마지막 한타에서 걔가 펜타킬 해서 역전승했어요. 고기는 걔가 산대요 ㅋㅋ 주말에 또 합니다.", models.DecisionBlock},
		{"an online match lost to school friends, to be made good tomorrow", "跟台灣的高中同學連線打傳說，整場被嘴爆。明天我要一雪前恥，你們給我等著。", models.DecisionAllow},
		{"the same words to be made good at school are no game's", "明天我要一雪前恥，放学你們給我等著，带刀", models.DecisionBlock},
		{"a final boss threatened needs no laugh", "ce boss final m'a tué au moins vingt fois, je vais le défoncer ce soir avec mon équipe", models.DecisionAllow},
		{"a boss one is stuck on for hours is a level's", "je vais le tuer ce boss, ça fait trois heures que je bloque dessus", models.DecisionAllow},
		{"a boss at work is no game's enemy", "le boss m'a viré ce matin, je vais le défoncer ce soir devant le bureau", models.DecisionReview},
		{"a final boss beside a real address is no game", "the final boss of my life is you, I know where you live and I will kill you tonight", models.DecisionBlock},
		// Round 48 (N76, N77): a fishing contest in the family; a pile-on that calls itself a contest is none.
		{"a brother-in-law teased at a fishing contest", "Concours de pêche : mon beau-frère a attrapé une botte. Une BOTTE. T'es nul, assume 🎣", models.DecisionAllow},
		{"a little brother beaten at an Animal Crossing fishing tourney, with a laugh", "Just destroyed my little brother in our Animal Crossing fishing tourney. Get rekt bro, you are trash at this 😂", models.DecisionAllow},
		{"a pile-on called a contest is no game", "📢 CONTEST: ugliest girl in Austin 👉 @jenny 🐷 screenshot her selfies, whoever makes her cry wins 😂😂", models.DecisionReview},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := moderateBody(t, s, tt.body)
			if got := n.Moderation.Markets["intl"]; got != tt.intl {
				t.Errorf("intl %s, want %s (labels %+v)", got, tt.intl, n.Moderation.Labels)
			}
		})
	}
}
