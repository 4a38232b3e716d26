package translate

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/notegate/notegate/models"
)

func decided(n *models.Note, markets map[string]models.Decision) *models.Note {
	n.Moderation.Markets = markets
	n.Moderation.Decision = models.DecisionAllow
	for _, d := range markets {
		n.Moderation.Decision = models.MostRestrictive(n.Moderation.Decision, d)
	}
	return n
}

func TestStageTranslatesQueuedNotesForReview(t *testing.T) {
	t.Parallel()
	const (
		allow  = models.DecisionAllow
		review = models.DecisionReview
		block  = models.DecisionBlock
	)
	zhNote := func() *models.Note { return note("zh", "加V信", "领取福利") }
	enNote := func() *models.Note { return note("en", "", "cheap followers") }
	urgent := decided(zhNote(), map[string]models.Decision{"cn": block, "intl": block})
	urgent.Moderation.Urgent = models.CategorySexualMinors
	byMarket := map[string]Market{"cn": {Targets: []string{"zh"}}, "intl": {Targets: []string{"en"}}}
	tests := []struct {
		name string
		cfg  Config
		note *models.Note
		// want is the status per target; chars the characters sent per
		// purpose.
		want  map[string]models.TranslationStatus
		chars map[string]int
	}{
		{"a_note_blocked_in_cn_and_in_review_in_intl_is_translated_for_review", Config{},
			decided(zhNote(), map[string]models.Decision{"cn": block, "intl": review}),
			map[string]models.TranslationStatus{"en": models.TranslationOK}, map[string]int{PurposeReview: 7}},
		{"a_note_in_review_everywhere_is_translated_for_review", Config{},
			decided(zhNote(), map[string]models.Decision{"cn": review, "intl": review}),
			map[string]models.TranslationStatus{"en": models.TranslationOK}, map[string]int{PurposeReview: 7}},
		{"a_note_blocked_in_cn_and_allowed_in_intl_is_translated_for_intl_readers", Config{},
			decided(zhNote(), map[string]models.Decision{"cn": block, "intl": allow}),
			map[string]models.TranslationStatus{"en": models.TranslationOK}, map[string]int{PurposeFeed: 7}},
		{"a_note_blocked_everywhere_and_not_queued_is_not_sent", Config{},
			decided(zhNote(), map[string]models.Decision{"cn": block, "intl": block}),
			map[string]models.TranslationStatus{"en": models.TranslationSkipped}, nil},
		{"an_urgent_note_blocked_everywhere_is_translated_for_review", Config{}, urgent,
			map[string]models.TranslationStatus{"en": models.TranslationOK}, map[string]int{PurposeReview: 7}},
		{"with_markets_an_english_note_blocked_in_cn_gets_chinese_for_the_reviewers", Config{Markets: byMarket},
			decided(enNote(), map[string]models.Decision{"cn": block, "intl": review}),
			map[string]models.TranslationStatus{"zh": models.TranslationOK}, map[string]int{PurposeReview: 15}},
		{"with_markets_a_chinese_note_allowed_in_cn_gets_english_for_intl_reviewers", Config{Markets: byMarket},
			decided(zhNote(), map[string]models.Decision{"cn": allow, "intl": review}),
			map[string]models.TranslationStatus{"en": models.TranslationOK}, map[string]int{PurposeReview: 7}},
		{"without_review_targets_only_the_open_markets_languages_are_made", Config{Markets: byMarket, ReviewTargets: []string{}},
			decided(enNote(), map[string]models.Decision{"cn": block, "intl": review}),
			map[string]models.TranslationStatus{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &fakeProvider{name: "a", pairs: map[string]bool{"zh-en": true, "en-zh": true}}
			tt.cfg.Providers = []string{"a"}
			reg := prometheus.NewRegistry()
			s, err := New(tt.cfg, []Provider{p}, nil, WithMetrics(reg))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Process(context.Background(), []*models.Note{tt.note}); err != nil {
				t.Fatal(err)
			}
			got := map[string]models.TranslationStatus{}
			for target, tr := range tt.note.Translations {
				got[target] = tr.Status
				if tr.Status == models.TranslationOK && tr.Body == "" {
					t.Errorf("%s: ok without a body: %+v", target, tr)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("translations %v, want %v (%+v)", got, tt.want, tt.note.Translations)
			}
			for _, purpose := range []string{PurposeFeed, PurposeReview} {
				sent := counterValue(t, reg, "notegate_translate_chars_sent_total", purpose)
				if int(sent) != tt.chars[purpose] {
					t.Errorf("characters sent for %s: %v, want %d", purpose, sent, tt.chars[purpose])
				}
			}
		})
	}
}

func TestStageFeedTranslationIsPaidOnceAndServesTheReviewerToo(t *testing.T) {
	t.Parallel()
	p := &fakeProvider{name: "a", pairs: map[string]bool{"zh-en": true}}
	reg := prometheus.NewRegistry()
	s, err := New(Config{Providers: []string{"a"}}, []Provider{p}, nil, WithMetrics(reg))
	if err != nil {
		t.Fatal(err)
	}
	shown := decided(note("zh", "", "领取福利"), map[string]models.Decision{"cn": models.DecisionAllow, "intl": models.DecisionAllow})
	queued := decided(note("zh", "", "领取福利"), map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionReview})
	if err := s.Process(context.Background(), []*models.Note{queued, shown}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []*models.Note{shown, queued} {
		if tr := n.Translations["en"]; tr.Status != models.TranslationOK {
			t.Errorf("%+v", tr)
		}
	}
	feed := counterValue(t, reg, "notegate_translate_chars_sent_total", PurposeFeed)
	rev := counterValue(t, reg, "notegate_translate_chars_sent_total", PurposeReview)
	if feed != 4 || rev != 0 || len(p.batches) != 1 {
		t.Errorf("sent %v characters for feeds and %v for review in %d calls; want 4, 0 and one call", feed, rev, len(p.batches))
	}
}

func TestStageLacking(t *testing.T) {
	t.Parallel()
	s := newStage(t, Config{}, newGloss(t))
	approved := func(tr map[string]models.Translation) *models.Note {
		n := decided(note("zh", "", "加V信领取福利"), map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionAllow})
		n.Translations = maps.Clone(tr)
		return n
	}
	blockedSkip := map[string]models.Translation{"en": {Status: models.TranslationSkipped, Error: ReasonBlocked}}
	tests := []struct {
		name string
		note *models.Note
		want []string
	}{
		{"an_approved_note_whose_translation_was_skipped_while_blocked_lacks_it", approved(blockedSkip), []string{"en"}},
		{"an_approved_note_without_any_translation_lacks_it", approved(nil), []string{"en"}},
		{"an_approved_note_translated_for_review_lacks_nothing", approved(map[string]models.Translation{"en": {Status: models.TranslationOK, Body: "x"}}), nil},
		{"a_failed_translation_is_not_asked_for_again", approved(map[string]models.Translation{"en": {Status: models.TranslationFailed}}), nil},
		{"a_note_blocked_everywhere_lacks_nothing",
			func() *models.Note {
				n := approved(blockedSkip)
				n.Moderation.Markets["intl"] = models.DecisionBlock
				return n
			}(), nil},
		{"a_note_of_undetermined_language_lacks_nothing",
			func() *models.Note { n := approved(nil); n.Language.Code = models.Undetermined; return n }(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := s.Lacking(tt.note); !slices.Equal(got, tt.want) {
				t.Errorf("Lacking = %v, want %v", got, tt.want)
			}
		})
	}

	// What Lacking names, marked pending, Retranslate fills in.
	n := approved(blockedSkip)
	for _, target := range s.Lacking(n) {
		n.Translations[target] = models.Translation{Status: models.TranslationPending}
	}
	if err := s.Retranslate(context.Background(), n, []string{"en"}); err != nil {
		t.Fatal(err)
	}
	if tr := n.Translations["en"]; tr.Status != models.TranslationOK || !utf8.ValidString(tr.Body) || tr.Body == "" {
		t.Errorf("after the retry: %+v", tr)
	}
}
