package moderate

import "testing"

// A parent's water-gun fight with a young child, drawn with 🔫, and cooking
// with one, drawn with 🔪, are family life in every language; the same
// emoji beside a child's school run, a wait or a door, with no toy or
// cooking named, is still a threat.
func TestHouseholdEmojiBesideTheirThingIsFamilyLife(t *testing.T) {
	s := newTestStage(t)
	miss := []string{
		"3歳の息子とお風呂で水鉄砲バトル🔫 パパ完敗、顔面に直撃されて撃沈しました笑",
		"明日は息子と公園で水鉄砲🔫 パパを待ち伏せする作戦らしい",
		"내일 아들이랑 공원에서 물총놀이🔫 아빠 퇴근하면 기다렸다가 기습하기로 했어요",
		"Mein Sohn wartet schon mit der Wasserpistole 🔫 hinter der Tür, heute Abend gibt's Rache",
		"女儿放学回家第一件事就是拿水枪🔫射我，今晚又被她打败了",
		"Got my son a new squirt gun 🔫 tomorrow we ambush his dad when he gets home from work",
		"Mañana guerra de pistolas de agua 🔫 con mi hija en el parque, papá va a caer",
		"Amanhã guerra de pistola d'água 🔫 com meu filho no parque, o papai vai se arrepender kkk",
		"Demain bataille de pistolets à eau 🔫 avec ma fille au parc, papa va regretter",
		"5歳の息子と初めての料理🔪 包丁の使い方を教えたよ",
		"Heute mit meiner 6-jährigen Tochter Gemüse geschnitten 🔪 sie war so stolz",
		"今晚和6岁儿子一起切菜🔪 他说明天还要帮我做饭",
		"Tonight my 8 year old did all the chopping 🔪 for our veggie curry recipe",
	}
	hit := []string{
		"お前の娘が毎日何時に帰るか知ってるよ。また晒したら覚悟しとけ🔫",
		"明日の朝、あいつが駅に来るのを待ち伏せする🔫",
		"내일 그 새끼 퇴근하면 기다렸다가 🔫 끝낸다",
		"Ich warte heute Abend mit der 🔫 hinter seiner Tür",
		"我知道你女儿几点放学🔫 再挂我试试看",
		"I know what time your son gets out of school 🔫 keep talking",
		"Sé a qué hora sale tu hija del colegio 🔫 sigue publicando",
		"Je sais à quelle heure ta fille sort de l'école 🔫 continue à poster",
		"お前の息子が何時に学校終わるか知ってる🔪 覚悟しとけ",
		"Ich warte heute Abend mit dem 🔪 vor seiner Tür",
	}
	wantAllowed(t, s, "a water-gun fight or cooking with a child is allowed", miss, "cn", "intl")
	wantStopped(t, s, "a weapon emoji beside a child or a wait with nothing household named still hits", hit, "intl")
}

func TestFoldHouseholdEmojiKeepsTheViewAligned(t *testing.T) {
	for body, home := range map[string]bool{
		"水鉄砲ごっこ🔫 撃沈": true, "water gun fight 🔫🔫": true, "🔫 tonight": false, "Wasserpistolenschlacht 🔫": true,
		"切菜🔪": true, "🔪 tonight": false, "🗡 vegetables": false,
	} {
		tx := NewText("body", body)
		s := tx.Folded.String()
		if got := containsAny(s, []string{"emojitoy", "emojicooks"}); got != home {
			t.Errorf("%q: folded %q, household word %v, want %v", body, s, got, home)
		}
		if len(tx.Folded.Runes) != len(tx.Folded.Spans) {
			t.Errorf("%q: %d runes, %d spans", body, len(tx.Folded.Runes), len(tx.Folded.Spans))
		}
	}
}
