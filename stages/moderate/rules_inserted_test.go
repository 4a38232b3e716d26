package moderate

import "testing"

func TestWordsWithAnInsertedSymbolSpellTheirTerm(t *testing.T) {
	rules := newTestRules(t, map[string]string{"hate.de.yaml": `
rules:
  - id: slur
    score: 0.8
    window: sentence
    all:
      - [schwuchteln]
`})
	checkFires(t, rules, []fireCase{
		{"the word as written is read", "Diese Schwuchteln sind krank", true},
		{"a dot slipped into the word is read", "Diese Schwu.chteln sind krank", true},
		{"an asterisk slipped into the word is read", "Diese Schwu*chteln sind krank", true},
		{"two symbols slipped into the word are read", "Diese Sch_wu.chteln sind krank", true},
		{"a space with the dot parts two words", "Diese Schwu. chteln sind krank", false},
		{"two symbols in one gap are no slip", "Diese Schwu..chteln sind krank", false},
		{"a dotted abbreviation spells nothing", "z.B. eine Hochzeit in St.Gallen", false},
	})
}
