package moderate

import (
	"regexp"
	"strconv"
)

// A healthy day's intake: "ダイエット中だけど1日1600kcalは守って、ちゃんと食べてる",
// "减脂期一天吃1500大卡", "Tracking calories for my first cut, 2200 a day".
// The intent models learnt dieting words from pro-ana posts (a daily
// number, 守る, "max") and read a sensible plan as one. Pro-ana counts
// starve (300, 500, 800 a day); a field whose every calorie figure is a
// day an adult can live on (minHealthyKcal and up) and that names no
// purge, fast or ana is dieting, and the classifiers' self_harm in it
// decides nothing. The rules, which read the starving numbers and the
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
var purgeOrFast = foldTerms([]string{
	"purge", "purging", "throw up", "laxative", "thinspo", "pro ana", "pro-ana", "proana", "meanspo", "fasting", "fast until",
	"催吐", "吐掉", "抠喉", "泻药", "断食", "绝食", "骨感", "吐いて", "吐く", "下剤", "断食", "拒食", "먹토", "토하", "단식", "프로아나", "뼈말라",
	"vomit", "vomir", "vomitar", "kotzen", "erbrechen", "abführ", "ayuno", "jejum", "jeûne", "fasten",
})

// healthyIntake reports whether every calorie figure of the field is a
// livable day's intake and nothing in it purges or fasts.
func healthyIntake(t *Text) bool {
	s := t.Folded.String()
	ms := reKcal.FindAllStringSubmatch(s, -1)
	if len(ms) == 0 || containsTermAny(s, purgeOrFast) {
		return false
	}
	for _, m := range ms {
		digits := make([]byte, 0, len(m[1]))
		for i := 0; i < len(m[1]); i++ {
			if c := m[1][i]; c >= '0' && c <= '9' {
				digits = append(digits, c)
			}
		}
		n, err := strconv.Atoi(string(digits))
		if err != nil || n < minHealthyKcal || n > maxHealthyKcal {
			return false
		}
	}
	return true
}
