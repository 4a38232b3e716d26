package moderate

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Reported speech: an author who quotes an abusive word used on them ("he
// called me a 'ch*nk', I reported it", 有人骂我“傻逼”，已经举报了) or asks
// about it ("why do people say 'kill yourself' as a joke?") is not using it.
// Such a finding keeps its label, but its score is capped below every review
// threshold, so it informs reviewers and decides nothing.

// reportedScoreCap is the score of a reported-speech finding: below the
// lowest review threshold of the default policy (0.3).
const reportedScoreCap = 0.25

// reportable reports whether findings of c can be quoted innocently; a
// quoted threat, sexual content or contact request still counts.
func reportable(c models.Category) bool {
	return c == models.CategoryHate || c == models.CategoryHarassment || c == models.CategoryProfanity
}

// quoteMarks open and close quotations, in every script notes are written in.
const quoteMarks = "'\"“”„‘’「」『』«»《》＂＇`"

// reportingMarkers, in the sentence of a quoted word, say it is reported or
// discussed, not said.
var reportingMarkers = []string{
	"called me", "calls me", "calling me", "called us", "called my", "call me a", "said i'm", "said i was",
	"told me", "yelled", "shouted", "screamed", "wrote", "commented", "people say", "why do", "stop saying",
	"the word", "this word", "that word", "people call", "call them", "calls them", "calling them",
	"is racist", "it's racist", "is a slur", "racist to", "words like", "slur", "reported", "report it", "reported it",
	"骂我", "骂了我", "说我", "叫我", "被人", "被骂", "被叫", "举报", "检举", "檢舉", "舉報", "报警", "報警", "报案", "報案", "这个词", "这种词", "这种字眼",
	"别再说", "不要再用", "不要说", "评论区有人",
	// A sticker or a meme that says it, sent by someone (阿嬤傳了一張「去死吧」的貼圖).
	"贴图", "表情包", "贴纸", "以为是", "貼圖", "貼紙", "以為是",
	"dmed me", "dm'd me", "messaged me", "sent me", "texted me", "in my dms", "in my comments", "commented on my",
	"blocked", "racist", "homophobic", "sexist", "transphobic", "things like", "who write", "who say", "not okay",
	"bigot",
	// The words discussed as what people are told, and a call to report
	// them: "telling someone to kys is never a joke. Report those comments".
	"telling someone to", "telling people to", "tell someone to", "never a joke", "report those", "report these",
	// A quotation introduced by someone's saying it: `someone at work said
	// 'all immigrants are criminals'. I told him the statistics show the
	// opposite` (what the author tells someone is not reported: `I told her
	// "you're worthless"` is the author's own abuse).
	" said '", " said \"", " said “", " said: ", " says '", " says \"", " says “",
	// Spanish, Portuguese, French, German, Japanese, Korean
	"me llamó", "me llamo", "me dijo", "me escribió", "mensajes como", "mensajes del tipo", "denuncia", "denuncié",
	"me chamou", "me disse", "mensagens como", "denunciei", "denuncie",
	"m'a traité", "m'a dit", "du type", "messages comme", "signale", "signalez", "signalé",
	"hat mich", "nannte mich", "nachrichten wie", "gemeldet", "melde",
	"と言われ", "って言われ", "と呼ばれ", "って呼ばれ", "通報", "라고 했", "라는 말", "신고",
	// Shouted at someone, as a witness tells it: "hat eine Frau angeschrien: „…"".
	"angeschrien", "angebrüllt", "beschimpft", "gebrüllt", "gritó", "gritaba", "gritaron", "gritou", "gritaram", "a crié", "criait",
	"hurlait", "a hurlé", "叫ばれ", "怒鳴ら", "怒鳴って", "소리쳤", "외쳤", "喊", "吼",
	// Round 49 (N89): a grandmother with dementia scolding her carer, quoted ("指着护工骂“你个小王八蛋偷我饼干”").
	"骂",
	// Words discussed as words: a teacher on 「死ね」 thrown around a classroom.
	"という言葉", "って言葉", "などの言葉", "言葉の重さ", "が飛び交", "話し合", "这样的话", "这种话", "같은 말", "이런 말",
	// Round 53 (N143): the same markers in Traditional characters (this list reads the text as written:
	// 聽到一個阿伯罵「外勞滾回去」), and what victims say they did with what they were sent — reported it,
	// went to the police, filed a report (Reportado 💅; fui a la policía; fiz BO; 去派出所备了案; 112 신고했어요),
	// or that it was written on their post (Escreveram '…' no post; Un commentaire me dit '…'; Kommentar unter meinem …).
	"罵", "說我", "這個詞", "這種詞", "這種字眼", "別再說", "不要說", "評論區有人", "這樣的話", "這種話",
	"reportado", "reportada", "lo reporté", "la reporté", "fui a la policía", "fui a la policia", "llamé a la policía", "comentó",
	"fiz bo", "fiz um bo", "boletim de ocorrência", "medida protetiva", "escreveram", "comentaram",
	"me dit", "un commentaire", "porté plainte", "appelé la police", "kommentar unter", "zur polizei", "anzeige erstattet",
	"备案", "备了案", "備案", "派出所", "라고 하는", "라고 하던", "신고했",
	"went to the police", "called the police", "police report",
}

// calledMarkers are the strongest: right before the word, with or without
// quotes ("he called me a chink"), they make it reported.
var calledMarkers = []string{"called me a", "called me an", "called me", "calls me a", "calls me", "calling people", "call people",
	"calling someone", "call someone", "telling someone to", "tell someone to", "tells someone to", "telling people to",
	"tell people to", "telling anyone to", "tell anyone to", "calling them", "got called a", "got called an", "get called a", "been called a",
	"was called a", "were called", "being called a",
	// Round 47 (F91): what a child was sent, told by a parent ("My 11yo got messages calling her ugly").
	"messages calling", "comments calling", "dms calling", "texts calling",
	// Round 44: the author objecting to being called it ("why would you think it's okay to call me a …?").
	"okay to call me a", "ok to call me a", "dare you call me a", "don't call me a", "dont call me a", "stop calling me a",
	"stop calling me", "quit calling me", "me llamó", "me llamaron", "me llaman", "me chamou de", "me chamaram de", "me llame", "me llamen",
	// Round 53 (F157): being called it, said of anyone ("Ninguém merece ser chamada de 'gorda inútil'").
	"ser chamada de", "ser chamado de", "ser llamada", "ser llamado", "être traitée de", "être traité de",
	"fui chamado de", "fui chamada de", "me xinga de", "me xingou de", "me xingam de", "me xingaram de", "me insultó", "me trató de", "m'a traité de", "m'a traitée de", "on m'a traité de", "nannte mich", "nannten mich",
	"骂我是", "骂我", "说我是", "叫我",
	// Round 55 (h22): someone else called it, told by a friend or a parent ("my friend said someone called
	// her a \"ch*nk\" in a lobby"); never the author's own calling ("I called her a …").
	"someone called her a", "someone called him a", "someone called her an", "someone called him an", "somebody called her a",
	"somebody called him a", "people called her a", "people called him a", "kids called her a", "kids called him a",
	"they called her a", "they called him a", "he called her a", "she called him a", "he called him a", "she called her a",
	"called my friend a", "called my son a", "called my daughter a", "called my kid a", "called my wife a", "called my husband a",
	"called my mom a", "called my dad a", "called my sister a", "called my brother a"}

// rePassiveCalledBeforeZh is the Chinese passive right before the word:
// the author was called it by someone ("今天在公交上被一个人骂chink", round
// 43, N46), as 骂我 is; not by the author (他被我骂…). rePassiveCalledZh
// (told_abuse.go) reads the same passive anywhere in a field, as a marker
// that names are told of, with no word after it.
var rePassiveCalledBeforeZh = regexp.MustCompile(`被[^我，。！？,!?\s]{0,6}(?:骂|叫|喊)(?:成|作|做)?$`)

// reCalledKin is someone calling the author's family, friends or
// colleagues the word ("someone called my mom a chink at the store"): the
// author tells what was said to a person close to them.
var reCalledKin = regexp.MustCompile(`(?:called|calls|calling|call) (?:my|our) (?:little |baby |older |younger |best |elderly )?` +
	`(?:mom|mum|mother|dad|father|parents|son|daughter|kid|kids|child|children|wife|husband|partner|boyfriend|girlfriend|` +
	`brother|sister|grandma|grandmother|grandpa|grandfather|friend|friends|coworker|colleague|neighbou?r|classmate|roommate|family|aunt|uncle|cousin) an?$`)

// reCloseColon is a relative, a friend, a boss or a teacher of the
// author's, in every language of the rules, then a colon: the speaker of the
// quotation after it, as a chat is retold ("My aunt in the family group
// chat: 'you got so fat in America 😊'. Me: thank you auntie", "meu amigo:
// 'se eu reprovar de novo eu me jogo da ponte' eu: '…' 😂").
var reCloseColon = regexp.MustCompile(`(?i)(?:\b(?:my|our) (?:\w+ )?(?:aunt|auntie|aunty|aunties|uncle|mom|mum|mother|dad|father|` +
	`grandma|granny|grandmother|grandpa|grandfather|cousin|boss|manager|coworker|co-worker|colleague|teacher|mother-in-law|` +
	`father-in-law|in-laws|relatives|sister|brother|son|daughter|kid|friend|friends|bestie|roommate|boyfriend|girlfriend|husband|wife)` +
	`|(?:^|[^\p{L}])(?:mi|mis|meu|minha|meus|minhas|mon|ma|mes|mein|meine) (?:\p{L}+ )?(?:amigo|amiga|amigos|amigas|madre|padre|` +
	`mamá|papá|tía|tío|abuela|abuelo|hermano|hermana|jefe|jefa|mãe|pai|tia|tio|avó|avô|irmão|irmã|chefe|ami|amie|amis|pote|potes|` +
	`mère|père|tante|oncle|frère|sœur|patron|patronne|freund|freundin|freunde|kumpel|mutter|vater|mama|papa|onkel|oma|opa|bruder|` +
	`schwester|chef|chefin))[^.!?:]{0,60}:\s*$`)

// reAuthorAmong is the author counted among the speakers ("me and my friends:").
var reAuthorAmong = regexp.MustCompile(`(?i)(?:\bme and|\band i\b|\beu e\b|\byo y\b|\bmoi et\b|\bich und\b|\bnosotros\b|\bnós\b)`)

// kinQuoted reports whether before, the text of a sentence up to a
// finding inside a quotation, gives the quotation to someone close to the
// author with a colon (reCloseColon), the author not among them.
func kinQuoted(before string) bool {
	i := strings.LastIndexAny(before, quoteMarks)
	return i >= 0 && reCloseColon.MatchString(before[:i]) && !reAuthorAmong.MatchString(before[:i])
}

// closeQuoted reports whether the finding at sp stands inside a quotation
// that the field gives to someone close to the author (kinQuoted), with no
// agreement of the author's.
func closeQuoted(t *Text, sp Span) bool {
	s := t.Original
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(s, sp.Start, sp.End)
	if !quotedAt(s, sp) && !insideQuotes(s, lo, hi, sp) {
		return false
	}
	return kinQuoted(s[lo:sp.Start]) && !containsTermAny(unquoted(t.Folded.String()), quotationEndorsements)
}

// discussionMarkers, anywhere in a field whose finding is quoted, say the
// quotation is discussed rather than said, in every language, folded (lower
// case, accents removed, Simplified Chinese; Latin terms whole words):
// someone else said, sent, shouted or wrote it (a man yelled, me mandaba,
// a traité, schrieb mir, 被…叫, と叫ぶ, 라고 소리쳐); the author answered it
// (reported, screenshot, le respondí, geantwortet, 制止, 항의); a question
// about the word (what does … mean, 什么意思, どういう意味, 무슨 뜻); the word
// named as a word, a slur or an insult (蔑称, という言葉, 비하어, Schimpfwort);
// and the frames of history, news, law, teaching, fiction and film. Words
// that introduce the author's own comment (comment, comentario, 留言) are
// not among them: harassers head their own insults with them.
var discussionMarkers = newTermSet(foldTerms([]string{
	"got called", "get called", "been called", "was called", "were called", "being called", "they said", "he said", "she said",
	"kept saying", "kept calling", "sent me", "texted me", "messaged me", "wrote to me", "shouted", "yelled", "screamed",
	"spray-painted", "spray painted", "graffiti", "scrawled", "a letter saying", "painted over", "scrubbed off", "was written", "screenshot", "screenshots", "screenshotted",
	"screenshotting", "reported", "report it", "blocked", "the police", "hate crime", "hate speech", "what does", "does it mean",
	"mean", "means", "meaning", "etymology", "origin of", "the word", "this word", "that word", "these words", "those words",
	"n-word", "slur", "slurs", "insult", "insults", "derogatory", "pejorative", "offensive", "name-calling", "names like",
	"history", "historical", "lesson", "lesson plan", "students", "classroom", "museum", "memorial", "documentary", "film",
	"movie", "novel", "scene", "podcast", "episode", "training", "workshop", "bystander", "bystanders", "bullying", "bullied",
	"racism", "racist", "antisemitic", "antisemitism", "homophobia", "homophobic", "transphobic", "sexism", "sexist",
	"misogyny", "misogynist", "xenophobia", "xenophobic", "bigotry", "intervened", "spoke up", "stood up", "lawyer",
	// Spanish
	"me llamaron", "me llamaba", "me llamaban", "me llaman", "me decia", "me decian", "me dijeron", "me mandaba", "me mando",
	"me mandaron", "me escribia", "me escribio", "me gritaron", "le gritaron", "le grito", "llamo", "dijo", "escribio",
	"grito", "insulto", "insultos", "palabra", "palabras", "termino", "que significa", "significa", "de donde viene",
	"ofensivo", "ofensiva", "despectivo", "peyorativo", "racismo", "racista", "xenofobia", "homofobia", "machismo",
	"denuncie", "denunciado", "denunciada", "denunciar", "policia", "fiscalia", "delito de odio", "discurso de odio",
	"historia", "documental", "pelicula", "novela", "resena", "escena", "alumnos", "taller", "acoso", "motes", "respondi",
	"le respondi", "plantamos cara", "lo bloquee", "la bloquee", "me llego esto", "captura", "capturas", "orden de alejamiento", "pintada", "estaba escrito", "ponia",
	// Portuguese
	"fui chamado", "fui chamada", "me chamaram", "me chamava", "me chamavam", "chamou de", "chamaram de", "chamam de",
	"me mandou", "me mandava", "mandava", "escreveu", "gritou", "gritaram", "xingou", "xingaram", "xingamento",
	"xingamentos", "palavra", "termo", "o que significa", "pejorativo", "injuria", "denunciei", "registrei",
	"boletim de ocorrencia", "delegacia", "documentario", "filme", "resenha", "alunos", "respondi", "medida protetiva",
	// Round 22: a message received and blocked ("Recebi isso no direct: '…'. Já bloqueei.").
	"recebi isso", "recebi no direct", "bloqueei", "ja bloqueei",
	"intensificador", "giria", "quer dizer", "significa", "dica pra gringo", "dica para gringo", "xingando", "galera nova",
	"pra galera", "muitas vezes e so",
	"apelidos", "imitou macaco", "imitando macaco", "sons de macaco", "pichacao", "pichado", "pichada", "estava escrito",
	// French
	"a traite", "traite de", "traitee de", "traiter de", "traitaient", "traitait", "m'appelait", "on m'appelait",
	"m'envoyait", "m'a envoye", "a ecrit", "a crie", "ont crie", "a sorti", "insulte", "insultes", "le mot", "ce mot",
	"ces mots", "des mots", "les mots", "que veut dire", "veut dire", "signifie", "raciste", "racisme", "antisemite",
	"antisemitisme", "homophobe", "homophobie", "xenophobe", "sexiste", "plainte", "signalement", "police", "histoire",
	"documentaire", "roman", "critique", "j'ai bloque", "eleves", "atelier", "harcelement", "j'ai repondu", "propagande", "shoah", "tague",
	"cris de singe", "etait ecrit", "efface", "effacee",
	// German
	"genannt", "beschimpft", "schrieb mir", "schreibt mir", "schrieb mein", "schrieb meine", "hiess ich", "gerufen", "ruft",
	"rief", "brullte", "sagt mein", "sagte mein", "das wort", "dieses wort", "worter wie", "schimpfwort", "schimpfworter",
	"begriff", "beleidigung", "beleidigt", "was bedeutet", "bedeutet", "rassistisch", "rassismus", "antisemitisch",
	"antisemitismus", "homophob", "anzeige", "polizei", "geschichte", "doku", "schulung", "mobbing", "geantwortet",
	"pauschalisieren", "hinterhergerufen", "hinterher gerufen", "blockiert", "gesprayt", "geschmiert", "affenlaute", "stand geschrieben", "darauf stand", "drauf stand", "uberstrichen", "ubermalt",
	// Round 25 (N11): a word autocorrect or a misreading made ("die Autokorrektur hat 'Leck mich' draus
	// gemacht", 아빠가 'ㅅㅂ'를 수박 줄임말인 줄 알고), in every language.
	"autocorrect", "auto-correct", "autocorrected", "autokorrektur", "autocorrector", "corretor automatico", "correcteur",
	"correction automatique", "自动纠错", "自动更正", "予測変換", "自動修正", "자동완성", "자동 수정", "자동수정",
	"줄임말", "뜻을", "뜻 알려", "뜻인 줄", "인 줄 알고", "이라는 뜻",
	// Chinese
	"说我", "被叫", "被骂", "截图", "人事", "这个词", "这个字", "原本是", "小知识", "这种词", "这两个词", "这种话", "这种说法", "这种言论", "这种称呼",
	"什么意思", "啥意思", "蔑称", "贬义", "贬称", "歧视", "侮辱", "辱骂", "冒犯", "史料", "历史", "新闻", "电影", "小说",
	"观后感", "读后感", "书评", "影评", "读书", "班会", "培训", "讲座", "霸凌", "制止", "处分", "恶劣", "恐同", "反驳",
	"我回了", "有人说", "有人喊", "有人骂", "有人写", "有人发", "有人问", "涂鸦", "写着",
	// Round 22: a language lesson on a swear word ("英语小课堂｜为什么 'holy shit this is good' 不是在骂人").
	"不是在骂人", "不是骂人", "脏话", "褒义", "小课堂", "口头禅",
	// Round 29: a Cantonese swear word explained ("「仆街」其實是廣東話罵人的話").
	"骂人的话", "骂人话", "粗口", "广东话", "粤语",
	// Japanese
	"と呼ばれ", "って呼ばれ", "呼ばれ", "からかわれ", "罵られ", "怒鳴", "と叫", "って叫", "叫んで", "書かれ", "送られ",
	"意味", "に聞こえる", "と聞こえる", "差別", "蔑称", "侮辱", "という言葉", "って言葉", "この言葉", "その言葉", "なんて言葉", "みたいな言葉", "使わないように", "ヘイト", "歴史", "映画", "小説",
	"授業", "研修", "警察", "相談", "許されない", "ってリプ", "というリプ", "というコメント", "という投稿", "落書き",
	"書かれていた", "書いてあった",
	// Round 22: a learner asks what a swear word means (「クソかわいい」って褒め言葉なんですか).
	"褒め言葉", "悪口なんですか", "ってどういう", "って何ですか", "日本語勉強",
	// Korean
	"라고 소리", "소리쳐", "소리치", "소리를 듣", "소리 듣", "라고 불", "같은 말", "무슨 뜻", "뜻이", "의미", "비하",
	"혐오", "차별", "모욕", "항의", "역사", "영화", "소설", "독서", "수업", "교육", "경찰", "캡처", "인사팀", "같은 댓글",
	"댓글 보면", "맞불", "라고 써", "낙서", "적혀",
}))

// quotationEndorsements are the author agreeing with the words quoted ("my
// grandpa said it and he was right"): the words are the author's then, as
// said or asked, and no marker makes them reported. Only forms no negation
// turns round: "not true" holds "true", "Das stimmt nicht" holds "stimmt".
var quotationEndorsements = append(foldTerms([]string{
	"was right", "were right", "is right", "had a point", "has a point", "wasn't wrong", "was not wrong", "words to live by",
	"facts", "tenia razon", "tenian razon", "toda la razon", "cuanta razon", "pura verdad", "tinha razao", "tinham razao",
	"toda razao", "mandou bem", "falou e disse", "verdade pura", "avait raison", "avaient raison", "tellement vrai",
	"c'est la verite", "hatte recht", "hatten recht", "stimmt genau", "so wahr", "说得没错", "讲得没错", "讲得对", "一点也没错",
	"一点没错", "完全没错", "句句属实", "間違いない", "間違ってない", "正しい", "틀린 말 하나 없", "틀린 말 없", "맞말", "팩트",
	"옳았", "옳다",
}), toldAbuseEndorsements...)

// reportedSpeech reports whether the original text of t around sp quotes
// or reports the words rather than saying them: quoted (a quotation mark
// right before and right after, spaces aside) in a sentence with a
// reporting marker, or right after "called me" and the like.
func reportedSpeech(t *Text, sp Span) bool {
	s := t.Original
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(s, sp.Start, sp.End)
	before := strings.ToLower(strings.TrimRight(s[max(lo, sp.Start-24):sp.Start], " 　"))
	before = strings.TrimRight(before, quoteMarks+" ")
	for _, m := range calledMarkers {
		if strings.HasSuffix(before, m) {
			return true
		}
	}
	if reCalledKin.MatchString(before) || rePassiveCalledBeforeZh.MatchString(before) {
		return true
	}
	if !quotedAt(s, sp) && !insideQuotes(s, lo, hi, sp) {
		return false
	}
	if closeQuoted(t, sp) {
		return true
	}
	// A quotation is reported when the sentence says so, or the rest of
	// the field does: `Someone DMed me "go back, you …". That word is a
	// slur. Reported.` Not when the author agrees with it.
	if containsTermAny(unquoted(t.Folded.String()), quotationEndorsements) {
		return false
	}
	if saysReported(s) {
		return true
	}
	folded := t.Folded.String()
	return discussionMarkers.anyTerm(folded) || rePassiveCalledZh.MatchString(folded)
}

// insideQuotes reports whether sp lies inside a quotation of its sentence
// [lo, hi): a quotation mark before it and one after it, an apostrophe
// between two letters (t'aime, don't) not counting as one.
func insideQuotes(s string, lo, hi int, sp Span) bool {
	if lastQuoteMark(s, lo, sp.Start) < 0 {
		return false
	}
	for i := sp.End; i < hi; {
		r, n := utf8.DecodeRuneInString(s[i:hi])
		if isQuoteAt(s, i, r, n) {
			return true
		}
		i += n
	}
	// The quotation may end its own sentence: „Scheiß …, geh zurück!" closes
	// after the mark that ends the sentence.
	for i := hi; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(".!?。！？…", r) {
			return isQuoteAt(s, i, r, n)
		}
		i += n
	}
	return false
}

