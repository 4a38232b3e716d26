package moderate

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

// replayStep judges one note version. When rule is set, the findings must
// be one finding with that rule ("none": no finding); when replay is set,
// they must equal the ones the same note_id and version got first.
type replayStep struct {
	id      string
	version int64
	body    string
	rule    string
	replay  bool
}

// copies are steps judging new notes prefix+from … prefix+to-1, version 1,
// with body, unchecked.
func copies(prefix string, from, to int, body string) []replayStep {
	var out []replayStep
	for i := from; i < to; i++ {
		out = append(out, replayStep{id: fmt.Sprint(prefix, i), version: 1, body: body})
	}
	return out
}

// replays are steps judging notes prefix+from … prefix+to-1, version 1,
// again, each expecting the rule rule(i) it got first.
func replays(prefix string, from, to int, rule func(int) string) []replayStep {
	var out []replayStep
	for i := from; i < to; i++ {
		out = append(out, replayStep{id: fmt.Sprint(prefix, i), version: 1, body: "hello", rule: rule(i), replay: true})
	}
	return out
}

func steps(parts ...[]replayStep) []replayStep {
	var out []replayStep
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func campaignRule(others int) string {
	return fmt.Sprintf("near-duplicate of %d notes within 1h0m0s", others)
}

func velocityRule(notes int) string {
	return fmt.Sprintf("author posted %d notes within 10m0s (limit 20)", notes)
}

func TestNoteDetectorsRejudgeAVersionTheSame(t *testing.T) {
	t.Parallel()
	campaign := func(cfg CampaignConfig) func(func() time.Time) (NoteDetector, error) {
		return func(now func() time.Time) (NoteDetector, error) { return NewCampaignDetector(cfg, now) }
	}
	velocity := func(cfg VelocityConfig) func(func() time.Time) (NoteDetector, error) {
		return func(now func() time.Time) (NoteDetector, error) { return NewVelocityDetector(cfg, now) }
	}
	const edited = campaignText + "！！"
	tests := []struct {
		name     string
		detector func(now func() time.Time) (NoteDetector, error)
		steps    []replayStep
	}{
		{"a campaign note judged again after many more copies gets the same score", campaign(CampaignConfig{}), steps(
			copies("n", 0, 4, campaignText),
			[]replayStep{{id: "n4", version: 1, body: campaignText, rule: campaignRule(4)}},
			copies("n", 5, 25, campaignText),
			[]replayStep{{id: "n4", version: 1, body: campaignText, rule: campaignRule(4), replay: true}},
		)},
		{"a note judged before its campaign was one stays out of it when judged again", campaign(CampaignConfig{}), steps(
			copies("n", 0, 2, campaignText),
			[]replayStep{{id: "n2", version: 1, body: campaignText, rule: "none"}},
			copies("n", 3, 25, campaignText),
			[]replayStep{{id: "n2", version: 1, body: campaignText, rule: "none", replay: true}},
		)},
		{"an edit of a campaign note is judged afresh but does not add to the campaign", campaign(CampaignConfig{}), steps(
			copies("n", 0, 4, campaignText),
			[]replayStep{{id: "n4", version: 1, body: campaignText, rule: campaignRule(4)}},
			copies("n", 5, 10, campaignText),
			[]replayStep{
				{id: "n4", version: 2, body: edited, rule: campaignRule(9)},
				{id: "n10", version: 1, body: campaignText, rule: campaignRule(10)},
				{id: "n4", version: 1, body: campaignText, rule: campaignRule(4), replay: true},
				{id: "n4", version: 2, body: edited, rule: campaignRule(9), replay: true},
				{id: "n11", version: 1, body: campaignText, rule: campaignRule(11)},
			},
		)},
		{"an old version judged after a newer one does not displace it", campaign(CampaignConfig{}), steps(
			copies("n", 0, 5, campaignText),
			[]replayStep{
				{id: "x", version: 2, body: campaignText, rule: campaignRule(5)},
				{id: "x", version: 1, body: campaignText, rule: campaignRule(5)},
			},
			copies("n", 5, 10, campaignText),
			[]replayStep{
				{id: "x", version: 1, body: campaignText, rule: campaignRule(5), replay: true},
				{id: "x", version: 2, body: campaignText, rule: campaignRule(5), replay: true},
				{id: "n10", version: 1, body: campaignText, rule: campaignRule(11)},
			},
		)},
		{"a campaign note forgotten beyond max_notes is judged again", campaign(CampaignConfig{MaxNotes: 5}), steps(
			copies("n", 0, 4, campaignText),
			[]replayStep{{id: "n4", version: 1, body: campaignText, rule: campaignRule(4)}},
			copies("n", 5, 10, campaignText),
			[]replayStep{{id: "n4", version: 1, body: campaignText, rule: campaignRule(5)}},
		)},
		{"a velocity finding judged again after the author posted more gets the same score", velocity(VelocityConfig{}), steps(
			copies("n", 1, 21, "hello"),
			[]replayStep{{id: "n21", version: 1, body: "hello", rule: velocityRule(21)}},
			copies("n", 22, 26, "hello"),
			[]replayStep{
				{id: "n21", version: 1, body: "hello", rule: velocityRule(21), replay: true},
				{id: "n12", version: 1, body: "hello", rule: "none", replay: true},
				{id: "n26", version: 1, body: "hello", rule: velocityRule(26)},
			},
		)},
		{"an edit of a fast author's note is judged afresh but not counted again", velocity(VelocityConfig{}), steps(
			copies("n", 1, 21, "hello"),
			[]replayStep{{id: "n21", version: 1, body: "hello", rule: velocityRule(21)}},
			copies("n", 22, 25, "hello"),
			[]replayStep{
				{id: "n21", version: 2, body: "hello again", rule: velocityRule(24)},
				{id: "n25", version: 1, body: "hello", rule: velocityRule(25)},
				{id: "n21", version: 1, body: "hello", rule: velocityRule(21), replay: true},
				{id: "n21", version: 2, body: "hello again", rule: velocityRule(24), replay: true},
			},
		)},
		{"each of an author's last 16 judged notes is judged the same again", velocity(VelocityConfig{}), steps(
			copies("n", 1, 41, "hello"),
			replays("n", 25, 41, velocityRule),
			[]replayStep{{id: "n41", version: 1, body: "hello", rule: velocityRule(41)}},
		)},
		{"a note judged more than 16 notes ago is judged again", velocity(VelocityConfig{}), steps(
			copies("n", 1, 21, "hello"),
			[]replayStep{{id: "n21", version: 1, body: "hello", rule: velocityRule(21)}},
			copies("n", 22, 41, "hello"),
			[]replayStep{{id: "n21", version: 1, body: "hello", rule: velocityRule(41)}},
		)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
			d, err := tt.detector(c.now)
			if err != nil {
				t.Fatal(err)
			}
			first := map[string][]FieldFinding{}
			for i, s := range tt.steps {
				n := campaignNote(s.id, "author", s.body)
				n.Version = s.version
				fs := detectNote(t, d, n)
				key := fmt.Sprint(s.id, "@", s.version)
				if s.replay && !reflect.DeepEqual(fs, first[key]) {
					t.Errorf("step %d (%s): findings %+v, first judged %+v", i, key, fs, first[key])
				}
				if _, ok := first[key]; !ok {
					first[key] = fs
				}
				switch {
				case s.rule == "none" && len(fs) != 0:
					t.Errorf("step %d (%s): findings %+v, want none", i, key, fs)
				case s.rule != "" && s.rule != "none" && (len(fs) != 1 || fs[0].Rule != s.rule):
					t.Errorf("step %d (%s): findings %+v, want rule %q", i, key, fs, s.rule)
				}
				c.t = c.t.Add(time.Second)
			}
		})
	}
}

