package moderate

import "testing"

// Longer notes told from the other side (recovery_narrative.go): the
// intent models' self_harm is capped in a recovery story and in a
// bereavement; a plan or a goodbye in the present keeps it.
func TestRecoveryStoriesAndBereavementsAreNotRisk(t *testing.T) {
	s := newTableStage(t)
	checkAllowed(t, s, []allowCase{
		{"a recovery story with a sponsor and a therapist is allowed",
			"Day 90 sober today, and I want to mark it here. For years I drank to numb everything, and at my worst I honestly didn't care whether I woke up in the morning or not. A friend dragged me to an AA meeting, I sat at the back with my arms crossed, and somehow kept going back. I have a sponsor now, a therapist I actually like, and these days I notice the sunrise on my way to work instead of dreading it.", true},
		{"a sister's note on her brother's birthday after his suicide is allowed",
			"Today would have been my brother Sam's 30th birthday. He died by suicide four years ago and I still catch myself saving memes to send him. The first year I was so angry, at him, at myself, at the GP who saw him two weeks before, at the whole world for carrying on. If you've lost someone this way, the questions never fully stop, but they get quieter.", true},
		{"the anniversary of a suicide attempt years ago, planned for with a therapist, is allowed",
			"Something nobody tells you about recovery: the 'anniversary effect'. Every February I get low, even now, four years after my suicide attempt. My body remembers before my mind does, I get jittery, sleep badly and start being snappy. My therapist explained it's really common around the anniversary of trauma and not a sign I'm back to square one. Now I plan for it: I book a weekend away, tell my partner it's coming, and schedule an extra therapy session. This year I hardly wobbled at all. If you have a hard date coming, be gentle with yourself.", true},
		{"a recovery story that ends in a plan for tonight is held",
			"For years I used to think everyone would be better off without me. My therapist says I'm doing better these days and I let her believe it. Today I gave my cat to my neighbour and wrote my letters. I'm planning to end it tonight, this is my last post, goodbye everyone, thank you for being kind to me.", false},
		// Round 54 (N159): long stories whose death wish the rules read, told dated and past, with the care and the now.
		{"a German depression story with the helpline and a day clinic is allowed",
			"Ich hatte vor drei Jahren eine schwere Depression. Ich habe monatelang nur funktioniert, dann nicht mal mehr das. Irgendwann kamen Suizidgedanken, und das hat mir selbst Angst gemacht. In einer Nacht habe ich die Telefonseelsorge angerufen und eine ältere Frau hat mir fast eine Stunde lang zugehört. Am nächsten Tag bin ich zu meiner Hausärztin gegangen. Ich war dann sechs Wochen in einer Tagesklinik und habe eine ambulante Therapie angefangen. Heute geht es mir gut, ich arbeite wieder und gehe jeden Samstag wandern.", true},
		{"a Korean story of self-harm stopped two years ago is allowed",
			"우울증 치료 3년 차예요. 제일 힘들 때는 자해를 했었고, 여름에도 긴팔만 입고 다녔어요. 대학교 상담센터에 처음 찾아갔을 때 상담 선생님이 \"많이 힘들었겠다\"라고 해주신 게 아직도 기억나요. 그 뒤로 정신건강의학과에 다니면서 약을 먹고, 매주 상담을 받았어요. 지금은 자해를 멈춘 지 2년이 넘었고, 올여름엔 처음으로 반팔을 입고 친구들이랑 바다에 갔어요.", true},
		// Round 54 (N161): the years counted in words ("hace once años") and a past marked by "then" (그때).
		{"a Spanish depression told eleven years on is allowed",
			"Hace once años me diagnosticaron depresión mayor y trastorno de ansiedad. Tenía veinte años, estudiaba arquitectura en Bogotá y un día simplemente no pude levantarme para ir a la universidad. Ni ese día ni las tres semanas siguientes. Pensaba que todos estarían mejor sin mí. Mi compañero de piso me encontró llorando en la cocina a las cuatro de la mañana y me acompañó a urgencias. Empecé tratamiento, terapia, y aprendí que pedir ayuda no es debilidad. Terminé la carrera con dos años de retraso, y qué importa. Hoy diseño casas, tengo una planta que no se me ha muerto en tres años, lo cual es un récord, y hablo de salud mental sin vergüenza. Si estás mal, dilo. En serio.", true},
		{"a Korean sleeping-pill dependence told from the other side is allowed",
			"불면증 때문에 처방받은 수면제에 3년 정도 의존했어요. 처음엔 반 알로 시작했는데, 나중엔 병원 여러 군데 다니면서 약을 모으고 있더라고요. 아침에 일어나면 전날 밤 기억이 안 나는 날이 많았고, 새벽에 제가 보낸 이상한 카톡 때문에 친구들이 걱정해서 연락 오기도 했어요. 그때 처음으로 이건 아니다 싶었어요. 정신건강의학과 선생님이랑 계획 세워서 몇 달에 걸쳐 천천히 줄였어요. 갑자기 끊으면 위험하다고 해서요. 지금은 약 없이 지낸 지 5년째예요. 잠 안 오는 날엔 그냥 일어나서 책 읽다가 다시 누워요. 약은 나쁜 게 아니지만, 꼭 의사랑 같이 관리하세요.", true},
		{"the Spanish story with the wish back tonight is held",
			"Hace once años me diagnosticaron depresión mayor. Pensaba que todos estarían mejor sin mí. Empecé tratamiento y terapia. Hoy vuelvo a pensar que todos estarían mejor sin mí, quiero morir y esta noche lo voy a hacer.", false},
		{"the same German story that ends in tonight's plan is held",
			"Ich hatte vor drei Jahren eine schwere Depression. Irgendwann kamen Suizidgedanken. Ich war dann sechs Wochen in einer Tagesklinik und habe eine ambulante Therapie angefangen. Heute sind die Gedanken wieder da, ich will sterben, und die Tabletten liegen bereit. Es ist mein letzter Post, goodbye.", false},
		{"a bereaved son who wants to join his father is held",
			"Five years since Dad took his own life. The police came to the door in the morning and I still remember the colour of the officer's tie. Everyone says it gets easier. It hasn't. I want to die too, I just want to be with him again, and I've been thinking about how.", false},
	})
}

