package moderate

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Household emoji: 🔫 is drawn as a water pistol on most phones and 🔪 is a
// kitchen knife, and parents write them beside the real thing: "和5岁女儿玩
// 水枪🔫", "水鉄砲ごっこ🔫", "water gun war with my 4yo 🔫", "5歳の息子と初めての
// 料理🔪 包丁の使い方を教えた", "mit meiner Tochter Gemüse geschnitten 🔪". The
// threat rules read both as weapons (emojiWords) beside a child, a time or a
// wait ("お前の娘…🔫", "heute … 🔪"), so in a field that names the household
// thing (a water or toy gun; cooking, a recipe, vegetables) the emoji folds
// to a word of its own that no rule lists. A field with the emoji and no
// such thing named keeps its weapon.

// householdEmoji is one emoji's household reading: the field words that
// call it up (folded: lower case, accents removed, Simplified Chinese;
// matched as substrings, so "wasserpistole" is in Wasserpistolenschlacht)
// and the word it folds to, as long as its emojiWords word so the folded
// view keeps its runes and spans. The words are written folded by hand:
// folding them at start-up would call NewText, which reads this table.
type householdEmoji struct {
	emoji   string
	word    string
	context []string
}

var householdEmojis = []householdEmoji{
	{"🔫", "emojitoy", []string{
		"水枪", "玩具枪", "泡泡枪", "打水仗", "水鉄炮", "水てっほう", "みすてっほう", "おもちゃの铳", "물총", "장난감 총",
		"water gun", "water pistol", "squirt gun", "super soaker", "nerf", "water fight", "toy gun",
		"pistola de agua", "pistolas de agua", "pistola d'agua", "pistolinha d'agua", "pistola de brinquedo",
		"pistolet a eau", "pistolets a eau", "wasserpistole", "spritzpistole", "spielzeugpistole",
	}},
	// Not 料理 alone (お前を料理してやる is a beating), "cook" ("I'll cook you")
	// or a kitchen ("I'm in your kitchen 🔪"): what one does with the knife.
	{"🔪", "emojicooks", []string{
		"做饭", "切菜", "下厨", "包饺子", "菜谱", "食谱", "蔬菜", "初めての料理", "包丁の使い方", "野菜", "レシピ", "요리", "칼질",
		"야채", "채소", "recipe", "veggies", "vegetables", "chopping", "cooking class", "cocinar", "receta", "verduras",
		"cozinhar", "receita", "legumes", "cuisiner", "recette", "kochen", "rezept", "gemuse",
	}},
}

// foldHouseholdEmoji rewrites the weapon words of t's folded view to their
// household words when the field names the household thing. It is called
// before the skeleton is built.
func foldHouseholdEmoji(t *Text) {
	for _, h := range householdEmojis {
		if !strings.Contains(t.Original, h.emoji) || !containsAny(t.Folded.String(), h.context) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(h.emoji)
		weapon := []rune(emojiWords[r])
		home := []rune(h.word)
		rs := t.Folded.Runes
		for i := 0; i+len(weapon) <= len(rs); i++ {
			if sp := t.Folded.Spans[i]; slices.Equal(rs[i:i+len(weapon)], weapon) && t.Original[sp.Start:sp.End] == h.emoji {
				copy(rs[i:], home)
			}
		}
		t.Folded.built = false // String() is built again from the new runes
	}
}
