package moderate

import (
	"regexp"
	"strconv"
	"strings"
)

// A healthy day's intake: "ダイエット中だけど1日1600kcalは守って、ちゃんと食べてる",
// "减脂期一天吃1500大卡", "Tracking calories for my first cut, 2200 a day".
// The intent models learnt dieting words from pro-ana posts (a daily
// number, 守る, "max") and read a sensible plan as one. Pro-ana counts
// starve (300, 500, 800 a day); a field whose every calorie figure is a
// day an adult can live on (minHealthyKcal and up), that names the plan
// (a cut, the gym, a dietitian, protein) and no purge, fast, ana or
// self-loathing is dieting, and the classifiers' self_harm in it decides
// nothing. Someone at risk counts livable numbers too ("1200 today and I
// hate myself for it"): those words keep the finding. The rules, which read the starving numbers and the
// purging, keep their findings.

// minHealthyKcal is the least daily intake read as a plan, not a fast.
const minHealthyKcal = 1200

// maxHealthyKcal bounds the figures read as a day's intake (a figure
// beyond it is a week, a bulk or another unit).
const maxHealthyKcal = 4000

// reKcal is a calorie figure in the folded text: digits (a thousands
// separator allowed) before a calorie unit in the routed languages.
var reKcal = regexp.MustCompile(`(\d{1,2}[.,]?\d{3}|\d{3,4})\s*(?:kcal|cal\b|calories|calorie|calorias|calorías|kalorien|卡路里|大卡|千卡|卡|キロカロリー|カロリー|칼로리)`)

// purgeOrFast name what makes a count pro-ana whatever the number.
var purgeOrFast = newTermSet(foldTerms([]string{
	"purge", "purging", "throw up", "laxative", "thinspo", "pro ana", "pro-ana", "proana", "meanspo", "fasting", "fast until",
	"催吐", "吐掉", "抠喉", "泻药", "断食", "绝食", "骨感", "吐いて", "吐く", "下剤", "拒食", "먹토", "토하", "단식", "프로아나", "뼈말라",
	"vomit", "vomir", "vomitar", "kotzen", "erbrechen", "abführ", "ayuno", "jejum", "jeûne", "fasten",
}))

// dietPlans name the plan a sensible count belongs to: training, a cut,
// a dietitian, protein, eating properly.
var dietPlans = newTermSet(foldTerms([]string{
	"my cut", "a cut", "on a cut", "cutting phase", "bulk", "bulking", "gym", "workout", "training", "protein", "macros", "dietitian", "nutritionist", "coach",
	"减脂", "增肌", "健身", "蛋白质", "营养师", "运动", "别饿着",
	"ダイエット中", "筋トレ", "タンパク質", "ちゃんと食べ", "栄養士", "운동", "단백질", "영양사", "다이어트 중",
	"nutricionista", "dietista", "gimnasio", "proteína", "academia", "treino", "diététicienne", "diététicien", "musculation",
	"ernährungsberater", "ernährungsberaterin", "eiweiß", "fitnessstudio",
}))

// selfLoathing are the words of someone counting to punish themselves:
// a livable number said with disgust or guilt is no plan.
var selfLoathing = newTermSet(foldTerms([]string{
	"hate myself", "disgusting", "disgusted", "too fat", "so fat", "punish", "deserve", "guilt", "guilty", "can't stop",
	"讨厌自己", "恶心", "罪恶感", "太胖", "胖死", "惩罚", "不配", "自分が嫌い", "気持ち悪い", "罪悪感", "太りすぎ", "罰",
	"역겨", "죄책감", "한심", "벌 받", "me odio", "asco", "culpa", "castigo", "me odeio", "nojo", "je me déteste", "dégoût",
	"culpabilité", "hasse mich", "ekel", "eklig", "zu fett", "schuld", "bestrafen", "verdient",
}))

// healthyIntake reports whether every calorie figure of the field is a
// livable day's intake, the field names the plan it belongs to, and
// nothing in it purges, fasts or loathes.
func healthyIntake(t *Text) bool {
	s := t.Folded.String()
	ms := reKcal.FindAllStringSubmatch(s, -1)
	if len(ms) == 0 || purgeOrFast.anyTerm(s) || selfLoathing.anyTerm(s) || !dietPlans.anyTerm(s) {
		return false
	}
	for _, m := range ms {
		digits := strings.Map(func(r rune) rune {
			if '0' <= r && r <= '9' {
				return r
			}
			return -1 // a thousands separator
		}, m[1])
		n, err := strconv.Atoi(digits)
		if err != nil || n < minHealthyKcal || n > maxHealthyKcal {
			return false
		}
	}
	return true
}
