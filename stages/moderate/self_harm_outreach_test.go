package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

// A post that offers a helpline to readers is not an author at risk, in
// every language; an author who names a helpline and speaks of themselves
// still is.
func TestHelplineOutreachIsNotAnAuthorAtRisk(t *testing.T) {
	s := newTestStage(t)
	miss := []string{
		"Dark thoughts about suicide? You are not alone. The 988 lifeline answers 24/7, call or text.",
		"¿Pensamientos suicidas? No estás sola. Llama a la línea 024, te atienden las 24 horas.",
		"Pensamentos suicidas? Você não está sozinho. Ligue 188, o CVV atende 24 horas.",
		"Des idées suicidaires ? Tu n'es pas seul. Appelle le 3114, c'est gratuit, jour et nuit.",
		"Suizidgedanken? Du bist nicht allein. Die Telefonseelsorge ist rund um die Uhr erreichbar: 0800 111 0 222",
		"死にたい気持ち、ひとりで抱えないで。よりそいホットラインは24時間つながります。",
		"자살 생각이 드나요? 혼자가 아니에요. 자살예방상담전화 109는 24시간 열려 있어요.",
		"有自杀的念头？你不是一个人。24小时心理援助热线 400-161-9995，随时可以打。",
		// "to" is no Portuguese "tô" (folding drops accents, round 42).
		"Want to die? You are not alone. Talk to someone: call or text 988, it's free and 24/7.",
		"If the thought 'I want to die' comes, you are not alone. Reach out to the 988 lifeline, call or text.",
		// The words quoted are a friend's, not the author's.
		"PSA from a nurse: if a friend says things like 'everyone would be better off without me', take it seriously. You can call or text 988, it's free and 24/7.",
		// Round 45: the call that helped passed on, a volunteer's "I", Taiwan's line offered.
		"O CVV atende no 188, de graça, 24 horas. Se você tá pensando em suicídio, fala com alguém. Eu liguei uma vez e fez diferença.",
		"TelefonSeelsorge: 0800 111 0 111, kostenlos, anonym, rund um die Uhr. Als Ehrenamtliche kann ich sagen: Wir hören zu, auch wenn Suizidgedanken da sind.",
		"心理師小提醒：「好想死」有時候只是口頭禪，有時候不是。朋友說出口時，問一句「你是認真的嗎？」不會害他，反而可能救他。台灣可撥1925安心專線。",
	}
	hit := []string{
		"I have suicidal thoughts every night. I called 988 and it's open 24/7 but I still want to die.",
		"Pensamientos suicidas todos los días. Llamé a la línea 024, atienden las 24 horas, pero yo ya no quiero vivir.",
		"Pensamentos suicidas toda noite. Liguei pro CVV 188, atende 24 horas, mas eu não quero mais viver.",
		"Des idées suicidaires tous les soirs. J'ai appelé le 3114, jour et nuit, mais je veux mourir.",
		"Suizidgedanken seit Wochen. Die Telefonseelsorge ist rund um die Uhr erreichbar, aber ich will sterben.",
		"毎日死にたい。いのちの電話は24時間つながるけど、私はもう無理。",
		"자살 생각이 계속 나요. 109에 24시간 전화해 봤는데 내가 살 이유를 모르겠어요.",
		"我打了热线，24小时都有人接，可是我还是想死",
		"Everyone says 'call 988, it's 24/7', but honestly my family would be better off without me.",
		// Round 45: help that helped once, and the wish back (the helpline vetoes no rule then).
		"Eu liguei pro CVV no 188 uma vez e fez diferença, mas hoje tô pensando em suicídio de novo.",
		"Já liguei pro CVV, não adiantou, continuo pensando em me matar.",
		"Llamé al 024 y me ayudó, pero hoy otra vez quiero morirme.",
		"Ich habe die Telefonseelsorge angerufen, aber ich will trotzdem nicht mehr leben.",
		"109에 전화해서 도움이 됐는데 오늘 또 죽고 싶다.",
		"上次打热线帮了我，但今天又想死了。",
	}
	wantAllowed(t, s, "a helpline offered to readers is allowed", miss, "cn", "intl")
	wantDecision(t, s, "an author at risk who names a helpline is reviewed", hit, models.DecisionReview, "intl")
}

