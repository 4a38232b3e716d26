package pipeline

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Condition names one thing the service's readiness depends on.
type Condition string

// The conditions notegate tracks.
const (
	// ConditionStartup: set-up that has not finished (index open, topics
	// checked); it makes the service unready at once.
	ConditionStartup Condition = "startup"
	// ConditionBroker: the broker answers the health probe (metadata and
	// offsets of the input topic).
	ConditionBroker Condition = "broker"
	// ConditionTopics: every topic the service reads or writes exists.
	ConditionTopics Condition = "topics"
	// ConditionIndex: index writes succeed.
	ConditionIndex Condition = "index"
	// ConditionSearchIndex: the embedded index's search index takes the
	// notes its note store holds. It fails on its own while index writes
	// still succeed (a full disk refuses a search segment, yet small note
	// store writes fit in the room the failed segment gave back), until
	// MaxSearchLag notes wait and index writes fail too.
	ConditionSearchIndex Condition = "search_index"
	// ConditionPublish: writes to the output topics succeed.
	ConditionPublish Condition = "publish"
	// ConditionCommit: offset commits succeed.
	ConditionCommit Condition = "commit"
	// ConditionRouting: no fetched event has waited longer than
	// HealthConfig.StuckAfter to be routed.
	ConditionRouting Condition = "routing"
	// ConditionReviewState: the reviewer desk's shared state (claims,
	// sessions and login counts in Redis) answers. It only degrades the
	// service, never makes it unready: the pipeline and search do not need
	// it, the desk answers 503 by itself while it fails, and every replica
	// shares the one Redis, so unready would take every replica's search
	// out of the load balancer at once.
	ConditionReviewState Condition = "review_state"
)

// degrading are the conditions that make the service degraded, never
// unready.
var degrading = map[Condition]bool{ConditionReviewState: true}

// HealthConfig configures readiness.
type HealthConfig struct {
	// UnreadyAfter is how long a dependency (broker, topics, index,
	// publish, commit) may keep failing before the service reports itself
	// unready; short blips stay invisible. Default 10s.
	UnreadyAfter time.Duration `yaml:"unready_after"`
	// StuckAfter is how long a fetched event may wait to be routed before
	// the service reports itself unready. Default 60s.
	StuckAfter time.Duration `yaml:"stuck_after"`
	// ProbeInterval is how often the broker is probed. Default 2s.
	ProbeInterval time.Duration `yaml:"probe_interval"`
	// ProbeTimeout bounds one probe of the broker. Default 3s.
	ProbeTimeout time.Duration `yaml:"probe_timeout"`
}

// WithDefaults fills unset fields with their defaults.
func (c HealthConfig) WithDefaults() HealthConfig {
	if c.UnreadyAfter <= 0 {
		c.UnreadyAfter = 10 * time.Second
	}
	if c.StuckAfter <= 0 {
		c.StuckAfter = time.Minute
	}
	if c.ProbeInterval <= 0 {
		c.ProbeInterval = 2 * time.Second
	}
	if c.ProbeTimeout <= 0 {
		c.ProbeTimeout = 3 * time.Second
	}
	return c
}

// Problem is one reason the service is not ready.
type Problem struct {
	Condition Condition `json:"condition"`
	// Since is when the condition started failing.
	Since time.Time `json:"since"`
	Error string    `json:"error"`
}

// Health tracks the conditions readiness depends on. The parts of the
// service report failures and recoveries as they see them; Ready answers
// from what was reported, without I/O, so that no load on the service
// (searches, scrapes) can make it slow. It is safe for concurrent use; a
// nil *Health records nothing and is always ready.
type Health struct {
	cfg HealthConfig
	now func() time.Time

	mu      sync.Mutex
	failing map[Condition]*Problem
	// writers counts, per condition, the concurrent writers (one per
	// partition batch) still failing; see WriterFailed.
	writers map[Condition]int
	// waiting reports the oldest fetched event not yet routed, per
	// consumer: what it is and since when. Registered by the consumers.
	waiting map[string]func() (string, time.Time, bool)

	failingGauge *prometheus.GaugeVec
}

// NewHealth returns a Health that is ready until something fails.
func NewHealth(cfg HealthConfig) *Health {
	return &Health{cfg: cfg.WithDefaults(), now: time.Now, failing: map[Condition]*Problem{}, writers: map[Condition]int{},
		waiting: map[string]func() (string, time.Time, bool){}}
}

// Config returns the configuration with defaults applied.
func (h *Health) Config() HealthConfig {
	if h == nil {
		return HealthConfig{}.WithDefaults()
	}
	return h.cfg
}

