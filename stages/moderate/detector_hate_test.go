package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestHateDetector(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		text  string
		score float64 // 0: no finding
		span  string
	}{
		{"dehumanising a group is derogation", "Honestly immigrants are vermin.", scoreHateDerogation, "immigrants are vermin"},
		{"hatred of a group is derogation", "I hate gay people so much", scoreHateDerogation, "I hate gay people"},
		{"a call to kill a group is a threat", "we should kill all muslims", scoreHateThreat, "kill all muslims"},
		{"a group that should die is a threat", "Trans people should all be killed!", scoreHateThreat, "Trans people should all be killed"},
		{"leet and full-width disguises fold", "ＷＯＭＥＮ are scum", scoreHateDerogation, "ＷＯＭＥＮ are scum"},
		{"a hostile sentence in other words goes to review", "I have so much disdain for these immigrants.", scoreHateHostile, "I have so much disdain for these immigrants"},
		{"Chinese derogation of a group", "说真的河南人都是垃圾", scoreHateDerogation, "河南人都是垃圾"},
		{"telling a group to leave the country", "美国人滚回去", scoreHateThreat, "美国人滚回去"},
		{"a negation is not hate", "Let me be clear: I don't hate women.", 0, ""},
		{"saying a group is not something bad is not hate", "Immigrants are not vermin.", 0, ""},
		{"quoting hate to refute it is counter-speech", `Statements like "women are scum" are deeply hurtful.`, 0, ""},
		{"news about violence against a group is not hate", "Police said two women were shot in the attack.", 0, ""},
		{"naming a group neutrally is fine", "Many immigrants work in healthcare.", 0, ""},
		{"liking a group is fine", "I love gay people and their music", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			text := NewText("body", tt.text)
			found, err := HateDetector{}.Detect(context.Background(), text)
			if err != nil {
				t.Fatal(err)
			}
			if tt.score == 0 {
				if len(found) > 0 {
					t.Fatalf("found %+v in innocent text", found)
				}
				return
			}
			if len(found) == 0 {
				t.Fatalf("nothing found")
			}
			f := found[0]
			if f.Category != models.CategoryHate || f.Score != tt.score {
				t.Errorf("finding %+v, want hate at %v", f, tt.score)
			}
			if tt.span != "" && tt.text[f.Span.Start:f.Span.End] != tt.span {
				t.Errorf("evidence %q, want %q", tt.text[f.Span.Start:f.Span.End], tt.span)
			}
		})
	}
}

func FuzzHateDetector(f *testing.F) {
	f.Add("immigrants are vermin")
	f.Add("I hate \"women\" lol")
	f.Add("河南人都是垃圾")
	f.Fuzz(func(t *testing.T, s string) {
		found, err := HateDetector{}.Detect(context.Background(), NewText("body", s))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range found {
			if x.Span.Start < 0 || x.Span.End > len(s) || x.Span.Start > x.Span.End {
				t.Fatalf("span %+v out of range for %q", x.Span, s)
			}
		}
	})
}
