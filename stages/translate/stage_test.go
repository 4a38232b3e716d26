package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
)

// fakeProvider upper-cases texts for the pairs it serves, or fails.
type fakeProvider struct {
	name  string
	pairs map[string]bool // "from-to"
	err   error

	mu      sync.Mutex
	batches []int // texts per call
}

func (p *fakeProvider) Name() string { return p.name }

func (p *fakeProvider) Translate(ctx context.Context, from, to string, texts []string) ([]string, error) {
	p.mu.Lock()
	p.batches = append(p.batches, len(texts))
	p.mu.Unlock()
	if !p.pairs[from+"-"+to] {
		return nil, fmt.Errorf("%w: %s-%s", ErrUnsupportedPair, from, to)
	}
	if p.err != nil {
		return nil, p.err
	}
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = p.name + ":" + strings.ToUpper(t)
	}
	return out, nil
}

func note(lang, title, body string) *models.Note {
	n := &models.Note{Language: models.Language{Code: lang}}
	n.NoteID, n.Title, n.Body = "n1", title, body
	n.Moderation.Decision = models.DecisionAllow
	return n
}

func newStage(t testing.TB, cfg Config, providers ...Provider) *Stage {
	t.Helper()
	s, err := New(cfg, providers, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

func TestStageSkipRules(t *testing.T) {
	t.Parallel()
	gloss := newGloss(t)
	blocked := note("zh", "火锅", "好吃")
	blocked.Moderation.Decision = models.DecisionBlock
	review := note("zh", "火锅", "好吃")
	review.Moderation.Decision = models.DecisionReview
	tests := []struct {
		name string
		note *models.Note
		want map[string]models.Translation // by target; Title/Body checked when not empty
	}{
		{"chinese_note_is_glossed_into_english_only", note("zh", "火锅推荐", "真的太好吃了"), map[string]models.Translation{
			"en": {Title: "hotpot recommend", Body: "really too delicious", Provider: CedictGlossName, Status: models.TranslationOK},
		}},
		{"traditional_chinese_note_is_not_translated_into_zh", &models.Note{
			NoteEvent: models.NoteEvent{Title: "牛肉麵"}, Language: models.Language{Code: "zh", Script: "Hant"},
		}, map[string]models.Translation{
			"en": {Title: "beef noodle soup", Provider: CedictGlossName, Status: models.TranslationOK},
		}},
		{"english_note_is_glossed_into_chinese_only", note("en", "", "hello from Ohio"), map[string]models.Translation{
			"zh": {Body: "你好从俄亥俄", Provider: CedictGlossName, Status: models.TranslationOK},
		}},
		{"blocked_note_is_not_sent_for_translation", blocked, map[string]models.Translation{
			"en": {Status: models.TranslationSkipped, Error: ReasonBlocked},
		}},
		{"note_under_review_is_still_translated", review, map[string]models.Translation{
			"en": {Title: "hotpot", Body: "delicious", Provider: CedictGlossName, Status: models.TranslationOK},
		}},
		{"undetermined_language_is_skipped_for_every_target", note(models.Undetermined, "😂😂", ""), map[string]models.Translation{
			"en": {Status: models.TranslationSkipped, Error: ReasonUndetermined},
			"zh": {Status: models.TranslationSkipped, Error: ReasonUndetermined},
		}},
		{"missing_language_counts_as_undetermined", note("", "hi", ""), map[string]models.Translation{
			"en": {Status: models.TranslationSkipped, Error: ReasonUndetermined},
			"zh": {Status: models.TranslationSkipped, Error: ReasonUndetermined},
		}},
		{"links_mentions_and_emoji_are_nothing_to_translate", note("en", "👍", "https://example.com @bob #fyp"), map[string]models.Translation{
			"zh": {Status: models.TranslationSkipped, Error: ReasonNothing},
		}},
		{"french_note_has_no_provider_for_either_target", note("fr", "Bonjour", "je suis nouveau ici"), map[string]models.Translation{
			"en": {Status: models.TranslationSkipped, Error: "no provider for fr→en"},
			"zh": {Status: models.TranslationSkipped, Error: "no provider for fr→zh"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newStage(t, Config{}, gloss)
			if err := s.Process(context.Background(), []*models.Note{tt.note}); err != nil {
				t.Fatalf("Process: %v", err)
			}
			if len(tt.note.Translations) != len(tt.want) {
				t.Errorf("translations = %+v, want targets of %+v", tt.note.Translations, tt.want)
			}
			for target, want := range tt.want {
				got, ok := tt.note.Translations[target]
				if !ok {
					t.Errorf("no translation into %s", target)
					continue
				}
				if got != want {
					t.Errorf("translation into %s = %+v, want %+v", target, got, want)
				}
			}
		})
	}
}

func TestStageProviderChain(t *testing.T) {
	t.Parallel()
	down := errors.New("connection refused")
	tests := []struct {
		name      string
		providers []*fakeProvider
		want      models.Translation
	}{
		{"first_provider_that_succeeds_wins",
			[]*fakeProvider{{name: "a", pairs: map[string]bool{"fr-en": true}}, {name: "b", pairs: map[string]bool{"fr-en": true}}},
			models.Translation{Title: "a:BONJOUR", Body: "a:MERCI", Provider: "a", Status: models.TranslationOK}},
		{"a_failing_provider_falls_through_to_the_next",
			[]*fakeProvider{{name: "a", pairs: map[string]bool{"fr-en": true}, err: down}, {name: "b", pairs: map[string]bool{"fr-en": true}}},
			models.Translation{Title: "b:BONJOUR", Body: "b:MERCI", Provider: "b", Status: models.TranslationOK}},
		{"an_unsupported_pair_falls_through_to_the_next",
			[]*fakeProvider{{name: "a"}, {name: "b", pairs: map[string]bool{"fr-en": true}}},
			models.Translation{Title: "b:BONJOUR", Body: "b:MERCI", Provider: "b", Status: models.TranslationOK}},
		{"all_providers_failing_leaves_the_translation_pending",
			[]*fakeProvider{{name: "a", pairs: map[string]bool{"fr-en": true}, err: down}, {name: "b"}},
			models.Translation{Status: models.TranslationPending, Error: "a: connection refused"}},
		{"providers_refusing_the_texts_for_good_mark_it_failed",
			[]*fakeProvider{{name: "a", pairs: map[string]bool{"fr-en": true}, err: fmt.Errorf("%w: HTTP 400", ErrPermanent)}},
			models.Translation{Status: models.TranslationFailed, Error: "a: translate: permanent provider failure: HTTP 400"}},
		{"no_provider_serving_the_pair_skips_it",
			[]*fakeProvider{{name: "a"}, {name: "b"}},
			models.Translation{Status: models.TranslationSkipped, Error: "no provider for fr→en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var ps []Provider
			var names []string
			for _, p := range tt.providers {
				ps = append(ps, p)
				names = append(names, p.name)
			}
			s := newStage(t, Config{Targets: []string{"en"}, Providers: names}, ps...)
			n := note("fr", "bonjour", "merci")
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatalf("Process returned %v; a provider failure must stay on the note", err)
			}
			if got := n.Translations["en"]; got != tt.want {
				t.Errorf("translation = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestStageBatchesTextsPerProviderCall(t *testing.T) {
	t.Parallel()
	p := &fakeProvider{name: "a", pairs: map[string]bool{"en-zh": true}}
	s := newStage(t, Config{Targets: []string{"zh"}, Providers: []string{"a"}, BatchSize: 5}, p)
	var notes []*models.Note
	for i := range 7 {
		n := note("en", fmt.Sprintf("title %d", i), fmt.Sprintf("body %d", i))
		if i == 3 {
			n.Title = "" // a body alone is one text
		}
		notes = append(notes, n)
	}
	if err := s.Process(context.Background(), notes); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(p.batches), "[5 5 3]"; got != want {
		t.Errorf("texts per call = %s, want %s (13 distinct texts in calls of at most 5)", got, want)
	}
	for i, n := range notes {
		tr := n.Translations["zh"]
		wantTitle := fmt.Sprintf("a:TITLE %d", i)
		if i == 3 {
			wantTitle = ""
		}
		if tr.Title != wantTitle || tr.Body != fmt.Sprintf("a:BODY %d", i) {
			t.Errorf("note %d translated to %+v: title and body mixed up", i, tr)
		}
	}
}

func TestStagePairsOverrideProviders(t *testing.T) {
	t.Parallel()
	a := &fakeProvider{name: "a", pairs: map[string]bool{"en-zh": true, "zh-en": true}}
	b := &fakeProvider{name: "b", pairs: map[string]bool{"en-zh": true}}
	s := newStage(t, Config{Providers: []string{"a"}, Pairs: map[string][]string{"en-zh": {"b"}, "zh-en": {}}}, a, b)
	en, zh := note("en", "hi", ""), note("zh", "你好", "")
	if err := s.Process(context.Background(), []*models.Note{en, zh}); err != nil {
		t.Fatal(err)
	}
	if got := en.Translations["zh"].Provider; got != "b" {
		t.Errorf("en→zh provider = %q, want b from pairs", got)
	}
	if got := zh.Translations["en"]; got.Status != models.TranslationSkipped || got.Error != "no provider for zh→en" {
		t.Errorf("zh→en turned off by an empty pair list, got %+v", got)
	}
}

func TestStageReturnsErrorOnlyWhenContextIsDone(t *testing.T) {
	t.Parallel()
	s := newStage(t, Config{}, newGloss(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := note("zh", "火锅", "")
	if err := s.Process(ctx, []*models.Note{n}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Process with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestStageIsIdempotent(t *testing.T) {
	t.Parallel()
	s := newStage(t, Config{}, newGloss(t))
	n := note("zh", "火锅推荐", "")
	for range 2 {
		if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
			t.Fatal(err)
		}
	}
	if got := n.Translations["en"]; got.Title != "hotpot recommend" || len(n.Translations) != 1 {
		t.Fatalf("after two runs translations = %+v", n.Translations)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"unknown_provider_name", Config{Providers: []string{"deepl"}}, `unknown provider "deepl"`},
		{"target_that_is_not_a_code", Config{Targets: []string{"Chinese"}}, "not a lower-case ISO 639-1 code"},
		{"target_listed_twice", Config{Targets: []string{"en", "en"}}, "listed twice"},
		{"empty_target_list", Config{Targets: []string{}}, "targets: empty"},
		{"pair_key_without_a_dash", Config{Pairs: map[string][]string{"zhen": nil}}, `key "zhen"`},
		{"batch_too_small_for_a_note", Config{BatchSize: 1}, "batch_size"},
		{"negative_timeout", Config{Timeout: -time.Second}, "timeout"},
		{"max_chars_below_min_letters", Config{MinLetters: 10, MaxChars: 5}, "max_chars"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(tt.cfg, []Provider{&fakeProvider{name: CedictGlossName}}, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func BenchmarkStageShortNotes(b *testing.B) {
	s := newStage(b, Config{}, newGloss(b))
	// 64 short notes, half Chinese and half English, each with a title
	// and a body.
	notes := make([]*models.Note, 0, 64)
	for i := range 32 {
		notes = append(notes,
			note("zh", benchZh[i%len(benchZh)], benchZh[(i+1)%len(benchZh)]),
			note("en", benchEn[i%len(benchEn)], benchEn[(i+1)%len(benchEn)]))
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Process(context.Background(), notes); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(notes))/b.Elapsed().Seconds(), "notes/s")
}
