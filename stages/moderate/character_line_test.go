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
	}
	checkAllowed(t, s, cases)
}
