package moderate

import "unicode/utf8"

// A vow of exasperation whose consequence hurts no one: "if my neighbor plays
// drums at midnight one more time I swear I will call the landlord", "if the
// dog barks at 5am one more time I'll scream into a pillow", "si mi compi se
// come mi yogur otra vez, me mudo". The intent models learnt "if … one more
// time … I swear I'll" from threats and read the template, not the act. Their
// violence in a short field that holds the template (vowAgain), an act that
// harms no one (harmlessActs) and no harm at all (vowHarm: a weapon, a blow,
// fire, killing) is capped like reported speech. The rules read threats
// made this way on their own ("… I swear I will burn his house down").

var (
	vowAgain = newTermSet(foldTerms([]string{
		"one more", "once more", "again and i", "una vez más", "una vez mas", "otra vez", "mais uma vez", "de novo",
		"encore une fois", "encore un", "noch einmal", "noch ein mal", "nochmal", "noch mal",
	}))
	harmlessActs = newTermSet(foldTerms([]string{
		"call the landlord", "call the police", "call the cops", "call building management", "scream into a pillow", "scream into",
		"move out", "lose my mind", "lose it", "go insane", "quit", "quitting", "complain", "file a complaint", "leave a review",
		"buy earplugs", "cry", "report it", "report them", "unfollow", "block them", "change the password", "change the wifi",
		// Round 31: paperwork brought to a meeting ("i'm bringing a printed copy of my contract to the friday meeting").
		"printed copy", "a copy of my contract", "my contract", "the receipts", "my receipts", "my lawyer", "a lawyer", "go to hr",
		"going to hr", "email hr", "union rep", "escalate",
		"me mudo", "llamo al casero", "llamo a la policía", "me vuelvo loca", "me vuelvo loco", "renuncio", "pongo una queja",
		"ligo pro síndico", "chamo a polícia", "fico louca", "fico louco", "peço demissão",
		"je déménage", "j'appelle le proprio", "j'appelle la police", "je deviens folle", "je deviens fou", "je démissionne",
		"ziehe ich aus", "zieh ich aus", "rufe ich den vermieter", "ruf ich den vermieter", "rufe ich die polizei",
		"werde ich wahnsinnig", "kündige ich", "beschwere ich mich",
	}))
	vowHarm = newTermSet(foldTerms([]string{
		"kill", "murder", "hurt", "punch", "stab", "shoot", "burn", "break his", "break her", "break your", "beat", "knife", "gun",
		"rifle", "shotgun", "pistol", "weapon", "bat", "blade",
		"matar", "mato", "quemo", "pego", "golpe", "cuchillo", "pistola", "tuer", "frapper", "brûler", "couteau",
		"umbringen", "schlagen", "anzünden", "messer", "bater", "queimo", "faca",
	}))
)

// harmlessVow reports whether t vows, in exasperation, an act that harms
// no one.
func harmlessVow(t *Text) bool {
	if utf8.RuneCountInString(t.Original) > maxKinHyperboleRunes {
		return false
	}
	f := t.Folded.String()
	return vowAgain.anyTerm(f) && harmlessActs.anyTerm(f) && !vowHarm.anyTerm(f)
}
