package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

// wholeFieldJudge is a stand-in classifier: it scores every field as
// harassment, as a trained model does, with no evidence.
type wholeFieldJudge struct{ score float64 }

func (wholeFieldJudge) Name() string { return "classifier:judge" }

func (j wholeFieldJudge) Detect(_ context.Context, _ *Text) ([]Finding, error) {
	return []Finding{{Category: models.CategoryHarassment, Score: j.score, Rule: "judge"}}, nil
}

// A classifier alone reviews and never blocks; a rule's or a lexicon's
// finding lets its score block.
func TestAClassifierAloneNeverBlocks(t *testing.T) {
	t.Parallel()
	s, err := New(Config{}, wholeFieldJudge{score: 0.97})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, body string
		want       models.Decision // in intl
	}{
		{"a clean sentence the classifier misjudges is reviewed, not blocked", "Ignorance is not an indication of stupidity.", models.DecisionReview},
		{"an insult the lexicon also reads is blocked", "you are a worthless idiot", models.DecisionBlock},
		{"a threat a rule reads lets the classifier's harassment block", "I will kill you tomorrow, I know where you live", models.DecisionBlock},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := moderateBody(t, s, c.body)
			if got := n.Moderation.Markets["intl"]; got != c.want {
				t.Errorf("%q: intl %s, want %s; labels %+v", c.body, got, c.want, n.Moderation.Labels)
			}
		})
	}
}
