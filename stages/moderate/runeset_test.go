package moderate

import (
	"strings"
	"testing"
)

func TestRuneSetAnswersAsContainsAny(t *testing.T) {
	for _, c := range []struct {
		name, s, chars string
		want           bool
	}{
		{"an ASCII rune of the set is found", "f*ck", "*#＊＃", true},
		{"a full-width rune of the set is found", "傻＊逼", "*#＊＃", true},
		{"a text with none of the set is not", "傻逼 fck", "*#＊＃", false},
		{"a set of only other runes", "十四岁", "岁歳才", true},
		{"an empty text", "", "*#＊＃", false},
		{"an empty set", "anything", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := newRuneSet(c.chars).in(c.s); got != c.want || got != strings.ContainsAny(c.s, c.chars) {
				t.Errorf("in(%q) = %v, want %v (strings.ContainsAny: %v)", c.s, got, c.want, strings.ContainsAny(c.s, c.chars))
			}
		})
	}
}

func FuzzRuneSet(f *testing.F) {
	for _, s := range []string{"f*ck", "傻＊逼", "十四岁", "0 6 – 1 2", "R$ 50", "a·b"} {
		f.Add(s)
	}
	sets := []string{"*#＊＃", insertedSymbols, "0123456789０１２３４５６７８９十五六七八九", "-–~～岁歲歳才살세", "$€£¥₩"}
	f.Fuzz(func(t *testing.T, s string) {
		for _, chars := range sets {
			if got, want := newRuneSet(chars).in(s), strings.ContainsAny(s, chars); got != want {
				t.Fatalf("runeSet(%q).in(%q) = %v, strings.ContainsAny = %v", chars, s, got, want)
			}
		}
	})
}
