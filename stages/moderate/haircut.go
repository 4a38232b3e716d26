package moderate

import "unicode/utf8"

// A haircut done at home: "mon miroir et moi on est en froid depuis que
// j'ai coupé ma frange moi-même", "cut my own bangs at 2am", 自分で前髪切った.
// The intent models learnt cutting oneself from people at risk, and a
// fringe cut by one's own hand shares its words ("coupé … moi-même" scored
// 0.96 in French). The classifier's self_harm is capped in a field of at
// most maxStressRunes that names hair (haircutHair) and a cut (haircutCut),
// with nothing of stressRisk and no skin, blood or finality beside them
// (haircutRisk), in capClassifierSelfHarmCameThrough: "cut my own hair
// short tonight, my last haircut, the letter is on the desk" is still read.
// Rules and lexicons are not capped.

var (
	haircutHair = newTermSet(foldTerms([]string{
		"bangs", "fringe", "my hair", "own hair", "haircut", "hair cut", "flequillo", "el pelo", "mi pelo", "cabello", "melena",
		"franja", "cabelo", "meu cabelo", "frange", "mes cheveux", "les cheveux", "ma coupe", "meine haare", "die haare", "haarschnitt",
		"前髪", "髪を", "髪切", "앞머리", "머리를 잘", "머리 잘", "刘海", "劉海", "头发", "頭髮", "剪发", "剪髮",
	}))
	haircutCut = newTermSet(foldTerms([]string{
		"cut", "cutting", "chopped", "trim", "trimmed", "corté", "corte", "cortar", "cortei", "cortou", "cortado", "cortada", "coupé", "coupée", "couper", "coupe", "geschnitten", "schneiden",
		"切った", "切る", "切りすぎ", "잘랐", "자르", "잘라", "剪", "修了",
	}))
	haircutRisk = newTermSet(foldTerms([]string{
		"wrist", "arm", "thigh", "skin", "blood", "bleed", "blade", "scar", "last", "letter", "muñeca", "sangre", "piel", "pulso", "pulsos",
		"último", "última", "carta", "pele", "sangue", "braço", "coxa", "poignet", "sang", "peau", "cuisse", "dernière", "dernier",
		"handgelenk", "blut", "haut", "narbe", "letzte", "brief", "手首", "血", "傷", "最後", "遺書", "손목", "피가", "흉터", "마지막", "유서",
		"手腕", "伤", "最后", "遗书",
	}))
)

// homeHaircut reports whether t tells of hair cut, with no sign of risk.
func homeHaircut(t *Text) bool {
	if utf8.RuneCountInString(t.Original) > maxStressRunes {
		return false
	}
	f := t.Folded.String()
	return haircutHair.anyTerm(f) && haircutCut.anyTerm(f) && !haircutRisk.anyTerm(f) &&
		!stressRisk.anyTerm(f)
}
