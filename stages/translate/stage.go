package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// Stage translates each note's title and body into every configured
// target language other than the note's own, and records the outcome in
// Note.Translations: ok, skipped (with the reason) or failed (with the
// error). It runs after moderation: blocked notes are not sent out.
type Stage struct {
	cfg       Config
	providers map[string]Provider
	log       *slog.Logger
}

var _ pipeline.Stage = (*Stage)(nil)

// Reasons recorded in Translation.Error for skipped translations.
const (
	ReasonBlocked      = "note blocked by moderation"
	ReasonUndetermined = "language undetermined"
	ReasonNothing      = "nothing to translate"
)

// New returns the stage. providers are the available implementations,
// found by Name(); every name that cfg mentions must be among them. A nil
// logger means slog.Default().
func New(cfg Config, providers []Provider, logger *slog.Logger) (*Stage, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("translate config: %w", err)
	}
	byName := make(map[string]Provider, len(providers))
	for _, p := range providers {
		if p == nil {
			return nil, errors.New("translate: nil provider")
		}
		if _, dup := byName[p.Name()]; dup {
			return nil, fmt.Errorf("translate: two providers named %q", p.Name())
		}
		byName[p.Name()] = p
	}
	names := append([]string(nil), cfg.Providers...)
	for _, ns := range cfg.Pairs {
		names = append(names, ns...)
	}
	for _, n := range names {
		if _, ok := byName[n]; !ok {
			return nil, fmt.Errorf("translate config: unknown provider %q", n)
		}
	}
	if logger == nil {
		logger = slog.Default()
	}
	return &Stage{cfg: cfg, providers: byName, log: logger.With("stage", "translate")}, nil
}

// Name returns "translate".
func (s *Stage) Name() string { return "translate" }

// job is one note to translate into one target.
type job struct {
	note     *models.Note
	target   string
	texts    []string // title and/or body, whichever is not empty
	hasTitle bool
}

// Process translates notes in place. It returns an error only when ctx is
// done; every other outcome is recorded on the note.
func (s *Stage) Process(ctx context.Context, notes []*models.Note) error {
	type pair struct{ from, to string }
	var order []pair
	jobs := make(map[pair][]*job)
	for _, n := range notes {
		if n == nil {
			continue
		}
		src := BaseLanguage(n.Language.Code)
		reason := s.skipReason(n, src)
		for _, target := range s.cfg.Targets {
			if target == src {
				continue
			}
			if reason != "" {
				setTranslation(n, target, models.Translation{Status: models.TranslationSkipped, Error: reason})
				continue
			}
			p := pair{src, target}
			if len(s.cfg.providersFor(src, target)) == 0 {
				setTranslation(n, target, models.Translation{Status: models.TranslationSkipped, Error: noProvider(src, target)})
				continue
			}
			j := newJob(n, target)
			if len(j.texts) == 0 {
				setTranslation(n, target, models.Translation{Status: models.TranslationSkipped, Error: ReasonNothing})
				continue
			}
			if _, ok := jobs[p]; !ok {
				order = append(order, p)
			}
			jobs[p] = append(jobs[p], j)
		}
	}
	for _, p := range order {
		if err := s.translatePair(ctx, p.from, p.to, jobs[p]); err != nil {
			return err
		}
	}
	return nil
}

// skipReason says why a note is not translated at all, or "".
func (s *Stage) skipReason(n *models.Note, src string) string {
	switch {
	case n.Moderation.Decision == models.DecisionBlock:
		return ReasonBlocked
	case src == "" || src == models.Undetermined:
		return ReasonUndetermined
	}
	if chars := utf8.RuneCountInString(n.Title) + utf8.RuneCountInString(n.Body); chars > s.cfg.MaxChars {
		return fmt.Sprintf("note too long: %d characters, limit %d", chars, s.cfg.MaxChars)
	}
	if translatableLetters(n.Title)+translatableLetters(n.Body) < s.cfg.MinLetters {
		return ReasonNothing
	}
	return ""
}

