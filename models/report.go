package models

import "time"

// Report is a user's report of a note, the event on the reports topic
// (key = note_id), published by the posting service.
type Report struct {
	NoteID string `json:"note_id"`
	// ReporterID is the reporting user. It counts once per note; notegate
	// stores no reporter id, only a hash of it with the note id.
	ReporterID string `json:"reporter_id"`
	// Reason is the posting service's reason ("spam", "harassment" …).
	Reason string    `json:"reason,omitempty"`
	At     time.Time `json:"at,omitzero"`
}

// Reports is what the reports of a note add up to. It belongs to the
// note's current version: an edit starts without reports.
type Reports struct {
	// Reporters counts distinct reporters, up to the configured maximum
	// (reports.max_reporters), beyond which it stays.
	Reporters int `json:"reporters"`
	// Reasons counts the reporters per reason; a bounded number of
	// reasons is kept, the rest count as "other".
	Reasons map[string]int `json:"reasons,omitempty"`
	FirstAt time.Time      `json:"first_at,omitzero"`
	LastAt  time.Time      `json:"last_at,omitzero"`
	// QueuedAt is when Reporters reached the queue threshold
	// (reports.queue_threshold); zero before.
	QueuedAt time.Time `json:"queued_at,omitzero"`
	// Since maps each market the reports put the note in the review queue
	// in (those not blocked when the threshold was reached) to the
	// reviewer decision that stood there then ("" for none). The note
	// waits in that market until another reviewer decision stands there.
	Since map[string]string `json:"since,omitempty"`
	// Keys are the hashes of the reporters counted (SHA-256 of note id
	// and reporter id, 8 bytes in hex), so that a reporter counts once.
	Keys []string `json:"keys,omitempty"`
}

// waitsIn reports whether the reports keep the note waiting in market
// of m.
func (r *Reports) waitsIn(m *Moderation, market string) bool {
	if r == nil || r.Since == nil {
		return false
	}
	id, ok := r.Since[market]
	return ok && m.StandingDecision(market) == id
}

// Reported is the review queue's sort key after urgency and escalation:
// the distinct reporters of a note that users' reports keep waiting in
// some market (Reports.Since), 0 otherwise. Below the queue threshold,
// reports only raise a note within the desk's page.
func (m *Moderation) Reported() int {
	if m.Reports == nil {
		return 0
	}
	for market := range m.Reports.Since {
		if m.Reports.waitsIn(m, market) {
			return m.Reports.Reporters
		}
	}
	return 0
}
