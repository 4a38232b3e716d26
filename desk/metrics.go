package desk

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/notegate/notegate/models"
)

// Metrics are the reviewer desk's Prometheus metrics. Decisions per
// reviewer per hour is rate(notegate_review_decisions_total[1h]) * 3600;
// the overturn rate is rate(notegate_review_overturns_total) /
// rate(notegate_review_decisions_total).
type Metrics struct {
	decisions *prometheus.CounterVec
	overturns prometheus.Counter
	logins    *prometheus.CounterVec
}

// Login attempt outcomes, the values of
// notegate_review_login_attempts_total's label outcome.
const (
	LoginOK             = "ok"
	LoginBadCredentials = "bad_credentials"
	LoginThrottled      = "throttled"
)

// NewMetrics registers the counters with reg.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_review_decisions_total",
			Help: "Reviewer decisions applied, by reviewer and action.",
		}, []string{"reviewer", "action"}),
		overturns: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "notegate_review_overturns_total",
			Help: "Reviewer decisions that reversed an earlier reviewer decision.",
		}),
		logins: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_review_login_attempts_total",
			Help: "Password logins to the reviewer desk, by outcome: ok, bad_credentials, throttled (refused with 429 unchecked).",
		}, []string{"outcome"}),
	}
	for _, o := range []string{LoginOK, LoginBadCredentials, LoginThrottled} {
		m.logins.WithLabelValues(o)
	}
	for _, c := range []prometheus.Collector{m.decisions, m.overturns, m.logins} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register review metrics: %w", err)
		}
	}
	return m, nil
}

func (m *Metrics) loginAttempt(outcome string) {
	if m != nil {
		m.logins.WithLabelValues(outcome).Inc()
	}
}

func (m *Metrics) recorded(e models.AuditEntry) {
	if m == nil || e.Outcome != models.AuditApplied {
		return
	}
	m.decisions.WithLabelValues(e.Decision.Reviewer, string(e.Decision.Action)).Inc()
	if e.Overturns != "" {
		m.overturns.Inc()
	}
}

// QueueReader lists the review queue: Notes.Queue, all the queue metrics
// need.
type QueueReader interface {
	Queue(ctx context.Context, q models.QueueQuery) (models.SearchResult, error)
}

// QueueGauges reports notegate_review_queue_depth and
// notegate_review_queue_oldest_seconds per market ("" for all) from what
// the last Refresh read from the index: a scrape never queries the index,
// so scrapes cannot pile queries onto it however often they come. The
// oldest age is counted at scrape time from the oldest note's first-seen
// time, so it keeps growing between refreshes.
// notegate_review_queue_refreshed_timestamp_seconds tells how fresh the
// figures are. Before the first successful Refresh no queue series is
// reported. It is safe for concurrent use.
type QueueGauges struct {
	notes   QueueReader
	markets []string
	clock   func() time.Time

	depth, oldest, refreshed *prometheus.Desc

	mu   sync.Mutex
	last []queueFigures // nil until the first successful Refresh
	at   time.Time
}

// queueFigures is what one Refresh read for one market.
type queueFigures struct {
	market string
	depth  int
	// oldestSeen is the oldest waiting note's QueuedAt; zero when none waits.
	oldestSeen time.Time
}

// NewQueueGauges returns the collector; Run or Refresh fills it.
func NewQueueGauges(notes QueueReader, markets []string) *QueueGauges {
	return &QueueGauges{
		notes: notes, markets: markets, clock: time.Now,
		depth:  prometheus.NewDesc("notegate_review_queue_depth", "Notes waiting for a reviewer, as of the last refresh.", []string{"market"}, nil),
		oldest: prometheus.NewDesc("notegate_review_queue_oldest_seconds", "Age of the oldest note waiting for a reviewer (as of the last refresh), since notegate first saw it.", []string{"market"}, nil),
		refreshed: prometheus.NewDesc("notegate_review_queue_refreshed_timestamp_seconds",
			"When the queue figures were last read from the index (Unix seconds); 0 before the first time.", nil, nil),
	}
}

// Refresh reads the queue's depth and oldest note per market from the
// index (one small query per market, and one for all). When a query fails
// the figures of the previous refresh stay and the error is returned.
func (g *QueueGauges) Refresh(ctx context.Context) error {
	figures := make([]queueFigures, 0, 1+len(g.markets))
	for _, m := range append([]string{""}, g.markets...) {
		res, err := g.notes.Queue(ctx, models.QueueQuery{Market: m, Oldest: true, Limit: 1})
		if err != nil {
			return fmt.Errorf("review queue metrics: market %q: %w", m, err)
		}
		f := queueFigures{market: m, depth: res.Total}
		if len(res.Hits) > 0 && res.Hits[0].Note != nil {
			f.oldestSeen = res.Hits[0].Note.QueuedAt()
		}
		figures = append(figures, f)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.last, g.at = figures, g.clock()
	return nil
}

// Run refreshes at once and then every interval until ctx ends; each
// refresh may take up to the interval (at most 10s). Failures leave the
// previous figures in place, which refreshed_timestamp_seconds shows.
func (g *QueueGauges) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		rctx, cancel := context.WithTimeout(ctx, min(interval, 10*time.Second))
		_ = g.Refresh(rctx)
		cancel()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (g *QueueGauges) Describe(ch chan<- *prometheus.Desc) {
	ch <- g.depth
	ch <- g.oldest
	ch <- g.refreshed
}

// Collect reports the figures of the last refresh; it reads memory only.
func (g *QueueGauges) Collect(ch chan<- prometheus.Metric) {
	g.mu.Lock()
	last, at := g.last, g.at
	g.mu.Unlock()
	stamp := 0.0
	if !at.IsZero() {
		stamp = float64(at.UnixNano()) / 1e9
	}
	ch <- prometheus.MustNewConstMetric(g.refreshed, prometheus.GaugeValue, stamp)
	now := g.clock()
	for _, f := range last {
		ch <- prometheus.MustNewConstMetric(g.depth, prometheus.GaugeValue, float64(f.depth), f.market)
		age := 0.0
		if !f.oldestSeen.IsZero() {
			age = max(0, now.Sub(f.oldestSeen).Seconds())
		}
		ch <- prometheus.MustNewConstMetric(g.oldest, prometheus.GaugeValue, age, f.market)
	}
}