// Recovery shared with a helpline ("988 saved my life; if you're having
// thoughts of suicide, call or text") is outreach although the author
// speaks of themselves, in every language. An author who names the same
// helpline and their past recovery but says the wish is back now is still
// at risk and is reviewed.
func TestRecoveryStoryWithAHelplineIsOutreach(t *testing.T) {
	s := newTestStage(t)
	miss := []string{
		"Posting this for anyone who needs it: if you're having thoughts of suicide you can call or text 988. Therapy and that call saved my life.",
		"I attempted suicide back in 2020 and I'm still alive today. If you're thinking about ending it, please call the lifeline at 988. Reach out.",
		"Hace un año intenté suicidarme. Si tú también lo piensas, llama al 024, a mí me salvó. No estás solo.",
		"Em 2021 eu tentei me matar. Se você pensa nisso, ligue 188, o CVV me salvou. Você não está sozinho.",
		"En 2020 j'ai voulu me suicider. Si tu y penses, appelle le 3114, ça m'a sauvé. Tu n'es pas seul.",
		"2021 wollte ich mich umbringen. Wenn du daran denkst, ruf die Telefonseelsorge an, sie hat mich gerettet. Du bist nicht allein.",
		"もし死にたいと思ったら、いのちの電話に相談して。私は2020年にそこで救われました。ひとりじゃないよ。",
		"만약 죽고 싶다는 생각이 들면 109에 전화하세요. 저도 2021년에 거기서 살 수 있었어요. 혼자가 아니에요.",
		"如果你也想过自杀，可以拨打12356心理援助热线。我2020年就是靠它撑过来的，你不是一个人。",
		// Round 41: a carer's days told as past, and the line offered to other carers.
		"엄마 간병 3년째예요. 솔직히 '그냥 다 끝내고 싶다, 죽고 싶다' 생각한 날도 있었는데 상담 받고 많이 나아졌어요. 간병하시는 분들 혼자 버티지 마세요, 상담전화 109도 있어요.",
		"Day 412 sober. A post like this kept me going a year ago. If you're in it right now you're not alone. Call 988.",
	}
	hit := []string{
		"988 saved my life once, you're not alone they say, but I want to die again tonight.",
		"I called 988 last year and it helped me through. Now I'm suicidal again and I don't know what to do. You're not alone is what they say.",
		"The lifeline saved me in 2019. I still want to kill myself every day though, call or text does nothing anymore.",
		"La línea 024 me salvó hace un año. Hoy quiero suicidarme otra vez. No estás solo, dicen.",
		"Le 3114 m'a sauvé il y a un an. Je veux me suicider. Tu n'es pas seul, qu'ils disent.",
		"Die Telefonseelsorge hat mich damals gerettet, du bist nicht allein, sagen sie. Ich will mich umbringen.",
		"热线救了我一次，你不是一个人他们说，可是我现在又想死了。",
		"いのちの電話に救われたこともあったけど、24時間つながるのに、今はまた死にたい。",
		"109 덕분에 버틸 수 있었는데, 지금 다시 죽고 싶어요. 혼자가 아니라고들 하지만.",
		"90 days sober and it kept me going for a while, but tonight I want to die. Call 988 they say.",
	}
	wantAllowed(t, s, "a recovery story that hands on a helpline is allowed", miss, "cn", "intl")
	wantDecision(t, s, "an author whose wish came back is reviewed", hit, models.DecisionReview, "intl")
}

