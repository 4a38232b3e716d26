package translate

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/notegate/notegate/models"
)

// scriptedProvider records the texts it is sent and fails its first calls
// with the errors in fails.
type scriptedProvider struct {
	name string

	mu    sync.Mutex
	fails []error
	sent  []string
	calls int
}

func (p *scriptedProvider) Name() string { return p.name }

func (p *scriptedProvider) Translate(ctx context.Context, from, to string, texts []string) ([]string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls++
	if len(p.fails) > 0 {
		err := p.fails[0]
		p.fails = p.fails[1:]
		return nil, err
	}
	p.sent = append(p.sent, texts...)
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = p.name + ":" + strings.ToUpper(t)
	}
	return out, nil
}

func (p *scriptedProvider) sentTexts() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.sent...)
}

func frNote(id, body string) *models.Note {
	n := note("fr", "", body)
	n.NoteID = id
	return n
}

func TestStageCacheSendsEachDistinctTextOnce(t *testing.T) {
	t.Parallel()
	p := &scriptedProvider{name: "a"}
	reg := prometheus.NewRegistry()
	s, err := New(Config{Targets: []string{"en"}, Providers: []string{"a"}}, []Provider{p}, nil, WithMetrics(reg))
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"bonjour tout le monde", "merci beaucoup", "bonjour  tout le monde ", "à bientôt"}
	var notes []*models.Note
	for round := range 3 {
		var batch []*models.Note
		for i, body := range texts {
			batch = append(batch, frNote(fmt.Sprintf("n-%d-%d", round, i), body))
		}
		if err := s.Process(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		notes = append(notes, batch...)
	}
	sent := p.sentTexts()
	sort.Strings(sent)
	if got, want := strings.Join(sent, "|"), "bonjour tout le monde|merci beaucoup|à bientôt"; got != want {
		t.Errorf("provider was sent %q, want each distinct text once: %q", got, want)
	}
	for _, n := range notes {
		if tr := n.Translations["en"]; tr.Status != models.TranslationOK || tr.Body == "" {
			t.Errorf("%s: %+v", n.NoteID, tr)
		}
	}
	hits := counterValue(t, reg, "notegate_translate_cache_lookups_total", "hit")
	misses := counterValue(t, reg, "notegate_translate_cache_lookups_total", "miss")
	// Round one: 3 distinct texts, all misses; rounds two and three: 3 hits each.
	if hits != 6 || misses != 3 {
		t.Errorf("cache hits %v, misses %v; want 6 and 3", hits, misses)
	}
	if chars := counterValue(t, reg, "notegate_translate_chars_sent_total", "a"); chars != float64(len([]rune("bonjour tout le mondemerci beaucoupà bientôt"))) {
		t.Errorf("characters sent = %v", chars)
	}
	t.Logf("cache hit rate %.2f over 3 rounds of %d texts", hits/(hits+misses), len(texts))
}

func TestStageDegradation(t *testing.T) {
	t.Parallel()
	down := fmt.Errorf("%w: connection refused", ErrTransient)
	tests := []struct {
		name      string
		cfg       Config
		primary   []error // failures of the primary, in order
		wantCalls int     // calls made to the primary
		want      models.TranslationStatus
		wantBy    string
	}{
		{"a_transient_failure_is_retried_then_succeeds", Config{}, []error{down}, 2, models.TranslationOK, "a"},
		{"a_429_with_a_short_retry_after_is_retried", Config{},
			[]error{&ProviderError{Provider: "a", Kind: ErrRateLimited, Status: 429, RetryAfter: time.Millisecond}}, 2, models.TranslationOK, "a"},
		{"a_429_asking_for_a_long_pause_falls_through_at_once", Config{},
			[]error{&ProviderError{Provider: "a", Kind: ErrRateLimited, Status: 429, RetryAfter: time.Hour}}, 1, models.TranslationOK, "b"},
		{"a_4xx_is_never_retried", Config{},
			[]error{&ProviderError{Provider: "a", Kind: ErrPermanent, Status: 400}}, 1, models.TranslationOK, "b"},
		{"an_exhausted_budget_skips_the_provider", Config{Limits: map[string]ProviderLimits{"a": {CharsPerPeriod: 3}}}, nil, 0, models.TranslationOK, "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := &scriptedProvider{name: "a", fails: tt.primary}
			b := &scriptedProvider{name: "b"}
			cfg := tt.cfg
			cfg.Targets, cfg.Providers = []string{"en"}, []string{"a", "b"}
			cfg.Retry = RetryConfig{Attempts: 3, MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond}
			s := newStage(t, cfg, a, b)
			n := frNote("n1", "bonjour")
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			if got := n.Translations["en"]; got.Status != tt.want || got.Provider != tt.wantBy {
				t.Errorf("translation %+v, want %s by %s", got, tt.want, tt.wantBy)
			}
			if a.calls != tt.wantCalls {
				t.Errorf("primary called %d times, want %d", a.calls, tt.wantCalls)
			}
		})
	}
}

