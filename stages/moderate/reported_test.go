package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

// TestReportedSpeechCapsQuotedAbuse: an abusive word that the author
// quotes as used on them, or asks about, informs and decides nothing; the
// same word said to someone still counts.
func TestReportedSpeechCapsQuotedAbuse(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		body    string
		flagged bool
	}{
		{"a slur quoted as used on the author and reported", "Someone called me a 'ch*nk' at the supermarket today. I reported it.", false},
		{"a slur right after called me, unquoted", "that guy called me a chink and walked off", false},
		{"a slur someone called the author's mother, told and reported", "Someone called my mom a chink at the store today and I'm still shaking. Reported it.", false},
		{"the same slur aimed at the reader's mother", "your mom is a chink and so are you", true},
		{"a question about a phrase in quotes", "Why do people say 'kill yourself' as a joke?", false},
		{"a phrase discussed as what people tell someone, unquoted", "Reminder that telling someone to kys is never a joke. Report those comments and block, don't engage", false},
		{"the same phrase said to the reader", "nobody cares about your opinion, just kys", true},
		{"an insult quoted in Chinese and reported", "有人在评论区骂我“傻逼”，已经举报了", false},
		{"an insult right after 骂我", "他骂我傻逼，我没理他", false},
		{"a slur the author was called, told in the Chinese passive and reported", "今天在公交上被一个人骂chink，司机愿意作证，已经报警了", false},
		{"the same slur the author called someone, in the passive", "他被我骂chink了，活该", true},
		{"an insult quoted in Taiwan and reported (檢舉)", "有人私訊我「醜八怪去死」，我已經檢舉了", false},
		{"a sticker that says it, sent by a grandmother who misread it", "笑死，外婆傳了一張「去死吧」的貼圖，她以為是晚安的意思", false},
		{"the same insult said to someone", "你就是个傻逼", true},
		{"a grandmother's scolding of her carer, quoted", "我奶奶今天指着护工骂“你个小王八蛋偷我饼干”，护工笑着说饼干在您枕头底下呢", false},
		{"the same insult said to the reader, with a scolding word elsewhere", "你个小王八蛋，天天挨骂活该", true},
		{"a quoted insult aimed at the reader", "you are a 'bitch' and everyone knows it", true},
		{"an insult with reported elsewhere in the note", "you fucking idiot. reported.", true},
		{"a coworker's generalisation quoted and answered", "Someone at my work said 'all immigrants are criminals' at lunch today. I told him the statistics show the opposite.", false},
		{"a sexual nickname a boss used, quoted and reported to HR", "上司に「巨乳ちゃん」って呼ばれた。セクハラとして人事に通報した", false},
		{"a word a parent teaches a child not to use", "いじめのニュースを見て心が痛い。子供には「死ね」なんて言葉を使わないように教えてる", false},
		{"a Cantonese swear explained as a word", "「仆街」其實是廣東話罵人的話，香港朋友教我的時候笑到不行", false},
		{"abuse shouted at a stranger, quoted to its own exclamation mark, as a witness tells it",
			"In der S-Bahn hat ein Typ eine Frau mit Kopftuch angeschrien: „Scheiß Ausländer, geh zurück in die Wüste!\" Ich habe die Polizei gerufen.", false},
		{"the author's own insult told to someone is no report", "I told her \"you're a worthless whore\" and I meant it", true},
		{"a slur the author objects to being called", "Why would you think it's okay to call me a wetback?", false},
		{"a slur the author tells someone to stop calling them", "stop calling me a faggot, it's not funny and I'm reporting you", false},
		{"the same slur thrown at the reader in a question", "why are you such a faggot?", true},
		// Round 53 (N143): a slur the author was called, in the subjunctive, reported in Spanish; abuse a
		// witness heard shouted, in Traditional characters.
		{"a slur the author was called, in the subjunctive, and reported", "Que un gringo me llame 'wetback' en los comentarios cuando soy de Lima 🙄 Reportado.", false},
		{"abuse shouted at a worker, heard by a witness, in Traditional characters", "在公車上聽到一個大叔罵「外勞滾回去」，我請司機處理了，台灣人不是這樣的", false},
		// Round 55 (h22): a slur someone else called a friend, told by a learner who wants to back her up.
		{"a slur someone called the author's friend, told to understand it", "My friend said someone called her a \"ch*nk\" in a game lobby. I'd never heard it before. I want to back her up.", false},
		{"the author's own calling of someone is no report", "I called her a chink and she cried lol", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := s.Moderate(context.Background(), noteWithBody(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			flagged := m.Markets["intl"] != "allow" || m.Markets["cn"] != "allow"
			if flagged != tt.flagged {
				t.Errorf("markets %v, labels %+v; want flagged=%v", m.Markets, m.Labels, tt.flagged)
			}
		})
	}
}

