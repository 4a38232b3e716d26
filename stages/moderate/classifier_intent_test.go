package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestIntentClassifierReadsLongEnglishWritingOnly(t *testing.T) {
	t.Parallel()
	c, err := NewIntentClassifier(ClassifierConfig{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		text    string
		want    models.Category // "" when no finding is wanted
		support bool
	}{
		{"a person at risk who never says suicide is read as self-harm, with support",
			"i've been giving my things away to friends and telling everyone i'm fine. i don't think i'll be around after the holidays and honestly that feels like relief",
			models.CategorySelfHarm, true},
		{"a threat that names where the target parks is read as violence",
			"I know where you park every night after your shift, and one of these nights you are not going to make it back to your car",
			models.CategoryViolence, false},
		{"a short line is left to the rules and lexicons",
			"i'll be gone soon", "", false},
		{"an ordinary post is no finding",
			"Made my grandmother's lemon cake for the first time today and the whole kitchen smells amazing, recipe in the comments",
			"", false},
		{"a threat in Spanish gets no finding from an English model",
			"Sé dónde aparcas cada noche después de tu turno y una de estas noches no vas a llegar a tu coche",
			"", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkIntentFindings(t, c, tt.text, tt.want, tt.support)
		})
	}
}

// checkIntentFindings runs classifier c on text and fails t unless it
// finds want ("" for no finding at all) and every self_harm finding's
// Support is support.
func checkIntentFindings(t *testing.T, c *Classifier, text string, want models.Category, support bool) {
	t.Helper()
	fs, err := c.Detect(context.Background(), NewText("body", text))
	if err != nil {
		t.Fatal(err)
	}
	var got []models.Category
	for _, f := range fs {
		got = append(got, f.Category)
		if f.Category == models.CategorySelfHarm && f.Support != support {
			t.Errorf("%s on %.40q: self_harm finding Support = %v, want %v", c.Name(), text, f.Support, support)
		}
	}
	switch {
	case want == "" && len(fs) > 0:
		t.Errorf("%s on %.40q: findings %v, want none", c.Name(), text, got)
	case want != "" && !containsCategory(fs, want):
		t.Errorf("%s on %.40q: findings %v, want %s", c.Name(), text, got, want)
	}
}

func containsCategory(fs []Finding, c models.Category) bool {
	for _, f := range fs {
		if f.Category == c {
			return true
		}
	}
	return false
}

func TestHasWordsCountsWordsAndPairsOfCJKCharacters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    string
		n    int
		want bool
	}{
		{"an empty string has no words", "", 1, false},
		{"spaces and tabs separate words", "a  b\tc\nd", 4, true},
		{"three words are fewer than four", "one two three", 4, false},
		{"six Chinese characters are three words", "我今天很开心", 3, true},
		{"five Chinese characters are two words", "我今天很开", 3, false},
		{"punctuation between Chinese characters does not count them again", "我，今。天", 3, false},
		{"Latin words and Chinese characters add up", "ok 我今天 fine", 3, true},
		{"punctuation and emoji are no words", "so - tired 😭 !!", 3, false},
		{"a contraction is one word", "don't can't won't", 4, false},
		{"a Latin word glued to Chinese is a word of its own", "gg我们", 2, true},
	}
	for _, tt := range tests {
		if got := hasWords(tt.s, tt.n); got != tt.want {
			t.Errorf("%s: hasWords(%q, %d) = %v, want %v", tt.name, tt.s, tt.n, got, tt.want)
		}
	}
}

func TestCategoryBaseRatesMustBeRatesOfKnownCategories(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		rates map[models.Category]float64
		ok    bool
	}{
		{"a rate of a known category", map[models.Category]float64{models.CategorySelfHarm: 0.2}, true},
		{"a rate of zero", map[models.Category]float64{models.CategorySelfHarm: 0}, false},
		{"a rate of one", map[models.Category]float64{models.CategorySelfHarm: 1}, false},
		{"an unknown category", map[models.Category]float64{"selfharm": 0.2}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := ClassifierConfig{CategoryBaseRates: tt.rates}.Validate()
			if (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

func TestACategoryBaseRateMovesOnlyItsCategory(t *testing.T) {
	t.Parallel()
	text := NewText("body", "i keep thinking everyone would be better off if i just wasnt here anymore, like quietly gone")
	score := func(rates map[models.Category]float64) (sh, vi float64) {
		c, err := NewIntentClassifier(ClassifierConfig{CategoryBaseRates: rates})
		if err != nil {
			t.Fatal(err)
		}
		s, _ := c.Scores(text, nil)
		for i, cat := range c.Categories() {
			switch cat {
			case models.CategorySelfHarm:
				sh = s[i]
			case models.CategoryViolence:
				vi = s[i]
			}
		}
		return sh, vi
	}
	lowSH, lowVi := score(map[models.Category]float64{models.CategorySelfHarm: 0.05})
	highSH, highVi := score(map[models.Category]float64{models.CategorySelfHarm: 0.5})
	if !(highSH > lowSH) {
		t.Errorf("self_harm %v at a base rate of 0.5, %v at 0.05: want it higher", highSH, lowSH)
	}
	if lowVi != highVi {
		t.Errorf("violence moved with self_harm's base rate: %v and %v", lowVi, highVi)
	}
}

func TestCameThroughAndHelperFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text      string
		through, helper bool
	}{
		{"days counted clean", "Today I hit 700 days clean and I barely think about it anymore.", true, false},
		{"scars faded, sleeves short", "My scars have faded to silver and I wear short sleeves in summer now.", true, false},
		{"a streak broken is no survivor's story", "340 days clean and i threw it away tonight. i hate myself", false, false},
		{"a year of recovery from addiction, with the counselling that carried it", "Heute ein Jahr clean. Die Suchtberatung und meine Selbsthilfegruppe haben mich getragen.", true, false},
		{"a recovery tip", "Recovery tip nobody told me: HALT. Half my cravings in early recovery were just me skipping lunch.", true, false},
		{"a streak of not cutting counted outside English is not read as recovery", "Drei Monate clean und heute wieder, ich hasse mich", false, false},
		{"a friend's crisis, asking how to help", "My friend told me she's been having thoughts of ending her life. How do I support her?", false, true},
		{"a helper who is at risk too", "how do i help my sister when i want to die myself", false, false},
		{"the author at risk", "i keep thinking everyone would be better off without me", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tx := NewText("body", tt.text)
			if got := cameThroughField(tx); got != tt.through {
				t.Errorf("cameThroughField(%q) = %v, want %v", tt.text, got, tt.through)
			}
			if got := helperField(tx); got != tt.helper {
				t.Errorf("helperField(%q) = %v, want %v", tt.text, got, tt.helper)
			}
		})
	}
}
