package moderate

import (
	"strings"
	"testing"
)

// A partner's, a friend's or a teammate's words in play, quoted, are no threat of the
// author's; the same words quoted without play, or said by the author, are
// still read.
func TestWordsInPlayQuotedFromSomeoneCloseAreNotThreats(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a boyfriend's trash talk over a video game, then hot chocolate", "Soirée jeux vidéo avec mon copain : 'je vais te défoncer', 'crève'. Puis il me fait un chocolat chaud. L'amour.", true},
		{"a boyfriend's 'du bist tot' while gaming, then pizza", "Beim Zocken mit meinem Freund: 'Ich mach dich fertig', 'Du bist tot'. Danach Pizza. Beziehungsziele.", true},
		{"a best man's joke that had the wedding laughing", "結婚式の余興で友達が『新郎をぶっ殺す』ってネタやって会場爆笑。愛のある毒舌。", true},
		{"a date's 'laugh again and I'll kill you' after a horror film", "約會去看恐怖片，他比我還怕，整場抓著我的手。回家路上我一直笑他，他說'再笑我就殺了你'，然後請我吃宵夜。", true},
		{"a clan mate's trash talk, then dinner owed", "Clan night: 'get wrecked, you silver-ranked toaster.' She carried us the next match so now I owe her noodles.", true},
		{"a Taiwanese team's daily trash talk among friends", "我們戰隊每天互嗆：『你這個廢物又死了』『你才廢物』，其實感情很好", true},
		{"a clan's quoted threat with no play is still read", "Clan-Chat heute: 'ich weiß wo du wohnst, ich mach dich fertig'. Hab Angst.", false},
		{"a partner's quoted threat with no play is still read", "Mon copain ce soir : « je vais te défoncer ». La porte est cassée.", false},
		{"a crowd sent to post the quoted insult is still read", "笑死，這個主播長得像被車輾過的豬，難怪男朋友跑了🤣 大家快去她直播間狂刷「醜八怪」", false},
		{"the author's own threat to a boyfriend is still read", "Mon copain, si tu recommences je vais te défoncer, je te jure.", false},
	}
	checkAllowed(t, s, cases)
}

func TestOpensInQuotation(t *testing.T) {
	tests := []struct {
		name, s, at string
		want        bool
	}{
		{"evidence running on from inside Japanese brackets is inside", "友達が『新郎をぶっ殺す』ってネタ", "ぶっ殺す", true},
		{"a word after a German quotation closed with “ is outside", "hat „nur probiert“ und die Hälfte ist weg, der Idiot", "Idiot", false},
		{"a word inside English curly quotes is inside", "he said “you are dead” lol", "dead", true},
		{"a word after English curly quotes is outside", "he said “hi” and left, the idiot", "idiot", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := strings.Index(tt.s, tt.at)
			if got := opensInQuotation(tt.s, 0, Span{i, i + len(tt.at)}); got != tt.want {
				t.Errorf("opensInQuotation(%q at %q) = %v, want %v", tt.s, tt.at, got, tt.want)
			}
		})
	}
}