func TestStageBreakerOpensAndNotesGoPendingWithoutCalls(t *testing.T) {
	t.Parallel()
	down := errors.New("connection refused")
	fails := make([]error, 100)
	for i := range fails {
		fails[i] = down
	}
	a := &scriptedProvider{name: "a", fails: fails}
	now := time.Unix(1e9, 0) // the stage's clock, moved by hand
	s, err := New(Config{Targets: []string{"en"}, Providers: []string{"a"}, Breaker: BreakerConfig{Failures: 2, Cooldown: time.Minute}},
		[]Provider{a}, nil, withClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		n := frNote(fmt.Sprint(i), fmt.Sprintf("texte numéro %d", i))
		if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
			t.Fatal(err)
		}
		if got := n.Translations["en"]; got.Status != models.TranslationPending || got.Error == "" {
			t.Fatalf("note %d: %+v, want pending with the reason", i, got)
		}
	}
	if a.calls != 2 {
		t.Errorf("provider called %d times; the breaker should have stopped calls after 2 failures", a.calls)
	}
	if st, _ := s.BreakerState("a"); st != BreakerOpen {
		t.Errorf("breaker %v, want open", st)
	}
	// After the cooldown the provider is back: one probe closes the breaker
	// and Retranslate fills the pending translation in.
	a.mu.Lock()
	a.fails = nil
	a.mu.Unlock()
	now = now.Add(time.Minute)
	n := frNote("late", "bonjour")
	n.Translations = map[string]models.Translation{"en": {Status: models.TranslationPending, Error: "a: down"}}
	if err := s.Retranslate(context.Background(), n, []string{"en"}); err != nil {
		t.Fatal(err)
	}
	if got := n.Translations["en"]; got.Status != models.TranslationOK || got.Body != "a:BONJOUR" {
		t.Errorf("after recovery: %+v", got)
	}
}

func TestStageMarkets(t *testing.T) {
	t.Parallel()
	gloss := newGloss(t)
	cfg := Config{Markets: map[string]Market{"cn": {Targets: []string{"zh-Hans"}}, "tw": {Targets: []string{"zh-Hant"}}, "intl": {Targets: []string{"en"}}}}
	s := newStage(t, cfg, gloss)
	tests := []struct {
		name    string
		note    *models.Note
		markets map[string]models.Decision
		want    map[string]string // target → provider ("" when skipped)
	}{
		{"english_note_shown_everywhere_gets_simplified_and_traditional",
			note("en", "", "hello friends"), nil,
			map[string]string{"zh": CedictGlossName, "zh-Hant": CedictGlossName + "+" + S2TName}},
		{"simplified_note_is_converted_for_traditional_readers_without_a_provider",
			&models.Note{NoteEvent: models.NoteEvent{Body: "火锅推荐"}, Language: models.Language{Code: "zh", Script: "Hans"}}, nil,
			map[string]string{"en": CedictGlossName, "zh-Hant": S2TName}},
		{"markets_a_note_is_blocked_in_get_nothing",
			note("en", "", "hello friends"), map[string]models.Decision{"cn": models.DecisionBlock, "tw": models.DecisionBlock, "intl": models.DecisionAllow},
			map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.note.Moderation.Markets = tt.markets
			if err := s.Process(context.Background(), []*models.Note{tt.note}); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for target, tr := range tt.note.Translations {
				if tr.Status != models.TranslationOK {
					t.Errorf("%s: %+v", target, tr)
				}
				got[target] = tr.Provider
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("translations by %v, want %v", got, tt.want)
			}
			if tr, ok := tt.note.Translations["zh-Hant"]; ok && strings.ContainsAny(tr.Body, "锅荐") {
				t.Errorf("Traditional translation holds Simplified characters: %q", tr.Body)
			}
		})
	}
}

// counterValue sums the counter name over the series with a label of
// value labelValue.
func counterValue(t *testing.T, g prometheus.Gatherer, name, labelValue string) float64 {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetValue() == labelValue {
					sum += m.GetCounter().GetValue()
				}
			}
		}
	}
	return sum
}
