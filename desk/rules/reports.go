package rules

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// ReportsConfig configures the user reports topic and its consumer.
type ReportsConfig struct {
	// Topic carries models.Report events keyed by note_id, from the
	// posting services. Default "notes.reports".
	Topic string `yaml:"topic"`
	// GroupID is the consumer group of the reports consumer. Default
	// "notegate-reports".
	GroupID string `yaml:"group_id"`
	// QueueThreshold is how many distinct reporters put a note in the
	// review queue, in every market it is not blocked in, although it
	// stays shown there until a reviewer decides. Default 5.
	QueueThreshold int `yaml:"queue_threshold"`
	// MaxReporters bounds the reporters counted per note (and the hashes
	// the note carries to count each once); past it, reports of the note
	// change nothing. Default 100.
	MaxReporters int `yaml:"max_reporters"`
}

// WithDefaults fills unset fields with their defaults.
func (c ReportsConfig) WithDefaults() ReportsConfig {
	c.Topic = cmp.Or(c.Topic, "notes.reports")
	c.GroupID = cmp.Or(c.GroupID, "notegate-reports")
	c.QueueThreshold = cmp.Or(c.QueueThreshold, 5)
	c.MaxReporters = cmp.Or(c.MaxReporters, 100)
	return c
}

// Validate reports contradictions in a configuration with defaults
// applied.
func (c ReportsConfig) Validate() error {
	if c.QueueThreshold < 1 || c.MaxReporters < c.QueueThreshold || c.MaxReporters > 10000 {
		return fmt.Errorf("reports: queue_threshold must be positive and max_reporters between it and 10000 (have %d and %d)", c.QueueThreshold, c.MaxReporters)
	}
	return nil
}

// Reasons are kept per note up to maxReasons; the others count as
// otherReason. A reason is cut to maxReasonBytes.
const (
	maxReasons     = 8
	maxReasonBytes = 64
	otherReason    = "other"
	noReason       = "unspecified"
)

// ReportTally says what the reports given to ApplyReports came to.
type ReportTally struct {
	// Counted, Duplicate and Saturated count the reports that added a
	// reporter, that came from a reporter counted already, and that came
	// once MaxReporters was reached.
	Counted, Duplicate, Saturated int
	// Queued is set when these reports brought the note to the queue
	// threshold.
	Queued bool
}

// reporterKey is what a note keeps of a reporter: 8 bytes of SHA-256 of
// the note id and the reporter id, so that nobody reading the note learns
// who reported it, and one reporter's keys differ from note to note.
func reporterKey(noteID, reporterID string) string {
	sum := sha256.Sum256([]byte(noteID + "\x00" + reporterID))
	return hex.EncodeToString(sum[:8])
}

// normalReason is reason lowercased, trimmed, valid UTF-8 and at most
// maxReasonBytes, or noReason.
func normalReason(reason string) string {
	r := strings.ToLower(strings.TrimSpace(strings.ToValidUTF8(reason, "")))
	if len(r) > maxReasonBytes {
		n := maxReasonBytes
		for n > 0 && !utf8.RuneStart(r[n]) {
			n--
		}
		r = r[:n]
	}
	if r == "" {
		return noReason
	}
	return r
}

// ApplyReports returns n with reports counted, as its next revision, or
// nil when they change nothing (every reporter counted already, or
// MaxReporters reached). A reporter counts once per note (its key is
// kept); reasons are counted per reporter. When the distinct reporters
// reach cfg.QueueThreshold, the note is queued (Reports.QueuedAt, Since)
// in every market it is not blocked in, with the reviewer decision that
// stands there now: it waits there until another one stands. now stamps
// QueuedAt. n is not changed.
func ApplyReports(n *models.Note, reports []models.Report, cfg ReportsConfig, now time.Time) (*models.Note, ReportTally) {
	cfg = cfg.WithDefaults()
	var tally ReportTally
	if n.Deleted() {
		return nil, tally
	}
	r := models.Reports{}
	if prev := n.Moderation.Reports; prev != nil {
		r = *prev
	}
	r.Reasons = maps.Clone(r.Reasons)
	r.Keys = slices.Clone(r.Keys)
	seen := make(map[string]bool, len(r.Keys)+len(reports))
	for _, k := range r.Keys {
		seen[k] = true
	}
	for _, rep := range reports {
		k := reporterKey(n.NoteID, rep.ReporterID)
		switch {
		case seen[k]:
			tally.Duplicate++
			continue
		case r.Reporters >= cfg.MaxReporters:
			tally.Saturated++
			continue
		}
		seen[k] = true
		tally.Counted++
		r.Keys = append(r.Keys, k)
		r.Reporters++
		if r.Reasons == nil {
			r.Reasons = map[string]int{}
		}
		reason := normalReason(rep.Reason)
		if _, ok := r.Reasons[reason]; !ok && len(r.Reasons) >= maxReasons {
			reason = otherReason
		}
		r.Reasons[reason]++
		if at := rep.At.UTC(); !at.IsZero() {
			if r.FirstAt.IsZero() || at.Before(r.FirstAt) {
				r.FirstAt = at
			}
			if at.After(r.LastAt) {
				r.LastAt = at
			}
		}
	}
	if tally.Counted == 0 {
		return nil, tally
	}
	if r.QueuedAt.IsZero() && r.Reporters >= cfg.QueueThreshold {
		since := map[string]string{}
		for market, d := range n.Moderation.Markets {
			if d != models.DecisionBlock {
				since[market] = n.Moderation.StandingDecision(market)
			}
		}
		if len(since) > 0 {
			r.QueuedAt, r.Since, tally.Queued = now.UTC(), since, true
		}
	}
	out := *n
	out.Moderation.Reports = &r
	out.Revision = n.Revision + 1
	return &out, tally
}

