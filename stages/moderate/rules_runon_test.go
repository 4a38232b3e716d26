package moderate

import "testing"

func TestRulesReadWordsRunTogether(t *testing.T) {
	t.Parallel()
	d := newTestRules(t, map[string]string{
		"hate.es.yaml": `
rules:
  - id: group-thieves
    score: 0.8
    all: [[los gitanos, gitanos], [ladrones, unos ladrones]]
  - id: drugs-sold
    score: 0.8
    all: [[merca], [venta, vendo]]
  # Only to put "son" and "todos" in the words a run may split into, as
  # the shipped rules do.
  - id: words
    score: 0.1
    all: [[son todos], [nunca jamás]]
`,
	})
	cases := []fireCase{
		{"a group and a trait run together are read", "Losgitanossontodosunosladrones", true},
		{"a hashtag run together is read", "ya lo dije #losgitanossonladrones", true},
		{"the same words written apart still match", "los gitanos son todos unos ladrones", true},
		{"one term inside an ordinary word decides nothing", "venta de mercadería al por mayor", false},
		{"one term inside a run counts only beside another of its rule in the run", "venta: losmercanuncajamas", false},
		{"two terms of one rule inside a run count", "ya saben: ventamercanuncajamas", true},
		{"a run that does not split into known words is not read", "losgitanosxqzsonladrones", false},
		{"a run written with a capital inside the field is a name", "hoy vino Losgitanossonladrones", false},
		{"a handle is not read", "seguid a @losgitanossonladrones", false},
		{"a short run is not read", "gitanosladrones", false},
	}
	checkFires(t, d, cases)
}
