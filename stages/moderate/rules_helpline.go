package moderate

import "strings"

// helplineTerm reports whether a rule term names a crisis line or its
// number (helplines, self_harm_outreach.go). The rules of a person at risk
// (support) list them as vetoes, for outreach ("call the CVV on 188 if
// you're thinking of suicide"); but someone who called one and is at risk
// again says so with a "but" and an "again" ("Eu liguei pro CVV uma vez e
// fez diferença, mas hoje tô pensando em suicídio de novo", "上次打热线帮了
// 我，但今天又想死了", round 45), and in such a field (helpedButStill) a
// helpline vetoes nothing. NewRulesDetector marks such terms once
// (pattern.helpline).
func helplineTerm(term string) bool {
	return helplines.anyTerm(NewText("term", strings.Trim(term, "*")).Folded.String())
}

// butStill are the contrast that follows help told ("but", "pero", 但,
// けど, 는데) in the folded text; relapseMarkers (self_harm_outreach.go)
// the "again" or "still" after it.
var butStill = newTermSet(foldTerms([]string{
	"but", "yet", "though", "pero", "mas", "porém", "mais", "aber", "但", "但是", "可是", "不过", "けど", "けれど", "が、",
	"는데", "지만", "그런데", "근데",
	// or help that did not help ("Já liguei pro CVV, não adiantou, continuo pensando em me matar")
	"didn't help", "did not help", "no sirvió", "no me ayudó", "não adiantou", "não ajudou", "n'a pas aidé", "ça n'a rien changé",
	"hat nicht geholfen", "没用", "没有用", "効果なかった", "소용없",
}))

// helpedButStill reports whether field t tells of help and then of the
// author's risk again: a contrast and a relapse marker after it.
func helpedButStill(t *Text) bool {
	s := t.Folded.String()
	found := false
	butStill.any(s, func(s string, i, j int) bool {
		if termEdge(s, i, j) && containsTermAny(s[j:], relapseMarkers) {
			found = true
		}
		return found
	})
	return found
}
