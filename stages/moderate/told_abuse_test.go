package moderate

import "testing"

// Abuse someone else said, quoted to condemn it (a stranger on the subway
// shouting at migrants) or to ask for help (a parent whose child is called
// names at school, quoted or not), is allowed in every language; the same
// words with the author agreeing, mocking the reader's child, or beside
// the author's own abuse or call to pile on, still hit. The stage here includes the trained classifier, which
// reads the quoted Chinese the same way whatever the stance.
func TestToldAbuseIsNotTheAuthors(t *testing.T) {
	s := newTableStage(t)
	miss := []string{
		// Round 41: a teacher or a streamer tells what a pupil or they were sent, and what was done.
		"小学の担任です。クラスの子がグループチャットで「ウザい」「来んな」と書き込まれていました。スクショを保存して学年で対応しました。",
		"Prof principale : une élève a reçu « t'es moche, va te cacher » en message privé. On a fait des captures d'écran et prévenu les parents.",
		"Als Klassenlehrer erlebe ich, wie ein Schüler im Gruppenchat als „Opfer“ beschimpft wird. Screenshots gesichert, Schulsozialarbeit informiert.",
		// Condemning abuse seen or heard.
		"看到新闻里有人在地铁上骂外地人“乡巴佬滚出去”，真的很气。大家都是来这个城市打工的，谁比谁高贵？",
		"有人在评论区说“河南人都是骗子”，看得我好生气，我身边的河南朋友都特别实在",
		"听到有人说“黑人都是小偷”，真的无语，这种偏见什么时候才能消失",
		"In der U-Bahn hat ein Mann eine Familie angeschrien \"Ausländer raus\". Ich bin immer noch wütend, das hat niemand verdient.",
		"電車で外国人に「国に帰れ」って怒鳴ってるおじさんがいた。本当に腹が立つ、誰もそんなこと言われる筋合いない",
		"지하철에서 어떤 아저씨가 외국인 노동자한테 \"너네 나라로 꺼져\"라고 소리쳤다. 진짜 화났다, 아무도 그런 말 들을 이유 없어",
		"Saw a guy on the subway yelling \"go back to your country\" at an elderly couple. I'm still furious, nobody deserves that.",
		"Vi en el metro a un señor gritándole \"vete a tu país\" a una chica. Me dio muchísima rabia, nadie merece eso.",
		// Round 38: longer accounts without quotation marks, the words reported before a quotative or by a
		// witness the rule's words begin with.
		"Ontem no ônibus uma mulher chamou o cobrador de macaco porque ele pediu pra ela passar a catraca. Eu e mais duas pessoas dissemos que aquilo era crime de injúria racial e chamamos a polícia.",
		"週末、ヘイトスピーチのデモに出くわしました。朝鮮人は出ていけ、ゴキブリ、などとひどい言葉を拡声器で叫んでいて、足がすくみました。差別は許せないと思いました。",
		"오늘 편의점에서 한 손님이 직원 언니한테 야 너네 나라로 꺼져라고 소리를 질렀어요. 혐오 발언이 아직도 대놓고 나온다는 게 충격이었어요.",
		// Round 39: a comment that reached the author, quoted and reported.
		"Me llegó este comentario: 'vete a tu país, sudaca'. Lo dejo aquí para que vean lo que recibimos muchos latinos cada día. Ya lo reporté. Nadie merece esto.",
		"I got this comment under my dumpling video: 'go back to your country, chink'. Reported it. Nobody deserves this for how they look.",
		// A stereotype quoted and called ignorant, false or dangerous.
		"说“移民都是寄生虫”的人，其实才是最无知的。",
		"把穆斯林和恐怖分子画等号，这种说法既无知又危险。",
		"La frase \"todos los musulmanes son terroristas\" es falsa y peligrosa.",
		"Si lees \"los negros son animales\" y no te indigna, el problema lo tienes tú.",
		"유튜브에서 '못생겼으면 그냥 죽어라' 같은 악플 보고 바로 신고함. 이런 말 쉽게 쓰는 사람들 진짜 반성해야 함",
		// Round 54 (N155): a teacher's and a moderator's words to pupils and members.
		"Mod note for this group: calling someone the r-word or telling them to 'go kill yourself' over a recipe disagreement gets you removed, no warnings, yes even as a 'joke'.",
		"Teacher here. Kids this year throw around 'unalive' and 'kys' like it's harmless slang. We did a lesson on why 'kys' hurts even as a joke, especially for the kid who is quietly struggling.",
		"中学校の教員です。「キモい」「消えろ」「死ね」がLINEで毎日飛び交うのが、いじめの始まりだったりします。保護者の方、たまにお子さんと話してみてください。",
		"중학교 교사입니다. 아이들이 '느금마' 같은 패드립을 장난이라고 하지만 듣는 아이는 상처받아요. 오늘 학급회의에서 이 얘기를 했어요.",
		// Asking for help with a child called names.
		"女儿在学校被同学叫'黑妹'、'丑八怪'，老师说只是开玩笑。各位家长，这种情况怎么跟学校沟通？",
		"儿子回家说班上男生天天叫他“死胖子”“猪”，他都不想上学了，家长该怎么处理？",
		"Boys in my son's class call him \"retard\" and \"loser\" every day. Any advice from parents who went through this?",
		"Ma fille de 8 ans se fait traiter de \"grosse\" et de \"moche\" à l'école. Comment en parler à la maîtresse ?",
		"娘が学校で「デブ」「ブス」って呼ばれてるらしい。先生にどう相談すればいいでしょうか",
		"딸이 학교에서 애들한테 \"돼지\", \"못생긴 년\"이라고 불린대요. 선생님께 어떻게 말해야 할까요?",
		"Meu filho chega chorando porque os colegas chamam ele de \"gordo\" e \"burro\". Como falo com a escola?",
		"Meine Tochter wird in der Schule \"fett\" und \"hässlich\" genannt. Wie spreche ich das bei der Lehrerin an?",
		// The same without quotation marks.
		"今天在地铁上看到有人骂外地人是乡巴佬，让人家滚出上海，真的很气，谁比谁高贵",
		"听到有人说河南人都是骗子，真的无语，偏见太深了",
		"在捷運上聽到有人罵移工外勞滾回去，真的很氣",
		"A man on the bus told a Muslim woman to go back to her country. I'm still shaking with anger, nobody deserves that.",
		"Im Zug hat ein Typ eine Frau mit Kopftuch angeschrien, Ausländer raus. Ich bin so wütend.",
		"電車でおじさんが外国人に国に帰れって怒鳴ってた。本当に腹が立つ",
		"지하철에서 아저씨가 외국인한테 너네 나라로 꺼지라고 소리쳤다. 진짜 화났다",
		"女儿被班上男生叫丑八怪，她现在都不敢去学校了，怎么办",
		"Kids at school keep calling my son a retard. How do I handle this with the principal?",
		"Ma fille se fait traiter de grosse à l'école. Que faire ?",
		"Meu filho é chamado de burro e retardado na escola. O que faço?",
		// A bystander who regrets their silence, and a stereotype quoted to reject it.
		"公交上有人骂一个阿姨外地人滚回老家，全车没人吭声，我也没有，下次我一定站出来",
		"バスで男性が留学生に「国に帰れ」って怒鳴ってた。私も何も言えなかった、次は声をかけたい",
		"버스에서 어떤 남자가 이주민한테 \"너네 나라로 꺼져\"라고 했어요. 아무도 말 못 했고 저도 그랬어요. 다음엔 저라도 나설게요",
		"有人留言“女生就是学不好数学”，我数学系第一名毕业，这种刻板印象真的可以停了",
		// A parent naming the child by age, or asking how other parents do it.
		"My 9 year old says a boy in her class called her fat on the bus. How do you talk to them about it?",
		"아들이 반 친구들한테 돼지라고 놀림 받았대요. 다들 아이랑 어떻게 얘기하세요?",
		// The author telling a name they were called, with the hurt.
		"初中的时候我总被叫黑鬼，现在想起来还是很难受",
		"En la uni me llamaban maricón por el pelo largo, todavía me duele recordarlo",
		"No trabalho me chamavam de viado pelas costas, isso ainda dói",
		"Au lycée on me traitait de sale pédé tous les jours, ça fait encore mal",
		// Round 48 (F95): a threat to doxx witnessed and reported; the rule's pii label follows its harassment.
		"看到有人在留言區罵那位空姐『醜八怪』還說要肉搜她，真的很過分。我已經檢舉了，大家不要跟著起鬨，網路霸凌也是暴力。",
	}
	hit := []string{
		"地铁上有人骂外地人“乡巴佬滚出去”，骂得好！这些人早该滚了",
		"外地人都是乡巴佬，滚出我们城市！有人说“大家都平等”，真的很气",
		"有人说“河南人都是骗子”，说得太对了，我被骗了三次",
		"她就是个丑八怪，大家去她主页骂“丑八怪”，看她还敢不敢发",
		"那个新来的同学就叫他“死胖子”，我们明天一起去他座位骂他，怎么办才能让他哭？",
		"Ein Mann hat im Bus \"Ausländer raus\" gerufen. Recht so!",
		"電車でおじさんが外国人に「国に帰れ」って怒鳴ってた。正論すぎる",
		"지하철에서 아저씨가 외국인한테 \"너네 나라로 꺼져\"라고 소리쳤다. 속 시원하다",
		"you are a \"retard\" and your son is too, what should I do with people like you lol",
		"你女儿被叫丑八怪活该，长得就是丑八怪，怎么办？哭去吧",
		"外地人都是乡巴佬，今天有人在地铁上骂他们滚出去，真的很气他们还不走",
		"今天看到有人骂外地人是乡巴佬，让人家滚出上海，说得好",
		"Ausländer raus! Heute hat ein Typ im Bus eine Familie angeschrien, ich bin so wütend, dass die noch hier sind.",
		"Immigrants are rats. A man on the bus yelled at them to go back to their country and I'm so angry they're still here.",
		"외국인 노동자들 다 꺼져라. 오늘 아저씨가 지하철에서 소리쳤는데 진짜 화났다, 아직도 여기 있다니",
		"外国人は国に帰れ。電車でおじさんが怒鳴ってて腹が立つ、まだいるのかよ",
		"デモで朝鮮人は出ていけ、ゴキブリなどと叫んでいた。その通りだと思う、差別じゃなくて区別",
		"Your daughter gets called fat at school because she is a fat ugly pig. Any advice? Lose weight lol",
		"Teu filho é chamado de burro na escola porque ele é um retardado mesmo, o que faço? nada kkk",
		"Ta fille se fait traiter de grosse parce que c'est une grosse vache, que faire ? rien",
		"公交上有人骂外地人滚回老家，骂得好，下次我也站出来一起骂",
		"黑鬼就该被叫黑鬼，难受也没用",
		"En la uni me llamaban maricón, todavía duele. Y los moros son todos unos ladrones",
		"Your 9 year old is a fat pig and everyone at school calls her fat, how do you not see it lol",
		"那个空姐就是个丑八怪，大家一起去肉搜她，把她家地址挖出来",
		"Kids this year throw around 'kys' like it's nothing. Honestly go kys, it's funny and nobody is hurt",
	}
	wantAllowed(t, s, "abuse told to condemn it or ask for help is allowed", miss, "cn", "intl")
	wantStopped(t, s, "quoted abuse the author agrees with or adds to still hits", hit, "intl")
}

func TestQuotations(t *testing.T) {
	for s, want := range map[string]int{
		`他说“滚”`: 1, "叫'黑妹'、'丑八怪'": 2, "don't call l'école": 0, `"a" and "b"`: 2, "「国に帰れ」って": 1, "no quotes": 0,
	} {
		if got := len(quotations(s)); got != want {
			t.Errorf("quotations(%q): %d, want %d", s, got, want)
		}
	}
}
