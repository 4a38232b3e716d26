package moderate

import (
	"slices"
	"testing"
)

// The set is read from the rules' own file; an empty one would cap nothing
// and say nothing.
func TestVictimToldReadsTheRulesSet(t *testing.T) {
	got := victimTold()
	if len(got) < 50 {
		t.Fatalf("victim_told has %d terms, want the set of rules/sets.all.yaml", len(got))
	}
	for _, w := range foldTerms([]string{"me ameaçou", "porter plainte", "hat mich bedroht", "我被抢"}) {
		if !slices.Contains(got, w) {
			t.Errorf("victim_told lacks %q", w)
		}
	}
}

// Someone robbed at knifepoint who asks whether to report it is told, not
// threatening; the same words turned into revenge in a sentence of their
// own still stop.
func TestVictimToldIsNoThreat(t *testing.T) {
	s := newTableStage(t)
	wantAllowed(t, s, "a victim asking what to do is allowed", []string{
		"Fui assaltado ontem na saída do metrô, o cara me ameaçou com uma faca e levou meu celular. Alguém sabe se vale a pena fazer BO?",
		"Je me suis fait agresser hier soir à la sortie du RER, un type m'a menacée avec un couteau pour mon sac. Je porte plainte où ?",
		"Gestern Abend wurde ich am Bahnhof überfallen, der Typ hatte ein Messer und wollte mein Handy. Mir geht's gut, aber wie läuft eine Anzeige?",
		"Someone followed me from the bus stop last night and grabbed my bag. I'm okay but shaken. Should I report it even though they got nothing?",
		"Jemand hat mich als \"Zecke\" beschimpft, weil ich bei der Demo war, hab's gemeldet",
		"Got mugged at knifepoint outside the train station last night. Physically fine, mentally not. Should I report it even if they'll never catch him?",
	}, "intl", "cn")
	wantStopped(t, s, "revenge said after the robbery still stops", []string{
		"O cara me ameaçou com uma faca ontem. Amanhã eu espero ele na saída com o facão e ele vai aprender.",
		"He pulled a knife on me last week. Tonight I'm waiting outside his house with my gun and I'll shoot him.",
	}, "intl")
}
