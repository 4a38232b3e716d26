package translate

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/notegate/notegate/internal/backoff"
	"github.com/notegate/notegate/internal/breaker"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// Stage translates each note's title and body into the targets its
// markets need, other than the note's own language, and records the
// outcome in Note.Translations: ok, skipped (with the reason), pending
// (every provider failed for now; retried later through the retry topic)
// or failed (every provider refused the texts for good). It runs after
// moderation: a note is translated for the markets it is not blocked in
// and, while it waits in the review queue, into the reviewers' languages
// (Config.ReviewTargets) wherever it is blocked; a note blocked everywhere
// and not queued is not sent out (see plan).
//
// Cost and failure control, per provider: an LRU cache (plus an optional
// SharedCache) keyed by (normalized text, pair, provider); identical texts
// of a batch sent once; a rate limit and a character budget; a timeout per
// call; retries with jittered backoff on 429 (honouring Retry-After) and
// transient failures; a circuit breaker. A provider refused by its breaker,
// budget or rate limit is skipped for the next in the pair's chain, so the
// stage never waits long on a translator.
type Stage struct {
	cfg       Config
	providers map[string]*guarded
	cache     *lru // nil when off
	shared    SharedCache
	closers   []func() error // what the stage opened itself (the Redis tier)
	flights   inflight       // per-provider keys, so no cross-provider waits
	metrics   *metrics
	log       *slog.Logger
	rand      func(n int64) int64
}

var _ pipeline.Stage = (*Stage)(nil)

// Reasons recorded in Translation.Error for skipped translations.
const (
	ReasonBlocked      = "note blocked by moderation"
	ReasonUndetermined = "language undetermined"
	ReasonNothing      = "nothing to translate"
)

// Errors recorded for a provider that was not called.
var (
	ErrBreakerOpen     = errors.New("circuit breaker open")
	ErrBudgetExhausted = errors.New("character budget exhausted")
	ErrThrottled       = errors.New("rate limit would wait too long")
)

// guarded is a provider with its breaker, rate limit and budget.
type guarded struct {
	p       Provider
	limits  ProviderLimits
	breaker *breaker.Breaker
	limiter requestLimiter
	budget  *charBudget
}

// Option configures New.
type Option func(*options)

type options struct {
	reg    prometheus.Registerer
	shared SharedCache
	now    func() time.Time
}

// WithMetrics registers the stage's metrics with reg (nil: no metrics).
func WithMetrics(reg prometheus.Registerer) Option { return func(o *options) { o.reg = reg } }

// WithSharedCache adds a second cache tier shared by replicas, in place of
// the one cfg.Cache.Redis would open. The caller keeps ownership of c.
func WithSharedCache(c SharedCache) Option { return func(o *options) { o.shared = c } }

// withClock replaces time.Now for breakers and budgets (tests).
func withClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// New returns the stage. providers are the available implementations,
// found by Name(); every name that cfg mentions must be among them. A nil
// logger means slog.Default(). When cfg.Cache.Redis is set (and no
// WithSharedCache is given) the stage opens that shared tier, without
// connecting; Close releases it.
func New(cfg Config, providers []Provider, logger *slog.Logger, opts ...Option) (*Stage, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("translate config: %w", err)
	}
	o := options{now: time.Now}
	for _, opt := range opts {
		opt(&o)
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
	for n := range cfg.Limits {
		names = append(names, n)
	}
	for _, n := range names {
		if _, ok := byName[n]; !ok {
			return nil, fmt.Errorf("translate config: unknown provider %q", n)
		}
	}
	if logger == nil {
		logger = slog.Default()
	}
	s := &Stage{cfg: cfg, shared: o.shared, log: logger.With("stage", "translate"), rand: rand.Int64N,
		providers: make(map[string]*guarded, len(byName))}
	if !cfg.Cache.Off {
		s.cache = newLRU(cfg.Cache.MaxEntries, cfg.Cache.MaxBytes)
	}
	m, err := newMetrics(o.reg, s.cache)
	if err != nil {
		return nil, err
	}
	s.metrics = m
	for name, p := range byName {
		l := cfg.limits(name)
		s.providers[name] = &guarded{
			p:      p,
			limits: l,
			breaker: breaker.New(cfg.Breaker, o.now, func(_, st BreakerState) {
				s.log.Info("provider circuit breaker", "provider", name, "state", st.String())
				s.metrics.breakerState(name, st)
			}),
			limiter: newRequestLimiter(l.RequestsPerSecond, l.Burst, l.MaxWait),
			budget:  &charBudget{limit: l.CharsPerPeriod, period: l.Period, now: o.now},
		}
		s.metrics.breakerState(name, BreakerClosed)
	}
	if s.shared == nil && cfg.Cache.Redis.Enabled() {
		rc, err := NewRedisCache(cfg.Cache.Redis, s.log, o.reg)
		if err != nil {
			return nil, fmt.Errorf("translate: %w", err)
		}
		s.shared = rc
		s.closers = append(s.closers, rc.Close)
		s.log.Info("shared translation cache", "redis", cfg.Cache.Redis)
	}
	return s, nil
}