// HeaderQueued names why a note was re-published to its routes without a
// new version or a decision: "reports" (users' reports queued it) or
// "appeal" (its author appealed).
const HeaderQueued = "notegate-queued"

// ConditionReports: user reports are applied (index and publish succeed).
const ConditionReports pipeline.Condition = "reports"

// ReportConsumer counts user reports on the notes they report: for each
// batch of the reports topic (per partition, in order) it reads each
// reported note once, counts its new reporters (ApplyReports), writes it
// back as its next revision, and, when the reports bring the note into
// the review queue, publishes it to its routes once (the review topic
// among them); then it commits. A report storm is bounded: a reporter
// counts once, a batch writes a note once, a note counts at most
// MaxReporters reporters (no write after that) and is published once for
// its reports. A report that is not an event goes to the dead-letter
// topic; a report of an unknown or deleted note is dropped. (After a
// crash between the write and the publish, the replayed reports are
// duplicates and the note, queued in the index and so on the desk, is
// not published again: a storm of duplicates must not republish it.)
type ReportConsumer struct {
	rcfg               ReportsConfig
	store              pipeline.NoteStore
	isNotFound         func(error) bool
	*pipeline.Consumer // runs handle; its Run consumes until ctx ends, then drains
	metrics            *EventMetrics
	log                *slog.Logger
	now                func() time.Time
}

// NewReportConsumer builds a consumer; it connects when Run starts.
// metrics and health may be nil.
func NewReportConsumer(cfg pipeline.Config, rcfg ReportsConfig, store pipeline.NoteStore, isNotFound func(error) bool, metrics *EventMetrics, health *pipeline.Health, log *slog.Logger) (*ReportConsumer, error) {
	rcfg = rcfg.WithDefaults()
	if err := rcfg.Validate(); err != nil {
		return nil, fmt.Errorf("reports consumer config: %w", err)
	}
	if store == nil || isNotFound == nil {
		return nil, errors.New("reports consumer: store and isNotFound are required")
	}
	if log == nil {
		log = slog.Default()
	}
	c := &ReportConsumer{rcfg: rcfg, store: store, isNotFound: isNotFound, metrics: metrics, log: log.With("component", "reports"), now: time.Now}
	var err error
	c.Consumer, err = pipeline.NewConsumer(cfg, pipeline.ConsumerConfig{
		Name: "reports", GroupID: rcfg.GroupID, Topic: rcfg.Topic, Condition: ConditionReports,
		BatchSize: 64, BatchLinger: 5 * time.Millisecond, PartitionQueue: 256,
		CommitInterval: min(cfg.CommitInterval, 500*time.Millisecond), WatchRouting: true,
	}, c.handle, nil, health, log)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// handle counts one partition's batch of reports and returns the
// messages that publish the notes they queued, and the dead letters of
// the events that are not reports. An error is a transport error: what it
// returns with it publishes the notes counted before, and the call again
// finds their reporters counted and leaves them be.
func (c *ReportConsumer) handle(ctx context.Context, msgs []kafka.Message) ([]kafka.Message, error) {
	var out, bad []kafka.Message
	byNote := map[string][]models.Report{}
	source := map[string]kafka.Message{}
	var order []string
	for _, m := range msgs {
		r, err := decodeReport(m)
		if err != nil {
			c.log.Error("dead-lettering a bad report event", "offset", m.Offset, "err", err)
			bad = append(bad, pipeline.DeadLetter(c.Topics(), m, err))
			continue
		}
		if _, ok := byNote[r.NoteID]; !ok {
			order = append(order, r.NoteID)
		}
		byNote[r.NoteID] = append(byNote[r.NoteID], r)
		source[r.NoteID] = m
	}
	for _, id := range order {
		msgsOfNote, err := c.count(ctx, id, byNote[id], source[id])
		if err != nil {
			return out, err
		}
		out = append(out, msgsOfNote...)
	}
	// Dead letters go out (and count) once, with the call that finishes
	// the batch.
	c.metrics.report("bad", len(bad))
	return append(bad, out...), nil
}

// count applies the reports of one note and returns the messages that
// publish it, when they queued it.
func (c *ReportConsumer) count(ctx context.Context, id string, reports []models.Report, src kafka.Message) ([]kafka.Message, error) {
	var tally ReportTally
	a, written, err := rewriteStored(ctx, c.store, c.isNotFound, id, c.log, func(n *models.Note) *models.Note {
		var next *models.Note
		next, tally = ApplyReports(n, reports, c.rcfg, c.now())
		return next
	})
	if err != nil {
		return nil, err
	}
	if a.Stored == nil {
		c.metrics.report("no_note", len(reports))
		return nil, nil
	}
	c.metrics.report("counted", tally.Counted)
	c.metrics.report("duplicate", tally.Duplicate)
	c.metrics.report("saturated", tally.Saturated)
	if !written || !tally.Queued {
		return nil, nil
	}
	c.log.Info("reports queued a note", "note_id", id, "reporters", a.Stored.Moderation.Reports.Reporters)
	return pipeline.RouteMessages(c.Topics(), src, a.Stored, a.EverApproved, kafka.Header{Key: HeaderQueued, Value: []byte("reports")})
}

// decodeReport reads a report event, or says why it is none.
func decodeReport(m kafka.Message) (models.Report, error) {
	var r models.Report
	err := decodeNoteEvent(m, &r, "a report", func() (string, error) {
		if r.ReporterID == "" || len(r.ReporterID) > 256 {
			return r.NoteID, pipeline.BadEvent(pipeline.ReasonBadField, "a report needs a reporter_id of at most 256 bytes")
		}
		return r.NoteID, nil
	})
	if r.At.IsZero() {
		r.At = m.Time
	}
	return r, err
}
