package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/pipeline/pipelinetest"
)

// shownNote is a note approved in cn and intl, or blocked in the markets
// listed in blocked.
func shownNote(id string, blocked ...string) *models.Note {
	n := &models.Note{NoteEvent: models.NoteEvent{NoteID: id, Version: 1, AuthorID: "author-" + id, Body: "weekend hotpot"}}
	n.Moderation = models.Moderation{Decision: models.DecisionAllow, PolicyVersion: "p1",
		Markets: map[string]models.Decision{"cn": models.DecisionAllow, "intl": models.DecisionAllow}}
	for _, m := range blocked {
		n.Moderation.Markets[m] = models.DecisionBlock
		n.Moderation.Decision = models.DecisionBlock
	}
	for _, m := range []string{"cn", "intl"} {
		if n.Moderation.Markets[m] == models.DecisionAllow {
			n.ApprovedMarkets = append(n.ApprovedMarkets, m)
		}
	}
	return n
}

func reportsBy(noteID, reason string, reporters ...string) []models.Report {
	var out []models.Report
	for _, r := range reporters {
		out = append(out, models.Report{NoteID: noteID, ReporterID: r, Reason: reason, At: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)})
	}
	return out
}

func TestApplyReportsCountsEachReporterOnce(t *testing.T) {
	t.Parallel()
	cfg := ReportsConfig{QueueThreshold: 3, MaxReporters: 5}
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	counted := func(n *models.Note, reports []models.Report) *models.Note {
		out, _ := ApplyReports(n, reports, cfg, now)
		if out == nil {
			t.Fatal("setting up: the reports counted nothing")
		}
		return out
	}
	twoIn := counted(shownNote("n"), reportsBy("n", "spam", "u1", "u2"))
	queued := counted(twoIn, reportsBy("n", "spam", "u3"))
	full := counted(queued, reportsBy("n", "spam", "u4", "u5"))
	for _, c := range []struct {
		name          string
		note          *models.Note
		reports       []models.Report
		wantNil       bool
		want          ReportTally
		wantReporters int
		wantSince     map[string]string
	}{
		{"reports below the threshold are counted and queue nothing", shownNote("n"), reportsBy("n", "spam", "u1", "u2"),
			false, ReportTally{Counted: 2}, 2, nil},
		{"a reporter reporting twice in one batch counts once", shownNote("n"), reportsBy("n", "spam", "u1", "u1", "u2"),
			false, ReportTally{Counted: 2, Duplicate: 1}, 2, nil},
		{"reporters counted already change nothing", twoIn, reportsBy("n", "spam", "u2", "u1"),
			true, ReportTally{Duplicate: 2}, 2, nil},
		{"the threshold queues the note where it is shown", twoIn, reportsBy("n", "harassment", "u3"),
			false, ReportTally{Counted: 1, Queued: true}, 3, map[string]string{"cn": "", "intl": ""}},
		{"a queued note is not queued again", queued, reportsBy("n", "spam", "u4"),
			false, ReportTally{Counted: 1}, 4, map[string]string{"cn": "", "intl": ""}},
		{"past max_reporters reports change nothing", full, reportsBy("n", "spam", "u6", "u7"),
			true, ReportTally{Saturated: 2}, 5, map[string]string{"cn": "", "intl": ""}},
		{"a note blocked in cn is queued in intl only", shownNote("n", "cn"), reportsBy("n", "spam", "u1", "u2", "u3"),
			false, ReportTally{Counted: 3, Queued: true}, 3, map[string]string{"intl": ""}},
		{"a note blocked everywhere is not queued", shownNote("n", "cn", "intl"), reportsBy("n", "spam", "u1", "u2", "u3"),
			false, ReportTally{Counted: 3}, 3, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, tally := ApplyReports(c.note, c.reports, cfg, now)
			if tally != c.want {
				t.Errorf("tally %+v, want %+v", tally, c.want)
			}
			if out == nil {
				if !c.wantNil {
					t.Fatal("nothing counted")
				}
				return
			}
			if c.wantNil {
				t.Fatalf("the note was rewritten: %+v", out.Moderation.Reports)
			}
			r := out.Moderation.Reports
			if r.Reporters != c.wantReporters || len(r.Keys) != c.wantReporters || out.Revision != c.note.Revision+1 {
				t.Errorf("reporters %d with %d keys at revision %d, want %d at %d", r.Reporters, len(r.Keys), out.Revision, c.wantReporters, c.note.Revision+1)
			}
			if fmt.Sprint(r.Since) != fmt.Sprint(c.wantSince) || (c.wantSince == nil) != r.QueuedAt.IsZero() {
				t.Errorf("since %v queued at %v, want %v", r.Since, r.QueuedAt, c.wantSince)
			}
			raw, _ := json.Marshal(out)
			for _, rep := range c.reports {
				if strings.Contains(string(raw), `"`+rep.ReporterID+`"`) {
					t.Errorf("the note carries reporter id %q", rep.ReporterID)
				}
			}
			if c.note.Moderation.Reports != nil && c.note.Moderation.Reports.Reporters == r.Reporters && tally.Counted > 0 {
				t.Error("ApplyReports changed the note it was given")
			}
		})
	}
}

