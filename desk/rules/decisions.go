package rules

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// HeaderReviewDecision names the reviewer decision that produced a note.
const HeaderReviewDecision = "notegate-review-decision"

// DecisionsConfig configures the reviewer decisions topic and its consumer.
type DecisionsConfig struct {
	// Topic carries models.ReviewDecision events keyed by note_id.
	// Default "notes.decisions".
	Topic string `yaml:"topic"`
	// GroupID is the consumer group of the decisions consumer.
	// Default "notegate-decisions".
	GroupID string `yaml:"group_id"`
}

// WithDefaults fills unset fields with their defaults.
func (c DecisionsConfig) WithDefaults() DecisionsConfig {
	c.Topic = cmp.Or(c.Topic, "notes.decisions")
	c.GroupID = cmp.Or(c.GroupID, "notegate-decisions")
	return c
}

// Auditor appends decisions to the audit trail. Record is idempotent by
// decision id: recording an entry again (a replay) changes nothing and
// returns nil. An error is a transport error and is retried.
type Auditor interface {
	Record(ctx context.Context, e models.AuditEntry) error
}

// DecisionWriter publishes reviewer decisions to the decisions topic with
// RequireAll acks, keyed by note id. It is the only way the review desk
// changes a note: the DecisionConsumer is the single writer that applies
// them.
type DecisionWriter struct{ eventWriter }

// NewDecisionWriter writes to cfg.Topic on brokers.
func NewDecisionWriter(brokers []string, cfg DecisionsConfig) *DecisionWriter {
	return &DecisionWriter{newEventWriter(brokers, cfg.WithDefaults().Topic)}
}

// Publish writes decisions and returns once the broker has them or with
// the error.
func (w *DecisionWriter) Publish(ctx context.Context, ds ...models.ReviewDecision) error {
	return w.publish(ctx, "decision", len(ds), func(i int) (string, string, any) { return ds[i].ID, ds[i].NoteID, ds[i] })
}

// DecisionConsumer applies reviewer decisions: for each event on the
// decisions topic, in order per note, it reads the note from the store,
// applies the decision as a new revision of the same version, writes it
// back, appends the audit entry, routes the note (approved notes to the
// feed's topic) and only then commits the event's offset. Transport errors
// are retried with backoff (by its pipeline.Consumer); a replayed event is
// applied at most once (the note remembers the decision id) and audited
// once.
type DecisionConsumer struct {
	store              pipeline.NoteStore
	audit              Auditor
	isNotFound         func(error) bool
	*pipeline.Consumer // runs handle; its Run consumes until ctx ends, then drains
	log                *slog.Logger
	now                func() time.Time
	// gaps and followUps ask for the translations a decision leaves a
	// note lacking (TranslateAfterDecisions); nil: none.
	gaps      TranslationGaps
	followUps pipeline.FollowUps
}

// ConditionDecisions: reviewer decisions are applied (index, audit and
// publish succeed).
const ConditionDecisions pipeline.Condition = "decisions"