// isQuoteAt reports whether rune r of n bytes at byte i of s is a
// quotation mark rather than an apostrophe inside a word: an apostrophe
// between two Latin letters (don't, l'école) is none; between Han
// characters it is one (叫'黑妹').
func isQuoteAt(s string, i int, r rune, n int) bool {
	if !strings.ContainsRune(quoteMarks, r) {
		return false
	}
	if r == '\'' || r == '’' {
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+n:])
		return !(unicode.Is(unicode.Latin, before) && unicode.Is(unicode.Latin, after))
	}
	return true
}

// lastQuoteMark returns the byte offset of the last quotation mark in
// s[a:b] (isQuoteAt), -1 when there is none.
func lastQuoteMark(s string, a, b int) int {
	for i := b; i > a; {
		r, n := utf8.DecodeLastRuneInString(s[a:i])
		i -= n
		if isQuoteAt(s, i, r, n) {
			return i
		}
	}
	return -1
}

// quotationOpen returns the byte offset of the quotation mark that opens
// the quotation holding sp in its sentence [lo, hi); -1 when sp stands
// inside none.
func quotationOpen(s string, lo, hi int, sp Span) int {
	if !insideQuotes(s, lo, hi, sp) {
		return -1
	}
	return lastQuoteMark(s, lo, sp.Start)
}

