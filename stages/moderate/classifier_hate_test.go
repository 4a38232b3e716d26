package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

func TestHateClassifier(t *testing.T) {
	t.Parallel()
	c, err := NewHateClassifier(ClassifierConfig{})
	if err != nil {
		t.Fatal(err)
	}
	checkNotesModel(t, c, "classifier:hate-notes-v3", models.CategoryHate, hateCeiling, []notesModelCase{
		{"a group kept out of a building in polite words is read", "Just saying, since those people moved into our building the whole street has gone downhill, landlords should be allowed to say no to their kind", true},
		{"a group called a burden in Spanish is read", "No es racismo, es realidad: esa gente viene a vivir de nuestras ayudas y a llenar los barrios de delincuencia, que se vuelvan a su país", true},
		{"a family recipe that names where it comes from is not", "My grandmother brought this lentil soup recipe from Izmir when she moved here in the seventies and we still cook it every Sunday", false},
		{"a neighbourhood welcome is not", "The new family from Syria on our street came over with pastries today, the kids are already playing football together in the park", false},
		{"a sentence of a few words is left to the rules", "those people again, ruining everything here", false},
		{"a denial in one short sentence is not read", "Los inmigrantes no son delincuentes, deja de difundir bulos.", false},
	})
}