func newJob(n *models.Note, target string) *job {
	j := &job{note: n, target: target}
	if strings.TrimSpace(n.Title) != "" {
		j.texts = append(j.texts, n.Title)
		j.hasTitle = true
	}
	if strings.TrimSpace(n.Body) != "" {
		j.texts = append(j.texts, n.Body)
	}
	return j
}

// translatePair runs the provider chain of one pair over its jobs: each
// provider gets the jobs that the ones before it did not translate, in
// batches of at most BatchSize texts.
func (s *Stage) translatePair(ctx context.Context, from, to string, jobs []*job) error {
	names := s.cfg.providersFor(from, to)
	failures := make(map[*job][]string, len(jobs))
	pending := jobs
	for _, name := range names {
		if len(pending) == 0 {
			break
		}
		p := s.providers[name]
		var next []*job
		for len(pending) > 0 {
			batch, rest := cutBatch(pending, s.cfg.BatchSize)
			pending = rest
			err := s.translateBatch(ctx, p, from, to, batch)
			if err == nil {
				continue
			}
			if ctxErr := ctx.Err(); ctxErr != nil {
				return fmt.Errorf("translate %s→%s: %w", from, to, ctxErr)
			}
			msg := err.Error()
			if errors.Is(err, ErrUnsupportedPair) {
				msg = "" // not a failure: the pair is simply not this provider's
			} else {
				s.log.Warn("provider failed", "provider", name, "from", from, "to", to,
					"notes", len(batch), "err", err)
			}
			for _, j := range batch {
				if msg != "" {
					failures[j] = append(failures[j], name+": "+msg)
				}
				next = append(next, j)
			}
		}
		pending = next
	}
	for _, j := range pending {
		if len(failures[j]) == 0 {
			setTranslation(j.note, j.target, models.Translation{Status: models.TranslationSkipped, Error: noProvider(from, to)})
			continue
		}
		setTranslation(j.note, j.target, models.Translation{
			Status: models.TranslationFailed,
			Error:  strings.Join(failures[j], "; "),
		})
	}
	return nil
}

// cutBatch takes jobs from the front until their texts fill size; a job is
// never split, and the first job is always taken.
func cutBatch(jobs []*job, size int) (batch, rest []*job) {
	n, texts := 0, 0
	for n < len(jobs) && (n == 0 || texts+len(jobs[n].texts) <= size) {
		texts += len(jobs[n].texts)
		n++
	}
	return jobs[:n], jobs[n:]
}

// translateBatch sends the texts of batch to p in one call and, on
// success, records the translations.
func (s *Stage) translateBatch(ctx context.Context, p Provider, from, to string, batch []*job) error {
	var texts []string
	for _, j := range batch {
		texts = append(texts, j.texts...)
	}
	callCtx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	out, err := p.Translate(callCtx, from, to, texts)
	if err != nil {
		return err
	}
	if len(out) != len(texts) {
		return fmt.Errorf("returned %d translations for %d texts", len(out), len(texts))
	}
	for _, j := range batch {
		t := models.Translation{Provider: p.Name(), Status: models.TranslationOK}
		k := 0
		if j.hasTitle {
			t.Title = out[0]
			k = 1
		}
		if k < len(j.texts) {
			t.Body = out[k]
			k++
		}
		out = out[k:]
		setTranslation(j.note, j.target, t)
	}
	return nil
}

func setTranslation(n *models.Note, target string, t models.Translation) {
	if n.Translations == nil {
		n.Translations = make(map[string]models.Translation)
	}
	n.Translations[target] = t
}

func noProvider(from, to string) string {
	return fmt.Sprintf("no provider for %s→%s", from, to)
}

// translatableLetters counts the letters of s that a translator would
// translate: Han characters and the letters of words, not those inside
// URLs, e-mail addresses, @mentions or #hashtags.
func translatableLetters(s string) int {
	var buf [64]enToken
	n := 0
	for _, t := range tokenizeEnglish(s, buf[:0]) {
		switch t.kind {
		case enWord:
			n += utf8.RuneCountInString(t.text)
		case enRaw:
			for _, r := range t.text {
				if isHan(r) {
					n++
				}
			}
		}
	}
	return n
}
