package moderate

import (
	"strings"
	"testing"
)

func TestPricesFindAmountsAsSellersWriteThem(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string // the amounts found, as written in the folded text
	}{
		{"a dollar sign before the number", "looks legit, $60, dm", []string{"$60"}},
		{"a euro sign after the number", "geklaute Skins, 30€", []string{"30€"}},
		{"euros spelt out", "plantilla editable, 15 euros", []string{"15 euros"}},
		{"Brazilian reais with R$", "atestado R$ 50 cada", []string{"r$ 50"}},
		{"reais spelt out", "50 reais, cola no trampo", []string{"50 reais"}},
		{"French balles", "5 balles le ballon", []string{"5 balles"}},
		{"Portuguese mil", "gabarito, 2 mil, no sigilo", []string{"2 mil"}},
		{"yen", "一教科5000円", []string{"5000円"}},
		{"ten thousand yen", "一本2万円", []string{"2万円"}},
		{"Korean won", "한 펜 30만원 카톡", []string{"30만원"}},
		{"Korean man alone", "과목당 5만 쪽지", []string{"5만"}},
		{"Chinese yuan", "一盒200元", []string{"200元"}},
		{"Chinese numerals", "一包三千 北部可面交", []string{"三千"}},
		{"Traditional 塊 folds", "一支四千塊", []string{"四千块"}},
		{"a calibre is not a price", "7.62 and 9mm", nil},
		{"followers in k are not a price", "10k followers", nil},
		{"a year is not a price", "since 2017", nil},
		{"a word starting with euro is not euros", "3 eurovision songs", nil},
		{"a Chinese numeral inside a larger one", "第二十三千米", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := NewText("body", c.text).Folded.String()
			var got []string
			for _, r := range prices(f) {
				got = append(got, f[r[0]:r[1]])
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("prices(%q) = %q, want %q", f, got, c.want)
			}
		})
	}
}

func TestDigitBeforeUnitNeedsAUnitStartAfterADigit(t *testing.T) {
	for s, want := range map[string]bool{
		"80€":           true,
		"15 euros":      true,
		"30만원":          true,
		"5000円":         true,
		"2 hours":       false,
		"abc12345，日赚千元": false, // the unit follows a comma, not the digit
		"10k followers": false,
		"3  euros":      false, // two spaces: rePriceNumber takes one
		"":              false,
	} {
		if got := digitBeforeUnit(s); got != want {
			t.Errorf("digitBeforeUnit(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzPrices(f *testing.F) {
	for _, s := range []string{"$60", "30€", "R$ 50", "2万円", "30만원", "一包三千", "５０００円"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := NewText("body", s)
		fs := v.Folded.String()
		// The prefilters only skip work: neither pattern matches without.
		if !strings.ContainsAny(fs, "$€£¥₩") && rePriceSign.MatchString(fs) {
			t.Fatalf("%q matches rePriceSign without a sign", fs)
		}
		if !digitBeforeUnit(fs) && rePriceNumber.MatchString(fs) {
			t.Fatalf("%q matches rePriceNumber but digitBeforeUnit is false", fs)
		}
		for _, r := range prices(fs) {
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