func noteWithBody(body string) *models.Note {
	return &models.Note{NoteEvent: models.NoteEvent{NoteID: "n", Version: 1, Body: body}}
}

func TestQuotedWordsReportedElsewhereInTheFieldDecideNothing(t *testing.T) {
	s := newTestStage(t)
	cases := []struct {
		name, body string
		allowed    bool
	}{
		{"a slur quoted from a DM and called a slur later", `Someone DMed me "go back to China you chink" yesterday. That word is a racist slur. Reported and blocked.`, true},
		{"a French campaign quoting bullying messages", "Campagne contre le harcèlement scolaire : si ton enfant reçoit des messages du type 'personne ne t'aime, crève', parle-lui et signale.", true},
		{"a swear word autocorrect made of a grandmother's message", "Oma wollte 'Lecker' schreiben, die Autokorrektur hat 'Leck mich' draus gemacht 😂", true},
		{"a Korean abbreviation a father took for a fruit", "아빠가 'ㅅㅂ'를 수박 줄임말인 줄 알고 가족방에 보냄 ㅋㅋ", true},
		{"a slur in quotes said to the reader", `you are a "chink" lol`, false},
		{"a slur asked about in Spanish", "Mi compañera de piso me preguntó qué significa 'maricón'. Le expliqué que es un insulto homófobo.", true},
		{"a slur asked about in Korean", "'똥꼬충'이 무슨 뜻이에요? 반 애들이 쓰길래요.", true},
		{"a German history lesson quoting a poster in low quotes", "Im Unterricht haben wir Plakate analysiert, auf denen „Zigeuner raus“ stand. Geschichte, die man kennen muss.", true},
		{"a slogan of the 1930s quoted in a history class", "Tom says a sentence like 'immigrants are vermin' was everywhere in 1930s papers, history class was grim today.", true},
		{"a slogan found on a wall and painted over, in German", "Am Bahnhof stand 'Türken raus' an der Wand. Der Hausmeister hat es sofort übermalt.", true},
		{"a slur in quotes the author cannot stand is still said", `I can't stand "trannies" in my gym`, false},
		{"a slogan quoted from a history book that the author endorses", "My grandpa's favourite line from his history book: 'immigrants are vermin'. He was right.", false},
		{"a Portuguese saying quoted and agreed with", "Como dizia meu avô: 'lugar de mulher é na cozinha', e ele tinha razão, vejam a história.", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := noteWithBody(c.body)
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			if got := n.Moderation.Markets["intl"] == models.DecisionAllow; got != c.allowed {
				t.Errorf("intl %s, want allowed %v; labels %+v", n.Moderation.Markets["intl"], c.allowed, n.Moderation.Labels)
			}
		})
	}
}

