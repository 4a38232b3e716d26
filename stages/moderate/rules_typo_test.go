package moderate

import (
	"context"
	"testing"
)

func TestRulesReadMisspelledTermsOfTheFieldsLanguage(t *testing.T) {
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, text string
		fires      bool
	}{
		{"two swapped letters of a group word", "all immigratns are parasites and should leave", true},
		{"an inner letter missing from a long word", "all immgrants are parasites and should leave", true},
		{"the words spelled right", "all immigrants are parasites and should leave", true},
		{"a Spanish insult is not read in an English carbon", "Tom does not know the difference between charcoal and carbon.", false},
		{"a missing first letter is no typo", "the laughter of women filled the hall", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, _ := d.Detect(context.Background(), NewText("body", c.text))
			if got := len(fs) > 0; got != c.fires {
				t.Errorf("%q: findings %v, want some: %v", c.text, fs, c.fires)
			}
		})
	}
}

func TestTypoIndexKeepsTheStartAndSkipsShortWords(t *testing.T) {
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	en := d.typos[langEn]
	for _, w := range []string{"aughter", "laughter", "wmen", "kil"} {
		if len(en[w]) > 0 {
			t.Errorf("%q is indexed as a typo of a rule term", w)
		}
	}
	if len(en["immigratns"]) == 0 {
		t.Error("no swap of immigrants is indexed")
	}
}

func TestJoinedFragmentsNeverSpellAVeto(t *testing.T) {
	d := newTestRules(t, map[string]string{"harassment.es.yaml": "rules:\n  - {id: a, score: 0.6, all: [[payaso]], none: [serie]}\n"})
	for _, c := range []struct {
		name, text string
		fires      bool
	}{
		{"words that happen to join into the veto do not veto", "todo el mundo se ríe del payaso de tu novio", true},
		{"the veto written as one word still vetoes", "mira la serie del payaso", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs, _ := d.Detect(context.Background(), NewText("body", c.text))
			if got := len(fs) > 0; got != c.fires {
				t.Errorf("%q: findings %v, want some: %v", c.text, fs, c.fires)
			}
		})
	}
}