// Recovery told in everyday words hands the helpline on too: "they really
// listen", 真的有人会听, "es geht mir gut" in either word order, "tô bem",
// "vor drei Jahren" or "il y a trois ans" as the past. The same story with
// the wish back today is still an author at risk.
func TestRecoveryInEverydayWordsHandsOnAHelpline(t *testing.T) {
	s := newTestStage(t)
	miss := []string{
		"Vor drei Jahren wollte ich mich umbringen. Heute arbeite ich wieder, es geht mir gut. Wenn du gerade dort bist: Telefonseelsorge 0800 111 0 222, die hören zu.",
		"Il y a trois ans j'ai pensé à me suicider. Aujourd'hui je vais bien. Si tu traverses ça, le 3114, on t'écoute.",
		"Há dois anos eu pensei em me matar. Hoje tô bem, fiz terapia. Se você sente isso, liga pro CVV 188.",
		"以前也有过不想活的念头，吃药复诊一年，现在好多了。撑不住的时候打1925，会有人听你说。",
		"数年前、消えたいと思っていました。今は元気です。つらい人は相談窓口に電話してみて。",
		"去年我也不想活了，现在好多了。撑不住就打12356，会有人听你说。",
	}
	hit := []string{
		"Vor drei Jahren wollte ich mich umbringen. Heute will ich es wieder. Die Telefonseelsorge hört zu, sagen sie.",
		"Il y a trois ans j'ai pensé à me suicider, et ce soir j'y pense encore. Le 3114, on t'écoute, paraît-il.",
		"以前有过不想活的念头，现在又不想活了。打1925会有人听，可是没用。",
	}
	wantAllowed(t, s, "a recovery told in everyday words that hands on a helpline is allowed", miss, "cn", "intl")
	wantDecision(t, s, "the same story with the wish back is reviewed", hit, models.DecisionReview, "intl")
}

// Round 42: the reader told to talk to someone or ask for help, in words
// other than English, and a life rebuilt told by what came since (a degree,
// a job helping others) hand the helpline on too. A Spanish or Portuguese
// death wish with no pronoun is still the author's: "Quero morrer hoje" beside
// a helpline is an author at risk, not a quotation.
func TestRecoveryToldByWhatCameSinceHandsOnAHelpline(t *testing.T) {
	s := newTestStage(t)
	miss := []string{
		"Há quatro anos eu tentei me matar. Hoje me formei em enfermagem. Se você tá passando por isso, fala com alguém: CVV 188.",
		"Hace tres años intenté quitarme la vida. Hoy trabajo en un hospital. Si estás ahí, pide ayuda: línea 024.",
		"Il y a deux ans j'ai voulu me suicider. Aujourd'hui je travaille comme infirmière. Si tu vas mal, parle à quelqu'un, le 3114 répond.",
		"Vor vier Jahren wollte ich mich umbringen. Ich arbeite heute als Pflegerin. Sprich mit jemandem, die Telefonseelsorge: 0800 111 0 111.",
	}
	hit := []string{
		"Quero morrer hoje. Ligue pro CVV 188, dizem.",
		"Quiero morir esta noche. Llama al 024, dicen todos.",
		"Há quatro anos eu tentei me matar. Hoje quero morrer de novo. Fala com alguém, dizem, CVV 188.",
	}
	wantAllowed(t, s, "a recovery told by what came since that hands on a helpline is allowed", miss, "cn", "intl")
	wantDecision(t, s, "a death wish in the author's own verb is reviewed", hit, models.DecisionReview, "intl")
}

