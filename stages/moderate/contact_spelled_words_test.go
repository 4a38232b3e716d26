package moderate

import (
	"slices"
	"testing"
)

func TestContactDetectorReadsNumbersSpelledInWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		body     string
		evidence string // the number as written; "" for no finding
	}{
		{"a spanish mobile read out in words", "llámame al seis cero cero, uno uno dos, tres tres cuatro", "seis cero cero, uno uno dos, tres tres cuatro"},
		{"a portuguese number with an area code read as eleven", "liga: onze, nove, nove, um, dois, oito, sete, seis, cinco", "onze, nove, nove, um, dois, oito, sete, seis, cinco"},
		{"a french number in digit words", "appelle le zero six, un deux, huit huit, sept trois, neuf", "zero six, un deux, huit huit, sept trois, neuf"},
		{"a german number with an umlaut folded", "null eins sieben zwei, fünf fünf acht drei neun", "null eins sieben zwei, fünf fünf acht drei neun"},
		{"an english number with no platform named", "text nine one seven, four four two, six oh three one", "nine one seven, four four two, six oh three one"},
		{"an english number with leet in its words", "ph f1ve-f1ve-f1ve zero-one-two-three four-five-six-seven", "f1ve-f1ve-f1ve zero-one-two-three four-five-six-seven"},
		{"a korean mobile in sino-korean syllables", "연락은 공일공 구팔칠육 오사삼이 으로", "공일공 구팔칠육 오사삼이"},
		{"a korean mobile spelled in groups ends before a word that begins with a digit syllable", "전 와이프 번호 공일공 - 삼사오육 - 칠팔구공 이에요", "공일공 - 삼사오육 - 칠팔구공"},
		{"a korean mobile half in syllables, half in digits", "그 선배 번호 공1공-일2삼4-오6칠8 ㅋㅋ", "공1공-일2삼4-오6칠8"},
		{"two syllables beside a year and a price are no number", "2024년 이월 삼일에 35000원 주고 샀어요 1234", ""},
		{"a japanese mobile in kana readings", "でんわはぜろはちぜろ、さんさんよんよん、ろくななはちく", "ぜろはちぜろ、さんさんよんよん、ろくななはちく"},
		{"a taiwanese mobile in chinese numerals", "打給我 〇九三一 二二八 七六五", "〇九三一 二二八 七六五"},
		{"a japanese mobile in the numerals of deeds", "電話は〇九〇・壱弐参四・伍六七八", "〇九〇・壱弐参四・伍六七八"},
		{"a mainland mobile in chinese numerals", "电话一五八 二七七六 三九一〇", "一五八 二七七六 三九一〇"},
		{"a number typed digit by digit", "号码 1 5 9 - 2 2 0 8 - 6 6 3 1", "1 5 9 - 2 2 0 8 - 6 6 3 1"},
		{"a french number read in pairs", "son num c zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit", "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit"},
		{"a french number with quatre-vingt and vingt et un", "zero sept, quatre-vingt-dix, vingt et un, quarante-quatre, onze", "zero sept, quatre-vingt-dix, vingt et un, quarante-quatre, onze"},
		{"a spanish number read in pairs", "seis, doce, treinta y cuatro, cincuenta y seis, setenta y ocho", "seis, doce, treinta y cuatro, cincuenta y seis, setenta y ocho"},
		{"ages listed in tens", "my kids are twenty, thirty and forty years old now", ""},
		{"counting by tens in french", "vingt et un, vingt-deux, vingt-trois, vingt-quatre", ""},
		{"a child counting in spanish", "mi hija ya cuenta: uno, dos, tres, cuatro, cinco, seis, siete, ocho", ""},
		{"a countdown in english", "nine eight seven six five four three two one, happy new year", ""},
		{"counting the teens in german", "zehn elf zwölf dreizehn vierzehn", ""},
		{"three digit words in a sentence", "I have one cat, two dogs and three fish", ""},
		{"football scores", "Resultados da rodada: 2-1, 3-0, 1-1, 0-2, 4-1", ""},
		{"a year in chinese numerals", "二〇二五年的春天", ""},
		{"a korean sentence with digit syllables", "이사 오는 날 일이 많아서 구경도 못 했어요", ""},
		{"japanese kana words that hold digit readings", "きれいにさくらがさいていました", ""},
		{"an ordinary phone number is the phone pattern's job", "call 415 555 0198", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := NewText("body", tt.body).Folded.String()
			var got []string
			for _, r := range spelledDigitRuns(s) {
				got = append(got, s[r[0]:r[1]])
			}
			switch {
			case tt.evidence == "" && len(got) > 0:
				t.Errorf("%q: spelled numbers %q, want none", tt.body, got)
			case tt.evidence != "" && !slices.Contains(got, NewText("body", tt.evidence).Folded.String()):
				t.Errorf("%q: spelled numbers %q, want %q", tt.body, got, tt.evidence)
			}
		})
	}
	texts, scores := contactEvidence(t, "ruf an: null eins fünf eins, zwei drei vier, fünf sechs sieben acht")
	i := slices.Index(texts, "null eins fünf eins, zwei drei vier, fünf sechs sieben acht")
	if i < 0 {
		t.Fatalf("contact evidence %q lacks the spelled number", texts)
	}
	if scores[i] < scoreSpelled {
		t.Errorf("spelled number scored %.2f, want at least %.2f", scores[i], scoreSpelled)
	}
}
