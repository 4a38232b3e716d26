package moderate

import (
	"testing"
	"unicode/utf8"
)

// A parent quoting their child's threat or insult is not threatening
// anyone; the same words said, or quoted without a child of the author's,
// still count.
func TestAChildsWordsAParentQuotesDecideNothing(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a toddler's threat a father asks about", "My 4yo screamed 'I'm going to kill you' at his sister over a crayon. Is this a phase?", true},
		{"a Spanish son playing knights", "Mi hijo con su espada de cartón gritando «¡te voy a matar, dragón!» por toda la casa 😂", true},
		{"a Japanese mother's son and his line", "うちの息子が「ぶっ殺すぞ」ってアニメのセリフを真似してて困る…どう注意したらいい？", true},
		{"a child by age quoted by a paediatric nurse, the quotation ending the sentence", "Enfermera de pediatría aquí: hoy una niña de seis años me dijo que si le ponía la inyección me iba a \"matar con su varita\". Sobrevivimos las dos.", true},
		{"a daughter by age quoted while cooking", "今天教小孩做飯，五歲的女兒拿著鍋鏟一邊喊「我要打死你這顆洋蔥」，笑死", true},
		{"a three-year-old son's kindergarten phrase in a parent's diary", "带娃日记：三岁儿子今天学会了一句\"我打死你\"，是从幼儿园学来的……跟他好好聊了半天，现在改成\"我抱死你\"了", true},
		{"the same phrase said by the diarist to someone", "带娃日记写不下去了，\"我打死你\"，你再来我家门口试试", false},
		{"a child by age named beside the author's own threat", "un niño de seis años me dijo que me iba a 'acusar' y le contesté: te voy a matar si lo haces", false},
		{"the same threat in the author's own voice", "I'm going to kill you, I know where you live", false},
		{"a threat quoted without a child of the author's", "Someone wrote 'I'm going to kill you' under my post and I'm scared", false},
		{"a parent who agrees with the threat quoted", "My son said 'I'm going to kill you' to that boy and he was right, the kid deserves it", false},
	}
	checkAllowed(t, s, cases)
}

func TestAQuotationGivenToARelativeWithAColonIsTheirs(t *testing.T) {
	tests := []struct {
		name, before string
		want         bool
	}{
		{"an aunt in a group chat", "My aunt in the family group chat: '", true},
		{"a boss in a meeting", "our manager at standup today: \"", true},
		{"the author's own words after a colon", "Here is what I think: '", false},
		{"no quotation mark", "My aunt said you are great", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kinQuoted(tt.before); got != tt.want {
				t.Errorf("kinQuoted(%q) = %v, want %v", tt.before, got, tt.want)
			}
		})
	}
}

// FuzzQuotationReaders runs the readers of quotations and frames on any
// text and any span: none may panic, and a sentence always holds its span.
func FuzzQuotationReaders(f *testing.F) {
	for _, s := range []string{
		"My 4yo said 'I'm gonna kill you' lol", "「副業で月収50万！LINE追加で」ってDM", "付9.9元邮费'，这是骗子", "Hallo Mama, das ist",
		"『映画』を観た。殺し合い", "My aunt: '", "«", "“”", "", "\n「\n」", "'죽고 싶다'는 사촌동생", "「死にたい」って言う",
	} {
		f.Add(s, 0, 3)
	}
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		if len(s) == 0 {
			return
		}
		a, b = abs(a)%len(s), abs(b)%(len(s)+1)
		if a > b {
			a, b = b, a
		}
		// Spans of findings start and end on rune boundaries.
		for a > 0 && !utf8.RuneStart(s[a]) {
			a--
		}
		for b < len(s) && !utf8.RuneStart(s[b]) {
			b++
		}
		sp := Span{Start: a, End: b}
		lo, hi := sentenceAround(s, a, b)
		if lo > a || hi < b || lo < 0 || hi > len(s) {
			t.Fatalf("sentenceAround(%q, %d, %d) = %d, %d", s, a, b, lo, hi)
		}
		insidePairedQuotes(s, sp)
		kinQuoted(s[:a])
		punctuatedGap(s, sp)
		tx := NewText("body", s)
		fictionFrame(tx)
		if a < b {
			childQuoted(tx, sp)
			closeQuoted(tx, sp)
			warnedSpan(tx, sp)
			stressHyperbole(tx)
			// Round 54's readers of speakers, stories and warnings.
			quoteSpeakerAfter(tx, sp)
			petEuthanasiaSentence(tx, sp)
		}
		survivorStory(tx)
		professionalWarning(tx)
		recoveryNarrative(tx)
		longBereavement(tx)
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
