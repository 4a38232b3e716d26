package moderate

import "testing"

// Exasperation with kin (hyperbole_kin.go): "I'm going to murder my
// sister 😤" about a straightener decides nothing; the same words said in
// earnest, with a weapon, or about a stranger still reach review.
func TestExasperationWithKinIsNoThreat(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	wantFlagged(t, s, []flagCase{
		{"a sister who borrows a straightener is threatened in jest", "If my sister borrows my straightener one more time without asking I'm going to murder her 😤 She also ate my leftover pad thai. The audacity.", false},
		{"a boyfriend whose dog ate the cake is threatened in tears", "Vou matar meu namorado: ele deixou o cachorro comer meu bolo de aniversário inteiro 😭🐶", false},
		{"a Spanish brother who finished the crisps is threatened laughing", "Voy a matar a mi hermano, se comió todas mis patatas fritas jajaja", false},
		{"a Chinese younger brother who spoiled the ending is threatened laughing", "我要杀了我弟，他把结局剧透给我了哈哈哈", false},
		{"a knife emoji beside the laugh is the joke's", "Como mi hermano vuelva a hacerme spoiler lo mato 🔪😂", false},
		{"a friend called tía at the start is threatened laughing over a party", "Tía, te mato si no vienes el sábado al cumple de Lucía 😤 ya compré tu entrada jajaja", false},
		{"a friend called amiga is threatened in tears over a story viewed", "Amiga, eu te mato se você contar pro Pedro que eu vi o story dele 3 vezes 😭😭😭", false},
		{"a friend's name-call in the middle of a threat is no address", "Te voy a matar cuando salgas del trabajo, amiga, ya sé dónde vives jaja", true},
		{"friends who bail on karaoke are threatened with a rolled eye", "if you guys bail on karaoke again i'm literally going to kill all of you 🙃 room is booked for 9", false},
		{"friends late for a booking are threatened laughing", "Les gars si vous êtes encore en retard vendredi je vous égorge 😂 la résa est à 20h pile", false},
		{"a friend who stands the author up again is threatened in a huff", "你再放我鴿子我真的會殺了你喔😤 這次KTV你請客", false},
		{"a party named beside a threat with a knife is still a threat", "if you bail on my party again I'll stab you, I have the knife ready 😂", true},
		{"a husband threatened with a knife named is still a threat", "I'm going to murder my husband tonight, the knife is ready 😤", true},
		{"a wife threatened with no laugh is still a threat", "I'm going to kill my wife when she gets home. I mean it.", true},
		{"a stranger threatened laughing is still a threat", "I'm going to kill you when I find you lol", true},
		{"a girlfriend threatened with 'not joking' is still a threat", "Vou matar minha namorada, não é brincadeira 😤", true},
		{"a dog who ate the sofa is threatened fondly without a laugh", "mein Hund hat heute das ganze Sofa zerlegt, ich könnte ihn umbringen, aber er ist zu süß", false},
		{"a cat threatened fondly in Spanish", "mi gato tiró el jarrón otra vez, lo voy a matar, pero es tan lindo", false},
		{"a wife threatened with 'but I love her' is still a threat", "I'm going to kill my wife when she gets home, but I love her so much", true},
		{"a dog threatened with a knife named is still a threat", "my dog chewed my shoes, I'm going to kill him with a knife, so cute", true},
		{"a roommate who ate the yoghurt is threatened in a huff", "室友又偷吃我的酸奶了，第三次了！！再有下次我真的要掐死他😤（不是）", false},
		{"a German roommate who ate the yoghurt is threatened in a huff", "Wenn mein Mitbewohner nochmal meinen Joghurt isst, erwürg ich ihn. Zum dritten Mal diese Woche 😤", false},
		{"a boss who emails at midnight is threatened and the threat taken back", "Mi jefe me manda un correo a las 23:45 'para mañana temprano'. Lo voy a matar. Bueno no, voy a contestar a las 9:01 🙃", false},
		{"a boss threatened with his schedule known is still a threat", "my boss fired my mom. I know his car and I know his schedule, he's going to have an accident 🙃", true},
		{"a little sister who ate the chocolate cake is threatened without a laugh", "My little sister ate the last piece of my chocolate cake, I'm going to kill her when she's back from school", false},
		{"a Japanese younger brother who ate the ice cream is threatened without a laugh", "弟がまた私のアイス食べた。次やったら殺す。", false},
		{"a Korean younger sibling who ate the chicken is threatened", "동생이 내 치킨 다 먹었음 진짜 죽여버릴 거야", false},
		{"a wife who ate the cake threatened with a knife ready is still a threat", "My wife ate my cake again, I'm going to kill her, the knife is ready", true},
		{"a husband who ate dinner is no trifle", "My husband ate dinner and hit me again, I am going to kill him", true},
		{"a landlord watched with a smile is still a threat", "That landlord who kicked my grandma out... I know his car and I know his schedule. Some people just need to have an accident. Not a threat, just a weather forecast 🙂", true},
	})
}

// The joke declared caps a threat over a trifle; the joke denied does not
// ("je rigole pas" holds "je rigole").
func TestJokeDeclaredAndDenied(t *testing.T) {
	s := newTableStage(t)
	wantAllowed(t, s, "a trifle's threat said as a joke is allowed", []string{
		"Si vuelves a dejar los platos sin lavar te estrangulo, hermanito 😂 (es broma, mamá)",
		"Si tu me spoiles la fin de la saison je t'étrangle 😂",
		"Mon chat a massacré toutes mes plantes pendant les vacances, je vais l'étrangler (non je l'adore)",
	}, "intl")
	wantStopped(t, s, "a threat whose joke is denied stops", []string{
		"Le mec qui a frappé mon frère, je vais le retrouver et lui casser les jambes. Je rigole pas.",
	}, "intl")
}