// Close releases what New opened (the Redis tier's connections). The stage
// must not be used afterwards.
func (s *Stage) Close() error {
	var errs []error
	for _, c := range s.closers {
		errs = append(errs, c())
	}
	s.closers = nil
	return errors.Join(errs...)
}

// Name returns "translate".
func (s *Stage) Name() string { return "translate" }

// BreakerState reports the state of a provider's circuit breaker.
func (s *Stage) BreakerState(provider string) (BreakerState, bool) {
	g, ok := s.providers[provider]
	if !ok {
		return 0, false
	}
	return g.breaker.State(), true
}

// job is one note to translate into one target.
type job struct {
	note     *models.Note
	target   string   // canonical tag: "en", "zh", "zh-Hant" …
	texts    []string // title and/or body, whichever is not empty
	hasTitle bool
}

// Process translates notes in place. It returns an error only when ctx is
// done; every other outcome is recorded on the note.
func (s *Stage) Process(ctx context.Context, notes []*models.Note) error {
	return s.process(ctx, notes, nil)
}

// Retranslate attempts again the translations of n into targets (those
// that are pending; the others are left alone), as the retry worker does
// when a pending translation is due. Each comes out ok, pending again,
// failed or skipped, like in Process. It returns an error only when ctx is
// done.
func (s *Stage) Retranslate(ctx context.Context, n *models.Note, targets []string) error {
	only := make(map[string]bool, len(targets))
	for _, t := range targets {
		if t, ok := canonicalTarget(t); ok && n.Translations[t].Status == models.TranslationPending {
			only[t] = true
		}
	}
	if len(only) == 0 {
		return nil
	}
	return s.process(ctx, []*models.Note{n}, only)
}