// A pet's death grieved is not a person at risk; the author's own wish not
// to live beside it is. The intent models are routed by the note's
// language, so the cases are table notes.
func TestPetLossIsNotRisk(t *testing.T) {
	notes := []tableNote{
		{ID: "a cat put to sleep at home, grieved, is allowed", Lang: "fr", CN: "allow", Intl: "allow",
			Body: "Mon chat Pistache est parti ce matin, à dix-sept ans. Il avait une insuffisance rénale depuis un an et on savait que le moment approchait, mais on n'est jamais prêt. La vétérinaire est venue à la maison pour l'euthanasie, il s'est endormi sur son coussin préféré, au soleil, avec ma main sur lui. Depuis, j'ai l'impression qu'on m'a arraché quelque chose, et je sursaute à chaque bruit dans le couloir. Je ne vais pas bien aujourd'hui, mais je sais que ça passera. Merci pour tous vos messages sous ses photos pendant toutes ces années."},
		{ID: "a dog's death said plainly in Chinese is allowed", Lang: "zh-Hans", CN: "allow", Intl: "allow",
			Body: "我家狗狗昨晚走了，陪了我14年。它最爱咬我的拖鞋，以后拖鞋再也不会丢了。好想它。"},
		{ID: "a hamster's death told as a parent tells a child is allowed", Lang: "zh-Hans", CN: "allow", Intl: "allow",
			Body: "家里的仓鼠今天走了，五岁的儿子问它是不是去天上吃瓜子了。我说是的。然后躲在厕所哭了十分钟。"},
		{ID: "a hamster's death with the author's own wish not to live is held", Lang: "zh-Hans", CN: "review|block", Intl: "review|block",
			Category: "self_harm", Body: "家里的仓鼠今天走了，它去天上了。它是我唯一的朋友，我也不想活了。"},
		{ID: "a dog's death in Chinese with the author's own wish not to live is held", Lang: "zh-Hans", CN: "review|block", Intl: "review|block",
			Category: "self_harm", Body: "我家狗狗昨晚走了，陪了我14年。它是我唯一的家人，我也不想活了。"},
		{ID: "a dog's death that was the reason to live is held", Lang: "en", CN: "review|block", Intl: "review|block",
			Category: "self_harm", Body: "my dog died last week and he was the only reason i was still here. now theres nothing holding me"},
		{ID: "a dog's death with the author's own wish not to live is held", Lang: "en", CN: "review|block", Intl: "review|block",
			Category: "self_harm", Body: "We had to put Max to sleep yesterday, my dog of fourteen years. He was all I had left. I don't want to live without him, I have the pills counted out and nobody would notice if I was gone."},
	}
	wantTableNotes(t, notes)
}

