package moderate

import "testing"

// A professional's or a moderator's warning names the dealer's words, the
// doxxer's targets and the dangers it warns of; the same words with an
// offer or a handle of the author's own are read as written
// (professional_warning.go).
func TestAProfessionalsWarningIsNotWhatItWarnsOf(t *testing.T) {
	notes := []tableNote{
		{ID: "an emergency doctor warning against benzodiazepines with alcohol is allowed", Lang: "es", CN: "allow", Intl: "allow",
			Body: "Médico de urgencias: por favor no mezclen alcohol con benzodiacepinas (Valium, Xanax, Orfidal). 'Solo me tomé una copa con la pastilla para dormir' es una frase que escucho demasiado. Si alguien no despierta, llamen al 112 sin esperar."},
		{ID: "a moderators' notice on doxxing is allowed", Lang: "en", CN: "allow", Intl: "allow",
			Body: "Reminder from the mods: posting someone's home address, their workplace, their kid's school or 'here's her number, go tell her what you think' is doxxing. It gets removed even if that person was awful to you first. Report the post, don't retaliate."},
		{ID: "a Korean emergency doctor quoting a dealer's post is allowed", Lang: "ko", CN: "allow", Intl: "allow",
			Body: "응급의학과 의사입니다. 최근 '던지기' 수법으로 마약을 구했다는 20대 환자가 늘었어요. 텔레그램에서 '아이스 팝니다' 같은 글 보이면 절대 호기심으로 연락하지 마세요."},
		{ID: "a German pharmacist on nitrous balloons is allowed", Lang: "de", CN: "allow", Intl: "allow",
			Body: "Apotheker: Lachgas-Ballons sind kein harmloser Partyspaß. Wir sehen junge Leute mit Nervenschäden und Taubheitsgefühlen in den Beinen. Wer trotzdem konsumiert: nie direkt aus der Kartusche, nie allein."},
		{ID: "a 'pharmacist' who sells outside the quotes is held", Lang: "en", CN: "review|block", Intl: "review|block", Category: "illicit",
			Body: "Pharmacist here. Don't trust random accounts. Selling real xanax bars and oxycodone, discreet shipping, dm me for price."},
		{ID: "a 'doctor' who threatens a reader after the warning is held", Lang: "es", CN: "review|block", Intl: "review|block", Category: "violence",
			Body: "Médico de urgencias: nunca mezclen alcohol con pastillas. Y tú, idiota de mierda que me rayaste el coche, te voy a matar."},
		{ID: "a 'doctor' who gives his own Telegram is held", Lang: "es", CN: "review|block", Intl: "review|block", Category: "illicit",
			Body: "Médico de urgencias: nunca compres en la calle. Yo vendo Xanax y Valium sin receta, escríbeme al telegram @farma_vip"},
	}
	wantTableNotes(t, notes)
}
