package moderate

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestTranslationStage(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	ts := s.TranslationStage("en")
	tests := []struct {
		name        string
		lang        string
		body        string
		translation string
		wantCN      models.Decision
		wantSource  string
	}{
		// Italian has no rules of its own: its threats are caught through the
		// English translation.
		{"an Italian threat is caught through its translation", "it", "ti ammazzo", "I'll kill you", models.DecisionBlock, "lexicon:translation:en"},
		{"a clean Italian note stays allowed", "it", "adoro la spiaggia", "I love the beach", models.DecisionAllow, ""},
		{"an English note is not moderated twice", "en", "hello", "I'll kill you", models.DecisionAllow, ""},
		{"a Chinese note is moderated as written", "zh", "你好", "I'll kill you", models.DecisionAllow, ""},
		{"a note of undetermined language is left alone", "und", "😀", "I'll kill you", models.DecisionAllow, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Body: tt.body}}
			n.Language = models.Language{Code: tt.lang}
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			n.Translations = map[string]models.Translation{"en": {Body: tt.translation, Status: models.TranslationOK}}
			for range 2 { // a retry gives the same result
				if err := ts.Process(context.Background(), []*models.Note{n}); err != nil {
					t.Fatal(err)
				}
			}
			m := n.Moderation
			if m.Markets["cn"] != tt.wantCN {
				t.Fatalf("cn %s, want %s; %+v", m.Markets["cn"], tt.wantCN, m)
			}
			var sources []string
			for _, l := range m.Labels {
				sources = append(sources, l.Source)
				if l.Source == tt.wantSource {
					for _, e := range l.Evidence {
						if e.Field != "translations.en.body" || tt.translation[e.Start:e.End] != e.Text {
							t.Errorf("evidence %+v does not quote the translation", e)
						}
					}
				}
			}
			if tt.wantSource != "" && !slices.Contains(sources, tt.wantSource) {
				t.Errorf("label sources %v, want %s among them", sources, tt.wantSource)
			}
			for _, src := range sources {
				if !strings.HasSuffix(src, ":translation:en") {
					t.Errorf("label source %s: want only labels of the translation", src)
				}
			}
			if tt.wantSource == "" && len(sources) != 0 {
				t.Errorf("labels %v, want none", sources)
			}
			for _, market := range n.ApprovedMarkets {
				if m.Markets[market] != models.DecisionAllow {
					t.Errorf("approved in %s with %s", market, m.Markets[market])
				}
			}
		})
	}
}

func TestTranslationOnlyTightens(t *testing.T) {
	t.Parallel()
	base := models.Moderation{Decision: models.DecisionBlock, Markets: map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionAllow}, PolicyVersion: "v"}
	tr := models.Moderation{Decision: models.DecisionReview, Markets: map[string]models.Decision{"cn": models.DecisionAllow, "intl": models.DecisionReview}, PolicyVersion: "v"}
	m := mergeModeration(nil, base, tr, ":translation:en")
	if m.Markets["cn"] != models.DecisionBlock || m.Markets["intl"] != models.DecisionReview || m.Decision != models.DecisionBlock {
		t.Errorf("merged %+v", m)
	}
}
