package moderate

import (
	"context"
	"testing"
	"unicode/utf8"
)

func TestRulesReadMaskedWords(t *testing.T) {
	t.Parallel()
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text, rule, evidence string // rule "" for none of category harassment
	}{
		{"a leeted and masked French insult is harassment", "s@l3 p*t3, d3g4g3 de mon fil", "fr-harassment-you-are", "s@l3 p*t3"},
		{"a masked French insult after espèce de is harassment", "espèce de c*nnasse", "fr-harassment-you-are", "espèce de c*nnasse"},
		{"a masked German insult is harassment", "du bist ein W*chser", "de-harassment-you-are", "du bist ein W*chser"},
		{"a masked swear word at a car is no harassment", "p*tain de voiture qui démarre pas", "", ""},
		{"a mask at the end of a word is punctuation", "sale p* te voilà", "", ""},
		{"one letter showing spells nothing", "sale *u** de mon fil", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs, err := d.Detect(context.Background(), NewText("body", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				got := tt.text[f.Span.Start:f.Span.End]
				if tt.rule == "" && f.Category == "harassment" {
					t.Errorf("unexpected %s on %q", f.Rule, got)
				}
				if tt.rule != "" && f.Rule == tt.rule && got == tt.evidence {
					return
				}
			}
			if tt.rule != "" {
				t.Errorf("%q: want %s on %q, got %+v", tt.text, tt.rule, tt.evidence, fs)
			}
		})
	}
}

// FuzzRulesMaskedWords feeds untrusted text with masks through the rules
// detector: no panic, evidence inside the input on rune boundaries.
func FuzzRulesMaskedWords(f *testing.F) {
	d, err := DefaultRulesDetector()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"s@l3 p*t3", "espèce de c*nnasse", "*#*", "p**", "a*b*c*d", "ｓａｌｅ ｐ＊ｔｅ", "\xffp*te\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fs, err := d.Detect(context.Background(), NewText("body", s))
		if err != nil {
			t.Fatal(err)
		}
		boundary := make([]bool, len(s)+1)
		for i := 0; i < len(s); {
			boundary[i] = true
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		boundary[len(s)] = true
		for _, x := range fs {
			if x.Span.Start < 0 || x.Span.End > len(s) || x.Span.Start >= x.Span.End || !boundary[x.Span.Start] || !boundary[x.Span.End] {
				t.Fatalf("span %v of %q", x.Span, s)
			}
		}
	})
}

func TestMaskedSeesEveryMaskCharacter(t *testing.T) {
	for s, want := range map[string]bool{"p*te": true, "#tag": true, "傻＊逼": true, "傻＃逼": true, "plain words": false, "全角ａｂｃ": false, "": false} {
		if got := masked(s); got != want {
			t.Errorf("masked(%q) = %v, want %v", s, got, want)
		}
	}
}
