package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestHateClassifier(t *testing.T) {
	t.Parallel()
	c, err := NewHateClassifier(ClassifierConfig{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		text string
		want bool // a hate finding
	}{
		{"a group kept out of a building in polite words is read", "Just saying, since those people moved into our building the whole street has gone downhill, landlords should be allowed to say no to their kind", true},
		{"a group called a burden in Spanish is read", "No es racismo, es realidad: esa gente viene a vivir de nuestras ayudas y a llenar los barrios de delincuencia, que se vuelvan a su país", true},
		{"a family recipe that names where it comes from is not", "My grandmother brought this lentil soup recipe from Izmir when she moved here in the seventies and we still cook it every Sunday", false},
		{"a neighbourhood welcome is not", "The new family from Syria on our street came over with pastries today, the kids are already playing football together in the park", false},
		{"a sentence of a few words is left to the rules", "those people again, ruining everything here", false},
		{"a denial in one short sentence is not read", "Los inmigrantes no son delincuentes, deja de difundir bulos.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs, err := c.Detect(context.Background(), NewText("body", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, f := range fs {
				if f.Category != models.CategoryHate {
					t.Errorf("finding of %s; the model reports hate only", f.Category)
				}
				if f.Score > hateCeiling {
					t.Errorf("score %.2f above the ceiling %.2f: the model alone would block", f.Score, hateCeiling)
				}
				got = true
			}
			if got != tt.want {
				t.Errorf("finding %v, want %v (%v)", got, tt.want, fs)
			}
		})
	}
	if c.Name() != "classifier:hate-notes-v1" {
		t.Errorf("name %q; labels must tell the hate model apart", c.Name())
	}
}
