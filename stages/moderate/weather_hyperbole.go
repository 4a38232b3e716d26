package moderate

import "unicode/utf8"

// The weather blamed: "this heat makes me want to die, heading to the pool
// with the kids", "Qué calor, me quiero morir, me voy a la piscina", 暑すぎて
// 死にたい、アイス買ってくる. A self-harm finding of an author at risk, in a
// field of at most maxStressRunes that names the weather as the load
// (weatherLoads) and what the author does about it (weatherRelief: a pool,
// the beach, ice cream, air conditioning, a cold shower), with nothing of
// stressRisk, is capped like stress hyperbole (stress_hyperbole.go). The
// weather named alone beside a death wish is still read: "it's so grey,
// every day I want to die" is how depression speaks too.

var (
	weatherLoads = newTermSet(foldTerms([]string{
		"this heat", "the heat", "so hot", "too hot", "heatwave", "heat wave", "humidity", "40 degrees",
		"qué calor", "que calor", "este calor", "ola de calor", "esse calor", "calorão",
		"cette chaleur", "il fait trop chaud", "trop chaud", "canicule", "diese hitze", "so heiß", "zu heiß", "hitzewelle",
		"暑すぎ", "暑い", "猛暑", "더워서", "너무 더워", "폭염", "热死", "太热", "好热", "热到", "高温",
	}))
	weatherRelief = newTermSet(foldTerms([]string{
		"pool", "beach", "ice cream", "popsicle", "air conditioning", "the ac", "a/c", "cold shower", "fan on", "iced coffee",
		"piscina", "playa", "helado", "aire acondicionado", "ducha fría", "praia", "sorvete", "ar condicionado", "banho gelado",
		"piscine", "plage", "glace", "clim", "douche froide", "freibad", "schwimmbad", "badesee", "eis essen", "ein eis", "klimaanlage",
		"kalte dusche", "プール", "海に行", "海行", "アイス", "エアコン", "かき氷", "수영장", "바다", "아이스크림", "에어컨", "빙수",
		"空调", "冷气", "冰淇淋", "雪糕", "游泳", "冰棍", "冰咖啡",
	}))
)

// weatherHyperbole reports whether t blames the weather for a death wish
// and says what it does about it, with no sign of risk.
func weatherHyperbole(t *Text) bool {
	if utf8.RuneCountInString(t.Original) > maxStressRunes {
		return false
	}
	f := t.Folded.String()
	return weatherLoads.anyTerm(f) && weatherRelief.anyTerm(f) && !stressRisk.anyTerm(f)
}
