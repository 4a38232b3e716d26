package moderate

import (
	"context"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

func TestStageCatchesMaskedSplitAndPinyinSpellings(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	tests := []struct {
		name     string
		body     string
		category models.Category
		evidence string
	}{
		{"one asterisk masks a letter", "f*ck this", models.CategoryProfanity, "f*ck"},
		{"two asterisks mask two letters", "f**k you all", models.CategoryProfanity, "f**k"},
		{"a hash masks a letter", "what a f#ck", models.CategoryProfanity, "f#ck"},
		{"a masked prefix term matches longer words", "f*cking hell", models.CategoryProfanity, "f*cking"},
		{"masks inside a doubled letter word", "what an a**hole", models.CategoryProfanity, "a**hole"},
		{"an exclamation mark for i is leet", "sh!t happens", models.CategoryProfanity, "sh!t"},
		{"a word split in two halves", "fu ck this", models.CategoryProfanity, "fu ck"},
		{"a first letter split off", "f uck off", models.CategoryProfanity, "f uck"},
		{"a split where one half is a word", "that is sh it", models.CategoryProfanity, "sh it"},
		{"a split keeps a term's doubled letter", "pi ss off", models.CategoryProfanity, "pi ss"},
		{"a split strong word", "you are a cu nt", models.CategoryProfanity, "cu nt"},
		{"full-width, zero-width and leet at once", "ｓｈ\u200b１ｔ day", models.CategoryProfanity, "ｓｈ\u200b１ｔ"},
		{"Cyrillic capital and small look-alikes", "Ѕhіt", models.CategoryProfanity, "Ѕhіt"},
		{"Greek capitals from TR39", "ΒΙΤCΗ", models.CategoryProfanity, "ΒΙΤCΗ"},
		{"masked and full-width", "ｆ＊ｃｋ", models.CategoryProfanity, "ｆ＊ｃｋ"},
		{"pinyin joined", "ni zhen shi shabi", models.CategoryHarassment, "shabi"},
		{"pinyin of 操你妈 spaced", "cao ni ma de", models.CategoryHarassment, "cao ni ma"},
		{"pinyin of 你妈死了 spaced", "ni ma si le", models.CategoryHarassment, "ni ma si le"},
		{"pinyin threat", "wo yao sha le ni", models.CategoryViolence, "wo yao sha le ni"},
		{"pinyin with dashes", "sha-bi", models.CategoryHarassment, "sha-bi"},
		{"Traditional with a mask", "你個傻*逼", models.CategoryHarassment, "傻*逼"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Body: tt.body}}
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, l := range n.Moderation.Labels {
				for _, e := range l.Evidence {
					if e.Text != tt.body[e.Start:e.End] {
						t.Errorf("evidence %+v does not quote the body", e)
					}
					found = found || l.Category == tt.category && e.Text == tt.evidence
				}
			}
			if !found {
				t.Errorf("no %s evidence %q; labels %+v", tt.category, tt.evidence, n.Moderation.Labels)
			}
		})
	}
}

func TestStageAllowsLookAlikeInnocentText(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	tests := []struct{ name, body string }{
		{"two ordinary words are not a split slur", "let's go ok"},
		{"short words are not joined", "is it ok to sit here"},
		{"a programming language is not masked", "I write c# code"},
		{"a masked word needs two visible letters", "f*** that"},
		{"a name after a weapon is not pinyin", "a gun, Dan said"},
		{"a footnote star is not a mask", "the price* is fixed"},
		{"Greek prose is not English", "Η Αθήνα είναι όμορφη"},
		{"a joined split needs a term's doubled letter", "the morning-after pill is sold over the counter"},
		{"a Chinese date keeps its zero", "二〇二五年三月"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := &models.Note{NoteEvent: models.NoteEvent{Body: tt.body}}
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			if n.Moderation.Decision != models.DecisionAllow {
				t.Errorf("decision %s; labels %+v", n.Moderation.Decision, n.Moderation.Labels)
			}
		})
	}
}

// foldOps are disguises applied in combination by FuzzDisguisedTermIsFound.
var foldOps = []func(string) string{
	func(s string) string { return interleave(s, "\u200b") },
	fullWidth,
	strings.ToUpper,
	func(s string) string { return "\u2066" + s + "\u2069" },
	leetAfterFirst,
	func(s string) string {
		return strings.NewReplacer("a", "а", "e", "е", "o", "о", "c", "с", "p", "р").Replace(s)
	}, // Cyrillic
	func(s string) string {
		return strings.NewReplacer("傻", "傻*", "妈", "媽", "杀", "殺", "个", "個").Replace(s)
	},
	func(s string) string { return strings.NewReplacer("u", "uuu", "i", "ii").Replace(s) },
}

// FuzzDisguisedTermIsFound is the property that folding never loses a
// match: any term of the lexicons, disguised by any combination of the
// operations above, is still found with evidence quoting the original.
func FuzzDisguisedTermIsFound(f *testing.F) {
	d, err := DefaultLexiconDetector()
	if err != nil {
		f.Fatal(err)
	}
	var terms []*pattern
	for i := range d.m.patterns {
		p := &d.m.patterns[i]
		if p.kind == kindHit && !p.hanOnly && !strings.ContainsAny(p.term, "*") {
			terms = append(terms, p)
		}
	}
	for i := range 16 {
		f.Add(uint16(i*37), uint8(i*13))
	}
	f.Fuzz(func(t *testing.T, which uint16, ops uint8) {
		p := terms[int(which)%len(terms)]
		s := p.term
		for k, op := range foldOps {
			if ops&(1<<k) != 0 {
				s = op(s)
			}
		}
		body := "看 " + s + " 了"
		fs, _ := d.Detect(context.Background(), NewText("body", body))
		for _, x := range fs {
			if x.Category == p.category() {
				if x.Span.Start < 0 || x.Span.End > len(body) || x.Span.Start >= x.Span.End {
					t.Fatalf("bad span %v", x.Span)
				}
				return
			}
		}
		t.Fatalf("%q (term %q, ops %08b) not found: %+v", body, p.term, ops, fs)
	})
}

// leetAfterFirst writes letters of each word but its first in leet, the way
// authors do (sh1t, n00d3$): a word of digits only would be a number.
func leetAfterFirst(s string) string {
	leetOf := map[rune]rune{'o': '0', 'e': '3', 's': '$', 't': '7', 'i': '1'}
	var b strings.Builder
	first := true
	for _, r := range s {
		switch c, ok := leetOf[r]; {
		case r == ' ':
			first = true
		case ok && !first:
			r = c
		case unicode.IsLetter(r):
			first = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzLexiconDetect feeds untrusted text through every lexicon path
// (skeleton, masked and split words, pinyin): no panic, and every span
// lies on rune boundaries of the input.
func FuzzLexiconDetect(f *testing.F) {
	d, err := DefaultLexiconDetector()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"f*ck", "f**k you", "***", "a*", "*a*b*", "fu ck", "a b c d e f", "sha bi", "#fuck", "ｆ＊ｃｋ", "s\u200bh i t", "傻*逼 f#ck", "幹", "幹，熱死了", "x幹!", "幹嘛幹幹"} {
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
			if x.Span.Start < 0 || x.Span.End > len(s) || x.Span.Start >= x.Span.End {
				t.Fatalf("span %v of %q", x.Span, s)
			}
			if !boundary[x.Span.Start] || !boundary[x.Span.End] {
				t.Fatalf("span %v not on rune boundaries of %q", x.Span, s)
			}
		}
	})
}
