package rules

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// AppealsConfig configures the appeals topic and its consumer.
type AppealsConfig struct {
	// Topic carries models.AppealEvent events keyed by note_id, from the
	// posting services. Default "notes.appeals".
	Topic string `yaml:"topic"`
	// GroupID is the consumer group of the appeals consumer. Default
	// "notegate-appeals".
	GroupID string `yaml:"group_id"`
}

// WithDefaults fills unset fields with their defaults.
func (c AppealsConfig) WithDefaults() AppealsConfig {
	c.Topic = cmp.Or(c.Topic, "notes.appeals")
	c.GroupID = cmp.Or(c.GroupID, "notegate-appeals")
	return c
}

// AppealOutcome says what became of an appeal.
type AppealOutcome string

const (
	// AppealOpened: the note waits for a reviewer in the appealed markets.
	AppealOpened AppealOutcome = "opened"
	// AppealDuplicate: the same appeal again (a replay); nothing changed.
	AppealDuplicate AppealOutcome = "duplicate"
	// AppealAlreadyAppealed: another appeal of this note version came
	// first; one appeal is taken per version.
	AppealAlreadyAppealed AppealOutcome = "already_appealed"
	// AppealNotBlocked: the note is blocked in none of the markets
	// appealed; there is nothing to appeal.
	AppealNotBlocked AppealOutcome = "not_blocked"
	// AppealStale: the appeal names another version than the stored one.
	AppealStale AppealOutcome = "stale"
	// AppealWrongAuthor: the appeal's author_id is not the note's author.
	AppealWrongAuthor AppealOutcome = "wrong_author"
	// AppealNoNote: the note is unknown or deleted.
	AppealNoNote AppealOutcome = "no_note"
)

// maxAppealMessageBytes bounds the author's words kept on the note.
const maxAppealMessageBytes = 2000

// ApplyAppeal returns n with ev's appeal opened, as its next revision,
// and AppealOpened; or nil and why not. The appeal covers the markets the
// note is blocked in (those of them ev names, when it names any) and
// records the decision under appeal in each: the reviewer decision that
// stands there, or the machine's. The note then waits for a reviewer in
// those markets until another decision stands there, and that decision
// must come from someone other than the reviewer whose decision is under
// appeal (models.Moderation.AppealConflict). n is not changed.
func ApplyAppeal(n *models.Note, ev models.AppealEvent) (*models.Note, AppealOutcome) {
	mod := &n.Moderation
	switch {
	case n.Deleted():
		return nil, AppealNoNote
	case mod.Appeal != nil && mod.Appeal.ID == ev.AppealID:
		return nil, AppealDuplicate
	case ev.Version != 0 && ev.Version != n.Version:
		return nil, AppealStale
	case n.AuthorID != "" && ev.AuthorID != n.AuthorID:
		return nil, AppealWrongAuthor
	case mod.Appeal != nil:
		return nil, AppealAlreadyAppealed
	}
	original := map[string]models.AppealedDecision{}
	for market, d := range mod.Markets {
		if d != models.DecisionBlock || len(ev.Markets) > 0 && !slices.Contains(ev.Markets, market) {
			continue
		}
		o := models.AppealedDecision{Decision: d, DecisionID: mod.StandingDecision(market)}
		if r := mod.Review; o.DecisionID != "" && r != nil {
			if s, ok := r.Decided[market]; ok {
				o.Reviewer, o.Action, o.At = s.Reviewer, s.Action, s.At
			} else {
				o.Reviewer, o.Action, o.At = r.Reviewer, r.Action, r.At
			}
			if r.DecisionID == o.DecisionID {
				o.Category, o.Reason = r.Category, r.Reason
			}
		}
		original[market] = o
	}
	if len(original) == 0 {
		return nil, AppealNotBlocked
	}
	out := *n
	out.Moderation.Appeal = &models.Appeal{ID: ev.AppealID, Message: cutUTF8(ev.Message, maxAppealMessageBytes), At: ev.At.UTC(), Original: original}
	out.Revision = n.Revision + 1
	return &out, AppealOpened
}

