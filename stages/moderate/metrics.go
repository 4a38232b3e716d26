package moderate

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Collector returns the stage's Prometheus metrics, read at scrape time:
//
//	notegate_moderation_remote_requests_total{classifier,outcome}  ok, failed, timeout, skipped
//	notegate_moderation_policy_reloads_total{result}               ok, failed
//	notegate_moderation_policy_info{version}                       1 for the policy in force
//	notegate_moderation_campaign_notes                             notes in the near-duplicate window
//	notegate_moderation_velocity_authors{state}                    tracked, untracked
//	notegate_moderation_shared_state_calls_total{detector,outcome} ok, failed, skipped
//
// Register it with the service's registry.
func (s *Stage) Collector() prometheus.Collector { return stageCollector{s} }

var (
	descRemote = prometheus.NewDesc("notegate_moderation_remote_requests_total",
		"Remote classifier requests by outcome; anything but ok left the note with its local result.", []string{"classifier", "outcome"}, nil)
	descReloads = prometheus.NewDesc("notegate_moderation_policy_reloads_total",
		"Policy file reloads, by result (a failed one keeps the policy in force).", []string{"result"}, nil)
	descPolicy = prometheus.NewDesc("notegate_moderation_policy_info",
		"The moderation policy in force.", []string{"version"}, nil)
	descCampaign = prometheus.NewDesc("notegate_moderation_campaign_notes",
		"Notes remembered for near-duplicate campaign detection.", nil, nil)
	descVelocity = prometheus.NewDesc("notegate_moderation_velocity_authors",
		"Authors whose posting velocity is tracked, and new authors turned away because the table was full.", []string{"state"}, nil)
	descShared = prometheus.NewDesc("notegate_moderation_shared_state_calls_total",
		"Calls to the shared (Redis) campaign and velocity state by outcome; failed and skipped (breaker open) notes were judged on in-process state.", []string{"detector", "outcome"}, nil)
)

type stageCollector struct{ s *Stage }

func (c stageCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descRemote, descReloads, descPolicy, descCampaign, descVelocity, descShared} {
		ch <- d
	}
}

func (c stageCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.s
	ok, failed := s.Reloads()
	ch <- prometheus.MustNewConstMetric(descReloads, prometheus.CounterValue, float64(ok), "ok")
	ch <- prometheus.MustNewConstMetric(descReloads, prometheus.CounterValue, float64(failed), "failed")
	ch <- prometheus.MustNewConstMetric(descPolicy, prometheus.GaugeValue, 1, s.Policy().Version)
	if s.shared != nil {
		campaign, velocity := s.shared.Stats()
		for name, st := range map[string]*SharedStats{"campaign": campaign, "velocity": velocity} {
			for outcome, v := range map[string]int64{"ok": st.OK.Load(), "failed": st.Failed.Load(), "skipped": st.Skipped.Load()} {
				ch <- prometheus.MustNewConstMetric(descShared, prometheus.CounterValue, float64(v), name, outcome)
			}
		}
	}
	for _, d := range s.noteDetectors {
		switch d := d.(type) {
		case *RemoteClassifier:
			st := d.Stats()
			for outcome, v := range map[string]int64{"ok": st.OK.Load(), "failed": st.Failed.Load(), "timeout": st.TimedOut.Load(), "skipped": st.Skipped.Load()} {
				ch <- prometheus.MustNewConstMetric(descRemote, prometheus.CounterValue, float64(v), d.Name(), outcome)
			}
		case *CampaignDetector:
			ch <- prometheus.MustNewConstMetric(descCampaign, prometheus.GaugeValue, float64(d.Len()))
		case *VelocityDetector:
			tracked, untracked := d.Authors()
			ch <- prometheus.MustNewConstMetric(descVelocity, prometheus.GaugeValue, float64(tracked), "tracked")
			ch <- prometheus.MustNewConstMetric(descVelocity, prometheus.GaugeValue, float64(untracked), "untracked")
		}
	}
}