// NewDecisionConsumer builds a consumer; it connects when Run starts.
// isNotFound tells the store's "no such note" error. health may be nil.
func NewDecisionConsumer(cfg pipeline.Config, dcfg DecisionsConfig, store pipeline.NoteStore, audit Auditor, isNotFound func(error) bool, health *pipeline.Health, log *slog.Logger) (*DecisionConsumer, error) {
	dcfg = dcfg.WithDefaults()
	if store == nil || audit == nil || isNotFound == nil {
		return nil, errors.New("decisions consumer: store, audit and isNotFound are required")
	}
	if log == nil {
		log = slog.Default()
	}
	c := &DecisionConsumer{store: store, audit: audit, isNotFound: isNotFound, log: log.With("component", "decisions"), now: time.Now}
	var err error
	c.Consumer, err = pipeline.NewConsumer(cfg, pipeline.ConsumerConfig{
		Name: "decisions", GroupID: dcfg.GroupID, Topic: dcfg.Topic, Condition: ConditionDecisions, WatchRouting: true,
	}, pipeline.PerMessage(c.handle), nil, health, log)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// handle applies one decision and returns the messages that route the
// decided note; an error is a transport error.
func (c *DecisionConsumer) handle(ctx context.Context, msg kafka.Message) ([]kafka.Message, error) {
	var d models.ReviewDecision
	if err := json.Unmarshal(msg.Value, &d); err != nil || d.ID == "" || d.NoteID == "" || !d.Action.Valid() {
		bad := pipeline.BadEvent(pipeline.ReasonBadField, "not a decision event (id, note_id and a known action are required)")
		if err != nil {
			bad = pipeline.BadJSON(err)
		}
		c.log.Error("dead-lettering a bad decision event", "offset", msg.Offset, "reason", bad)
		return []kafka.Message{pipeline.DeadLetter(c.Topics(), msg, bad)}, nil
	}
	entry := models.AuditEntry{Decision: d, Outcome: models.AuditStale, RecordedAt: c.now().UTC()}
	a, overturns, err := c.apply(ctx, d)
	switch {
	case errors.Is(err, errDecisionStale):
		return nil, c.audit.Record(ctx, entry)
	case errors.Is(err, errDecisionRefused):
		c.log.Warn("refused a decision on an appeal of the reviewer's own decision", "note_id", d.NoteID, "decision", d.ID, "reviewer", d.Reviewer)
		entry.Outcome = models.AuditRefused
		return nil, c.audit.Record(ctx, entry)
	case err != nil:
		return nil, err
	}
	entry.Outcome, entry.Revision, entry.Overturns = models.AuditApplied, a.Stored.Revision, overturns
	if err := c.audit.Record(ctx, entry); err != nil {
		return nil, fmt.Errorf("audit %s: %w", d.ID, err)
	}
	msgs, err := pipeline.RouteMessages(c.Topics(), msg, a.Stored, a.EverApproved,
		kafka.Header{Key: HeaderReviewDecision, Value: []byte(d.ID)})
	if err != nil {
		return nil, err
	}
	return append(msgs, c.translationFollowUps(a.Stored)...), nil
}

// maxDecisionRaces bounds how often one decision is re-applied at once
// because another writer (the translation retrier) wrote the same revision
// first; beyond it the decision is retried with backoff like a transport
// error.
const maxDecisionRaces = 5

// errDecisionStale: the note is gone, at another version, or refused.
var errDecisionStale = errors.New("decision is stale")

// errDecisionRefused: the decision would decide an appeal of its own
// reviewer's decision (models.Moderation.AppealConflict). The desk
// refuses such a request; this holds whoever published the event.
var errDecisionRefused = errors.New("an appeal is decided by another reviewer")

// apply writes d onto the stored note and returns what the index holds
// with it, and the decision it overturned. The store keeps the first write
// of a (Version, Revision), so a writer that read the same revision at the
// same time (the translation retrier) can make our write a no-op: apply
// then applies d again on top of what is stored.
func (c *DecisionConsumer) apply(ctx context.Context, d models.ReviewDecision) (pipeline.Applied, string, error) {
	for race := 0; ; race++ {
		n, err := c.store.Get(ctx, d.NoteID)
		switch {
		case err != nil && c.isNotFound(err):
			return pipeline.Applied{}, "", errDecisionStale
		case err != nil:
			return pipeline.Applied{}, "", fmt.Errorf("read note %s: %w", d.NoteID, err)
		case n.Version != d.NoteVersion:
			return pipeline.Applied{}, "", errDecisionStale
		case !applied(n, d) && n.Moderation.AppealConflict(d.Reviewer, d.Action, d.Markets) != "":
			return pipeline.Applied{}, "", errDecisionRefused
		}
		next, overturns := n, ""
		if !applied(n, d) {
			overturns = Overturned(n.Moderation.Review, d)
			next = ApplyDecision(n, d)
			c.markLacking(next)
		}
		// A replay writes the stored note itself, which changes nothing
		// and tells what the index holds and whether feeds saw the note.
		out, err := c.store.Apply(ctx, []*models.Note{next})
		if err != nil {
			return pipeline.Applied{}, "", fmt.Errorf("write note %s: %w", d.NoteID, err)
		}
		if len(out) != 1 {
			return pipeline.Applied{}, "", fmt.Errorf("write note %s: the index answered %d outcomes", d.NoteID, len(out))
		}
		a := out[0]
		switch {
		case a.Retry != nil:
			return pipeline.Applied{}, "", fmt.Errorf("write note %s: %w", d.NoteID, a.Retry)
		case a.Rejected != "":
			c.log.Error("the index refused a decided note; audited as stale", "note_id", d.NoteID, "reason", a.Rejected)
			return pipeline.Applied{}, "", errDecisionStale
		case a.Stored == nil || a.Stored.Deleted() || a.Stored.Version != d.NoteVersion:
			return pipeline.Applied{}, "", errDecisionStale // deleted or a newer version meanwhile
		case applied(a.Stored, d):
			return a, overturns, nil
		case race+1 >= maxDecisionRaces:
			return pipeline.Applied{}, "", fmt.Errorf("decision %s on note %s: %w %d times", d.ID, d.NoteID, errLostRace, race+1)
		}
		c.log.Info("another writer updated the note first; applying the decision again", "note_id", d.NoteID, "decision", d.ID, "revision", a.Stored.Revision)
	}
}

// applied reports whether decision d is the latest reviewer decision on n.
func applied(n *models.Note, d models.ReviewDecision) bool {
	return n.Moderation.Review != nil && n.Moderation.Review.DecisionID == d.ID
}

// Overturned returns the id of the decision that d reverses in one of
// its markets, or "": an approval where a rejection stands, a rejection
// where an approval stands, or an undo of either. A decision in intl
// reverses nothing that stands in cn only. prev is the note's review
// before d.
func Overturned(prev *models.Review, d models.ReviewDecision) string {
	if prev == nil || prev.DecisionID == "" {
		return ""
	}
	if prev.Decided == nil {
		// Decided before per-market records: the latest decision stood
		// in its markets (all when it named none).
		overlap := len(prev.Markets) == 0 || len(d.Markets) == 0 ||
			slices.ContainsFunc(d.Markets, func(m string) bool { return slices.Contains(prev.Markets, m) })
		if overlap && reverses(prev.Action, d.Action) {
			return prev.DecisionID
		}
		return ""
	}
	markets := d.Markets
	if len(markets) == 0 {
		markets = slices.Collect(maps.Keys(prev.Decided))
	}
	slices.Sort(markets)
	for _, m := range markets {
		if s, ok := prev.Decided[m]; ok && reverses(s.Action, d.Action) {
			return s.DecisionID
		}
	}
	return ""
}

// reverses reports whether next undoes what prev decided.
func reverses(prev, next models.ReviewAction) bool {
	decided := prev == models.ReviewApprove || prev == models.ReviewReject
	return next == models.ReviewUndo && decided ||
		next == models.ReviewApprove && prev == models.ReviewReject ||
		next == models.ReviewReject && prev == models.ReviewApprove
}

// ApplyDecision returns n with d applied, as the next revision of the same
// version. d acts in its markets only, among those the machine decided for
// the note (a market the note has no decision in is never added); all of
// the note's markets when d names none (events from before markets were
// recorded). Approve allows and reject blocks those markets and records d
// as the decision standing there (models.Review.Decided); the other
// markets keep their decisions, so an approval in intl leaves a block in
// cn standing. Reject and label add a reviewer label of d.Category.
// Escalate flags the note; an approval or rejection clears the flag once
// no market is left in review. Undo restores what the machine decided in
// its markets and forgets the decisions standing there; it restores the
// machine's labels too when it covers every market of the note. The
// overall decision and the approved markets follow from the market
// decisions. n is not changed.
func ApplyDecision(n *models.Note, d models.ReviewDecision) *models.Note {
	out := *n
	out.Moderation.Markets = maps.Clone(n.Moderation.Markets)
	if out.Moderation.Markets == nil {
		out.Moderation.Markets = map[string]models.Decision{}
	}
	out.Moderation.Labels = slices.Clone(n.Moderation.Labels)
	prev := n.Moderation.Review
	machine := &models.MachineOutcome{
		Decision: n.Moderation.Decision, Markets: n.Moderation.Markets,
		ApprovedMarkets: n.ApprovedMarkets, Labels: n.Moderation.Labels,
	}
	if prev != nil && prev.Machine != nil {
		machine = prev.Machine
	}
	var markets []string
	for _, m := range d.Markets {
		if _, ok := n.Moderation.Markets[m]; ok && !slices.Contains(markets, m) {
			markets = append(markets, m)
		}
	}
	if len(d.Markets) == 0 {
		markets = slices.Collect(maps.Keys(n.Moderation.Markets))
	}
	slices.Sort(markets)
	decided := standing(&n.Moderation)
	escalated := prev != nil && prev.Escalated
	label := models.Label{Category: d.Category, Score: 1, Source: "reviewer"}
	stands := models.MarketDecision{DecisionID: d.ID, Action: d.Action, Reviewer: d.Reviewer, At: d.At}
	switch d.Action {
	case models.ReviewApprove, models.ReviewReject:
		v := models.DecisionAllow
		if d.Action == models.ReviewReject {
			v = models.DecisionBlock
			if d.Category != "" {
				out.Moderation.Labels = append(out.Moderation.Labels, label)
			}
		}
		for _, m := range markets {
			out.Moderation.Markets[m] = v
			decided[m] = stands
		}
		escalated = escalated && slices.Contains(slices.Collect(maps.Values(out.Moderation.Markets)), models.DecisionReview)
	case models.ReviewEscalate:
		escalated = true
	case models.ReviewLabel:
		if d.Category != "" {
			out.Moderation.Labels = append(out.Moderation.Labels, label)
		}
	case models.ReviewUndo:
		for _, m := range markets {
			if v, ok := machine.Markets[m]; ok {
				out.Moderation.Markets[m] = v
			}
			delete(decided, m)
		}
		if len(markets) == len(out.Moderation.Markets) {
			out.Moderation.Labels = slices.Clone(machine.Labels)
		}
		escalated = false
	}
	decision := models.DecisionAllow
	var approved []string
	for m, v := range out.Moderation.Markets {
		decision = models.MostRestrictive(decision, v)
		if v == models.DecisionAllow {
			approved = append(approved, m)
		}
	}
	if len(out.Moderation.Markets) == 0 {
		decision = n.Moderation.Decision
	}
	if len(decided) == 0 {
		decided = nil
	}
	sort.Strings(approved)
	out.Moderation.Decision = decision
	out.ApprovedMarkets = approved
	out.Moderation.Review = &models.Review{
		DecisionID: d.ID, Action: d.Action, Reviewer: d.Reviewer, At: d.At,
		Category: d.Category, Reason: d.Reason, Markets: markets, Decided: decided,
		Escalated: escalated, Machine: machine,
	}
	out.Revision = n.Revision + 1
	return &out
}

// standing returns a copy of the reviewer decisions standing per market
// of m; for a note decided before they were recorded, the latest
// decision in the markets where m.DecidedIn holds.
func standing(m *models.Moderation) map[string]models.MarketDecision {
	prev := m.Review
	switch {
	case prev == nil:
		return map[string]models.MarketDecision{}
	case prev.Decided != nil:
		return maps.Clone(prev.Decided)
	}
	out := map[string]models.MarketDecision{}
	for market := range m.Markets {
		if m.DecidedIn(market) {
			out[market] = models.MarketDecision{DecisionID: prev.DecisionID, Action: prev.Action, Reviewer: prev.Reviewer, At: prev.At}
		}
	}
	return out
}