// endsInQuotation reports whether the end of sp, within its sentence
// [lo, hi), stands inside a quotation: a rule's evidence runs from its first
// signal to its last, so a threat quoted at the end of a sentence that tells
// who said it ("un niño de cinco años me dijo que me iba a «matar»",
// 一邊喊「我要打死你」) starts outside the quotation. The end is what follows
// the span's last quotation mark, or its last word when it holds none.
func endsInQuotation(s string, lo, hi int, sp Span) bool {
	start := sp.Start + strings.LastIndexAny(s[sp.Start:sp.End], " 　") + 1
	if q := lastQuoteMark(s, sp.Start, sp.End); q >= 0 {
		_, n := utf8.DecodeRuneInString(s[q:])
		start = q + n
	}
	if start >= sp.End {
		return false
	}
	return insideQuotes(s, lo, hi, Span{start, sp.End})
}

// inQuotation reports whether the finding at sp of field s stands in a
// quotation: marks right around it (quotedAt) or an open mark before it in
// its sentence (insideQuotes). A span outside s is in none.
func inQuotation(s string, sp Span) bool {
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return false
	}
	lo, hi := sentenceAround(s, sp.Start, sp.End)
	return quotedAt(s, sp) || insideQuotes(s, lo, hi, sp)
}

// quotedAt reports whether a quotation mark comes right before and right
// after sp (spaces and a trailing punctuation mark aside).
func quotedAt(s string, sp Span) bool {
	before := strings.TrimRight(s[:sp.Start], " 　")
	after := strings.TrimLeft(s[sp.End:], " 　")
	r1, _ := utf8.DecodeLastRuneInString(before)
	r2, _ := utf8.DecodeRuneInString(after)
	return strings.ContainsRune(quoteMarks, r1) && strings.ContainsRune(quoteMarks, r2)
}