// Register adds the gauges notegate_ready and
// notegate_health_failing{condition} to reg.
func (h *Health) Register(reg prometheus.Registerer) error {
	ready := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "notegate_ready", Help: "1 when the service reports itself ready (see /readyz), 0 otherwise.",
	}, func() float64 {
		if ok, _ := h.Ready(); ok {
			return 1
		}
		return 0
	})
	failing := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "notegate_health_failing",
		Help: "1 while a condition readiness depends on is failing (before and after it makes the service unready), by condition.",
	}, []string{"condition"})
	if err := reg.Register(ready); err != nil {
		return fmt.Errorf("health metrics: %w", err)
	}
	if err := reg.Register(failing); err != nil {
		return fmt.Errorf("health metrics: %w", err)
	}
	h.mu.Lock()
	h.failingGauge = failing
	h.mu.Unlock()
	return nil
}

// Fail records that c is failing with err; the first failure of a run of
// failures sets Since.
func (h *Health) Fail(c Condition, err error) {
	if h == nil {
		return
	}
	msg := "failing"
	if err != nil {
		msg = err.Error()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if p, ok := h.failing[c]; ok {
		p.Error = msg
		return
	}
	h.failing[c] = &Problem{Condition: c, Since: h.now(), Error: msg}
	if h.failingGauge != nil {
		h.failingGauge.WithLabelValues(string(c)).Set(1)
	}
}

// OK records that c works again.
func (h *Health) OK(c Condition) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.failing[c]; !ok {
		return
	}
	delete(h.failing, c)
	if h.failingGauge != nil {
		h.failingGauge.WithLabelValues(string(c)).Set(0)
	}
}

// WriterFailed records that one of several concurrent writers of c (a
// sink written by every partition's batches) has started failing; c fails
// until each writer that failed has called WriterRecovered. A write that
// succeeds while others keep failing (a small batch that still fits on a
// nearly full disk) does not clear c, so a dependency failing for most
// writers turns the service unready after UnreadyAfter.
func (h *Health) WriterFailed(c Condition, err error) {
	if h == nil {
		return
	}
	h.mu.Lock()
	h.writers[c]++
	h.mu.Unlock()
	h.Fail(c, err)
}

// WriterRecovered records that a writer that called WriterFailed for c
// is done, written or stopped; the last one clears c.
func (h *Health) WriterRecovered(c Condition) {
	if h == nil {
		return
	}
	h.mu.Lock()
	h.writers[c]--
	last := h.writers[c] <= 0
	if last {
		delete(h.writers, c)
	}
	h.mu.Unlock()
	if last {
		h.OK(c)
	}
}

func (h *Health) fail(c Condition, err error) { h.Fail(c, err) }
func (h *Health) ok(c Condition)              { h.OK(c) }

// watch registers how a consumer tells its oldest unrouted event: what it
// is, when it was fetched, and whether there is one.
func (h *Health) watch(name string, oldest func() (string, time.Time, bool)) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.waiting[name] = oldest
}

// Ready reports whether the service can do its work, and otherwise every
// problem: a startup step not done, a dependency failing for longer than
// UnreadyAfter, or an event waiting longer than StuckAfter to be routed.
// Conditions that only degrade the service (Degraded) are not problems.
func (h *Health) Ready() (bool, []Problem) {
	if h == nil {
		return true, nil
	}
	now := h.now()
	h.mu.Lock()
	var problems []Problem
	for c, p := range h.failing {
		if !degrading[c] && (c == ConditionStartup || now.Sub(p.Since) >= h.cfg.UnreadyAfter) {
			problems = append(problems, *p)
		}
	}
	waiting := make(map[string]func() (string, time.Time, bool), len(h.waiting))
	for k, v := range h.waiting {
		waiting[k] = v
	}
	h.mu.Unlock()
	for name, oldest := range waiting {
		what, since, ok := oldest()
		if ok && now.Sub(since) >= h.cfg.StuckAfter {
			problems = append(problems, Problem{Condition: ConditionRouting, Since: since,
				Error: fmt.Sprintf("%s: %s has waited %s to be routed", name, what, now.Sub(since).Round(time.Second))})
		}
	}
	sort.Slice(problems, func(i, j int) bool { return problems[i].Condition < problems[j].Condition })
	return len(problems) == 0, problems
}

// Degraded returns the conditions that degrade the service without
// making it unready (ConditionReviewState) and have failed for longer
// than UnreadyAfter.
func (h *Health) Degraded() []Problem {
	if h == nil {
		return nil
	}
	now := h.now()
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []Problem
	for c, p := range h.failing {
		if degrading[c] && now.Sub(p.Since) >= h.cfg.UnreadyAfter {
			out = append(out, *p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Condition < out[j].Condition })
	return out
}

// Failing returns every condition failing now, however briefly.
func (h *Health) Failing() []Problem {
	if h == nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Problem, 0, len(h.failing))
	for _, p := range h.failing {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Condition < out[j].Condition })
	return out
}
