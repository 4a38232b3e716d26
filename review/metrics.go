package review

import (
	"context"
	"fmt"
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

// queueCollector reports the queue's depth and oldest age per market,
// asking the index on every scrape (two small queries per market).
type queueCollector struct {
	notes   QueueReader
	markets []string
	depth   *prometheus.Desc
	oldest  *prometheus.Desc
	clock   func() time.Time
}

// NewQueueCollector returns a collector of notegate_review_queue_depth and
// notegate_review_queue_oldest_seconds, labelled by market ("" for all).
func NewQueueCollector(notes QueueReader, markets []string) prometheus.Collector {
	return &queueCollector{
		notes: notes, markets: markets, clock: time.Now,
		depth:  prometheus.NewDesc("notegate_review_queue_depth", "Notes waiting for a reviewer.", []string{"market"}, nil),
		oldest: prometheus.NewDesc("notegate_review_queue_oldest_seconds", "Age of the oldest note waiting for a reviewer.", []string{"market"}, nil),
	}
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.depth
	ch <- c.oldest
}

func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for _, m := range append([]string{""}, c.markets...) {
		res, err := c.notes.Queue(ctx, models.QueueQuery{Market: m, Oldest: true, Limit: 1})
		if err != nil {
			continue
		}
		ch <- prometheus.MustNewConstMetric(c.depth, prometheus.GaugeValue, float64(res.Total), m)
		age := 0.0
		if len(res.Hits) > 0 {
			age = max(0, c.clock().Sub(res.Hits[0].Note.QueuedAt()).Seconds())
		}
		ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, age, m)
	}
}