// TestAQuotedReportedThreatIsReviewedNotBlocked: a threat the author
// received and reported goes to a person (a quote can carry a threat on)
// but is not blocked unseen; the same threat made is blocked.
func TestAQuotedReportedThreatIsReviewedNotBlocked(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		body string
		want models.Decision
	}{
		{"a school threat quoted and reported to the police is reviewed",
			`Someone on this page wrote "I'll shoot up the school Friday" and I reported it to the police.`, models.DecisionReview},
		{"a threat sent to the author, quoted and reported, warns others and is allowed",
			"Esto es acoso y lo he denunciado: un tío me escribió 'te voy a encontrar, sé dónde trabajas'. Chicas, capturas y reportad.", models.DecisionAllow},
		{"a threat on a grandmother's sticker is a sticker", "笑到往生😂 我阿嬤傳成「我要殺了你」的貓咪貼圖，下面還補一句「多穿點」，我已經檢舉貼圖作者了哈哈", models.DecisionAllow},
		{"a threat to a school sent to the author and reported still goes to a person",
			`Someone sent me "I'll shoot up the school Friday" and I reported it to the police.`, models.DecisionReview},
		{"a threat left in the author's comments, quoted and reported, is allowed (ja)",
			"「お前の家知ってるぞ」ってコメントが来た。スクショして通報したけど他にできることある？", models.DecisionAllow},
		{"a threat written to the author, quoted inside the telling and reported, is allowed (de)",
			`Jemand hat mir "ich weiß wo du wohnst" geschrieben, ich hab's gemeldet, was kann ich noch tun?`, models.DecisionAllow},
		{"a threat sent to other sellers, quoted and reported, is allowed",
			"PSA: a buyer in this group has been DMing sellers stuff like 'you're ugly, I know where you live'. I reported him with screenshots. If he messages you, don't engage, block and report.", models.DecisionAllow},
		{"a threat a customer received, quoted, reported in the next sentence, is allowed (fr)",
			"Capture d'un message qu'une cliente a reçu : 'je sais où tu habites'. On a signalé et porté plainte. Ne laissez jamais passer ce genre de menaces.", models.DecisionAllow},
		// Round 53 (N143): an ex's threats the author took to the police.
		{"an ex's threat sent, quoted and taken to the police, is allowed (es)",
			"Mi exnovio me mandó 'te vas a arrepentir, sé dónde vives'. Hice capturas y fui a la policía. No estáis solas.", models.DecisionAllow},
		{"an ex's threat quoted and reported with a police record, is allowed (pt)",
			"Meu ex mandou 'você vai ver só, sei onde você trabalha'. Fiz BO e pedi medida protetiva. Não se calem.", models.DecisionAllow},
		{"a comment telling the author to hang themselves, quoted and condemned, is allowed (fr)",
			"Un commentaire me dit 'va te pendre' juste parce que je supporte l'OM. On ne dit pas ça, même pour rire.", models.DecisionAllow},
		{"the same threat made is blocked", "I'll shoot up the school Friday", models.DecisionBlock},
		{"the threat quoted with no report is blocked", `"I'll shoot up the school Friday" see you all there`, models.DecisionBlock},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := s.Moderate(context.Background(), noteWithBody(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Markets["intl"]; got != tt.want {
				t.Errorf("intl = %s, want %s; labels %+v", got, tt.want, m.Labels)
			}
		})
	}
}

func TestIntentModelsDoNotReadAReceivedThreatAsTheAuthors(t *testing.T) {
	s := newTableStage(t)
	for _, body := range []string{
		`Jemand hat mir "ich weiß wo du wohnst" geschrieben, ich hab's gemeldet, was kann ich noch tun?`,
		"Alguien me escribió \"sé dónde vives\" y lo denuncié, ¿qué más puedo hacer?",
	} {
		n := moderateBody(t, s, body)
		for _, market := range []string{"cn", "intl"} {
			if got := n.Moderation.Markets[market]; got != models.DecisionAllow {
				t.Errorf("%q: %s %s, labels %s", body, market, got, labelSummary(n.Moderation.Labels))
			}
		}
	}
}

// A dealer's offer the author received, quoted and reported, sells nothing
// (round 53); the author's own offer beside it, or the offer made, still
// blocks.
func TestAReceivedOfferReportedSellsNothing(t *testing.T) {
	s := newTableStage(t)
	wantAllowed(t, s, "a dealer's DM quoted and reported is allowed", []string{
		"Un DM ce matin : 'je vends de la coke, livraison rapide'. Signalé direct, et bloqué.",
		"got a dm saying 'selling xanax and oxy, fast delivery, cashapp only'. reported it, stay safe y'all",
	}, "intl", "cn")
	wantStopped(t, s, "the offer made, or the author's own offer beside the quote, still stops", []string{
		"je vends de la coke, livraison rapide, écris-moi",
		"Un DM : 'je vends de la coke'. Signalé. Moi je vends de la beuh, prix en DM",
	}, "intl")
}
