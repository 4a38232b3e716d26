package moderate

import (
	"fmt"
	"testing"

	"github.com/notegate/notegate/models"
)

// Banter (banter.go): names called with love decide nothing; the same names
// without love, or with love denied, still reach review.
func TestNamesCalledWithLoveAreBanter(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	for i, c := range []struct {
		body  string
		flags bool
	}{
		{"eres un boludo, te quiero hermano", false},
		{"você é um trouxa, te amo amigo", false},
		{"you absolute idiot, you forgot my birthday again lol love you", false},
		{"you're an absolute idiot for eating my leftover noodles, but you're my idiot. happy birthday, loser", false},
		{"お前ほんとバカだな笑 でもそういうとこ好きだよ", false},
		{"Mein Bruder ist so ein Depp, hat wieder die Schlüssel vergessen 😂 hab ihn trotzdem lieb", false},
		{"du Depp hast schon wieder den Schlüssel vergessen 😂 lieb dich trotzdem", false},
		{"minha amiga me chama de baranga com carinho kkkk a gente se ama assim", false},
		{"うちの彼氏、寝顔がほんとにブサイクで毎朝笑ってしまう😂 でも世界一優しい人です", false},
		{"Jonas, du Lauch, morgen 7:30 am Nordeingang vom Fitnessstudio. Wer zu spät kommt, zahlt den Proteinshake 💪", false},
		// A note dedicated to a best friend is no love said (round 53).
		{"To my best friend: you're a worthless loser and everyone at school hates you", true},
		{"happy birthday you worthless fat pig, everyone in class hates you", true},
		{"お前ほんとバカだな、誰にも愛されないよ", true},
		{"eres un boludo, no te soporto, cállate ya", true},
		{"você é um trouxa, ninguém te ama", true},
		{"you absolute idiot, nobody will ever love you", true},
		{"du Depp, ich lieb dich nicht mehr, hau ab", true},
		// Round 55 (h20): a long birthday roast calls the name in the sentence of its love; in a long field,
		// love said in another sentence excuses nothing.
		{"Happy 30th to my best friend. She has been late to every event since 2009, including her own surprise party, " +
			"cannot park to save her life and still thinks she can sing in karaoke. She once set a salad on fire. " +
			"And yet she is the first person at my door every time life falls apart. Love you, you ridiculous goblin.", false},
		{"I love you all, thanks for the birthday wishes. Most of you came to the party and we had a great night by the lake. " +
			"The cake was from the bakery on the corner and the music went on until two in the morning, which the neighbours forgave. " +
			"As for the one who crashed it uninvited: you ridiculous goblin, nobody wanted you there, stay away.", true},
	} {
		t.Run(fmt.Sprintf("case %d: %s", i, c.body), func(t *testing.T) {
			n := moderateBody(t, s, c.body)
			flagged := n.Moderation.Markets["intl"] != models.DecisionAllow
			if flagged != c.flags {
				t.Errorf("%q: intl %s, want flagged %v; labels %+v", c.body, n.Moderation.Markets["intl"], c.flags, n.Moderation.Labels)
			}
		})
	}
}

func TestBanterNeedsLoveNotDeniedInAShortField(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]bool{
		"idiota, te quiero":                     true,
		"バカだな、大好き":                              true,
		"바보야 사랑해":                               true,
		"傻瓜，爱你":                                 true,
		"idiota, nadie te quiere":               false,
		"没人爱你，傻瓜":                               false,
		"you idiot":                             false,
		"i really love your cooking, you idiot": false,
		"给好兄弟过生日，搞了个吐槽大会。他上台说：你们这群狗东西，我记住了。有这帮损友真好": true,
		"你们这群狗东西，我记住了": false,
	} {
		if got := banter(NewText("body", text)); got != want {
			t.Errorf("banter(%q) = %v, want %v", text, got, want)
		}
	}
}