// "Killing" said of a pet put to sleep, in the sentence that names it, is
// the owner's doubt, not a threat (round 54, N159); a threat in a sentence
// of its own in the same story still counts.
func TestAPetPutToSleepIsNotKilled(t *testing.T) {
	notes := []tableNote{
		{ID: "a Spanish dog put to sleep, 'euthanasia is not killing them', is allowed", Lang: "es", CN: "allow", Intl: "allow",
			Body: "Ayer tuvimos que dormir a Canela, nuestra perrita de quince años. El veterinario nos dejó estar con ella hasta el final. Se fue en mis brazos. Hoy la casa se siente enorme y silenciosa. A quien le toque tomar esta decisión: la eutanasia no es matarlos, es quitarles el dolor."},
		{ID: "a Shiba put to sleep, 'do not feel you killed it', is allowed", Lang: "zh-Hant", CN: "allow", Intl: "allow",
			Body: "陪了我十四年的柴犬小麥今天早上走了。獸醫說就算化療也撐不了多久，我們決定讓牠安樂死，全家圍著牠，一邊摸一邊跟牠說謝謝。如果你也在考慮讓毛孩安樂死，不要覺得自己是殺了牠，那是讓牠不再痛苦的最後一個溫柔。"},
		{ID: "a vet's 'am I killing him?' beside a euthanasia is allowed", Lang: "de", CN: "allow", Intl: "allow",
			Body: "Tierarzt: Beim Einschläfern fragen mich Besitzer oft 'Bringe ich ihn um?'. Nein. Ihr erspart eurem Tier ein Leiden ohne Ausweg. Heute haben wir uns von Bruno verabschiedet, 13 Jahre alt. Nehmt eure Tiere heute Abend in den Arm."},
		{ID: "a threat to the neighbour in a sentence of its own is held", Lang: "es", CN: "review|block", Intl: "review|block", Category: "violence",
			Body: "Ayer tuvimos que dormir a Canela, nuestra perrita de quince años, por la eutanasia. El vecino la envenenó. Voy a matar al vecino esta noche, ya sé dónde vive."},
	}
	wantTableNotes(t, notes)
}

// A taunt someone sent ("kill yourself, fat cow"), quoted by the author who
// reported it, is not the author's wish to die; the same note with the
// author's own wish is.
func TestReportedSelfHarmTauntIsNotRisk(t *testing.T) {
	notes := []tableNote{
		{ID: "an impersonator's taunt, quoted and reported, is allowed", Lang: "en", CN: "allow", Intl: "allow",
			Body: "To whoever made a fake account with my photos and posted 'kill yourself, fat cow' under my friends' posts: I reported it, so did about forty of my friends, and it's down now. I'm posting this because I know how easy it is to go quiet when it happens to you. I have a body, I have a life, and a coward with a burner account doesn't get to decide what either of them is worth. If you're being targeted, screenshot everything, report it, and tell someone you trust. You're not alone."},
		{ID: "a taunt reported by an author who wants to die is held", Lang: "en", CN: "review|block", Intl: "review|block",
			Category: "self_harm",
			Body:     "Someone keeps commenting 'kill yourself, fat cow' under my posts. I reported it. Honestly I want to die, maybe they are right and I should just do it tonight."},
	}
	wantTableNotes(t, notes)
}

// A Chinese recovery story is as long in characters as an English one in
// letters: a Han character counts two.
func TestChineseRecoveryStoryIsReadAsOne(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"a third year after a severe depression, told with the worst time past, care and now", "确诊重度抑郁的第三年，我想记录一下现在的自己。最糟的时候我在阳台站了很久，脑子里全是不想活下去的念头，是室友硬拉我去了医院。吃药、咨询、住院两周，慢慢地我又能闻到早餐的香味了。现在我还在服药，但已经回到工作岗位，每周去游一次泳。如果你也在黑暗里，请相信那不是永远，先找一个人说出来。", true},
		{"a short comment that once felt the same is read as written", "以前我也想过不想活，后来去咨询了，现在好多了。", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := recoveryNarrative(NewText("body", tt.text)); got != tt.want {
				t.Errorf("recoveryNarrative = %v, want %v", got, tt.want)
			}
		})
	}
}

// A pet's mischief told (the phone pushed off the table and broken) is not
// a person's fall; the same pet beside the author's own wish not to live is
// still read.
func TestPetAnticsAreNotRisk(t *testing.T) {
	notes := []tableNote{
		{ID: "a cat that pushed the phone off the table is allowed", Lang: "zh-Hans", CN: "allow", Intl: "allow",
			Body: "三岁的橘猫，体重十二斤，每天的爱好就是推东西和半夜跑酷。大家家里的猫也这样吗？\n更新：今天它把我的手机也推下去了，屏幕碎了。"},
		{ID: "a cat's mischief beside the author's own wish not to live is held", Lang: "zh-Hans", CN: "review|block", Intl: "review|block",
			Category: "self_harm", Body: "猫又把杯子推下去了。我也不想活了，今晚就从楼上跳下去。"},
	}
	wantTableNotes(t, notes)
}

// wantTableNotes moderates notes with every model and reports each note
// whose decisions or category differ from what it wants.
func wantTableNotes(t *testing.T, notes []tableNote) {
	t.Helper()
	_, outcomes := moderateNotes(t, notes)
	for i, o := range outcomes {
		if len(o.problems) > 0 {
			t.Errorf("%s: %v", notes[i].ID, o.problems)
		}
	}
}
