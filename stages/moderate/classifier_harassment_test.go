package moderate

import (
	"context"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestHarassmentClassifier(t *testing.T) {
	t.Parallel()
	c, err := NewHarassmentClassifier(ClassifierConfig{})
	if err != nil {
		t.Fatal(err)
	}
	checkNotesModel(t, c, "classifier:harassment-notes-v4", models.CategoryHarassment, harassmentCeiling, []notesModelCase{
		{"a body-shaming comment aimed at a handle is read", "@jess_fit you are honestly the ugliest girl on this app, nobody wants to see your fat face every morning", true},
		{"a day out with a friend is not", "My best friend and I went hiking this weekend and she made the best sandwiches for the whole group", false},
		{"swearing at a train names no one and is not read", "Verdammte Scheiße, die U-Bahn fällt schon wieder aus heute morgen und ich komme zu spät", false},
		{"a reply of a few words is left to the rules", "@jess_fit ugly fat face", false},
		{"a shop's address and phone is no attack", "お店は東京都新宿区西新宿2-8-1、電話03-1234-5678です。ランチは11時から、皆さんぜひ来てください", false},
	})
}

// notesModelCase is a field and whether a notes model must find its
// category in it.
type notesModelCase struct {
	name string
	text string
	want bool
}

// checkNotesModel runs a notes model (classifier_notes.go) over cases: it
// finds its category, and only it, exactly where wanted, never above its
// ceiling, under a name that tells it apart.
func checkNotesModel(t *testing.T, c *Classifier, name string, cat models.Category, ceiling float64, cases []notesModelCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs, err := c.Detect(context.Background(), NewText("body", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, f := range fs {
				if f.Category != cat {
					t.Errorf("finding of %s; the model reports %s only", f.Category, cat)
				}
				if f.Score > ceiling {
					t.Errorf("score %.2f above the ceiling %.2f: the model alone would block", f.Score, ceiling)
				}
				got = true
			}
			if got != tt.want {
				t.Errorf("finding %v, want %v (%v)", got, tt.want, fs)
			}
		})
	}
	if c.Name() != name {
		t.Errorf("name %q, want %q: labels must tell the model apart", c.Name(), name)
	}
}

func TestAimedAtSomeone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"a handle", "look at @ana.fit again", true},
		{"an English second person", "nobody wants to see that, honestly", false},
		{"you", "nobody wants to see you", true},
		{"a French elided second person", "franchement t'es ridicule", true},
		{"a German compound with a one-letter part is no pronoun", "die U-Bahn fällt aus", false},
		{"German du", "du bist echt das Letzte", true},
		{"Portuguese vc", "vc é ridícula", true},
		{"Chinese 你", "你这种人就别发了", true},
		{"Japanese お前", "お前の顔見たくない", true},
		{"Korean 너", "너 진짜 못생겼다", true},
		{"a thing", "this film is trash and the ending is worse", false},
		{"full-width letters fold", "ｙｏｕ are the worst", true},
		{"French t'as", "t'as vu la tête que tu fais", true},
		{"ta inside a Spanish word is no pronoun", "los datos están listos para la reunión", false},
		{"the weather in Korean names no one", "오늘 날씨가 너무 좋아서 산책했어요", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := aimedAtSomeone(NewText("body", tt.text)); got != tt.want {
				t.Errorf("aimedAtSomeone(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzAimedAtSomeone(f *testing.F) {
	for _, s := range []string{"", "@", "t'", "u-bahn", "你", "ｙｏｕ", "\xff\xfe", "'''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := aimedAtSomeone(NewText("body", s))
		if strings.Contains(s, "@") && !got {
			t.Errorf("a field with a handle mark %q is not aimed at someone", s)
		}
		// Case never decides: the folded view is lower-cased ("YOU", "Du").
		if isASCII(s) && got != aimedAtSomeone(NewText("body", strings.ToUpper(s))) {
			t.Errorf("aimedAtSomeone(%q) = %v, but not for its upper case", s, got)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
