package pipeline

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestHealth(t *testing.T) {
	t.Parallel()
	cfg := HealthConfig{UnreadyAfter: 10 * time.Second, StuckAfter: time.Minute}
	t0 := time.Unix(1e9, 0)
	tests := []struct {
		name string
		// steps run at t0 + at.
		steps     func(h *Health, clock *time.Time)
		wantReady bool
		wantWhy   string
	}{
		{"a fresh service is ready", func(*Health, *time.Time) {}, true, ""},
		{"startup makes it unready at once", func(h *Health, _ *time.Time) {
			h.Fail(ConditionStartup, errors.New("waiting for topics"))
		}, false, "waiting for topics"},
		{"a short broker blip stays invisible", func(h *Health, c *time.Time) {
			h.Fail(ConditionBroker, errors.New("i/o timeout"))
			*c = c.Add(9 * time.Second)
		}, true, ""},
		{"a broker failing longer than unready_after makes it unready", func(h *Health, c *time.Time) {
			h.Fail(ConditionBroker, errors.New("first"))
			*c = c.Add(5 * time.Second)
			h.Fail(ConditionBroker, errors.New("i/o timeout"))
			*c = c.Add(5 * time.Second)
		}, false, "i/o timeout"},
		{"a recovery makes it ready again", func(h *Health, c *time.Time) {
			h.Fail(ConditionIndex, errors.New("no space left on device"))
			*c = c.Add(time.Minute)
			h.OK(ConditionIndex)
		}, true, ""},
		{"one writer recovering while another still fails keeps the condition failing", func(h *Health, c *time.Time) {
			h.WriterFailed(ConditionIndex, errors.New("no space left on device"))
			h.WriterFailed(ConditionIndex, errors.New("no space left on device"))
			*c = c.Add(5 * time.Second)
			h.WriterRecovered(ConditionIndex)
			*c = c.Add(6 * time.Second)
		}, false, "no space left on device"},
		{"the last failing writer recovering makes it ready again", func(h *Health, c *time.Time) {
			h.WriterFailed(ConditionIndex, errors.New("no space left on device"))
			h.WriterFailed(ConditionIndex, errors.New("no space left on device"))
			*c = c.Add(time.Minute)
			h.WriterRecovered(ConditionIndex)
			h.WriterRecovered(ConditionIndex)
		}, true, ""},
		{"an event waiting past stuck_after makes it unready", func(h *Health, c *time.Time) {
			fetched := *c
			h.watch("notes", func() (string, time.Time, bool) { return "notes.events partition 0 offset 7", fetched, true })
			*c = c.Add(61 * time.Second)
		}, false, "offset 7 has waited 1m1s"},
		{"an event waiting less than stuck_after is fine", func(h *Health, c *time.Time) {
			fetched := *c
			h.watch("notes", func() (string, time.Time, bool) { return "x", fetched, true })
			*c = c.Add(59 * time.Second)
		}, true, ""},
		{"the desk's shared state failing for long degrades but never makes it unready", func(h *Health, c *time.Time) {
			h.Fail(ConditionReviewState, errors.New("redis: connection refused"))
			*c = c.Add(time.Hour)
		}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := t0
			h := NewHealth(cfg)
			h.now = func() time.Time { return clock }
			tt.steps(h, &clock)
			ready, problems := h.Ready()
			if ready != tt.wantReady {
				t.Fatalf("ready = %v (%+v), want %v", ready, problems, tt.wantReady)
			}
			if !ready && !strings.Contains(problems[0].Error, tt.wantWhy) {
				t.Errorf("problem %+v, want it to say %q", problems[0], tt.wantWhy)
			}
		})
	}
	var nilHealth *Health
	if nilHealth.Degraded() != nil {
		t.Error("a nil Health must not be degraded")
	}
	if ok, _ := nilHealth.Ready(); !ok {
		t.Error("a nil Health must be ready")
	}
	nilHealth.Fail(ConditionBroker, errors.New("x")) // must not panic
}

func TestHealthDegraded(t *testing.T) {
	t.Parallel()
	clock := time.Unix(1e9, 0)
	h := NewHealth(HealthConfig{UnreadyAfter: 10 * time.Second})
	h.now = func() time.Time { return clock }
	h.Fail(ConditionReviewState, errors.New("redis: connection refused"))
	h.Fail(ConditionBroker, errors.New("i/o timeout"))
	clock = clock.Add(9 * time.Second)
	if got := h.Degraded(); len(got) != 0 {
		t.Errorf("degraded after 9s: %+v, want nothing before unready_after", got)
	}
	clock = clock.Add(time.Second)
	got := h.Degraded()
	if len(got) != 1 || got[0].Condition != ConditionReviewState || !strings.Contains(got[0].Error, "connection refused") {
		t.Errorf("degraded after 10s: %+v, want review_state alone", got)
	}
	if ready, problems := h.Ready(); ready || len(problems) != 1 || problems[0].Condition != ConditionBroker {
		t.Errorf("ready %v %+v, want unready for the broker alone", ready, problems)
	}
	h.OK(ConditionReviewState)
	if got := h.Degraded(); len(got) != 0 {
		t.Errorf("degraded after recovery: %+v", got)
	}
}
