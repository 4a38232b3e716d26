package moderate

import "testing"

// A villain's or a game character's line quoted by a player is the
// character's; the same words with no line named, and the author's own
// threat beside the line, are still read.
func TestACharactersLineQuotedIsTheCharacters(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a villain's line quoted in Portuguese", "A fala do vilão 'Eu não quero o mundo. Quero que ele queime.' ainda me dá arrepio.", true},
		{"a black-market merchant's line in a game", "遊戲裡黑市商人的台詞『有錢就有槍，沒錢就滾』超有味道，配音太強", true},
		{"a boss's voice line in English", "The final boss's voice line 'I will burn your city to ash' gives me chills every run, the villain is so good", true},
		{"the same words with no line named are still read", "'Eu não quero o mundo. Quero que ele queime.' Sei onde você mora.", false},
		{"a threat of the author's own beside the line is still read", "The villain's line 'I will burn your city to ash' is great. And Mark, I will kill you tonight.", false},
		{"a subtitler's line translated", "Untertitel-Übersetzung: 'I'm gonna murder you' aus der Sitcom wurde bei uns 'Ich bring dich um!' — sagt in Deutschland jede große Schwester.", true},
		{"a Korean subtitle tip", "자막 번역 팁: 영어 'You're dead meat'은 '너 이제 죽었어'로 번역하면 딱이에요. 형제끼리 장난칠 때 쓰는 말이에요.", true},
		{"a threat after a subtitle is still read", "Subtitles done for ep 3. 'I'm gonna kill you' — and Jenna, I mean you, tonight, I know where you live.", false},
	}
	checkAllowed(t, s, cases)
}
