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

// The abuse classifier's hate in a Chinese field that names no group is
// harassment (COLD called every insult hate); the hate model's is not: it
// learnt hate that names no group (这种人, 🦗, あの国の人たち) on purpose.
func TestTheHateModelKeepsItsCategoryWhereNoGroupIsNamed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, source, body string
		want               models.Category
	}{
		{"the hate model on coded hate in a Chinese chat", "classifier:hate-notes-v3", "楼下商场又被一班人占晒，法团应该要求商场唔好再招呼呢啲人", models.CategoryHate},
		{"the hate model on coded hate in Japanese", "classifier:hate-notes-v3", "女は感情で判断するし、どうせ産休ですぐいなくなる。管理職なんて無理に決まってる", models.CategoryHate},
		{"the abuse model on an insult in Chinese", "classifier:moderation-v2", "你这个人真的很蠢，脑子有问题", models.CategoryHarassment},
		{"the abuse model where a group is named", "classifier:moderation-v2", "河南人都是骗子", models.CategoryHate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := Finding{Category: models.CategoryHate, Score: 0.7}
			relabelClassifierHateZh(NewText("body", tc.body), tc.source, &x, nil)
			if x.Category != tc.want {
				t.Errorf("category %s, want %s", x.Category, tc.want)
			}
		})
	}
}