func TestCampaignVersionsStayWithinMaxNotes(t *testing.T) {
	t.Parallel()
	c := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
	d, err := NewCampaignDetector(CampaignConfig{MaxNotes: 20}, c.now)
	if err != nil {
		t.Fatal(err)
	}
	// Edits, replays of old versions (mostly forgotten) and new notes,
	// interleaved.
	for i := 0; i < 500; i++ {
		id := fmt.Sprint("n", i%7)
		n := campaignNote(id, "a", campaignText)
		n.Version = int64(i / 7)
		detectNote(t, d, n)
		old := campaignNote(id, "a", campaignText)
		old.Version = int64(i % 11)
		detectNote(t, d, old)
		detectNote(t, d, campaignNote(fmt.Sprint("new", i), "a", fmt.Sprintf("%s 第%d号", campaignText, i)))
	}
	if d.Len() > 20 || d.size > 20 {
		t.Errorf("%d notes live, %d versions remembered; bound 20", d.Len(), d.size)
	}
	var refs int
	for _, b := range d.buckets {
		refs += len(b)
	}
	if refs > 20*campaignBands {
		t.Errorf("%d bucket references for at most 20 notes", refs)
	}
	for note, slot := range d.byNote {
		if e := *d.ring.at(slot); !e.live || e.note != note {
			t.Errorf("note %s points to %+v", note, e)
		}
	}
}

func TestNoteDetectorsAgreeWithThemselvesUnderConcurrentReplays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		detector func(now func() time.Time) (NoteDetector, error)
		notes    int
	}{
		{"campaign", func(now func() time.Time) (NoteDetector, error) {
			return NewCampaignDetector(CampaignConfig{}, now)
		}, 30},
		// Velocity remembers an author's last 16 judged versions.
		{"velocity", func(now func() time.Time) (NoteDetector, error) {
			return NewVelocityDetector(VelocityConfig{Limit: 4}, now)
		}, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
			d, err := tt.detector(c.now)
			if err != nil {
				t.Fatal(err)
			}
			var (
				mu    sync.Mutex
				first = map[string][]FieldFinding{}
				wg    sync.WaitGroup
			)
			for w := 0; w < 4; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < 2*tt.notes; i++ {
						// Each worker walks the notes twice from its own
						// start; the second walk edits every third note.
						k := (i + w*tt.notes/4) % tt.notes
						n := campaignNote(fmt.Sprint("n", k), "author", campaignText)
						n.Version = 1
						if i >= tt.notes && k%3 == 0 {
							n.Version = 2
						}
						fs, err := d.DetectNote(context.Background(), n, []*Text{NewText("body", n.Body)})
						if err != nil {
							t.Error(err)
							return
						}
						key := fmt.Sprint(n.NoteID, "@", n.Version)
						mu.Lock()
						if was, ok := first[key]; !ok {
							first[key] = fs
						} else if !reflect.DeepEqual(fs, was) {
							t.Errorf("%s: findings %+v, earlier %+v", key, fs, was)
						}
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			var flagged int
			for _, fs := range first {
				if len(fs) > 0 {
					flagged++
				}
			}
			if flagged == 0 {
				t.Errorf("no note version was flagged; the test judges nothing")
			}
		})
	}
}
