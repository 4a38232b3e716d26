package moderate

import (
	"context"
	"strings"
	"testing"
)

func TestRulesReadMisspelledTermsOfTheFieldsLanguage(t *testing.T) {
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	checkFires(t, d, []fireCase{
		{"two swapped letters of a group word", "all immigratns are parasites and should leave", true},
		{"an inner letter missing from a long word", "all immgrants are parasites and should leave", true},
		{"an inner letter missing from a seven-letter group word", "Las mujres son inferiores, punto.", true},
		{"the words spelled right", "all immigrants are parasites and should leave", true},
		{"a Spanish insult is not read in an English carbon", "Tom does not know the difference between charcoal and carbon.", false},
		{"a missing first letter is no typo", "the laughter of women filled the hall", false},
	})
}

func TestAShortTermsMisspellingNeedsAPartnerReadAsWritten(t *testing.T) {
	d := newTestRules(t, map[string]string{
		"hate.en.yaml":      "rules:\n  - {id: a, score: 0.8, window: sentence, all: [[hate, hatred, idiot], [immigrants, muslim]], none: [movie]}\n",
		"profanity.en.yaml": "rules:\n  - {id: b, score: 0.5, all: [[idiot]]}\n",
	})
	checkFires(t, d, []fireCase{
		{"a missing letter of a six-letter term beside a group read as written", "I have so much hatrd for immigrants", true},
		{"a swap in a five-letter term beside a group", "every muslim is an idoit", true},
		{"two weak misspellings together stand for nothing", "so much hatrd for a muslm", false},
		{"a weak misspelling alone stands for nothing", "so much hatrd today", false},
		{"a rule of one group never fires on a weak misspelling", "that was idoit", false},
		{"a weak misspelling of a veto vetoes nothing", "the mvoie: every muslim is an idiot", true},
		{"a misspelling of four letters is not read", "I haet immigrants", false},
	})
}

func TestTypoIndexKeepsTheStartAndSkipsShortWords(t *testing.T) {
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	en := d.typos[langEn]
	for _, w := range []string{"aughter", "laughter", "wmen", "kil"} {
		if len(en.get([]byte(w))) > 0 {
			t.Errorf("%q is indexed as a typo of a rule term", w)
		}
	}
	if len(en.get([]byte("immigratns"))) == 0 {
		t.Error("no swap of immigrants is indexed")
	}
}

func TestJoinedFragmentsNeverSpellAVeto(t *testing.T) {
	d := newTestRules(t, map[string]string{"harassment.es.yaml": "rules:\n  - {id: a, score: 0.6, all: [[payaso]], none: [serie]}\n"})
	checkFires(t, d, []fireCase{
		{"words that happen to join into the veto do not veto", "todo el mundo se ríe del payaso de tu novio", true},
		{"the veto written as one word still vetoes", "mira la serie del payaso", false},
	})
}

func TestFragmentsAcrossPunctuationAndASpaceDoNotJoin(t *testing.T) {
	d := newTestRules(t, map[string]string{"profanity.es.yaml": "rules:\n  - {id: a, score: 0.5, all: [[mamadas]]}\n"})
	checkFires(t, d, []fireCase{
		{"a word broken by a space joins", "puras ma madas en la tele", true},
		{"a word broken by a dot joins", "puras mama.das", true},
		{"two words of a sentence parted by a comma and a space do not", "Hallo Mama, das ist meine neue Nummer", false},
	})
}

func TestRealWordsAreNoMisspellings(t *testing.T) {
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, word, text string }{
		{"German 'zusammen' is not 'zuspammen' with a letter missing", "zusammen", "Wir haben zusammen das Konto auf privat gestellt und besprochen, dass sie niemandem ihr Alter verrät."},
		{"German 'streben' is not 'sterben' with two letters swapped", "streben", "Ich will heute nicht mehr streben, ich will nur schlafen."},
		{"Portuguese 'perdas' is not 'pedras' with two letters swapped", "perdas", "Vamos jogar as perdas do mês na cara do gerente na reunião."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := d.Detect(context.Background(), NewText("body", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				if strings.Contains(tt.text[f.Span.Start:f.Span.End], tt.word) {
					t.Errorf("%q: %s (%s %.2f) fired on %q", tt.text, f.Rule, f.Category, f.Score, tt.text[f.Span.Start:f.Span.End])
				}
			}
		})
	}
}
