package moderate

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, folded, skeleton string
	}{
		{"full-width letters fold to ASCII", "ｆｕｌｌ", "full", "fui"},
		{"upper case folds to lower", "HeLLo", "hello", "heio"},
		{"zero-width and bidi controls vanish", "a\u200bb\u202ec\u2066d\ufeff", "abcd", "abcd"},
		{"combining marks are stripped", "fu\u0301ck", "fuck", "fuck"},
		{"Cyrillic look-alikes fold to Latin", "сunt", "cunt", "cunt"},
		{"Greek look-alikes fold to Latin", "κιll", "kill", "ki"},
		{"Traditional Chinese folds to Simplified", "你個傻逼", "你个傻逼", "你个傻逼"},
		{"Traditional characters beyond the rules' words fold too (OpenCC's table)", "韃子滾回去 殭屍蔥餅", "鞑子滚回去 僵尸葱饼", "鞑子滚回去僵尸葱饼"},
		{"variants OpenCC keeps fold to the rules' form", "妳著", "你着", "你着"},
		{"leet folds inside words", "sh1t h3ll0 @ss", "sh1t h3ll0 @ss", "shit heio as"},
		{"numbers stay numbers", "2025 年", "2025 年", "2025年"},
		{"dingbat circled digits fold to digits", "➊➋ ❸❹ ➄➅", "12 34 56", "12 34 56"},
		{"trailing punctuation is not leet", "wow!", "wow!", "wow"},
		{"a final @ after a letter is an a, a lone @ is not", "p0rr@ m3rd@ @ x", "p0rr@ m3rd@ @ x", "pora merda x"},
		{"a euro sign inside a word is an e", "s€ins m€rde 20€", "s€ins m€rde 20€", "seins merde 20"},
		{"a copyright sign inside a word is a c", "f!©k alles ©2024", "f!©k alles ©2024", "fick aies 2024"},
		{"spaced letters join", "s p a c e d", "s p a c e d", "spaced"},
		{"dotted letters join", "f.u.c.k", "f.u.c.k", "fuck"},
		{"digits and symbols spelt one at a time among letters are leet", "w h @ t s @ p p", "w h @ t s @ p p", "whatsap"},
		{"a spaced slur with leet digits joins as its word", "m 0 n g 0 l 1 c 0 s", "m 0 n g 0 l 1 c 0 s", "mongoicos"},
		{"spaced digits without letters stay a number", "3 3 - 1 8 4 7", "3 3 - 1 8 4 7", "31847"},
		{"two spaces part the words of a phrase spelt out letter by letter", "m a k e  a  d a y  f r o m  h o m e", "m a k e  a  d a y  f r o m  h o m e", "make a day from home"},
		{"a game tag after a player's name keeps its digits", "닉은 감자왕#KR1 골드", "닉은 감자왕#kr1 골드", "닉은 감자왕 kr1 골드"},
		{"spaced Hangul syllables join in runs of three or more", "짱 깨 들 은 다 바 퀴 벌 레", "짱 깨 들 은 다 바 퀴 벌 레", "짱깨들은다바퀴벌레"},
		{"a pair of one-syllable Korean words stays apart", "좀 더 주세요", "좀 더 주세요", "좀 더 주세요"},
		{"a Korean word parted by a dot joins", "대.마 구해요", "대.마 구해요", "대마 구해요"},
		{"spaced katakana join in runs of three or more", "ス ピ ー ド 欲しい", "ス ヒ ー ト 欲しい", "スヒート欲しい"},
		{"a Korean word and a one-syllable word stay apart", "네. 좋아", "네. 좋아", "네 좋아"},
		{"a masked kana pair stays apart", "エ□い", "エ□い", "エ い"},
		{"spaced kana ending on the next word join it", "チ ョ ンは日本から出ていけ", "チ ョ ンは日本から出ていけ", "チョンは日本から出ていけ"},
		{"a spaced kana pair joins the Han suffix it ends on", "シ ナ 人は来るな", "シ ナ 人は来るな", "シナ人は来るな"},
		{"a spaced kana run of three joins the word it ends on", "ゴ キ ブ リと同じ", "コ キ フ リと同し", "コキフリと同し"},
		{"one spaced kana before a kana word stays apart", "ね あのね", "ね あのね", "ね あのね"},
		{"spaced kana starting on the word before join it", "マジでこ ろ す。", "マシてこ ろ す。", "マシてころす"},
		{"one spaced kana after a kana word stays apart", "あのね ね", "あのね ね", "あのね ね"},
		{"Korean words of two syllables stay apart", "너 진짜 왜 그래", "너 진짜 왜 그래", "너 진짜 왜 그래"},
		{"separators between Han vanish", "傻*逼", "傻*逼", "傻逼"},
		{"a dot masking a kana word vanishes", "チョ.ンお断り", "チョ.ンお断り", "チョンお断り"},
		{"a middle dot still parts katakana words", "カフェ・ミモザ", "カフェ・ミモサ", "カフェ ミモサ"},
		{"Han repeats stay", "妈妈", "妈妈", "妈妈"},
		{"Latin repeats collapse", "fuuuuck", "fuuuuck", "fuck"},
		{"emoji letters fold", "\U0001F1EB\U0001F1FA", "fu", "fu"},
		{"mathematical letters fold", "𝐟𝐮𝐜𝐤", "fuck", "fuck"},
		{"invalid bytes are dropped", "a\xffb", "ab", "ab"},
		{"a contraction's apostrophe joins its halves", "I don't, can’t, won't", "i don't, can’t, won't", "i dont cant wont"},
		{"a contraction written without its apostrophe is the same word", "i dont cant wont", "i dont cant wont", "i dont cant wont"},
		{"other contractions keep a space", "you're sure we're he'll i've she'd", "you're sure we're he'll i've she'd", "you re sure we re he i i ve she d"},
		{"a possessive stays apart from its word", "john's", "john's", "john s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			x := NewText("body", tt.in)
			if got := x.Folded.String(); got != tt.folded {
				t.Errorf("folded = %q, want %q", got, tt.folded)
			}
			if got := x.Skeleton.String(); got != tt.skeleton {
				t.Errorf("skeleton = %q, want %q", got, tt.skeleton)
			}
			checkSpans(t, tt.in, &x.Folded)
			checkSpans(t, tt.in, &x.Skeleton)
		})
	}
}

