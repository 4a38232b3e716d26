package httpapi

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// Search outcomes, the values of the label outcome.
const (
	SearchOK         = "ok"          // answered 200
	SearchBadRequest = "bad_request" // answered 400: bad parameters, offset beyond the window, bad cursor
	SearchRejected   = "rejected"    // answered 429: every slot taken and the queue full
	SearchTimeout    = "timeout"     // answered 503: the deadline passed, in the queue or in the index
	SearchFailed     = "failed"      // answered 503: the index failed
	SearchCanceled   = "canceled"    // the client went away first
)

// SearchMetrics are the Prometheus instruments of public search. A nil
// *SearchMetrics records nothing.
type SearchMetrics struct {
	requests *prometheus.CounterVec
	admitted prometheus.Counter
	inFlight prometheus.Gauge
	queued   prometheus.Gauge
	seconds  *prometheus.HistogramVec
	wait     prometheus.Histogram
}

// NewSearchMetrics registers the search metrics with reg.
func NewSearchMetrics(reg prometheus.Registerer) (*SearchMetrics, error) {
	m := &SearchMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "notegate_search_requests_total",
			Help: "Public searches answered, by outcome: ok, bad_request, rejected (429, queue full), timeout (503, deadline passed), failed (503, index error), canceled (client gone).",
		}, []string{"outcome"}),
		admitted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "notegate_search_admitted_total", Help: "Searches that got a slot and ran in the index.",
		}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "notegate_search_in_flight", Help: "Searches holding a slot (running in the index, or abandoned at their deadline and not yet given up by it).",
		}),
		queued: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "notegate_search_queued", Help: "Searches waiting for a slot.",
		}),
		seconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "notegate_search_duration_seconds",
			Help:    "From a search's arrival to its answer, by outcome.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2.5, 12),
		}, []string{"outcome"}),
		wait: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "notegate_search_queue_wait_seconds",
			Help:    "Time admitted searches waited for a slot.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 3, 10),
		}),
	}
	for _, o := range []string{SearchOK, SearchBadRequest, SearchRejected, SearchTimeout, SearchFailed, SearchCanceled} {
		m.requests.WithLabelValues(o)
	}
	for _, c := range []prometheus.Collector{m.requests, m.admitted, m.inFlight, m.queued, m.seconds, m.wait} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register search metrics: %w", err)
		}
	}
	return m, nil
}

func (m *SearchMetrics) answered(outcome string, seconds float64) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(outcome).Inc()
	m.seconds.WithLabelValues(outcome).Observe(seconds)
}

func (m *SearchMetrics) admit() {
	if m != nil {
		m.admitted.Inc()
		m.inFlight.Inc()
	}
}

func (m *SearchMetrics) inFlightBy(d float64) {
	if m != nil {
		m.inFlight.Add(d)
	}
}

func (m *SearchMetrics) queuedBy(d float64) {
	if m != nil {
		m.queued.Add(d)
	}
}

func (m *SearchMetrics) waited(seconds float64) {
	if m != nil {
		m.wait.Observe(seconds)
	}
}
