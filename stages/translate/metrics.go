package translate

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// Outcomes of a provider call or of a call not made, the outcome label of
// notegate_translate_requests_total.
const (
	OutcomeOK          = "ok"
	OutcomeRateLimited = "rate_limited" // the provider said 429
	OutcomeQuota       = "quota_exceeded"
	OutcomeTransient   = "transient" // 5xx, connection failure, malformed answer
	OutcomeTimeout     = "timeout"
	OutcomePermanent   = "permanent" // 4xx: the same call would fail again
	OutcomeUnsupported = "unsupported_pair"
	OutcomeError       = "error" // an error of no known kind
	OutcomeBreakerOpen = "breaker_open"
	OutcomeNoBudget    = "budget_exhausted"
	OutcomeThrottled   = "throttled" // the local rate limit would wait too long
)

// metrics are the stage's Prometheus metrics; a nil *metrics records
// nothing.
type metrics struct {
	chars    *prometheus.CounterVec
	requests *prometheus.CounterVec
	cost     *prometheus.CounterVec
	cache    *prometheus.CounterVec
	breaker  *prometheus.GaugeVec
	pending  *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer, cache *lru) (*metrics, error) {
	if reg == nil {
		return nil, nil
	}
	m := &metrics{
		chars: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_translate_chars_sent_total",
			Help: "Characters sent to each translation provider (cache hits and deduplicated texts are not sent), by purpose: feed (a market shows the note) or review (only reviewers read it for now).",
		}, []string{"provider", "purpose"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_translate_requests_total",
			Help: "Translation provider calls by outcome, including calls not made (breaker_open, budget_exhausted, throttled).",
		}, []string{"provider", "outcome"}),
		cost: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_translate_cost_estimated_total",
			Help: "Estimated provider cost: characters sent times the configured price per million characters, by purpose (feed, review).",
		}, []string{"provider", "purpose"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_translate_cache_lookups_total",
			Help: "Translation cache lookups by result (hit or miss); hit rate = hit / (hit + miss).",
		}, []string{"result"}),
		breaker: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "notegate_translate_breaker_state",
			Help: "Circuit breaker state per provider: 0 closed, 1 half-open, 2 open.",
		}, []string{"provider"}),
		pending: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_translate_pending_total",
			Help: "Translations left pending because every provider failed, by target.",
		}, []string{"target"}),
	}
	entries := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "notegate_translate_cache_entries",
		Help: "Entries in the in-process translation cache.",
	}, func() float64 { n, _ := cache.Len(); return float64(n) })
	bytes := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "notegate_translate_cache_bytes",
		Help: "Bytes held by the in-process translation cache (approximate).",
	}, func() float64 { _, b := cache.Len(); return float64(b) })
	for _, c := range []prometheus.Collector{m.chars, m.requests, m.cost, m.cache, m.breaker, m.pending, entries, bytes} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("translate metrics (one stage per registry): %w", err)
		}
	}
	return m, nil
}

func (m *metrics) request(provider, outcome string) {
	if m != nil {
		m.requests.WithLabelValues(provider, outcome).Inc()
	}
}

func (m *metrics) sent(provider, purpose string, chars int64, pricePerMillion float64) {
	if m != nil {
		m.chars.WithLabelValues(provider, purpose).Add(float64(chars))
		if pricePerMillion > 0 {
			m.cost.WithLabelValues(provider, purpose).Add(float64(chars) * pricePerMillion / 1e6)
		}
	}
}

func (m *metrics) lookups(hits, misses int) {
	if m != nil {
		m.cache.WithLabelValues("hit").Add(float64(hits))
		m.cache.WithLabelValues("miss").Add(float64(misses))
	}
}

func (m *metrics) breakerState(provider string, s BreakerState) {
	if m != nil {
		m.breaker.WithLabelValues(provider).Set(float64(s))
	}
}

func (m *metrics) markedPending(target string) {
	if m != nil {
		m.pending.WithLabelValues(target).Inc()
	}
}
