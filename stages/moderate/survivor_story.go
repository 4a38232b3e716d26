package moderate

import (
	"regexp"
	"slices"

	"github.com/notegate/notegate/models"
)

// Survivor and witness stories: a long note that tells, from years on, how
// the author was bullied at school, left a controlling marriage, was
// shouted at in a supermarket or saw a stranger beaten in the street
// (round 54's N159: "중학교 2학년 때 학교폭력 피해자였어요. 반 애들이 … \"돼지\",
// \"찐따\"라고 놀렸어요 … 지금 저는 스물여섯이고 청소년 상담사가 되려고
// 공부 중이에요"). It names the insults it got, the hotline it called, the
// photos that were posted of it and the blow it saw, and the rules read
// those words as abuse, personal data, a loan ad or a threat: 26 of the
// read set's 150 were flagged, 40 of its sealed twin's. A field wider than
// minNarrativeWidth that dates the hard time as past (storyPast, survivorPast),
// speaks of now (narrativeNow), names the author as the one it happened to
// or who saw it (survivorMarkers), and holds nothing of a present risk or
// of a harm still to come (presentRisk, survivorThreats) or of an offer
// (warningOffers) is such a story: the rules' and the word lists'
// harassment, hate, violence, personal-data and spam findings in it are
// capped like reported speech, and so are the intent models' self_harm.
// Sexual content about minors is not: zero tolerance reads it wherever
// it stands.

var (
	// survivorMarkers name the author as the one it happened to or as a
	// witness, in the folded text.
	survivorMarkers = newTermSet(foldTerms([]string{
		"i was bullied", "i got bullied", "bullied me", "was a victim", "i survived", "survivor", "i witnessed", "i saw a man",
		"photos of me", "made fun of me", "laughed at me",
		// Round 54 (N161): names shouted at the author, and the slur written only to show its weight
		// ("me gritaban maricón", "als Schwuchtel beschimpft", "Escrevo a palavra aqui porque …").
		"they called me", "kids called me", "i was the bully", "i write the word", "i'm writing the word", "me gritaban",
		"me insultaban", "me llamaban", "repito esa palabra", "escribo esa palabra", "escribo la palabra", "me xingavam",
		"me chamavam de", "escrevo a palavra", "m'insultaient", "m'appelaient", "j'écris ce mot", "j'ecris ce mot",
		"beschimpft", "ich schreibe das wort", "骂我", "叫我", "说我是", "呼ばれていた", "と呼ばれ", "불렸", "놀렸",
		"coercive control", "emotional abuse", "abusive marriage", "my abuser",
		"fui víctima", "fui victima", "me hacían bullying", "me decían", "sufrí acoso", "fui testigo", "presencié",
		"fui vítima", "sofri bullying", "me chamavam", "testemunhei", "abusou de mim",
		"j'ai été harcelé", "j'ai été harcelée", "j'ai été victime", "on m'appelait", "j'ai vu un homme", "j'ai été témoin",
		"ich wurde gemobbt", "ich wurde", "opfer", "ich war zeuge", "ich war zeugin", "belästigt",
		"被霸凌", "被欺负", "被欺凌", "我的外号", "受害者", "被歧视", "被家暴", "目击", "亲眼看到", "出柜", "被骚扰",
		"いじめられ", "被害者", "目撃", "ハラスメントを受け", "言われ続け",
		"피해자", "괴롭힘을 당", "따돌림", "학교폭력", "학폭", "목격", "정서적 학대", "폭언",
	}))
	// survivorThreats are harm still to come: revenge, a plan, a day.
	survivorThreats = newTermSet(foldTerms([]string{
		"revenge", "get back at", "going to make", "gonna make", "i'll find", "ill find", "i know where", "pay for",
		"venganza", "me vengaré", "vou me vingar", "vingança", "je vais me venger", "vengeance", "rache", "ich werde",
		"报仇", "报复", "复仇", "不会放过", "復讐", "仕返し", "복수", "가만 안",
	}))
)

// survivorPast date the hard time in the ways survivors' stories do beyond
// the recovery stories' (narrativePast, reAgo, pastMarkers): a count of
// years it lasted or since it ended ("after eleven years", 이혼한 지 1년),
// a school year, a first time (有一次, 剛來時).
var (
	survivorPast = newTermSet(foldTerms([]string{
		"in seventh grade", "in eighth grade", "in sixth grade", "in middle school", "in primary school", "in grade school",
		"en secundaria", "en la secundaria", "en la primaria", "no fundamental", "no ensino médio", "no ensino medio",
		"au collège", "au lycée", "in der schule", "in der grundschule", "auf dem gymnasium",
		"有一次", "有次", "刚来时", "刚来的时候", "初中", "小学的时候", "中学時代", "小学生の頃", "중학교", "초등학교",
	}))
	reYearsSpan = regexp.MustCompile(`\b(?:after|for) (?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|many|several|a few) years\b|지 ?\d+ ?(?:년|개월)`)
)

// aimedAtReader reports whether the finding at sp stands in a sentence
// that, outside its quotation marks, addresses "you": a threat or an
// insult the author aims at a reader, which no frame of a story or a
// warning turns into words told (round 54: a survivor's story and a
// "doctor's" warning that each ended "te voy a …").
func aimedAtReader(t *Text, sp Span) bool {
	return containsPersonAny(unquoted(findingSentence(t, sp)), secondPersonMarkers)
}

// survivorStory reports whether t is a survivor's or a witness's story of
// the kind above.
func survivorStory(t *Text) bool {
	if textWidth(t.Original) <= minNarrativeWidth {
		return false
	}
	s := t.Folded.String()
	past := storyPast(s) || survivorPast.anyTerm(s) || reYearsSpan.MatchString(s)
	return past && narrativeNow.anyTerm(s) &&
		survivorMarkers.anyTerm(s) && !presentRisk(s, true) && !survivorThreats.anyTerm(s) && !warningOffers.in(s)
}

// survivorCapped are the categories a survivor's story names without
// doing.
var survivorCapped = []models.Category{models.CategoryHarassment, models.CategoryHate, models.CategoryViolence,
	models.CategoryPII, models.CategorySpam, models.CategoryProfanity}

// capSurvivorStory: the rules' and the word lists' findings of what the
// author went through or saw, and the intent models' self_harm, in a
// survivor's story.
func capSurvivorStory(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Score <= reportedScoreCap {
		return
	}
	lists := source == "rules" || source == "lexicon" || source == "pii" || source == "contact"
	capped := slices.Contains(survivorCapped, x.Category)
	if !(lists && capped || fromClassifier(source) && (x.Category == models.CategorySelfHarm || capped)) || !survivorStory(t) {
		return
	}
	// A threat or an insult the author aims at a reader ("te digo a ti,
	// maricón de mierda, que te voy a buscar") is no story told.
	if lists && aimedAtReader(t, x.Span) {
		return
	}
	x.Score = reportedScoreCap
	if x.Category == models.CategorySelfHarm {
		x.Support = false
	}
}
