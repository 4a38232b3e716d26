package moderate

import "github.com/notegate/notegate/models"

// Celebration: a call to go to someone's page is how a pile-on starts
// ("everyone go comment on her latest post telling her how ugly she is"),
// and the harassment model learnt it from such notes. The same call is how
// friends flood a page with good wishes: "everyone go leave a comment on
// her latest post, she just got engaged!!", 大家一起去她IG留言祝她生日快樂,
// "bora todo mundo no perfil dela dar parabéns pelo nenê". A classifier
// harassment finding in a field that congratulates or wishes someone well
// (celebrationMarkers), with no word of mockery in it (celebrationUndone),
// is capped like reported speech: it keeps its label for reviewers and
// decides nothing. The rules' and the lexicons' findings still count, so
// a congratulation that also insults is judged by its insult.

// celebrationMarkers wish someone well or share their good news, in the
// folded view (whole words for Latin).
var celebrationMarkers = newTermSet(foldTerms([]string{
	"congrats", "congratulations", "congratulate", "happy birthday", "her birthday", "his birthday", "got engaged", "just got engaged",
	"graduated", "graduation", "new baby", "the baby", "wish her", "wish him", "wish them", "good luck", "get well soon",
	"felicidades", "felicitarla", "felicitarle", "felicitarlo", "feliz cumpleaños", "feliz cumple", "se gradúa", "se graduó", "enhorabuena",
	"parabéns", "parabens", "feliz aniversário", "feliz aniversario", "nenê", "nene", "formou", "se formou",
	"féliciter", "félicitations", "felicitations", "bon anniversaire", "son anniversaire", "son bac", "a eu son", "bonne chance",
	"geburtstag", "glückwunsch", "glückwünsche", "herzlichen glückwunsch", "gratulieren", "gratuliert", "alles gute",
	"生日快乐", "祝她", "祝他", "祝福", "恭喜", "毕业快乐", "新婚快乐", "订婚", "满月",
	"お祝い", "誕生日", "おめでとう", "合格",
	"축하", "생일", "합격",
}))

// celebrationUndone mock while they congratulate: the cap does not apply.
var celebrationUndone = newTermSet(foldTerms([]string{
	"ugly", "fat", "loser", "pathetic", "cringe", "clown", "🤡", "shame", "lol", "lmao", "fake",
	"feo", "fea", "gorda", "gordo", "ridícula", "ridiculo", "ridículo", "patética", "vergüenza",
	"feia", "feio", "vergonha", "baranga",
	"moche", "grosse", "gros", "ridicule", "honte", "pathétique",
	"hässlich", "fett", "fette", "peinlich", "lächerlich",
	"丑", "胖", "肥", "恶心", "骂", "可笑", "丢人",
	"ブス", "デブ", "キモ", "恥ずかし",
	"못생", "돼지", "뚱뚱", "악플", "토나",
}))

// celebratedField reports whether t wishes someone well without mocking.
func celebratedField(t *Text) bool {
	s := t.Folded.String()
	return celebrationMarkers.anyTerm(s) && !celebrationUndone.anyTerm(s)
}

// capClassifierCelebration: the classifier's harassment in a field of good
// wishes.
func capClassifierCelebration(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category == models.CategoryHarassment && x.Score > reportedScoreCap && fromClassifier(source) && celebratedField(t) {
		x.Score = reportedScoreCap
	}
}