// sentenceAround returns the byte range of the sentence of the original text around [start, end).
func sentenceAround(s string, start, end int) (int, int) {
	lo := 0
	for i := start - 1; i >= 0; i-- {
		if strings.ContainsRune(".!?\n。！？；;", rune(s[i])) && s[i] < utf8.RuneSelf && !decimalPoint(s, i) {
			lo = i + 1
			break
		}
		if s[i] >= utf8.RuneSelf && utf8.RuneStart(s[i]) {
			r, _ := utf8.DecodeRuneInString(s[i:])
			if strings.ContainsRune("。！？；", r) {
				lo = i + utf8.RuneLen(r)
				break
			}
		}
	}
	hi := len(s)
	for i := end; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if strings.ContainsRune(".!?\n。！？；;", r) && !decimalPoint(s, i) {
			hi = i
			break
		}
		i += n
	}
	return lo, hi
}

// decimalPoint reports whether the byte at i of s is a point between two
// digits (9.9元, 1.500 €), which ends no sentence.
func decimalPoint(s string, i int) bool {
	return s[i] == '.' && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1])
}

// pairedQuotes are quotation marks that open and close differently, so a
// quotation they hold can be found across the sentences inside it
// (「副業で月収50万！LINE追加で…」).
var pairedQuotes = [][2]rune{{'「', '」'}, {'『', '』'}, {'“', '”'}, {'«', '»'}, {'《', '》'}}

