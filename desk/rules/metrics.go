package rules

import "github.com/prometheus/client_golang/prometheus"

// EventMetrics count what the author actions, reports and appeals
// consumers made of their events. A nil *EventMetrics records nothing.
type EventMetrics struct {
	authorActions *prometheus.CounterVec
	standings     prometheus.Gauge
	evicted       prometheus.Counter
	reports       *prometheus.CounterVec
	appeals       *prometheus.CounterVec
}

// NewEventMetrics registers the metrics with reg.
func NewEventMetrics(reg prometheus.Registerer) (*EventMetrics, error) {
	m := &EventMetrics{
		authorActions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_author_actions_total", Help: "Author actions read from the author actions topic, by outcome: applied, or bad (not an action event, skipped).",
		}, []string{"outcome"}),
		standings: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "notegate_author_standings", Help: "Author standings held in memory.",
		}),
		evicted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "notegate_author_standings_evicted_total", Help: "Author standings forgotten because authors.max_authors was reached.",
		}),
		reports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_reports_total", Help: "User reports, by outcome: counted, duplicate (the reporter counted already), saturated (reports.max_reporters reached), no_note, bad (dead-lettered).",
		}, []string{"outcome"}),
		appeals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_appeals_total", Help: "Appeals, by outcome: opened, duplicate, already_appealed, not_blocked, stale, wrong_author, no_note, bad (dead-lettered).",
		}, []string{"outcome"}),
	}
	for _, c := range []prometheus.Collector{m.authorActions, m.standings, m.evicted, m.reports, m.appeals} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *EventMetrics) authorAction(outcome string) {
	if m != nil {
		m.authorActions.WithLabelValues(outcome).Inc()
	}
}

func (m *EventMetrics) standingsHeld(n int, evicted int) {
	if m != nil {
		m.standings.Set(float64(n))
		m.evicted.Add(float64(evicted))
	}
}

func (m *EventMetrics) report(outcome string, n int) {
	if m != nil && n > 0 {
		m.reports.WithLabelValues(outcome).Add(float64(n))
	}
}

func (m *EventMetrics) appeal(outcome string) {
	if m != nil {
		m.appeals.WithLabelValues(outcome).Inc()
	}
}