// process translates notes into their targets, or only into the targets
// in only when it is not nil.
func (s *Stage) process(ctx context.Context, notes []*models.Note, only map[string]bool) error {
	type pair struct{ from, to, purpose string }
	var order []pair
	jobs := make(map[pair][]*job)
	for _, n := range notes {
		if n == nil {
			continue
		}
		src := BaseLanguage(n.Language.Code)
		wanted, blocked := s.plan(n)
		for _, target := range blocked {
			if (only != nil && !only[target]) || alreadyIn(src, n.Language.Script, target) {
				continue
			}
			setTranslation(n, target, models.Translation{Status: models.TranslationSkipped, Error: ReasonBlocked})
		}
		reason := s.skipReason(n, src)
		for _, w := range wanted {
			target := w.target
			if (only != nil && !only[target]) || alreadyIn(src, n.Language.Script, target) {
				continue
			}
			if reason != "" {
				setTranslation(n, target, models.Translation{Status: models.TranslationSkipped, Error: reason})
				continue
			}
			if target == TargetTraditional && src == "zh" {
				// A Simplified note for a Traditional market: a script
				// conversion, no provider needed.
				setTranslation(n, target, models.Translation{Title: ToTraditional(n.Title), Body: ToTraditional(n.Body),
					Provider: S2TName, Status: models.TranslationOK})
				continue
			}
			p := pair{src, providerTarget(target), w.purpose}
			if len(s.cfg.providersFor(p.from, p.to)) == 0 {
				setTranslation(n, target, models.Translation{Status: models.TranslationSkipped, Error: noProvider(p.from, p.to)})
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
	// Feed translations first: a text that readers need too is paid for
	// as theirs, and a reviewer's copy of it is then a cache hit.
	slices.SortStableFunc(order, func(a, b pair) int {
		return cmp.Compare(purposeRank(a.purpose), purposeRank(b.purpose))
	})
	for _, p := range order {
		if err := s.translatePair(ctx, p.from, p.to, p.purpose, jobs[p]); err != nil {
			return err
		}
	}
	return nil
}

// skipReason says why a note is not translated at all, or "". Where a
// note is blocked is plan's concern.
func (s *Stage) skipReason(n *models.Note, src string) string {
	if src == "" || src == models.Undetermined {
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
// provider gets the jobs that the ones before it did not translate. What
// is left at the end is pending (some failure may pass), failed (every
// provider refused the texts for good) or skipped (no provider serves the
// pair).
func (s *Stage) translatePair(ctx context.Context, from, to, purpose string, jobs []*job) error {
	failures := make(map[*job][]string, len(jobs))
	lasting := make(map[*job]bool, len(jobs)) // some failure may pass with time
	pending := jobs
	for _, name := range s.cfg.providersFor(from, to) {
		if len(pending) == 0 {
			break
		}
		g := s.providers[name]
		var texts []string
		for _, j := range pending {
			texts = append(texts, j.texts...)
		}
		done, errs, err := s.translateTexts(ctx, g, from, to, purpose, texts)
		if err != nil {
			return fmt.Errorf("translate %s→%s: %w", from, to, err)
		}
		var next []*job
		for _, j := range pending {
			out := make([]string, 0, len(j.texts))
			var jerr error
			for _, t := range j.texts {
				if tr, ok := done[t]; ok {
					out = append(out, tr)
				} else if jerr == nil {
					jerr = errs[t]
				}
			}
			if len(out) == len(j.texts) {
				s.record(j, name, out)
				continue
			}
			if jerr != nil && !errors.Is(jerr, ErrUnsupportedPair) {
				failures[j] = append(failures[j], name+": "+jerr.Error())
				if !errors.Is(jerr, ErrPermanent) {
					lasting[j] = true
				}
			}
			next = append(next, j)
		}
		pending = next
	}
	for _, j := range pending {
		switch {
		case len(failures[j]) == 0:
			setTranslation(j.note, j.target, models.Translation{Status: models.TranslationSkipped, Error: noProvider(from, to)})
		case lasting[j]:
			s.metrics.markedPending(j.target)
			setTranslation(j.note, j.target, models.Translation{Status: models.TranslationPending, Error: strings.Join(failures[j], "; ")})
		default:
			setTranslation(j.note, j.target, models.Translation{Status: models.TranslationFailed, Error: strings.Join(failures[j], "; ")})
		}
	}
	return nil
}

// record sets a job's translation from the provider's outputs for its
// texts, converting to Traditional for a zh-Hant target.
func (s *Stage) record(j *job, provider string, out []string) {
	t := models.Translation{Provider: provider, Status: models.TranslationOK}
	k := 0
	if j.hasTitle {
		t.Title = out[0]
		k = 1
	}
	if k < len(out) {
		t.Body = out[k]
	}
	if j.target == TargetTraditional {
		t.Title, t.Body = ToTraditional(t.Title), ToTraditional(t.Body)
		t.Provider += "+" + S2TName
	}
	setTranslation(j.note, j.target, t)
}

// translateTexts translates texts (duplicates allowed) with one provider:
// each distinct normalized text is looked up in the caches, and the misses
// are sent once each, in calls of at most BatchSize texts, counted under
// purpose. It returns the translation of every text it could translate
// and, for the others, why not; err is set only when ctx is done.
func (s *Stage) translateTexts(ctx context.Context, g *guarded, from, to, purpose string, texts []string) (done map[string]string, errs map[string]error, err error) {
	name := g.p.Name()
	type distinct struct {
		key   cacheKey
		text  string   // the first original spelling, which is what is sent
		texts []string // every spelling that normalizes to it
	}
	byKey := make(map[cacheKey]*distinct, len(texts))
	var keys []*distinct
	for _, t := range texts {
		k := newCacheKey(NormalizeText(t), from, to, name)
		d, ok := byKey[k]
		if !ok {
			d = &distinct{key: k, text: t}
			byKey[k] = d
			keys = append(keys, d)
		}
		if !slices.Contains(d.texts, t) {
			d.texts = append(d.texts, t)
		}
	}
	done = make(map[string]string, len(texts))
	errs = make(map[string]error)
	resolve := func(d *distinct, tr string) {
		for _, t := range d.texts {
			done[t] = tr
		}
	}
	var misses []*distinct
	for _, d := range keys {
		if tr, ok := s.cache.Get(d.key); ok {
			resolve(d, tr)
		} else {
			misses = append(misses, d)
		}
	}
	if s.shared != nil && len(misses) > 0 {
		ks := make([]string, len(misses))
		for i, d := range misses {
			ks[i] = d.key.String()
		}
		got, gerr := s.shared.Get(ctx, ks)
		if gerr != nil {
			s.log.Warn("shared translation cache unavailable", "err", gerr)
		}
		still := misses[:0]
		for _, d := range misses {
			if tr, ok := got[d.key.String()]; ok {
				s.cache.Put(d.key, tr)
				resolve(d, tr)
			} else {
				still = append(still, d)
			}
		}
		misses = still
	}
	// Texts another goroutine is sending right now are waited for, not
	// sent again; this goroutine leads the rest.
	var led, followed []*distinct
	flights := make(map[*distinct]*flight, len(misses))
	for _, d := range misses {
		fl, leader := s.flights.join(d.key)
		flights[d] = fl
		if leader {
			led = append(led, d)
		} else {
			followed = append(followed, d)
		}
	}
	landed := make(map[*distinct]bool, len(led))
	defer func() { // every flight led lands, even when ctx ends midway
		for _, d := range led {
			if !landed[d] {
				s.flights.land(d.key, flights[d], "", fmt.Errorf("%w: translation abandoned", ErrTransient))
			}
		}
	}()
	land := func(d *distinct, tr string, err error) {
		landed[d] = true
		s.flights.land(d.key, flights[d], tr, err)
	}
	if s.cache != nil || s.shared != nil {
		s.metrics.lookups(len(keys)-len(led), len(led))
	}
	misses = led
	for len(misses) > 0 {
		n := min(len(misses), s.cfg.BatchSize)
		chunk := misses[:n]
		misses = misses[n:]
		batch := make([]string, n)
		for i, d := range chunk {
			batch[i] = d.text
		}
		out, cerr := s.call(ctx, g, from, to, purpose, batch)
		if cerr != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			if !errors.Is(cerr, ErrUnsupportedPair) && !errors.Is(cerr, ErrBreakerOpen) {
				s.log.Warn("provider failed", "provider", name, "from", from, "to", to, "texts", n, "err", cerr)
			}
			for _, d := range chunk {
				land(d, "", cerr)
				for _, t := range d.texts {
					errs[t] = cerr
				}
			}
			continue
		}
		var toShare map[string]string
		if s.shared != nil {
			toShare = make(map[string]string, n)
		}
		for i, d := range chunk {
			s.cache.Put(d.key, out[i])
			if toShare != nil {
				toShare[d.key.String()] = out[i]
			}
			resolve(d, out[i])
			land(d, out[i], nil)
		}
		if len(toShare) > 0 {
			if serr := s.shared.Set(ctx, toShare); serr != nil {
				s.log.Warn("shared translation cache unavailable", "err", serr)
			}
		}
	}
	for _, d := range followed {
		fl := flights[d]
		select {
		case <-fl.done:
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
		if fl.err != nil {
			for _, t := range d.texts {
				errs[t] = fl.err
			}
			continue
		}
		resolve(d, fl.val)
	}
	return done, errs, nil
}

// call sends one batch to a provider through its breaker, budget and rate
// limit, with a timeout per attempt and retries on rate limits and
// transient failures. What it sends is counted under purpose.
func (s *Stage) call(ctx context.Context, g *guarded, from, to, purpose string, texts []string) ([]string, error) {
	name := g.p.Name()
	var chars int64
	for _, t := range texts {
		chars += int64(utf8.RuneCountInString(t))
	}
	for attempt := 0; ; attempt++ {
		if !g.breaker.Allow() {
			s.metrics.request(name, OutcomeBreakerOpen)
			return nil, ErrBreakerOpen
		}
		if !g.budget.Take(chars) {
			g.breaker.Done(breaker.Neutral)
			s.metrics.request(name, OutcomeNoBudget)
			return nil, ErrBudgetExhausted
		}
		if !g.limiter.Wait(ctx) {
			g.breaker.Done(breaker.Neutral)
			g.budget.Refund(chars)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			s.metrics.request(name, OutcomeThrottled)
			return nil, ErrThrottled
		}
		callCtx, cancel := context.WithTimeout(ctx, g.limits.Timeout)
		out, err := g.p.Translate(callCtx, from, to, texts)
		timedOut := callCtx.Err() != nil && ctx.Err() == nil
		cancel()
		if err == nil && len(out) != len(texts) {
			err = fmt.Errorf("%w: returned %d translations for %d texts", ErrTransient, len(out), len(texts))
		}
		if ctx.Err() != nil {
			g.breaker.Done(breaker.Neutral)
			g.budget.Refund(chars)
			return nil, ctx.Err()
		}
		oc := classify(err, timedOut)
		s.metrics.request(name, oc)
		switch oc {
		case OutcomeOK:
			g.breaker.Done(breaker.Success)
			s.metrics.sent(name, purpose, chars, g.limits.PricePerMillionChars)
			return out, nil
		case OutcomeUnsupported, OutcomePermanent:
			g.breaker.Done(breaker.Neutral)
		default:
			g.breaker.Done(breaker.Failure)
		}
		g.budget.Refund(chars) // failed calls are not billed
		if timedOut {
			err = fmt.Errorf("%w: no answer within %v", ErrTransient, g.limits.Timeout)
		}
		retry := oc == OutcomeRateLimited || oc == OutcomeTransient || oc == OutcomeTimeout
		if !retry || attempt+1 >= s.cfg.Retry.Attempts {
			return nil, err
		}
		delay := s.backoff(attempt)
		if ra, ok := RetryAfter(err); ok {
			if ra > s.cfg.Retry.MaxBackoff {
				// Waiting that long would hold the batch: pause the
				// provider instead and let the chain move on.
				g.breaker.OpenFor(ra)
				return nil, err
			}
			delay = ra
		}
		if err := backoff.Sleep(ctx, delay); err != nil {
			return nil, err
		}
	}
}

// backoff is the jittered wait before retry number attempt (0-based):
// exponential from MinBackoff, capped at MaxBackoff, drawn from its upper
// half.
func (s *Stage) backoff(attempt int) time.Duration {
	p := backoff.Policy{Min: s.cfg.Retry.MinBackoff, Max: s.cfg.Retry.MaxBackoff}
	return p.DelayWith(attempt, s.rand)
}

// classify names the outcome of a provider call.
func classify(err error, timedOut bool) string {
	switch {
	case err == nil:
		return OutcomeOK
	case errors.Is(err, ErrUnsupportedPair):
		return OutcomeUnsupported
	case timedOut:
		return OutcomeTimeout
	case errors.Is(err, ErrRateLimited):
		return OutcomeRateLimited
	case errors.Is(err, ErrQuotaExceeded):
		return OutcomeQuota
	case errors.Is(err, ErrPermanent):
		return OutcomePermanent
	case errors.Is(err, ErrTransient):
		return OutcomeTransient
	}
	return OutcomeError
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