// insidePairedQuotes reports whether sp lies between an opening mark of
// pairedQuotes and its closing mark, with no closing mark between the
// opening one and sp and within one paragraph.
func insidePairedQuotes(s string, sp Span) bool {
	if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
		return false
	}
	para := strings.LastIndexByte(s[:sp.Start], '\n') + 1
	end := len(s)
	if k := strings.IndexByte(s[sp.End:], '\n'); k >= 0 {
		end = sp.End + k
	}
	for _, q := range pairedQuotes {
		open := strings.LastIndex(s[para:sp.Start], string(q[0]))
		if open < 0 || strings.ContainsRune(s[para+open:sp.Start], q[1]) || strings.ContainsRune(s[sp.Start:sp.End], q[1]) {
			continue
		}
		if strings.ContainsRune(s[sp.End:end], q[1]) {
			return true
		}
	}
	return false
}

// quotedAndReported reports whether the finding at sp lies inside a
// quotation in a field that says it was reported (reportingMarkers), the
// way a threat received is shown to others.
func quotedAndReported(t *Text, sp Span) bool {
	return inQuotation(t.Original, sp) && saysReported(t.Original)
}

// saysReported reports whether field s carries a reporting marker.
func saysReported(s string) bool {
	field := strings.ToLower(s)
	for _, m := range reportingMarkers {
		if strings.Contains(field, m) {
			return true
		}
	}
	return false
}

