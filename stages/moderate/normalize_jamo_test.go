package moderate

import (
	"strings"
	"testing"
)

func TestComposeJamo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string // want: the folded view
	}{
		{"letters spelt one by one become syllables", "ㅈㅏㅅㅏㄹ", "자살"},
		{"a trailing consonant stays with its syllable before the next one", "ㅈㅏㅅㅏㄹㅎㅏㄹㄹㅐ", "자살할래"},
		{"compound trailing consonants are kept", "ㄷㅏㄺㄱㅗㄱㅣ ㅇㅓㅄㄷㅏ", "닭고기 없다"},
		{"a run that is not wholly syllables stays", "ㄱㅏㅂㅅㅅㅏ", "\u1100\u1161\u1107\u1109\u1109\u1161"},
		{"a spelt word inside a sentence is composed", "나 ㅈㅏㅅㅏㄹ 할래", "나 자살 할래"},
		{"laughter stays", "ㅋㅋㅋ 웃겨", "ᄏᄏᄏ 웃겨"},
		{"crying stays", "ㅠㅠ 슬퍼", "ᅲᅲ 슬퍼"},
		{"an initialism before crying stays", "ㅈㅅㅠㅠ", "ᄌ슈ᅲ"},
		{"one spelt syllable alone stays", "ㅇㅏ", "아"},
		{"syllables written normally are untouched", "자살 예방", "자살 예방"},
		{"a Latin r drawn for the vowel before a syllable is read as it", "ㅋr톡 아이디", "카톡 아이디"},
		{"an r after a consonant at the end of a word stays", "ㅋr 웃겨", "ᄏr 웃겨"},
		{"a final consonant typed apart before a syllable of silent ㅇ joins its syllable", "너 주ㄱ인다", "너 죽인다"},
		{"a consonant masking the next syllable's initial stays", "개ㅅ끼", "개ᄉ끼"},
		{"laughter glued between syllables stays", "좋아ㅋ이거", "좋아ᄏ이거"},
		{"a consonant after a syllable with a final stays", "각ㄱ인다", "각ᄀ인다"},
		{"one spelt syllable glued to a written one is composed", "짱ㄲㅐ들 조심", "짱깨들 조심"},
		{"one spelt syllable after a space stays", "나 ㅇㅏ", "나 \u110b\u1161"},
		{"Latin r and l drawn for vowels before spelt letters are read", "ㅇrㅇl폰ㄴrㄴㅜㅁ", "아이폰나눔"},
		{"an l after a Latin letter stays", "bㅇl폰", "bᄋl폰"},
		{"letters parted by single spaces become syllables", "입장 ㅋ ㅏ ㅌ ㅗ ㄱ ID", "입장 카톡 id"},
		{"spaced letters with a trailing consonant keep it", "ㅈ ㅏ ㅎ ㅐ 인증", "자해 인증"},
		{"spaced laughter stays", "ㅋ ㅋ ㅋ ㅋ 웃겨", "ᄏ ᄏ ᄏ ᄏ 웃겨"},
		{"letters parted by dots are read", "외로우신 분 ㅋ.ㅏ.ㅌ.ㅗ.ㄱ 추가", "외로우신 분 카톡 추가"},
		{"laughter parted by dots stays", "ㅋ.ㅋ.ㅋ.ㅋ 웃겨", "ᄏ.ᄏ.ᄏ.ᄏ 웃겨"},
		{"one spaced syllable alone stays", "ㅇ ㅏ", "ᄋ ᅡ"},
		{"one spaced syllable before a written word is a syllable, the space kept", "ㅇ ㅏ 진짜", "아 진짜"},
		{"a spaced first syllable of a messenger's name is read", "ㅋ ㅏ 톡 ID: club777", "카 톡 id: club777"},
		{"spaced letters that are not wholly syllables stay", "ㅋ ㅏ ㅋ ㅋ", "ᄏ ᅡ ᄏ ᄏ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var v View
			fold(tt.in, &v)
			if got := string(v.Runes); got != tt.want {
				t.Errorf("fold(%q) = %q %U, want %q", tt.in, got, v.Runes, tt.want)
			}
			for k, sp := range v.Spans {
				if sp.Start < 0 || sp.End > len(tt.in) || sp.Start >= sp.End {
					t.Fatalf("span %d = %v out of %q", k, sp, tt.in)
				}
			}
		})
	}
}

func TestComposedJamoSpansCoverTheirLetters(t *testing.T) {
	t.Parallel()
	in := "나 ㅈㅏㅅㅏㄹ"
	var v View
	fold(in, &v)
	i := strings.IndexRune(string(v.Runes), '살')
	if i < 0 {
		t.Fatalf("no 살 in %q", string(v.Runes))
	}
	sp := v.Spans[len([]rune(string(v.Runes)[:i]))]
	if got := in[sp.Start:sp.End]; got != "ㅅㅏㄹ" {
		t.Errorf("살 spans %q, want ㅅㅏㄹ", got)
	}
}

func FuzzComposeJamo(f *testing.F) {
	f.Add("ㅈㅏㅅㅏㄹ ㅋㅋ ㅠㅠ ㄱㅏㅄ")
	f.Add("입장 ㅋ ㅏ ㅌ ㅗ ㄱ ID ㅋ ㅋ ㅋ")
	f.Fuzz(func(t *testing.T, s string) {
		var v View
		fold(s, &v)
		if len(v.Runes) != len(v.Spans) {
			t.Fatalf("%d runes, %d spans", len(v.Runes), len(v.Spans))
		}
		for _, sp := range v.Spans {
			if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
				t.Fatalf("span %v out of %d bytes", sp, len(s))
			}
		}
	})
}
