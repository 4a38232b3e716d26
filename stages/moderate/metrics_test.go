package moderate

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

func TestCollectorReportsTheStage(t *testing.T) {
	t.Parallel()
	c := NewRemoteClassifier("remote:test", remoteEndpoint("http://127.0.0.1:1"), moderationsProtocol{}, nil)
	s, err := New(Config{}, c)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewPedanticRegistry()
	if err := reg.Register(s.Collector()); err != nil {
		t.Fatal(err)
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	series := map[string]int{}
	for _, mf := range mfs {
		series[mf.GetName()] = len(mf.GetMetric())
		if mf.GetName() == "notegate_moderation_policy_info" {
			if v := mf.GetMetric()[0].GetLabel()[0].GetValue(); v != s.Policy().Version {
				t.Errorf("policy version label %q", v)
			}
		}
	}
	want := map[string]int{
		"notegate_moderation_remote_requests_total": 4, "notegate_moderation_policy_reloads_total": 2,
		"notegate_moderation_policy_info": 1, "notegate_moderation_campaign_notes": 1, "notegate_moderation_velocity_authors": 2,
	}
	for name, n := range want {
		if series[name] != n {
			t.Errorf("%s: %d series, want %d", name, series[name], n)
		}
	}
}
