package desk

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// AuthorStandings tells an author's standing as the pipeline applies it
// to new notes (rules.AuthorStore): strikes, and a mute or suspension
// per market. Standing must be safe for concurrent use; the caller owns
// the result.
type AuthorStandings interface {
	Standing(authorID string) (models.AuthorStanding, bool)
}

// AuthorPublisher publishes author actions to the author actions topic
// (rules.AuthorActionWriter); it returns once the broker has the
// action. Like decisions, the desk changes an author's standing only
// through events, which every replica's pipeline applies.
type AuthorPublisher interface {
	PublishAuthorAction(ctx context.Context, a models.AuthorAction) error
}

// AuthorActionRequest is the body of POST /api/review/authors/{author}/actions.
type AuthorActionRequest struct {
	Action models.AuthorActionKind `json:"action"`
	// Reason is required for strike, mute and suspend.
	Reason   string          `json:"reason,omitempty"`
	Category models.Category `json:"category,omitempty"`
	// Markets to act in, each one the caller decides (403 otherwise);
	// empty: every market of the caller's.
	Markets []string `json:"markets,omitempty"`
	// NoteID is the note that prompted the action, if any.
	NoteID string `json:"note_id,omitempty"`
}

// maxAuthorIDBytes bounds an author id in a path; it matches the note ids
// of the input contract.
const maxAuthorIDBytes = 256

func (d *Desk) authorsReady(w http.ResponseWriter) bool {
	if d.opts.Authors == nil || d.opts.AuthorActions == nil {
		writeError(w, http.StatusServiceUnavailable, "author actions are not configured on this desk")
		return false
	}
	return true
}

// authorID reads the path's author id, or answers 400.
func authorID(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("author")
	if id == "" || len(id) > maxAuthorIDBytes || !utf8.ValidString(id) {
		writeError(w, http.StatusBadRequest, "author: 1 to "+strconv.Itoa(maxAuthorIDBytes)+" bytes of UTF-8")
		return "", false
	}
	return id, true
}

// maxAuthorActions bounds the actions on an author the panel lists.
const maxAuthorActions = 50

// AuthorView answers GET /api/review/authors/{author}: the author panel.
type AuthorView struct {
	AuthorID string `json:"author_id"`
	// Total counts the author's notes in the index, whatever their
	// decisions; Notes are the most recent of them.
	Total int           `json:"total"`
	Notes []ContextNote `json:"notes"`
	// Markets counts the author's notes per market by decision: the one
	// standing now, the machine's and the reviewer's.
	Markets map[string]models.AuthorCounts `json:"markets"`
	// FirstSeen and LastSeen are when notegate first saw the author's
	// first and latest notes.
	FirstSeen time.Time `json:"first_seen,omitzero"`
	LastSeen  time.Time `json:"last_seen,omitzero"`
	// Queued counts the author's notes waiting for a reviewer in any
	// market; QueuedYours those waiting in the caller's markets, which a
	// bulk decision by author_id decides.
	Queued      int `json:"queued"`
	QueuedYours int `json:"queued_yours"`
	// Standing is the author's standing as new notes are decided now
	// (the zero standing for an author nobody acted on); nil when the
	// desk has no author standings (Options.Authors).
	Standing *models.AuthorStanding `json:"standing"`
	// Actions are the actions on the author, newest first (at most 50);
	// empty when the desk has no author standings.
	Actions []models.AuthorActionEntry `json:"actions"`
}

