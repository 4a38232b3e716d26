package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

// TestCareAndZeroTolerance checks what the stage does with the two kinds
// of note a person must see first: an author at risk of self-harm (review
// in every market, never blocked unseen, support resources) and sexual
// content involving minors (blocked in every market, urgent).
func TestCareAndZeroTolerance(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	const (
		allow  = models.DecisionAllow
		review = models.DecisionReview
		block  = models.DecisionBlock
	)
	tests := []struct {
		name     string
		body     string
		cn, intl models.Decision
		support  bool
		urgent   models.Category
	}{
		{"an author planning to die is reviewed everywhere with support", "I don't want to live anymore, planning to end it tonight", review, review, true, models.CategorySelfHarm},
		{"Chinese despair is reviewed everywhere with support", "我不想活了", review, review, true, models.CategorySelfHarm},
		{"an author at risk who also posts a contact is still not blocked", "我不想活了，想聊的加V信 abc12345", review, review, true, models.CategorySelfHarm},
		{"teaching self-harm is blocked", "催吐教程：吃完马上去", block, block, false, ""},
		{"asking for images of minors is blocked everywhere and urgent", "looking for underage girls pics", block, block, false, models.CategorySexualMinors},
		{"grooming is blocked everywhere and urgent", "how old are you? dm me", block, block, false, models.CategorySexualMinors},
		{"zero tolerance wins over care in the decision, care in the queue", "I want to die. selling underage nudes", block, block, true, models.CategorySelfHarm},
		{"news about suicide is allowed", "The suicide rate fell for the third year, the report says.", allow, allow, false, ""},
		{"missing someone is allowed", "好久不见，想死你了！", allow, allow, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := s.Moderate(context.Background(), &models.Note{NoteEvent: models.NoteEvent{NoteID: "n", Body: tt.body}})
			if err != nil {
				t.Fatal(err)
			}
			if m.Markets["cn"] != tt.cn || m.Markets["intl"] != tt.intl {
				t.Errorf("cn %s intl %s, want %s %s; labels %+v", m.Markets["cn"], m.Markets["intl"], tt.cn, tt.intl, m.Labels)
			}
			if got := m.Support != nil; got != tt.support {
				t.Errorf("support %+v, want %v", m.Support, tt.support)
			} else if got && (m.Support.Category != models.CategorySelfHarm || !m.Support.ShowResources) {
				t.Errorf("support %+v, want self_harm with resources", m.Support)
			}
			if m.Urgent != tt.urgent {
				t.Errorf("urgent %q, want %q", m.Urgent, tt.urgent)
			}
		})
	}
}

// TestCareThroughTranslation: an author at risk writing in a language the
// lexicons do not cover is found through the English translation, and the
// merge keeps care: review in every market, never a block.
func TestCareThroughTranslation(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Body: "ya no quiero vivir"}}
	n.Language = models.Language{Code: "es"}
	if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
		t.Fatal(err)
	}
	// Something else blocked the note in cn before the translation came.
	n.Moderation.Markets["cn"] = models.DecisionBlock
	n.Translations = map[string]models.Translation{"en": {Body: "I don't want to live anymore", Status: models.TranslationOK}}
	if err := s.TranslationStage("en").Process(context.Background(), []*models.Note{n}); err != nil {
		t.Fatal(err)
	}
	m := n.Moderation
	if m.Support == nil || m.Urgent != models.CategorySelfHarm {
		t.Fatalf("support %+v urgent %q, want care", m.Support, m.Urgent)
	}
	if m.Markets["cn"] != models.DecisionReview || m.Markets["intl"] != models.DecisionReview || len(n.ApprovedMarkets) != 0 {
		t.Errorf("markets %v approved %v, want review everywhere", m.Markets, n.ApprovedMarkets)
	}
}

// wholeNoteSelfHarm is a classifier-like detector: a self_harm score on
// the whole field, without evidence.
type wholeNoteSelfHarm struct{}

func (wholeNoteSelfHarm) Name() string { return "classifier:test" }
func (wholeNoteSelfHarm) Detect(_ context.Context, t *Text) ([]Finding, error) {
	return []Finding{{Category: models.CategorySelfHarm, Score: 0.99}}, nil
}

// TestWholeNoteSelfHarmNeverBlocks: a classifier cannot tell an author at
// risk from promotion, so its self_harm score, however high, only queues
// the note.
func TestWholeNoteSelfHarmNeverBlocks(t *testing.T) {
	t.Parallel()
	s, err := New(Config{}, wholeNoteSelfHarm{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Moderate(context.Background(), &models.Note{NoteEvent: models.NoteEvent{NoteID: "n", Body: "a quiet evening"}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Markets["cn"] != models.DecisionReview || m.Markets["intl"] != models.DecisionReview {
		t.Errorf("markets %v, want review", m.Markets)
	}
}
