package rules

import (
	"maps"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// TranslationGaps names the translations a note lacks under its current
// moderation (the translate stage's Lacking): a reviewer who approves a
// note in a market it was blocked in opens it to readers of a language
// nobody translated it into.
type TranslationGaps interface {
	// Lacking returns the targets ("en", "zh-Hant") that n needs as it is
	// now decided and has no translation into. It must not change n and
	// must be safe for concurrent use.
	Lacking(n *models.Note) []string
}

// ReasonAskedAfterDecision is the Error of a translation the decisions
// consumer marked pending.
const ReasonAskedAfterDecision = "not translated while blocked; asked for after a reviewer's decision"

// TranslateAfterDecisions makes the consumer ask for the translations that
// a decision leaves a note lacking: they are marked pending on the decided
// note, in the same index write, and followUps (pending.FollowUps of the
// translate stage, on its retry topic) gives the messages published with
// the routed note, in the same write, so that the translation retrier
// translates them and re-publishes the note to feeds. The follow-ups cover every pending
// target of the stored note, so a replayed decision asks again; the
// retrier ignores what is no longer pending. Call before Run.
func (c *DecisionConsumer) TranslateAfterDecisions(gaps TranslationGaps, followUps pipeline.FollowUps) {
	c.gaps, c.followUps = gaps, followUps
}

// markLacking marks as pending, on n (a decided note that the caller
// owns, whose Translations map it may share with the stored note), the
// translations it lacks.
func (c *DecisionConsumer) markLacking(n *models.Note) {
	if c.gaps == nil {
		return
	}
	lacking := c.gaps.Lacking(n)
	if len(lacking) == 0 {
		return
	}
	tr := maps.Clone(n.Translations)
	if tr == nil {
		tr = make(map[string]models.Translation, len(lacking))
	}
	for _, t := range lacking {
		tr[t] = models.Translation{Status: models.TranslationPending, Error: ReasonAskedAfterDecision}
	}
	n.Translations = tr
}

// translationFollowUps are the retry messages for the stored note's
// pending translations, or none.
func (c *DecisionConsumer) translationFollowUps(stored *models.Note) []kafka.Message {
	if c.followUps == nil || stored == nil {
		return nil
	}
	return c.followUps(&pipeline.Envelope{Note: stored})
}