// A helpline reached by a messenger (也可以加张老师的LINE聊聊, "message the
// lifeline on WhatsApp") is no move off-platform in a post that offers it;
// a request in the author's own name, with a handle, or beside a lure still
// counts in cn.
func TestHelplineReachedByAMessengerIsNoContactRequest(t *testing.T) {
	s := newTestStage(t)
	miss := []string{
		"有自杀念头的朋友，可以打12356心理援助热线，也可以加热线的微信咨询，你不是一个人。",
		"有輕生念頭的朋友，可以打1925，也可以加張老師的LINE聊聊，你不是一個人。",
		"想不開的時候，可以打1925安心專線，也可以加生命線的LINE，你不是一個人。",
		"死にたいと思ったら、いのちの電話に電話するか、LINEで相談窓口に連絡してね。ひとりじゃないよ。",
		"자살 생각이 들면 109에 전화하거나 카톡으로 상담하세요. 혼자가 아니에요.",
		"Thinking about suicide? Call 988 or message the lifeline on WhatsApp. You are not alone.",
		"¿Pensamientos suicidas? Llama al 024 o escríbeles por WhatsApp. No estás solo.",
		"Pensando em suicídio? Ligue 188 ou chama o CVV no WhatsApp. Você não está sozinho.",
		"Suizidgedanken? Ruf die Telefonseelsorge an oder schreib ihnen auf WhatsApp. Du bist nicht allein.",
	}
	hit := []string{
		"情感热线，寂寞的话加LINE聊聊，你不是一个人，24小时在线",
		"心理热线24小时在线，你不是一个人，加我微信 xinli_help88 聊聊",
		"有輕生念頭的朋友，可以打1925，也可以加我LINE聊聊，你不是一個人。",
		"Feeling suicidal? You're not alone. Add me on WhatsApp for a free chat, helpline style",
		"热线太慢了，你不是一个人，加微信 peiliao_77 私聊陪你",
		"Helpline 24/7, you are not alone: add me on telegram @night_talks for private chats",
		"¿Te sientes solo? Línea 024 es lenta, agrégame al WhatsApp 612 000 333, no estás solo",
		"생명의전화 말고 카톡 아이디 talk_night7 로 와요, 혼자가 아니에요",
	}
	wantAllowed(t, s, "a helpline reached by a messenger is allowed", miss, "cn", "intl")
	wantStopped(t, s, "a request of the author's own beside a helpline still hits", hit, "cn")
}

func TestOutsideQuotations(t *testing.T) {
	tests := []struct {
		name, s, want string
	}{
		{"double quotes are left out", `she said "kill yourself" and left`, "she said  and left"},
		{"single quotes around words are left out", "posted 'go away' under it", "posted  under it"},
		{"a plural's possessive after a quotation is no mark", "posted 'kill yourself, fat cow' under my friends' posts: i reported it",
			"posted  under my friends' posts: i reported it"},
		{"an apostrophe inside a word is no mark", "it's 'fine' now", "it's  now"},
		{"an unclosed mark quotes nothing", "he wrote 'go away and left", "he wrote 'go away and left"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outsideQuotations(tt.s); got != tt.want {
				t.Errorf("outsideQuotations(%q) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}

// outsideQuotations never panics and never adds text.
func FuzzOutsideQuotations(f *testing.F) {
	for _, s := range []string{"posted 'x' under my friends' posts", "s' '", "'", "«»", "‘’s’ ", "\xff's' "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := outsideQuotations(s); len(got) > len(s) {
			t.Errorf("outsideQuotations(%q) = %q, longer than its input", s, got)
		}
	})
}

func TestAHelplineOfferedIsNoModelSpam(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"a crisis line offered with help that is free", "If you're struggling, please call or text 988. You are not alone and help is free.", true},
		{"a helpline named in Japanese with a call to phone it", "死にたいと思ったら、一人で抱え込まずに相談窓口に電話してください。", true},
		{"a lifeline offered in a field that says helpline", "You are not alone: the crisis lifeline and the helpline answer 24/7, call or text 988.", true},
		{"a lonely-hearts hotline that moves readers to WhatsApp is a lure", "Lonely tonight? Our hotline is here, you are not alone, add me on WhatsApp for a chat", false},
		{"a helpline with a sum of money is a lure", "You are not alone, call our hotline 988, only $9.99 a minute", false},
		{"the author's own call to a helpline is the author's", "I called 988 last night and you are not alone they said, but I still feel empty", false},
		{"a link beside the helpline is not read as one", "You are not alone, call or text 988 or visit bit.ly/free-help", false},
		{"a crisis line named as such is no LINE messenger", "Thinking about suicide? You are not alone. Call the crisis line, 24/7 and free.", true},
		{"a helpline beside a LINE id is a lure", "Feeling alone? Our helpline is here, you are not alone, add our LINE id for a private chat", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := helplineOffered(NewText("body", tt.text)); got != tt.want {
				t.Errorf("helplineOffered(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
