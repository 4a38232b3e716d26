package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

func TestEndsInWrittenO(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"the past written with its accent", "me mató", true},
		{"the past in capitals", "LO MATÓ EN EL PRIMER ASALTO", true},
		{"a past without a clitic is a deed told", "el que mató a tantos", false},
		{"the present has no accent", "me mato", false},
		{"an accent inside a word is not the ending", "dónde", false},
		{"an accent on another vowel is not the past", "matá", false},
		{"no accent anywhere", "te voy a matar", false},
		{"the accent before punctuation still ends the word", "se me quemó!", true},
		{"a past that is no verb of a threat", "se acabó", false},
		{"Portuguese only", "só queria dormir", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			txt := NewText("body", tt.text)
			sk := &txt.Skeleton
			if got := endsInWrittenO(txt.Original, sk, 0, sk.Len()); got != tt.want {
				t.Errorf("endsInWrittenO(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// A Spanish verb in the past, accent written, is a thing told, not a threat
// or an intent: the violence and self-harm rules read "mato" in both.
func TestWrittenPastDoesNotCompleteAThreatOrIntent(t *testing.T) {
	t.Parallel()
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	fires := func(text string, c models.Category) bool {
		fs, _ := d.Detect(t.Context(), NewText("body", text))
		for _, f := range fs {
			if f.Category == c {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name, text string
		category   models.Category
		want       bool
	}{
		{"a sparring session that killed its author", "El sparring de hoy me mató, no siento los brazos", models.CategorySelfHarm, false},
		{"a knockout cheered", "¡Lo mató en el primer asalto, campeón!", models.CategoryViolence, false},
		{"the author's own intent tonight", "esta noche me mato, ya escribí la carta", models.CategorySelfHarm, true},
		{"a threat in capitals without accents", "LO MATO HOY, YA SE DONDE VIVE", models.CategoryViolence, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := fires(tt.text, tt.category); got != tt.want {
				t.Errorf("%q: %s fired %v, want %v", tt.text, tt.category, got, tt.want)
			}
		})
	}
}

func FuzzEndsInWrittenO(f *testing.F) {
	for _, s := range []string{"me mató", "ó", "Óo", "", "mató\u0301", "a\xffó"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		txt := NewText("body", s)
		sk := &txt.Skeleton
		_ = endsInWrittenO(txt.Original, sk, 0, sk.Len())
		occ := []ruleOcc{{i: 0, j: sk.Len()}}
		if got := dropWrittenPast(txt, occ); len(got) > 1 {
			t.Fatalf("dropWrittenPast grew the occurrences of %q", s)
		}
	})
}
