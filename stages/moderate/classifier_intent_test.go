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
			fs, err := c.Detect(context.Background(), NewText("body", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			var got []models.Category
			for _, f := range fs {
				got = append(got, f.Category)
				if f.Category == models.CategorySelfHarm && f.Support != tt.support {
					t.Errorf("self_harm finding Support = %v, want %v", f.Support, tt.support)
				}
			}
			switch {
			case tt.want == "" && len(fs) > 0:
				t.Errorf("findings %v, want none", got)
			case tt.want != "" && !containsCategory(fs, tt.want):
				t.Errorf("findings %v, want %s", got, tt.want)
			}
		})
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

func TestHasWordsCountsRunsOfNonSpace(t *testing.T) {
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
		{"Chinese without spaces is one word", "我今天很开心", 2, false},
	}
	for _, tt := range tests {
		if got := hasWords(tt.s, tt.n); got != tt.want {
			t.Errorf("%s: hasWords(%q, %d) = %v, want %v", tt.name, tt.s, tt.n, got, tt.want)
		}
	}
}