// receivedThreatMarkers say a quoted threat was sent to the author, who
// shows it to warn others ("un tío me escribió 'te voy a encontrar'",
// 在我每篇贴文留言「我知道妳住哪个站」); stickerMarkers say the quoted words are
// a sticker's caption (阿嬷传了「我要杀了你」的猫咪贴图). Threat in either is no
// threat to anyone reading: capped at reportedScoreCap, not reportedThreatCap.
var (
	receivedThreatMarkers = newTermSet(foldTerms([]string{
		"sent me", "texted me", "messaged me", "dm'd me", "dmed me", "wrote to me", "wrote me", "commented on my", "in my dms",
		"me escribió", "me escribio", "me mandó", "me mando", "me dijo", "me envió", "me envio", "me mandou", "me escreveu",
		"me disse", "m'a écrit", "m'a ecrit", "m'a envoyé", "m'a envoye", "m'a dit", "hat mir geschrieben", "schrieb mir",
		"schreibt mir", "私信我", "私讯我", "留言", "发给我", "传给我", "给我发", "给我留言", "に送られ", "から送られ", "dmで", "라고 보냈",
		"보내왔", "댓글로",
		// Round 30: the quote inside the telling (Jemand hat mir „…" geschrieben; 「…」ってコメントが来た).
		"hat mir", "haben mir", "コメントが来た", "dmが来た", "メッセージが来た", "って来た", "と送られて",
		// Round 45 (F76, F75): sent to others the author speaks for ("a buyer has been DMing sellers stuff like
		// '…'", "un message qu'une cliente a reçu : '…'").
		"dming sellers", "dming people", "dming buyers", "dming women", "dming girls", "messaging sellers", "messaging people",
		"been dming", "been messaging", "sending sellers", "sent sellers", "a reçu", "a recu", "ai reçu", "ai recu", "avons reçu",
		"recibió", "recibio", "recebeu", "recebi", "hat bekommen", "habe bekommen", "bekam", "收到", "受け取った", "받았",
		// Round 53 (N143): an ex's message quoted ("Meu ex mandou '…'", 前男友发消息说“…”, 전 남친이 '…'고 문자 보냄),
		// and what was written on the author's post ("Escreveram 'se mata' no post", "Un commentaire me dit '…'").
		"ex mandou", "ex me mando", "my ex sent", "my ex texted", "mon ex m'a", "发消息说", "发信息说", "傳訊息說",
		"문자 보냄", "문자를 보냈", "문자 보냈", "카톡 보냄", "escreveram", "me dit", "commentaire me",
		// A message that came as a DM or in a game's chat ("Un DM : '…'", "Got '…' from a 12 year old on Fortnite …
		// reported the voice chat").
		"un dm", "got a dm", "this dm", "ce dm", "un mp", "me llegó un", "recebi uma dm", "voice chat", "game chat", "team chat",
	}))
	stickerMarkers = newTermSet(foldTerms([]string{"贴图", "表情包", "贴纸", "sticker", "スタンプ", "이모티콘", "meme", "figurinha", "pegatina"}))
)

// receivedThreatTold reports whether field t tells, as a whole, of words
// quoted that were sent to the author and that the author reported
// ("Jemand hat mir „ich weiß wo du wohnst" geschrieben, ich hab's gemeldet,
// was kann ich noch tun?"): the intent models, which judge the whole field,
// read the quoted threat and the plea for advice as the author's violence
// or risk.
func receivedThreatTold(t *Text) bool {
	return strings.ContainsAny(t.Original, quoteMarks) && saysReported(t.Original) && receivedThreatMarkers.in(t.Folded.String())
}

// receivedOrSticker reports whether the quoted threat at sp in t was sent
// to the author, addressing them ("te voy a encontrar", 我知道妳住哪), or is a
// sticker's caption (see receivedThreatMarkers). A threat to others that
// reached the author ("someone sent me 'I'll shoot up the school'") names
// no "you" and keeps reportedThreatCap: it goes to a person.
func receivedOrSticker(t *Text, sp Span) bool {
	s := t.Folded.String()
	if stickerMarkers.in(s) {
		return true
	}
	return receivedThreatMarkers.in(s) && containsPersonAny(findingSentence(t, sp), secondPersonMarkers)
}