// cutUTF8 is s as valid UTF-8, cut to at most n bytes on a rune boundary.
func cutUTF8(s string, n int) string {
	s = strings.ToValidUTF8(s, "")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// ConditionAppeals: appeals are applied (index and publish succeed).
const ConditionAppeals pipeline.Condition = "appeals"

// AppealConsumer opens authors' appeals: for each event on the appeals
// topic, in order per note, it reads the note, opens the appeal
// (ApplyAppeal), writes the note back as its next revision, publishes it
// to its routes (the review topic among them, with HeaderQueued "appeal")
// and then commits; a replayed appeal is not applied again, only
// published again. An appeal that cannot be taken (see AppealOutcome) is
// logged and counted; one that is not an event goes to the dead-letter
// topic.
type AppealConsumer struct {
	store              pipeline.NoteStore
	isNotFound         func(error) bool
	*pipeline.Consumer // runs handle; its Run consumes until ctx ends, then drains
	metrics            *EventMetrics
	log                *slog.Logger
}

// NewAppealConsumer builds a consumer; it connects when Run starts.
// metrics and health may be nil.
func NewAppealConsumer(cfg pipeline.Config, acfg AppealsConfig, store pipeline.NoteStore, isNotFound func(error) bool, metrics *EventMetrics, health *pipeline.Health, log *slog.Logger) (*AppealConsumer, error) {
	acfg = acfg.WithDefaults()
	if store == nil || isNotFound == nil {
		return nil, errors.New("appeals consumer: store and isNotFound are required")
	}
	if log == nil {
		log = slog.Default()
	}
	c := &AppealConsumer{store: store, isNotFound: isNotFound, metrics: metrics, log: log.With("component", "appeals")}
	var err error
	c.Consumer, err = pipeline.NewConsumer(cfg, pipeline.ConsumerConfig{
		Name: "appeals", GroupID: acfg.GroupID, Topic: acfg.Topic, Condition: ConditionAppeals, WatchRouting: true,
	}, pipeline.PerMessage(c.handle), nil, health, log)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// decodeAppeal reads an appeal event, or says why it is none.
func decodeAppeal(m kafka.Message) (models.AppealEvent, error) {
	var ev models.AppealEvent
	err := decodeNoteEvent(m, &ev, "an appeal", func() (string, error) {
		switch {
		case ev.AppealID == "" || len(ev.AppealID) > 256:
			return ev.NoteID, pipeline.BadEvent(pipeline.ReasonBadField, "an appeal needs an appeal_id of at most 256 bytes")
		case ev.Version < 0:
			return ev.NoteID, pipeline.BadEvent(pipeline.ReasonBadVersion, "version %d is negative", ev.Version)
		}
		return ev.NoteID, nil
	})
	if ev.At.IsZero() {
		ev.At = m.Time
	}
	return ev, err
}

// handle applies one appeal and returns the messages that route the
// appealed note; an error is a transport error.
func (c *AppealConsumer) handle(ctx context.Context, m kafka.Message) ([]kafka.Message, error) {
	ev, err := decodeAppeal(m)
	if err != nil {
		c.log.Error("dead-lettering a bad appeal event", "offset", m.Offset, "err", err)
		c.metrics.appeal("bad")
		return []kafka.Message{pipeline.DeadLetter(c.Topics(), m, err)}, nil
	}
	outcome := AppealNoNote
	a, written, err := rewriteStored(ctx, c.store, c.isNotFound, ev.NoteID, c.log, func(n *models.Note) *models.Note {
		var next *models.Note
		next, outcome = ApplyAppeal(n, ev)
		return next
	})
	if err != nil {
		return nil, err
	}
	// A replay (a duplicate) publishes the stored note again: the write
	// may have happened before a crash cut off the publish.
	if !written && (outcome != AppealDuplicate || a.Stored == nil) {
		c.metrics.appeal(string(outcome))
		c.log.Info("appeal not taken", "note_id", ev.NoteID, "appeal", ev.AppealID, "outcome", outcome)
		return nil, nil
	}
	msgs, err := pipeline.RouteMessages(c.Topics(), m, a.Stored, a.EverApproved, kafka.Header{Key: HeaderQueued, Value: []byte("appeal")})
	if err != nil {
		return nil, err
	}
	c.metrics.appeal(string(outcome))
	c.log.Info("appeal opened", "note_id", ev.NoteID, "appeal", ev.AppealID, "markets", a.Stored.Moderation.AppealMarkets())
	return msgs, nil
}