func TestApplyReportsKeepsABoundedSetOfReasons(t *testing.T) {
	t.Parallel()
	n := shownNote("n")
	var reports []models.Report
	for i := range 12 {
		reports = append(reports, models.Report{NoteID: "n", ReporterID: fmt.Sprintf("u%d", i), Reason: fmt.Sprintf("  Reason %d ", i)})
	}
	reports = append(reports, models.Report{NoteID: "n", ReporterID: "long", Reason: strings.Repeat("长", 40)})
	out, _ := ApplyReports(n, reports, ReportsConfig{}, time.Now())
	reasons := out.Moderation.Reports.Reasons
	if len(reasons) != maxReasons+1 || reasons[otherReason] != 5 || reasons["reason 0"] != 1 {
		t.Errorf("reasons %v, want %d reasons kept and the other 5 as %q", reasons, maxReasons, otherReason)
	}
}

// TestReportStormQueuesANoteOnce: 600 reports of one note from 40
// reporters (each many times) and 2 reports of another, over Kafka: the
// first note counts 40 reporters and is published to the review topic
// exactly once, after far fewer index writes than reports; the second
// stays below the threshold and unpublished; bad reports are
// dead-lettered.
func TestReportStormQueuesANoteOnce(t *testing.T) {
	t.Parallel()
	topics := pipeline.DefaultTopics()
	rcfg := ReportsConfig{}.WithDefaults()
	brokers := pipelinetest.StartBroker(t, "notes.events", topics.Approved, topics.Review, topics.Rejected, topics.DeadLetter, rcfg.Topic)
	idx := pipelinetest.NewMemIndex(*shownNote("storm"), *shownNote("quiet"))
	var msgs []kafka.Message
	for i := range 600 {
		v, _ := json.Marshal(models.Report{NoteID: "storm", ReporterID: fmt.Sprintf("user-%d", i%40), Reason: "spam"})
		msgs = append(msgs, kafka.Message{Key: []byte("storm"), Value: v})
	}
	for _, r := range reportsBy("quiet", "rude", "a", "b") {
		v, _ := json.Marshal(r)
		msgs = append(msgs, kafka.Message{Key: []byte("quiet"), Value: v})
	}
	// A bad report last on each note's partition.
	msgs = append(msgs, kafka.Message{Key: []byte("storm"), Value: []byte(`{"note_id":"storm"}`)},
		kafka.Message{Key: []byte("quiet"), Value: []byte(`{"note_id":"quiet"}`)})
	pipelinetest.Produce(t, brokers, rcfg.Topic, msgs...)

	c, err := NewReportConsumer(pipelinetest.Config(brokers), rcfg, idx, func(err error) bool { return err == pipelinetest.ErrNoNote }, nil, nil, pipelinetest.QuietLogger())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("reports consumer: %v", err)
		}
	}()
	for _, m := range pipelinetest.Consume(t, brokers, topics.DeadLetter, 2) {
		if pipelinetest.Header(m, pipeline.HeaderErrorCode) != pipeline.ReasonBadField {
			t.Errorf("the bad report of %s was dead-lettered as %q", m.Key, pipelinetest.Header(m, pipeline.HeaderErrorCode))
		}
	}
	// The bad reports came last on their partitions, and a batch is
	// published once counted: once both are dead-lettered every report
	// before them is counted and published.
	storm, _ := idx.Note("storm")
	quiet, _ := idx.Note("quiet")
	if r := storm.Moderation.Reports; r == nil || r.Reporters != 40 || r.QueuedAt.IsZero() {
		t.Fatalf("the storm note's reports: %+v, want 40 reporters, queued", r)
	}
	if r := quiet.Moderation.Reports; r == nil || r.Reporters != 2 || !r.QueuedAt.IsZero() {
		t.Errorf("the quiet note's reports: %+v, want 2 reporters, not queued", r)
	}
	if q := storm.Moderation.QueueMarkets(); len(q) != 2 || len(storm.ApprovedMarkets) != 2 {
		t.Errorf("the storm note waits in %v and is shown in %v, want both markets each", q, storm.ApprovedMarkets)
	}
	writes := idx.Writes()
	if writes > 40+2 {
		t.Errorf("%d index writes for 602 reports of 42 reporters", writes)
	}
	var forStorm []kafka.Message
	for _, m := range consumeAll(t, brokers, topics.Review) {
		if string(m.Key) == "storm" {
			forStorm = append(forStorm, m)
		}
		if string(m.Key) == "quiet" {
			t.Errorf("the quiet note was published to the review topic")
		}
	}
	if len(forStorm) != 1 || pipelinetest.Header(forStorm[0], HeaderQueued) != "reports" {
		t.Fatalf("the storm note was published %d times to the review topic, want once with %s=reports", len(forStorm), HeaderQueued)
	}
	t.Logf("600 reports of 40 reporters and 2 of 2: %d index writes, 1 message on %s", writes, topics.Review)
}

// consumeAll reads every message on topic when it is called.
func consumeAll(t *testing.T, brokers []string, topic string) []kafka.Message {
	t.Helper()
	conn, err := kafka.DialLeader(context.Background(), "tcp", brokers[0], topic, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	partitions, err := conn.ReadPartitions(topic)
	if err != nil {
		t.Fatal(err)
	}
	var out []kafka.Message
	for _, p := range partitions {
		pc, err := kafka.DialLeader(context.Background(), "tcp", brokers[0], topic, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		first, last, err := pc.ReadOffsets()
		pc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if last <= first {
			continue
		}
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Topic: topic, Partition: p.ID, MaxWait: 100 * time.Millisecond})
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		for off := first; off < last; off++ {
			m, err := r.FetchMessage(ctx)
			if err != nil {
				t.Fatalf("read %s partition %d: %v", topic, p.ID, err)
			}
			out = append(out, m)
		}
		cancel()
		r.Close()
	}
	return out
}
