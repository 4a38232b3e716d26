package moderate

import "testing"

func TestRulesReadTwoWordsGlued(t *testing.T) {
	t.Parallel()
	d := newTestRules(t, map[string]string{
		"hate.en.yaml": `
rules:
  - id: hate-expression
    score: 0.8
    all: [[i, we], [hate, despise], [women, immigrants]]
  - id: group-vermin
    score: 0.8
    all: [[immigrants, women], [vermin, scumbags]]
  - id: rapists
    score: 0.8
    all: [[rapists], [women, immigrants]]
  - id: thirsty
    score: 0.8
    all: [[thirsty], [kids]]
`,
	})
	cases := []fireCase{
		{"a pronoun glued to its verb is read beside the group written after it", "Ihate women", true},
		{"the same words written apart match", "I hate women", true},
		{"a function word glued to a long term is read", "immigrants are justvermin", true},
		{"a term glued alone decides nothing when the rest is missing", "Ihate mondays", false},
		{"a known word with an ending is never split", "therapists for women", false},
		{"two content words glued are a compound, not read", "bloodthirsty kids at laser tag", false},
		{"a capital inside the field is a name, not read", "we met Ihate women", false},
		{"a hashtag is glued on purpose, not read", "#Ihate women", false},
		{"a handle is not read", "follow @Ihate women", false},
		{"a field in another language is not read", "Yo no sé por qué Ihate las women de la película", false},
	}
	checkFires(t, d, cases)
}
