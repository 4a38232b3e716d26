package moderate

import (
	"regexp"
	"strings"
	"testing"
)

func TestMinorAgesFindChildrensAgesAsWritten(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string // the ages found, as written in the folded text
	}{
		{"an age with yo", "sexy 14yo here", []string{"14yo"}},
		{"an age with y/o and spaces", "pics of a 13 y/o", []string{"13 y/o"}},
		{"years old", "she is 15 years old", []string{"15 years old"}},
		{"a hyphenated year-old", "a 12-year-old girl", []string{"12-year-old"}},
		{"a range of ages without a unit", "young teens 13-15 only", []string{"13-15"}},
		{"a Spanish range with años", "chicas de 12 a 14 años", []string{"12 a 14 anos"}},
		{"two ages joined by y after de", "contenido de chicas de 12 y 13", []string{"12 y 13"}},
		{"two numbers far apart are no ages", "de 5 y 15 euros", nil},
		{"French ans", "elle a 14 ans", []string{"14 ans"}},
		{"German Jahre", "sie ist 13 Jahre alt", []string{"13 jahre"}},
		{"Chinese digits and 岁", "她才14岁", []string{"14岁"}},
		{"Chinese numerals", "十四岁的女孩", []string{"十四岁"}},
		{"Traditional 歲 folds to 岁", "十三歲", []string{"十三岁"}},
		{"Japanese 歳", "14歳の子", []string{"14歳"}},
		{"Korean 살", "14살 여자", []string{"14살"}},
		{"aged before the number", "girls aged 12", []string{"12"}},
		{"an adult age is not a child's", "she is 25 years old", nil},
		{"a two-digit number ending in a child's age is not one", "114岁的老人", nil},
		{"a Chinese numeral inside a larger one is not one", "二十四岁", nil},
		{"a falling range is not a range of ages", "we lost 15-13", nil},
		{"a score is not an age", "final score 10.5-12", nil},
		{"yoga is not yo", "14 yoga poses", nil},
		{"a percentage range is not an age", "rates of 12-15% a year", nil},
		{"a range before a comma", "young content, 10-13, will trade", []string{"10-13"}},
		{"a range ending a sentence", "girls only. ages 11-13.", []string{"11-13"}},
		{"a decimal after a range is not an age", "grew 10-13,5 cm", nil},
		{"a span of time in Spanish is not an age", "gracias por estos 10 años, canal de youtube", nil},
		{"a span of time in Portuguese is not an age", "há 12 anos que eu faço vídeos", nil},
		{"a span of time in French is not an age", "depuis 10 ans sur cette chaîne", nil},
		{"a span of time in German is not an age", "seit 12 Jahre dabei", nil},
		{"a span of time in English yrs is not an age", "on this channel for 12 yrs", nil},
		{"a Spanish age after de still is one", "niña de 12 años", []string{"12 anos"}},
		{"years spent doing something are no age", "Vendo mi colección de Magic, 15 años juntando cartas", nil},
		{"years spent working in Portuguese are no age", "10 anos trabalhando nisso", nil},
		{"years old after for still is an age", "pics for 13 years old", []string{"13 years old"}},
		{"a German age spelled out after erst", "bist du echt erst vierzehn? 😍", []string{"vierzehn"}},
		{"an English age spelled out after only", "are you really only fourteen?", []string{"fourteen"}},
		{"an English age spelled out with years old", "a thirteen year old girl", []string{"thirteen year old"}},
		{"a Spanish age spelled out with años", "tienes catorce años?", []string{"catorce anos"}},
		{"a Portuguese age spelled out after você tem", "você tem quinze?", []string{"quinze"}},
		{"a French age spelled out with ans", "elle a treize ans", []string{"treize ans"}},
		{"a Korean age in native numbers", "너 열네 살이야?", []string{"열네 살"}},
		{"a spelled number that counts minutes is no age", "only fifteen minutes left", nil},
		{"a spelled number that counts euros is no age", "es kostet erst zehn euro", nil},
		{"a spelled span of time is no age", "depuis quinze ans dans ce métier", nil},
		{"a spelled adult age is no age", "she is twenty years old", nil},
		{"a spelled number without a cue or a unit is no age", "we planted fourteen tomato plants", nil},
		{"a spelled span a device lasts is no age", "El DIU de cobre dura hasta diez años y no tiene hormonas", nil},
		{"a spelled age after niña de is one", "una niña de doce años", []string{"doce anos"}},
		{"more than ten years is a span of time", "hace más de diez años que vivo aquí", nil},
		{"a French girl of thirteen", "une gamine de treize ans", []string{"treize ans"}},
		{"a German spelled age with mit … Jahren", "mit vierzehn Jahren", []string{"vierzehn jahren"}},
		{"a German spelled age with Jahre alt", "sie ist dreizehn Jahre alt", []string{"dreizehn jahre alt"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := NewText("body", c.text).Folded.String()
			var got []string
			for _, r := range minorAges(f) {
				got = append(got, f[r[0]:r[1]])
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("minorAges(%q) = %q, want %q", f, got, c.want)
			}
		})
	}
}

func TestHasAgeNumberFindsWholeNumbersFiveToSeventeen(t *testing.T) {
	for s, want := range map[string]bool{
		"14yo":             true,
		"she is 5":         true,
		"13-15":            true,
		"abc12345":         false, // 12 inside a longer number
		"2 hours, 4 kids":  false,
		"18 and 21":        false,
		"box 117 and 305":  false,
		"1.5 kg":           true, // a run of one digit, 5; the patterns then decide
		"":                 false,
		"page 10":          true,
		"０９ in full width": false, // the folded view reads these as ASCII first
	} {
		if got := hasAgeNumber(s); got != want {
			t.Errorf("hasAgeNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzMinorAges(f *testing.F) {
	for _, s := range []string{"14yo", "de 12 a 14 años", "十四岁", "13-15", "aged 9", "２５歳"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := NewText("body", s)
		fs := v.Folded.String()
		// hasAgeNumber only skips work: every digit pattern needs one.
		if !hasAgeNumber(fs) {
			for _, re := range []*regexp.Regexp{reMinorAgeUnit, reMinorAgeWord, reMinorAgeRange, reMinorAgePair} {
				if re.MatchString(fs) {
					t.Fatalf("%q matches %v but hasAgeNumber is false", fs, re)
				}
			}
		}
		for _, r := range minorAges(fs) {
			if r[0] < 0 || r[1] > len(fs) || r[0] >= r[1] {
				t.Fatalf("range %v outside %q", r, fs)
			}
			sp := v.Folded.OriginalSpan(r[0], r[1])
			if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
				t.Fatalf("span %v outside the original %q", sp, s)
			}
		}
	})
}

func TestHasSpelledAgeReadsWholeWords(t *testing.T) {
	for s, want := range map[string]bool{
		"bist du echt erst vierzehn?":  true,
		"are you really only fourteen": true,
		"often present and listen":     false, // ten, sent inside words
		"dix-sept ans":                 true,
		"너 열네 살이야":                     true,
		"":                             false,
	} {
		if got := hasSpelledAge(NewText("body", s).Folded.String()); got != want {
			t.Errorf("hasSpelledAge(%q) = %v, want %v", s, got, want)
		}
	}
}
