package pipeline

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the runtime's Prometheus instruments. A nil *Metrics records
// nothing, so tests and the process command need not build one.
type Metrics struct {
	consumedTotal prometheus.Counter
	routed        *prometheus.CounterVec
	deadLettered  *prometheus.CounterVec
	stageSeconds  *prometheus.HistogramVec
	retries       *prometheus.CounterVec
	commitLag     *prometheus.GaugeVec
	consumerLag   prometheus.Gauge
	endToEnd      prometheus.Histogram
	commits       prometheus.Counter
	indexWrites   *prometheus.CounterVec
	fetchErrors   *prometheus.CounterVec
}

// NewMetrics registers the runtime's metrics with reg.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		consumedTotal: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "notegate_events_consumed_total", Help: "Note events fetched from the input topic.",
		}),
		routed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_events_routed_total", Help: "Events written to an output topic, by route.",
		}, []string{"route"}),
		deadLettered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_events_dead_lettered_total", Help: "Events sent to the dead-letter topic, by reason.",
		}, []string{"reason"}),
		stageSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "notegate_stage_duration_seconds",
			Help:    "Time one batch spent in a stage (index and publish included), by stage.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 3, 12),
		}, []string{"stage"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_retries_total", Help: "Batches retried after a transport error, by stage.",
		}, []string{"stage"}),
		commitLag: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "notegate_commit_lag_messages", Help: "Messages fetched but not yet committed, by partition.",
		}, []string{"partition"}),
		consumerLag: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "notegate_consumer_lag_messages", Help: "Messages in the input topic not yet fetched (kafka-go reader lag).",
		}),
		endToEnd: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "notegate_end_to_end_seconds",
			Help:    "From the input message's timestamp to its output being written.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2.5, 14),
		}),
		commits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "notegate_offset_commits_total", Help: "Offset commits sent to the group coordinator.",
		}),
		indexWrites: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_index_writes_total",
			Help: "Notes given to the index, by outcome: written, or unchanged (the index held that version or a newer one: a replay, a stale or duplicate event).",
		}, []string{"outcome"}),
		fetchErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_fetch_errors_total", Help: "Fetch errors from the broker (retried with backoff), by consumer.",
		}, []string{"consumer"}),
	}
	for _, c := range []prometheus.Collector{m.consumedTotal, m.routed, m.deadLettered, m.stageSeconds, m.retries, m.commitLag, m.consumerLag, m.endToEnd, m.commits, m.indexWrites, m.fetchErrors} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Metrics) observeStage(stage string, seconds float64) {
	if m != nil {
		m.stageSeconds.WithLabelValues(stage).Observe(seconds)
	}
}

func (m *Metrics) retry(stage string) {
	if m != nil {
		m.retries.WithLabelValues(stage).Inc()
	}
}

func (m *Metrics) routedTo(r Route, reason string) {
	if m == nil {
		return
	}
	m.routed.WithLabelValues(string(r)).Inc()
	if r == RouteDeadLetter {
		m.deadLettered.WithLabelValues(reason).Inc()
	}
}

func (m *Metrics) consumed() {
	if m != nil {
		m.consumedTotal.Inc()
	}
}

func (m *Metrics) indexed(written bool) {
	if m == nil {
		return
	}
	if written {
		m.indexWrites.WithLabelValues(IndexWritten).Inc()
	} else {
		m.indexWrites.WithLabelValues(IndexUnchanged).Inc()
	}
}

func (m *Metrics) fetchFailed(consumer string) {
	if m != nil {
		m.fetchErrors.WithLabelValues(consumer).Inc()
	}
}
