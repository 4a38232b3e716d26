package moderate

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

func TestLettersStandingInForDigitsAreReadInsideNumbersOnly(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"a Korean mobile with letter Os reads as digits", "번호 o1o-2345-6789 입니다", "번호 010-2345-6789 입니다"},
		{"a Chinese mobile with l for 1 reads as digits", "电话 l38 l234 5678", "电话 138 1234 5678"},
		{"i stands for 1 beside digits", "call 4i5 555 0134", "call 415 555 0134"},
		{"a word with letters of the set stays a word", "lol oil 10w40 inside taxi1", "lol oil 10w40 inside taxi1"},
		{"letters glued to a word before them stay", "polo1 2345", "polo1 2345"},
		{"an identity number ending in a letter stays", "NIE x1234567l", "NIE x1234567l"},
		{"digits alone are left as they are", "13812345678", "13812345678"},
		{"no digits, nothing read", "oil and lol", "oil and lol"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changed := digitLookalikes(tt.in)
			if got != tt.want {
				t.Errorf("digitLookalikes(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if changed != (tt.in != tt.want) {
				t.Errorf("digitLookalikes(%q) reported changed=%v", tt.in, changed)
			}
		})
	}
}

func FuzzDigitLookalikes(f *testing.F) {
	for _, s := range []string{"o1o-2345-6789", "l38 l234 5678", "lol", "", "ｏ１ｏ", "oi1l0", "a1o 2", "\xff1o"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, changed := digitLookalikes(s)
		if len(got) != len(s) {
			t.Fatalf("length %d, want %d", len(got), len(s))
		}
		diff := false
		for i := range len(s) {
			if got[i] == s[i] {
				continue
			}
			diff = true
			if !(s[i] == 'o' && got[i] == '0' || (s[i] == 'l' || s[i] == 'i') && got[i] == '1') {
				t.Fatalf("byte %d: %q became %q", i, s[i], got[i])
			}
		}
		if diff != changed {
			t.Fatalf("changed=%v, but bytes differ: %v", changed, diff)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("valid UTF-8 became invalid: %q", got)
		}
	})
}

func TestSomeoneElsesNumberDisguisedIsPersonalData(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	tests := []struct {
		name, body string
		pii        bool // labelled pii
		spam       bool // labelled spam
	}{
		{"an ex's number spelled in English words", "her number is four one five, five five five, zero one three four. go tell her what you think", true, true},
		{"a cheater's number in Chinese numerals", "这个渣男的电话是一三八一二三四五六七八，大家去骂他", true, true},
		{"a Korean number with letter Os", "이 사람 번호 O1O-2345-6789 다들 전화해서 따져주세요", true, true},
		{"a Korean number spelled in Sino-Korean words", "이 사람 번호 공일공 이삼사오 육칠팔구 다들 전화해서 따져주세요", true, true},
		{"the author's own number spelled out is spam, not someone's data", "加我微信 电话一三八一二三四五六七八 日赚五百", false, true},
		{"the author's own number in English words is spam", "text me, my number is four one five, five five five, zero one three four", false, true},
		{"a German woman's number spelled in words after 'ihre Nummer'", "Die Tussi vom Café, hier ihre Nummer: null eins fünf eins – zwo drei vier fünf – sechs sieben acht neun. Ruft sie ruhig mal an", true, true},
		{"a named man's number after 'der Typ'", "Der Typ aus dem Video heißt Tobias Krüger, Handy null-eins-sieben-sechs / drei-vier-fünf-sechs-sieben-acht-neun", true, true},
		{"an ID number and a phone spelled in numerals after it", "那個渣男身分證字號 A 一 二 三 四 五 六 七 八 九 ，電話 零九一二 三四五 六七八 ，大家幫忙傳", true, true},
		{"a teacher's home and her phone in words", "Die Lehrerin von meinem Bruder wohnt Lindenstr. 7, 80331 München, Handy null eins sieben sechs, zwei drei vier, fünf sechs sieben acht", true, true},
		{"a landlord's number spelled in words under a call to act on it", "Der Vermieter der uns rausgeworfen hat, Tel null-eins-fünf-eins / zwei drei acht acht vier eins null sieben. Macht was draus.", true, true},
		{"a number spelled first and its owner named after it", "null eins sieben sechs, zwei drei vier, fünf sechs sieben acht – das ist seine Nummer, der Typ vom Parkplatz", true, true},
		{"a cheater named after his number in numerals", "零九一二 三四五 六七八，這就是那個渣男的電話", true, true},
		{"the author's own number named after it stays spam", "一三八一二三四五六七八 是我的电话，欢迎咨询", false, true},
		{"a customer's number spelled in Korean words, shared with their address", "별점 테러한 그 손님 번호 공유함 공일공-일이삼사-오육칠팔, 주소는 서울 마포구 XX로 12 301호", true, true},
		{"a phone number in digits needs no cue to be personal data", "My ex's number is 415-555-0134, call her and tell her what she did", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := moderateBody(t, s, tt.body)
			var cats []models.Category
			for _, l := range n.Moderation.Labels {
				cats = append(cats, l.Category)
			}
			if got := slices.Contains(cats, models.CategoryPII); got != tt.pii {
				t.Errorf("pii label: %v, want %v (labels %v)", got, tt.pii, cats)
			}
			if got := slices.Contains(cats, models.CategorySpam); got != tt.spam {
				t.Errorf("spam label: %v, want %v (labels %v)", got, tt.spam, cats)
			}
			if tt.pii && n.Moderation.Markets["intl"] == models.DecisionAllow {
				t.Errorf("intl allows someone else's number: %v", n.Moderation.Markets)
			}
		})
	}
}
