package desk

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/translate"
)

func TestSentences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"chinese_marks_end_sentences", "加V信领取福利！每天都有新内容。好吗？", []string{"加V信领取福利！", "每天都有新内容。", "好吗？"}},
		{"their_gloss_ends_in_the_same_places", "add V letter receive benefit! every day have new content. OK?", []string{"add V letter receive benefit!", "every day have new content.", "OK?"}},
		{"a_dot_inside_a_number_or_a_domain_ends_nothing", "costs 3.5 dollars at shop.example.com today. bye", []string{"costs 3.5 dollars at shop.example.com today.", "bye"}},
		{"runs_of_marks_and_closing_quotes_stay_with_their_sentence", `he said "no!!" then… left... “好。”再见`, []string{`he said "no!!"`, "then…", "left...", "“好。”", "再见"}},
		{"line_breaks_end_sentences_and_blank_lines_are_none", "first line\n\n  second line  \n", []string{"first line", "second line"}},
		{"text_without_marks_is_one_sentence", "just words", []string{"just words"}},
		{"empty_text_has_none", "   ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, r := range sentences(tt.in) {
				got = append(got, tt.in[r[0]:r[1]])
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("sentences = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTranslationEvidence(t *testing.T) {
	t.Parallel()
	g, err := translate.NewCedictGloss()
	if err != nil {
		t.Fatal(err)
	}
	glossOf := func(s string) string {
		out, err := g.Translate(context.Background(), "zh", "en", []string{s})
		if err != nil {
			t.Fatal(err)
		}
		return out[0]
	}
	const title, body = "加V信看更多", "今天天气很好。加V信 abc123 领取福利！"
	evidence := func(field, s, part string) models.Evidence {
		i := strings.Index(s, part)
		return models.Evidence{Field: field, Start: i, End: i + len(part), Text: part}
	}
	note := func(tr models.Translation, ev ...models.Evidence) *models.Note {
		n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "zh-1", Title: title, Body: body}, Language: models.Language{Code: "zh", Script: "Hans"}}
		n.Translations = map[string]models.Translation{"en": tr}
		n.Moderation.Labels = []models.Label{{Category: models.CategorySpam, Score: 0.9, Source: "contact", Evidence: ev}}
		return n
	}
	gloss := models.Translation{Title: glossOf(title), Body: glossOf(body), Provider: translate.CedictGlossName, Status: models.TranslationOK}
	other := models.Translation{Title: "Add WeChat to see more", Body: "The weather is nice today. Add WeChat abc123 for benefits!", Provider: "libretranslate", Status: models.TranslationOK}
	contact := []models.Evidence{evidence("title", title, "加V信"), evidence("body", body, "加V信 abc123"), evidence("body", body, "加V信 abc123")}
	tests := []struct {
		name    string
		note    *models.Note
		aligner Aligner
		want    []string // field:align:text
	}{
		{"the_gloss_highlights_the_words_the_evidence_became", note(gloss, contact...), g,
			[]string{"title:term:add V letter", "body:term:add V letter abc123"}},
		{"another_provider_highlights_the_sentence_of_the_evidence", note(other, contact...), g,
			[]string{"title:sentence:Add WeChat to see more", "body:sentence:Add WeChat abc123 for benefits!"}},
		{"without_an_aligner_the_gloss_is_highlighted_by_sentence", note(gloss, contact...), nil,
			[]string{"title:sentence:" + glossOf(title), "body:sentence:add V letter abc123 receive material benefit!"}},
		{"sentences_that_do_not_match_one_to_one_highlight_nothing",
			note(models.Translation{Body: "Weather. Nice. Add WeChat.", Provider: "x", Status: models.TranslationOK}, evidence("body", body, "abc123")), nil, nil},
		{"a_label_found_on_the_translation_is_shown_where_it_was_found",
			note(other, models.Evidence{Field: "translations.en.body", Start: 27, End: 37, Text: "Add WeChat"}), nil,
			[]string{"body:found:Add WeChat"}},
		{"a_translation_not_made_shows_no_evidence",
			note(models.Translation{Status: models.TranslationSkipped, Error: "note blocked by moderation"}, contact...), g, nil},
		{"evidence_outside_the_field_is_ignored", note(gloss, models.Evidence{Field: "body", Start: 5, End: 500}), g, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, s := range translationEvidence(tt.note, tt.aligner)["en"] {
				tr := tt.note.Translations["en"]
				field := map[string]string{"title": tr.Title, "body": tr.Body}[s.Field]
				if field[s.Start:s.End] != s.Text {
					t.Errorf("span %+v does not enclose its text in %q", s, field)
				}
				got = append(got, s.Field+":"+s.Align+":"+s.Text)
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("evidence in the translation = %q, want %q", got, tt.want)
			}
		})
	}
}
