package moderate

import (
	"sync"
)

// The author told as the victim: "fui assaltado ontem, o cara me ameaçou
// com uma faca e levou meu celular… vale a pena fazer BO?", "got mugged at
// knifepoint last night… should I report it?". The words are a violent
// scene's, and the intent models read them as one; the note tells what was
// done to its author and asks what to do next. The phrases are the rules'
// own set victim_told (rules/sets.all.yaml), which every language's
// reporting set and the retaliation rules read as a veto, so the analyst
// who extends one extends both.
//
// Only the classifiers' violence is read here (classifier_context.go): the
// rules veto it in the sentences a match touches, and a threat of revenge
// in a sentence of its own ("he threatened me. Tomorrow I'll wait for him
// with a bat") keeps its rule finding.

// victimToldSet names the set of rules/sets.all.yaml read here.
const victimToldSet = "victim_told"

// victimTold returns the set's terms, folded like the text they are looked
// for in. The embedded rules are checked when the package's rules compile
// (DefaultRulesDetector), so a set that fails to load here is empty.
var victimTold = sync.OnceValue(func() []string {
	data, err := embeddedRules.ReadFile("rules/sets.all.yaml")
	if err != nil {
		return nil
	}
	spec, err := parseRuleFile(data)
	if err != nil {
		return nil
	}
	terms := make([]string, 0, len(spec.Sets[victimToldSet]))
	for _, e := range spec.Sets[victimToldSet] {
		terms = append(terms, e.text)
	}
	return foldTerms(terms)
})

// victimToldFrame reports whether the field tells its author as the
// victim of an attack, a robbery or a threat.
func victimToldFrame(t *Text) bool {
	return containsTermAny(t.Folded.String(), victimTold())
}