// checkSpans asserts the offset contract: in range, non-empty, monotone and
// on rune boundaries of the original.
func checkSpans(t *testing.T, orig string, v *View) {
	t.Helper()
	if len(v.Spans) != len(v.Runes) {
		t.Fatalf("%d spans for %d runes", len(v.Spans), len(v.Runes))
	}
	boundary := make([]bool, len(orig)+1)
	for i := 0; i < len(orig); {
		boundary[i] = true
		_, size := utf8.DecodeRuneInString(orig[i:])
		i += size
	}
	boundary[len(orig)] = true
	prev := Span{}
	for i, sp := range v.Spans {
		if sp.Start < 0 || sp.End > len(orig) || sp.Start >= sp.End {
			t.Fatalf("span %d %v out of range for %d bytes", i, sp, len(orig))
		}
		if !boundary[sp.Start] || !boundary[sp.End] {
			t.Fatalf("span %d %v not on rune boundaries of %q", i, sp, orig)
		}
		if i > 0 && (sp.Start < prev.Start || sp.End < prev.End) {
			t.Fatalf("span %d %v goes back from %v", i, sp, prev)
		}
		prev = sp
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", "ｆｕｌｌ-width", "傻*逼", "s p a c e d", "f.u.c.k", "a\u200bb", "сunt", "加V信", "➕V 12345",
		"\xff\xfe", "e\u0301\u0301\u0301", "ﷺ", "ﬃ", "\U0001F1EB", "ǅ", "İstanbul", "1l|!", "妈妈妈",
		strings.Repeat("a ", 50), "\u202egnp.exe", "Ǆ\u0345", "plug🍃❄️dm", "🔪🔪🔪", "짱 깨 들 은", "가 나 a 다 라", "(((they)))", "a(((((", "⚡ϟᛋ(((",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x := NewText("body", s)
		checkSpans(t, s, &x.Folded)
		checkSpans(t, s, &x.Skeleton)
		if len(x.Skeleton.Counts) != len(x.Skeleton.Runes) || len(x.Skeleton.Spaced) != len(x.Skeleton.Runes) {
			t.Fatal("skeleton side arrays out of step")
		}
		for k, j := range x.Skeleton.Joins {
			if j <= 0 || int(j) >= x.Skeleton.Len() || k > 0 && j <= x.Skeleton.Joins[k-1] {
				t.Fatalf("joins %v out of order or outside the skeleton of %d runes", x.Skeleton.Joins, x.Skeleton.Len())
			}
		}
		// A Text reused from the pool, after a longer text with Han,
		// repeats and contractions, reads s exactly as a new one does.
		var y Text
		y.normalize("title", "妈妈 don't fuuuck ｆｕｌｌ s p a c e d 🔪 "+strings.Repeat("加V信 ", 20))
		_ = y.Folded.String()
		y.clear()
		y.normalize("body", s)
		if !sameViews(&x.Folded, &y.Folded) || !sameViews(&x.Skeleton, &y.Skeleton) || x.HasHan != y.HasHan {
			t.Fatalf("a reused Text reads %q differently from a new one", s)
		}
		str := x.Folded.String()
		for i := 0; i < len(str); i++ {
			sp := x.Folded.OriginalSpan(i, i+1)
			if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
				t.Fatalf("OriginalSpan(%d) = %v", i, sp)
			}
		}
	})
}

