package pipeline

import "github.com/segmentio/kafka-go"

// Follow-ups are extra messages the Runtime publishes for an event along
// with its routed note, in the same write and so under the same commit: a
// crash between the two cannot lose one of them. The translate stage's
// pending translations (stages/translate/pending) are the follow-up
// notegate uses: a note whose translations are pending flows on to its
// route at once, and a message on the retry topic asks for the
// translations later.

// FollowUps returns the follow-up messages of a processed envelope (Topic
// set, usually keyed by note id), or none. It is called for every
// envelope that is not dead-lettered, from the partition workers, so it
// must be safe for concurrent use; it must not keep env.
type FollowUps func(env *Envelope) []kafka.Message

// SetFollowUps installs f; call it before Run.
func (r *Runtime) SetFollowUps(f FollowUps) { r.routes.followUps = f }