// author answers GET /api/review/authors/{author}?limit=: the author's
// most recent notes (20 by default, at most 50) with their decisions per
// market, counts of all their notes by decision per market, when notegate
// first saw the first and the latest, how many wait for a reviewer (in
// all and in the caller's markets), the account's standing and the
// actions on it.
func (d *Desk) author(w http.ResponseWriter, r *http.Request) {
	id, ok := authorID(w, r)
	if !ok {
		return
	}
	limit, ok := contextLimit(w, r)
	if !ok {
		return
	}
	v, err := d.authorPanel(r.Context(), principalOf(r.Context()), id, limit)
	if err != nil {
		d.log.Error("author read failed", "author_id", id, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the index is unavailable")
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// authorPanel is what the desk shows of author id to p, with the limit
// most recent notes. An error means the index could not be read.
func (d *Desk) authorPanel(ctx context.Context, p Principal, id string, limit int) (AuthorView, error) {
	h, err := d.notes.Author(ctx, models.AuthorQuery{AuthorID: id, Limit: limit})
	if err != nil {
		return AuthorView{}, err
	}
	out := AuthorView{AuthorID: id, Total: h.Total, Notes: make([]ContextNote, 0, len(h.Recent)),
		Markets: h.Markets, FirstSeen: h.FirstSeen, LastSeen: h.LastSeen, Actions: []models.AuthorActionEntry{}}
	if out.Markets == nil {
		out.Markets = map[string]models.AuthorCounts{}
	}
	for _, n := range h.Recent {
		out.Notes = append(out.Notes, newContextNote(n, maxListText))
	}
	if res, err := d.notes.Queue(ctx, models.QueueQuery{AuthorID: id, Limit: 1}); err == nil {
		out.Queued = res.Total
	}
	if len(p.Markets) > 0 {
		if res, err := d.notes.Queue(ctx, models.QueueQuery{AuthorID: id, Markets: p.Markets, Limit: 1}); err == nil {
			out.QueuedYours = res.Total
		}
	}
	if d.opts.Authors == nil {
		return out, nil
	}
	st, _ := d.opts.Authors.Standing(id)
	st.AuthorID = id
	out.Standing = &st
	actions, err := d.audit.ByAuthor(id, maxAuthorActions)
	if err != nil {
		d.log.Error("audit read failed", "author_id", id, "err", err)
	}
	out.Actions = nonNil(actions)
	return out, nil
}

// intersect returns the elements of a that b holds, in a's order.
func intersect(a, b []string) []string {
	var out []string
	for _, s := range a {
		if slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// authorAction answers POST /api/review/authors/{author}/actions: a reviewer
// (or an admin) strikes, mutes, suspends or lifts an author in their
// markets. The action is published to the author actions topic and the
// desk waits (up to DecisionWait) until this process's pipeline applied
// it: 200 with the standing, or 202 when it is still on its way.
func (d *Desk) authorAction(w http.ResponseWriter, r *http.Request) {
	id, ok := authorID(w, r)
	if !ok || !d.authorsReady(w) {
		return
	}
	p := principalOf(r.Context())
	var req AuthorActionRequest
	if !readJSON(w, r, &req) {
		return
	}
	switch {
	case !req.Action.Valid():
		writeError(w, http.StatusBadRequest, "action must be one of strike, mute, suspend, lift")
		return
	case req.Action != models.AuthorLift && strings.TrimSpace(req.Reason) == "":
		writeError(w, http.StatusBadRequest, string(req.Action)+" needs a reason")
		return
	case len(req.Reason) > 2000 || !utf8.ValidString(req.Reason):
		writeError(w, http.StatusBadRequest, "reason must be valid UTF-8 of at most 2000 bytes")
		return
	case req.Category != "" && !req.Category.Valid():
		writeError(w, http.StatusBadRequest, "unknown category")
		return
	case len(req.NoteID) > 256:
		writeError(w, http.StatusBadRequest, "note_id is at most 256 bytes")
		return
	}
	for _, m := range req.Markets {
		if !slices.Contains(d.opts.Markets, m) {
			writeError(w, http.StatusBadRequest, "unknown market "+strconv.Quote(m))
			return
		}
	}
	if msg := outOfScope(p, req.Markets); msg != "" {
		writeError(w, http.StatusForbidden, msg)
		return
	}
	markets := slices.Sorted(slices.Values(req.Markets))
	markets = slices.Compact(markets)
	if len(markets) == 0 {
		markets = p.Markets
	}
	if len(markets) == 0 {
		writeError(w, http.StatusForbidden, "you decide in no market")
		return
	}
	a := models.AuthorAction{
		ID: randomHex(16), AuthorID: id, Action: req.Action, Markets: markets,
		Reason: strings.TrimSpace(req.Reason), Category: req.Category, NoteID: req.NoteID,
		Actor: p.Name, Role: p.Role, At: d.opts.Clock().UTC(),
	}
	if err := d.opts.AuthorActions.PublishAuthorAction(r.Context(), a); err != nil {
		d.log.Error("publishing an author action failed", "author_id", id, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the author action could not be published; try again")
		return
	}
	d.log.Info("author action published", "author_id", id, "action", a.Action, "markets", markets, "reviewer", p.Name)
	if d.waitAuthorAction(r.Context(), id, a.ID) {
		out := map[string]any{"action": a, "applied": true}
		// The panel as it is now; without it (the index unavailable) the
		// page reads it again.
		if v, err := d.authorPanel(r.Context(), p, id, defaultContextNotes); err == nil {
			out["author"] = v
		} else {
			d.log.Error("author read failed", "author_id", id, "err", err)
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"action": a, "applied": false})
}

// waitAuthorAction polls the audit trail, which the pipeline writes once
// it applied an action, until it holds action id of author.
func (d *Desk) waitAuthorAction(ctx context.Context, author, id string) bool {
	ctx, cancel := context.WithTimeout(ctx, d.cfg.DecisionWait)
	defer cancel()
	t := time.NewTicker(25 * time.Millisecond)
	defer t.Stop()
	for {
		entries, err := d.audit.ByAuthor(author, 50)
		if err == nil && slices.ContainsFunc(entries, func(e models.AuthorActionEntry) bool { return e.Action.ID == id }) {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
		}
	}
}

// appealView tells the caller about the note's appeal: the markets where
// it waits, and those of the caller's where the caller made the decision
// under appeal (someone else must decide it there). Nil without an
// appeal.
func appealView(p Principal, n *models.Note) map[string]any {
	m := &n.Moderation
	if m.Appeal == nil {
		return nil
	}
	var yours []string
	for _, market := range m.AppealMarkets() {
		if m.Appeal.Original[market].Reviewer == p.Name {
			yours = append(yours, market)
		}
	}
	return map[string]any{"waits_in": nonNil(m.AppealMarkets()), "yours_in": nonNil(yours)}
}

// maxAuthorBulk bounds the notes of one author decided by one bulk
// request: one page of the queue.
const maxAuthorBulk = 100

// authorWaiting lists the ids of the author's notes waiting in p's
// markets, oldest first, at most maxAuthorBulk, or answers the error.
func (d *Desk) authorWaiting(w http.ResponseWriter, r *http.Request, p Principal, author string) ([]string, bool) {
	if len(author) > maxAuthorIDBytes {
		writeError(w, http.StatusBadRequest, "author_id is at most 256 bytes")
		return nil, false
	}
	res, err := d.notes.Queue(r.Context(), models.QueueQuery{AuthorID: author, Markets: p.Markets, Limit: maxAuthorBulk, Oldest: true})
	if err != nil {
		d.log.Error("queue failed", "err", err)
		writeError(w, http.StatusServiceUnavailable, "the index is unavailable")
		return nil, false
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.Note.NoteID)
	}
	return ids, true
}

// reportWeight is what users' reports add to a note's priority on the
// page: 5 to 9 for a note they queued (more reporters, up to 100, more),
// which sorts it above every note neither urgent nor escalated, as the
// index does; below the threshold 0.1 per distinct reporter, up to 0.5.
func reportWeight(m *models.Moderation) float64 {
	if m.Reports == nil {
		return 0
	}
	if r := m.Reported(); r > 0 {
		return 5 + float64(min(r, 100))/100*4
	}
	return float64(min(m.Reports.Reporters, 5)) / 10
}