// sameViews reports whether two views hold the same runes, spans, counts,
// spacing, joins and string (nil and empty side arrays alike).
func sameViews(a, b *View) bool {
	return slices.Equal(a.Runes, b.Runes) && slices.Equal(a.Spans, b.Spans) && slices.Equal(a.Counts, b.Counts) &&
		slices.Equal(a.Spaced, b.Spaced) && slices.Equal(a.Joins, b.Joins) && a.String() == b.String()
}

func BenchmarkNormalize(b *testing.B) {
	s := "今天去了一家很棒的咖啡店 ☕️ The latte was amazing, highly recommend! #coffee #上海"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		NewText("body", s)
	}
}

func TestEmojiOfSubstancesAndWeaponsBecomeWords(t *testing.T) {
	cases := []struct{ name, text, skeleton string }{
		{"a knife between words is a word of its own", "see you🔪tonight", "se you emojiknife tonight"},
		{"a snowflake with its variation selector is one word", "plugs ❄️ dm", "piugs emojisnow dm"},
		{"other emoji are still dropped", "hotpot 🍲 tonight", "hotpot tonight"},
		{"animals standing in for a group in coded hate are words", "another 🦍🍉 on campus", "another emojigoria emojimeion on campus"},
		{"SS bolts, drawn as emoji or letters, are words", "1488 ⚡⚡ ϟϟ", "148 emojiboit emojiboit emojiboit emojiboit"},
		{"the triple-parentheses echo is a word", "(((they))) own it", "echoparens they own it"},
		{"one or two parentheses stay punctuation", "((they)) own it (really)", "they own it reaiy"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := NewText("body", c.text)
			if got := string(x.Skeleton.Runes); got != c.skeleton {
				t.Errorf("skeleton of %q = %q, want %q", c.text, got, c.skeleton)
			}
			checkSpans(t, c.text, &x.Skeleton)
		})
	}
}

// TestTraditionalFoldStartsAtHan: normalize looks Traditional characters up
// only from hanStart on, so no key of the table may lie below it.
func TestTraditionalFoldStartsAtHan(t *testing.T) {
	t.Parallel()
	for k := range traditionalToSimplified {
		if k < hanStart {
			t.Errorf("%U folds to %U but lies below hanStart", k, traditionalToSimplified[k])
		}
	}
}

// TestFoldTableAgreesWithFoldRune checks every rune of the Basic
// Multilingual Plane: fold, which reads bmpFolds, gives what the slow path
// (decomposition, then foldRune) gives, with the same spans.
func TestFoldTableAgreesWithFoldRune(t *testing.T) {
	var got, want View
	for r := rune(utf8.RuneSelf); r < bmpEnd; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		s := "a" + string(r) + "b"
		fold(s, &got)
		want.Runes, want.Spans = []rune{'a'}, []Span{{0, 1}}
		foldNonASCII(&want, r, Span{1, 1 + utf8.RuneLen(r)})
		want.Runes = append(want.Runes, 'b')
		want.Spans = append(want.Spans, Span{len(s) - 1, len(s)})
		if !slices.Equal(got.Runes, want.Runes) || !slices.Equal(got.Spans, want.Spans) {
			t.Fatalf("fold(%q) = %q %v, want %q %v", s, string(got.Runes), got.Spans, string(want.Runes), want.Spans)
		}
	}
}

func TestUnleetDigitsReadsDigitsInsideWordsAsLetters(t *testing.T) {
	for s, want := range map[string]string{
		"¿tienes d0ce o tr3ce?": "¿tienes doce o trece?",
		"tienes 13 años":        "tienes 13 años", // a number stays a number
		"quinz3 ans":            "quinz3 ans",     // a digit at a word's edge too
		"b4by 14yo":             "baby 14yo",
		"":                      "",
		"a2":                    "a2",
		"ph f1ve-f1ve-f1ve":     "ph five-five-five",
	} {
		if got := unleetDigits(s); got != want {
			t.Errorf("unleetDigits(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzUnleetDigits(f *testing.F) {
	for _, s := range []string{"d0ce", "tr3ce años", "十四岁", "a1b2c3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := unleetDigits(s)
		if len(got) != len(s) {
			t.Fatalf("unleetDigits(%q) = %q: length %d, want %d", s, got, len(got), len(s))
		}
		if again := unleetDigits(got); again != got {
			t.Fatalf("unleetDigits is not idempotent on %q: %q then %q", s, got, again)
		}
	})
}
