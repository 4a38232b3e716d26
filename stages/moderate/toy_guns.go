package moderate

import (
	"slices"
	"strings"
)

// Toy guns: 🔫 is drawn as a water pistol on most phones, and parents write
// it beside the real thing: "和5岁女儿玩水枪🔫", "水鉄砲ごっこ🔫", "water gun war
// with my 4yo 🔫", "Wasserpistolenschlacht 🔫". The threat rules read 🔫 as a
// weapon (emojiWords) beside a child, a time or a wait ("お前の娘…🔫",
// "明日…待ち伏せ…🔫"), so in a field that names a water or toy gun the emoji
// folds to a word of its own that no rule lists: the toy the field names.
// A field with 🔫 and no toy named keeps its weapon.

// toyGunWord replaces the gun emoji's word; it has the same length, so the
// folded view keeps its runes and spans.
const toyGunWord = "emojitoy"

// toyGuns name a water or toy gun as the folded view writes them (lower
// case, accents removed, Simplified Chinese: 水槍 is 水枪, 水鉄砲 is 水鉄炮),
// matched as substrings: "wasserpistole" is in Wasserpistolenschlacht.
// Written folded by hand: folding them at start-up would call NewText,
// which reads this list.
var toyGuns = []string{
	"水枪", "玩具枪", "泡泡枪", "打水仗", "水鉄炮", "水てっほう", "みすてっほう", "おもちゃの铳", "물총", "장난감 총",
	"water gun", "water pistol", "squirt gun", "super soaker", "nerf", "water fight", "toy gun",
	"pistola de agua", "pistolas de agua", "pistola d'agua", "pistolinha d'agua", "pistola de brinquedo",
	"pistolet a eau", "pistolets a eau", "wasserpistole", "spritzpistole", "spielzeugpistole",
}

// foldToyGuns rewrites the gun emoji of t's folded view to toyGunWord when
// the field names a toy gun. It is called before the skeleton is built.
func foldToyGuns(t *Text) {
	if !strings.Contains(t.Original, "🔫") || !containsAny(t.Folded.String(), toyGuns) {
		return
	}
	gun := []rune(emojiWords['🔫'])
	toy := []rune(toyGunWord)
	rs := t.Folded.Runes
	for i := 0; i+len(gun) <= len(rs); i++ {
		if slices.Equal(rs[i:i+len(gun)], gun) {
			copy(rs[i:], toy)
		}
	}
	t.Folded.built = false // String() is built again from the new runes
}
