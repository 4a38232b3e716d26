package desk

import (
	"context"
	"errors"
	"maps"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/notegate/notegate/internal/httpjson"
	"github.com/notegate/notegate/models"
)

func (d *Desk) logout(w http.ResponseWriter, r *http.Request) {
	if token, _ := credentials(r); token != "" {
		if err := d.auth.logout(r.Context(), token); err != nil {
			// The session stands: keep the cookie so that logging out can
			// be tried again.
			d.unavailable(w, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: d.cfg.SecureCookies, SameSite: http.SameSiteStrictMode, MaxAge: -1})
	writeJSON(w, http.StatusOK, map[string]string{"status": "logged out"})
}

func (d *Desk) me(w http.ResponseWriter, r *http.Request) {
	p := principalOf(r.Context())
	writeJSON(w, http.StatusOK, map[string]any{
		"name": p.Name, "role": p.Role, "markets": nonNil(p.Markets), "all_markets": nonNil(d.opts.Markets),
		"categories": models.Categories, "claim_idle_seconds": d.cfg.Claims.Idle.Seconds(),
		"claim_max_hold_seconds": d.cfg.Claims.MaxHold.Seconds(),
	})
}

// QueueItem is one note of the queue as the page lists it.
type QueueItem struct {
	Note *models.Note `json:"note"`
	// Priority orders the page: urgent notes first (an author at risk,
	// then zero-tolerance content about minors: models.Moderation.Urgency),
	// then escalated, then notes users' reports queued (more reporters
	// first), then severity, author velocity, reports below the queue
	// threshold and age.
	Priority float64 `json:"priority"`
	Severity float64 `json:"severity"`
	// AuthorQueued counts the author's notes in the queue.
	AuthorQueued int `json:"author_queued"`
	// QueuedAt is when notegate first saw the note (models.Note.QueuedAt),
	// and AgeSeconds how long ago that was, by the desk's clock.
	QueuedAt   time.Time `json:"queued_at"`
	AgeSeconds float64   `json:"age_seconds"`
	// Claim is the live claim on the note, whoever holds it.
	Claim *Claim `json:"claim,omitempty"`
}

func (d *Desk) queueQuery(w http.ResponseWriter, r *http.Request) (models.QueueQuery, bool) {
	v := r.URL.Query()
	q := models.QueueQuery{Market: v.Get("market"), Category: models.Category(v.Get("category")), Language: v.Get("language"), Oldest: v.Get("sort") == "age"}
	if q.Market != "" && !slices.Contains(d.opts.Markets, q.Market) {
		writeError(w, http.StatusBadRequest, "unknown market "+strconv.Quote(q.Market))
		return q, false
	}
	if q.Category != "" && !q.Category.Valid() {
		writeError(w, http.StatusBadRequest, "unknown category "+strconv.Quote(string(q.Category)))
		return q, false
	}
	if len(q.Language) > 8 {
		writeError(w, http.StatusBadRequest, "language: an ISO 639-1 code")
		return q, false
	}
	now := d.opts.Clock()
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"min_age", &q.QueuedBefore}, {"max_age", &q.QueuedAfter}} {
		if s := v.Get(p.name); s != "" {
			age, err := time.ParseDuration(s)
			if err != nil || age < 0 {
				writeError(w, http.StatusBadRequest, p.name+": a duration such as 30m or 2h")
				return q, false
			}
			*p.dst = now.Add(-age)
		}
	}
	var err error
	if q.Limit, err = httpjson.IntParam(v.Get("limit"), 50, 1, 100); err != nil {
		writeError(w, http.StatusBadRequest, "limit: "+err.Error())
		return q, false
	}
	if q.Offset, err = httpjson.IntParam(v.Get("offset"), 0, 0, 10000); err != nil {
		writeError(w, http.StatusBadRequest, "offset: "+err.Error())
		return q, false
	}
	return q, true
}

// queue answers GET /api/review/queue?market=&category=&language=&min_age=&max_age=&sort=priority|age&limit=&offset=.
// Without market, it lists the notes waiting in the caller's markets (a
// note decided in intl and still in review in cn is in cn's queue only);
// market names any configured market, for a look at another's queue.
// The index orders by escalation, severity and age; within the page the
// desk adds the author's velocity (notes of the same author waiting), so
// a flooding account rises.
func (d *Desk) queue(w http.ResponseWriter, r *http.Request) {
	q, ok := d.queueQuery(w, r)
	if !ok {
		return
	}
	if p := principalOf(r.Context()); q.Market == "" && !slices.Equal(p.Markets, slices.Sorted(slices.Values(d.opts.Markets))) {
		q.Markets = p.Markets
	}
	res, err := d.notes.Queue(r.Context(), q)
	if err != nil {
		d.log.Error("queue failed", "err", err)
		writeError(w, http.StatusServiceUnavailable, "the index is unavailable")
		return
	}
	items, claimsKnown := d.rank(r.Context(), res.Hits, !q.Oldest)
	out := map[string]any{"total": res.Total, "items": items}
	if !claimsKnown {
		out["claims_unavailable"] = true
	}
	writeJSON(w, http.StatusOK, out)
}

// claimsOf returns the live claims on ids, and false when they cannot be
// read: a page then lists notes without saying who holds them, and any
// claim or decision answers 503 until the shared state is back.
func (d *Desk) claimsOf(ctx context.Context, ids ...string) (map[string]Claim, bool) {
	held, err := d.claims.live(ctx, ids...)
	if err != nil {
		d.log.Warn("claims unreadable", "err", err)
		return nil, false
	}
	return held, true
}

// rank orders hits for the page; false when their claims are unknown.
func (d *Desk) rank(ctx context.Context, hits []models.SearchHit, byPriority bool) ([]QueueItem, bool) {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Note.NoteID
	}
	held, claimsKnown := d.claimsOf(ctx, ids...)
	now := d.opts.Clock()
	authors := map[string]int{}
	items := make([]QueueItem, 0, len(hits))
	for _, h := range hits {
		n := h.Note
		it := QueueItem{Note: n, Severity: n.Moderation.Severity(), QueuedAt: n.QueuedAt(), AgeSeconds: ageSeconds(now, n)}
		if n.AuthorID != "" {
			c, seen := authors[n.AuthorID]
			if !seen {
				res, err := d.notes.Queue(ctx, models.QueueQuery{AuthorID: n.AuthorID, Limit: 1})
				if err == nil {
					c = res.Total
				}
				authors[n.AuthorID] = c
			}
			it.AuthorQueued = c
		}
		velocity := math.Min(float64(max(it.AuthorQueued-1, 0)), 10) / 10 * 0.3
		age := math.Min(it.AgeSeconds/86400, 1) * 0.2
		it.Priority = it.Severity + velocity + age + reportWeight(&n.Moderation)
		if n.Moderation.Review != nil && n.Moderation.Review.Escalated {
			it.Priority += 10
		}
		// Above any escalation: 20 per step of urgency.
		it.Priority += 20 * float64(n.Moderation.Urgency())
		it.Priority = math.Round(it.Priority*1000) / 1000
		if c, ok := held[n.NoteID]; ok {
			it.Claim = &c
		}
		items = append(items, it)
	}
	if byPriority {
		sort.SliceStable(items, func(i, j int) bool { return items[i].Priority > items[j].Priority })
	}
	return items, claimsKnown
}

// ageSeconds is how long ago notegate first saw n, never negative.
func ageSeconds(now time.Time, n *models.Note) float64 {
	return math.Round(max(now.Sub(n.QueuedAt()).Seconds(), 0))
}

// getNote reads a note or answers the error.
func (d *Desk) getNote(w http.ResponseWriter, r *http.Request, id string) (*models.Note, bool) {
	n, err := d.notes.Get(r.Context(), id)
	switch {
	case err != nil && d.opts.IsNotFound(err):
		writeError(w, http.StatusNotFound, "no note "+strconv.Quote(id))
		return nil, false
	case err != nil:
		d.log.Error("get note failed", "note_id", id, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the index is unavailable")
		return nil, false
	}
	return n, true
}

func (d *Desk) note(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	n, ok := d.getNote(w, r, id)
	if !ok {
		return
	}
	history, err := d.audit.ByNote(id, 100)
	if err != nil {
		d.log.Error("audit read failed", "err", err)
	}
	out := map[string]any{"note": n, "history": nonNil(history), "severity": n.Moderation.Severity(),
		"translation_evidence": translationEvidence(n, d.opts.Aligner),
		"queued_at":            n.QueuedAt(), "age_seconds": ageSeconds(d.opts.Clock(), n)}
	if held, ok := d.claimsOf(r.Context(), id); !ok {
		out["claims_unavailable"] = true
	} else if c, ok := held[id]; ok {
		out["claim"] = c
	}
	if v := appealView(principalOf(r.Context()), n); v != nil {
		out["appeal"] = v
	}
	// The author's panel is GET /api/review/authors/{author} (authors.go).
	writeJSON(w, http.StatusOK, out)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// claim answers POST /api/review/notes/{id}/claim: it takes the note for
// the caller, or extends the caller's claim, unless another reviewer holds
// it (409 with that claim). Reading a note never claims it.
func (d *Desk) claim(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, ok := d.getNote(w, r, id); !ok {
		return
	}
	c, err := d.claims.claim(r.Context(), id, principalOf(r.Context()).Name)
	if !d.claimError(w, err) {
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// heartbeat answers POST /api/review/notes/{id}/claim/heartbeat: the page
// sends it while the reviewer is active on a note they hold. It extends
// the caller's live claim by the idle time, never past its hard maximum,
// and never takes one: 409 when the caller holds none (with the claim of
// whoever does).
func (d *Desk) heartbeat(w http.ResponseWriter, r *http.Request) {
	c, err := d.claims.touch(r.Context(), r.PathValue("id"), principalOf(r.Context()).Name)
	if !d.claimError(w, err) {
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// claimError answers a claim error and reports whether there was none.
func (d *Desk) claimError(w http.ResponseWriter, err error) bool {
	var ce *ClaimedError
	switch {
	case err == nil:
		return true
	case errors.As(err, &ce):
		writeJSON(w, http.StatusConflict, map[string]any{"error": err.Error(), "claim": ce.Claim})
	case errors.Is(err, ErrNoClaim), errors.Is(err, ErrDecided):
		writeError(w, http.StatusConflict, err.Error())
	case errors.Is(err, ErrSharedStateUnavailable):
		d.unavailable(w, err)
	default:
		writeError(w, http.StatusServiceUnavailable, err.Error())
	}
	return false
}

// release answers DELETE /api/review/notes/{id}/claim: the caller moves
// on. Releasing a claim the caller does not hold changes nothing.
func (d *Desk) release(w http.ResponseWriter, r *http.Request) {
	if err := d.claims.release(r.Context(), r.PathValue("id"), principalOf(r.Context()).Name); err != nil {
		d.unavailable(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "released"})
}

// DecisionRequest is the body of a decision or a bulk decision.
type DecisionRequest struct {
	Action   models.ReviewAction `json:"action"`
	Category models.Category     `json:"category,omitempty"`
	Reason   string              `json:"reason,omitempty"`
	// Markets to decide, each one the caller may decide (403 otherwise)
	// and the note has; empty: every market of the caller's that the
	// note has.
	Markets []string `json:"markets,omitempty"`
	// NoteVersion is the version the reviewer saw; 0: the stored one.
	NoteVersion int64 `json:"note_version,omitempty"`
	// NoteRevision is the revision the reviewer saw; absent: the stored
	// one. A decision about a revision another decision already changed
	// is refused (409), so of two racing reviewers one wins.
	NoteRevision *int64 `json:"note_revision,omitempty"`
	// NoteIDs and BulkOf are for bulk decisions only.
	NoteIDs []string `json:"note_ids,omitempty"`
	BulkOf  string   `json:"bulk_of,omitempty"`
	// AuthorID, in a bulk decision instead of NoteIDs, decides the
	// author's notes waiting in the caller's markets (the oldest 100; send
	// again for more); without Markets, each in the caller's markets where
	// it waits.
	AuthorID string `json:"author_id,omitempty"`
}

func (d *Desk) validate(req DecisionRequest) string {
	switch {
	case !req.Action.Valid():
		return "action must be one of approve, reject, escalate, label, undo"
	case (req.Action == models.ReviewReject || req.Action == models.ReviewLabel) && !req.Category.Valid():
		return "reject and label need a category of the taxonomy"
	case req.Category != "" && !req.Category.Valid():
		return "unknown category"
	case req.Action == models.ReviewReject && strings.TrimSpace(req.Reason) == "":
		return "reject needs a reason"
	case len(req.Reason) > 2000 || !utf8.ValidString(req.Reason):
		return "reason must be valid UTF-8 of at most 2000 bytes"
	}
	for _, m := range req.Markets {
		if !slices.Contains(d.opts.Markets, m) {
			return "unknown market " + strconv.Quote(m)
		}
	}
	return ""
}

// outOfScope says why p may not decide in markets, or "".
func outOfScope(p Principal, markets []string) string {
	for _, m := range markets {
		if !p.mayDecide(m) {
			if len(p.Markets) == 0 {
				return "you may decide in no market; " + strconv.Quote(m) + " is not yours"
			}
			return "you decide in " + strings.Join(p.Markets, ", ") + " only; " + strconv.Quote(m) + " is outside your markets"
		}
	}
	return ""
}

// decisionMarkets resolves the markets a decision of p on n covers,
// sorted: those asked for, each of which n must have (400 otherwise), or
// else every market of p's that n has; n must have one (403 otherwise).
// p's scope of the asked markets is checked before (outOfScope).
func decisionMarkets(p Principal, n *models.Note, asked []string) ([]string, int, string) {
	var out []string
	for _, m := range asked {
		if _, ok := n.Moderation.Markets[m]; !ok {
			return nil, http.StatusBadRequest, "note " + strconv.Quote(n.NoteID) + " has no decision in market " + strconv.Quote(m)
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	if len(asked) == 0 {
		for _, m := range p.Markets {
			if _, ok := n.Moderation.Markets[m]; ok {
				out = append(out, m)
			}
		}
	}
	if len(out) == 0 {
		return nil, http.StatusForbidden, "none of this note's markets (" + strings.Join(slices.Sorted(maps.Keys(n.Moderation.Markets)), ", ") +
			") is yours to decide; you decide in " + strings.Join(p.Markets, ", ")
	}
	slices.Sort(out)
	return out, 0, ""
}

// newDecision builds the event for note n, or says why it cannot be made.
func (d *Desk) newDecision(p Principal, n *models.Note, req DecisionRequest) (models.ReviewDecision, int, string) {
	if req.NoteVersion != 0 && req.NoteVersion != n.Version {
		return models.ReviewDecision{}, http.StatusConflict, "the note changed since you opened it (now version " + strconv.FormatInt(n.Version, 10) + "); reload it"
	}
	if req.NoteRevision != nil && *req.NoteRevision != n.Revision {
		msg := "the note changed since you opened it (now revision " + strconv.FormatInt(n.Revision, 10)
		if r := n.Moderation.Review; r != nil {
			msg += ", latest decision " + string(r.Action) + " by " + r.Reviewer
		}
		return models.ReviewDecision{}, http.StatusConflict, msg + "); reload it"
	}
	markets, status, msg := decisionMarkets(p, n, req.Markets)
	if msg != "" {
		return models.ReviewDecision{}, status, msg
	}
	if m := n.Moderation.AppealConflict(p.Name, req.Action, markets); m != "" {
		return models.ReviewDecision{}, http.StatusForbidden, "the author appealed your decision in " + m +
			"; another reviewer decides the appeal (untick " + m + " to decide the other markets)"
	}
	dec := models.ReviewDecision{
		ID: randomHex(16), NoteID: n.NoteID, NoteVersion: n.Version, Action: req.Action,
		Markets: markets, Category: req.Category, Reason: strings.TrimSpace(req.Reason),
		Reviewer: p.Name, Role: p.Role, At: d.opts.Clock().UTC(),
		PolicyVersion: n.Moderation.PolicyVersion, Evidence: n.Moderation.Labels, Bulk: req.BulkOf,
	}
	if prev := n.Moderation.Review; prev != nil {
		dec.Supersedes = prev.DecisionID
	}
	if req.Action == models.ReviewUndo && (n.Moderation.Review == nil || n.Moderation.Review.Action == models.ReviewUndo) {
		return models.ReviewDecision{}, http.StatusConflict, "there is no reviewer decision to undo"
	}
	return dec, 0, ""
}

// decide answers POST /api/review/notes/{id}/decisions. In one step it
// takes the claim (the caller's own, or the note's when nobody else holds
// a live one: 409 naming the holder otherwise), publishes the event and
// waits (up to DecisionWait) until the decisions consumer applied it: 200
// with the updated note, or 202 when it is still on its way. A label
// keeps the claim for the reviewer still at work on the note; every other
// decision ends it.
func (d *Desk) decide(w http.ResponseWriter, r *http.Request) {
	p := principalOf(r.Context())
	id := r.PathValue("id")
	var req DecisionRequest
	if !readJSON(w, r, &req) {
		return
	}
	if msg := d.validate(req); msg != "" || len(req.NoteIDs) > 0 {
		writeError(w, http.StatusBadRequest, msg+" (note_ids are for /api/review/bulk)")
		return
	}
	if msg := outOfScope(p, req.Markets); msg != "" {
		writeError(w, http.StatusForbidden, msg)
		return
	}
	n, ok := d.getNote(w, r, id)
	if !ok {
		return
	}
	dec, status, msg := d.newDecision(p, n, req)
	if msg != "" {
		writeError(w, status, msg)
		return
	}
	seen := n.Revision
	if req.NoteRevision != nil {
		seen = *req.NoteRevision
	}
	cl, err := d.claims.take(r.Context(), id, p.Name, seen, req.Action == models.ReviewLabel)
	if errors.Is(err, ErrSharedStateUnavailable) {
		d.undoUnknownTake(id, p.Name, seen)
	}
	if !d.claimError(w, err) {
		return
	}
	if err := d.pub.Publish(r.Context(), dec); err != nil {
		d.restore(cl, seen)
		d.log.Error("publishing a decision failed", "note_id", id, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the decision could not be published; your claim stands, try again")
		return
	}
	d.log.Info("decision published", "note_id", id, "decision", dec.ID, "action", dec.Action, "markets", dec.Markets, "reviewer", p.Name)
	if applied := d.waitApplied(r.Context(), id, dec.ID); applied != nil {
		writeJSON(w, http.StatusOK, map[string]any{"decision": dec, "applied": true, "note": applied})
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"decision": dec, "applied": false})
}

// restore undoes a take whose decision was not published, as far as the
// shared state allows: a failure leaves the decided record (the note waits
// out max_hold for another decision about that revision, unless it
// changes) and the claim as taken.
func (d *Desk) restore(cl Claim, seen int64) {
	// The request's context may be ending; the undo must still go out.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := d.claims.restore(ctx, cl, seen); err != nil {
		d.log.Warn("a claim could not be restored after an unpublished decision", "note_id", cl.NoteID, "reviewer", cl.Owner, "err", err)
	}
}

// undoUnknownTake undoes, if it happened, a take whose answer was lost:
// the decided record of owner about seen goes, the claim stays as it is.
func (d *Desk) undoUnknownTake(noteID, owner string, seen int64) {
	d.restore(Claim{NoteID: noteID, Owner: owner}, seen)
}

// refresher is an index whose queue and searches trail its writes
// (index.Refresher): Refresh returns once what was written is listed.
type refresher interface {
	Refresh(ctx context.Context) error
}

// waitApplied polls the index until the decision shows on the note, then,
// within the same DecisionWait, until the queue shows it too (an index
// whose queue trails its writes), since the page lists the queue again
// right after a decision. A queue that has not caught up by then still
// answers with the applied note: it lists the decision within the index's
// refresh interval.
func (d *Desk) waitApplied(ctx context.Context, noteID, decisionID string) *models.Note {
	ctx, cancel := context.WithTimeout(ctx, d.cfg.DecisionWait)
	defer cancel()
	t := time.NewTicker(25 * time.Millisecond)
	defer t.Stop()
	for {
		if n, err := d.notes.Get(ctx, noteID); err == nil && n.Moderation.Review != nil && n.Moderation.Review.DecisionID == decisionID {
			if r, ok := d.notes.(refresher); ok {
				if err := r.Refresh(ctx); err != nil {
					d.log.Warn("the queue has not caught up with a decision yet", "note_id", noteID, "decision", decisionID, "err", err)
				}
			}
			return n
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// maxBulk bounds the notes of one bulk decision.
const maxBulk = 200

// bulk answers POST /api/review/bulk: one decision event per note, each
// taking the claim as decide does; notes claimed by others are reported
// and left alone.
func (d *Desk) bulk(w http.ResponseWriter, r *http.Request) {
	p := principalOf(r.Context())
	var req DecisionRequest
	if !readJSON(w, r, &req) {
		return
	}
	if msg := d.validate(req); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if req.AuthorID != "" && len(req.NoteIDs) == 0 && req.Action != models.ReviewUndo {
		ids, ok := d.authorWaiting(w, r, p, req.AuthorID)
		if !ok {
			return
		}
		if len(ids) == 0 {
			writeJSON(w, http.StatusOK, map[string]any{"results": []any{}, "decided": 0})
			return
		}
		req.NoteIDs = ids
	} else if req.AuthorID != "" {
		writeError(w, http.StatusBadRequest, "bulk takes note_ids or author_id, not both, and an action other than undo")
		return
	}
	if req.Action == models.ReviewUndo || len(req.NoteIDs) == 0 || len(req.NoteIDs) > maxBulk || req.NoteVersion != 0 {
		writeError(w, http.StatusBadRequest, "bulk needs 1 to 200 note_ids, no note_version, and an action other than undo")
		return
	}
	if msg := outOfScope(p, req.Markets); msg != "" {
		writeError(w, http.StatusForbidden, msg)
		return
	}
	type result struct {
		NoteID     string `json:"note_id"`
		DecisionID string `json:"decision_id,omitempty"`
		Error      string `json:"error,omitempty"`
	}
	results := make([]result, 0, len(req.NoteIDs))
	var decs []models.ReviewDecision
	type takenClaim struct {
		Claim
		seen int64
	}
	var taken []takenClaim
	undo := func() {
		for _, cl := range taken {
			d.restore(cl.Claim, cl.seen)
		}
	}
	for _, id := range req.NoteIDs {
		n, err := d.notes.Get(r.Context(), id)
		if err != nil {
			results = append(results, result{NoteID: id, Error: "not found or unavailable"})
			continue
		}
		nreq := req
		if req.AuthorID != "" && len(req.Markets) == 0 {
			// An author's notes: each only where it waits for a
			// reviewer, never where it is settled.
			nreq.Markets = intersect(n.Moderation.QueueMarkets(), p.Markets)
			if len(nreq.Markets) == 0 {
				results = append(results, result{NoteID: id, Error: "it waits in none of your markets"})
				continue
			}
		}
		dec, _, msg := d.newDecision(p, n, nreq)
		if msg == "" {
			cl, err := d.claims.take(r.Context(), id, p.Name, n.Revision, req.Action == models.ReviewLabel)
			switch {
			case errors.Is(err, ErrSharedStateUnavailable):
				// Nothing of the bulk is published without the claims.
				d.undoUnknownTake(id, p.Name, n.Revision)
				undo()
				d.unavailable(w, err)
				return
			case err != nil:
				msg = err.Error()
			default:
				taken = append(taken, takenClaim{cl, n.Revision})
			}
		}
		if msg != "" {
			results = append(results, result{NoteID: id, Error: msg})
			continue
		}
		decs = append(decs, dec)
		results = append(results, result{NoteID: id, DecisionID: dec.ID})
	}
	if len(decs) > 0 {
		if err := d.pub.Publish(r.Context(), decs...); err != nil {
			undo()
			writeError(w, http.StatusServiceUnavailable, "the decisions could not be published; try again")
			return
		}
		d.log.Info("bulk decision published", "notes", len(decs), "action", req.Action, "reviewer", p.Name, "bulk_of", req.BulkOf)
		d.waitApplied(r.Context(), decs[len(decs)-1].NoteID, decs[len(decs)-1].ID)
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": results, "decided": len(decs)})
}

// maxSimilarScan bounds the queued notes compared with one note.
const maxSimilarScan = 1000

// similar answers GET /api/review/notes/{id}/similar: the queued notes
// whose title and body are near-duplicates of the note's (SimHash over
// normalized text), for bulk decisions on a campaign.
func (d *Desk) similar(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	n, ok := d.getNote(w, r, id)
	if !ok {
		return
	}
	target := simHash(n.Text())
	var out []*models.Note
	for off := 0; off < maxSimilarScan; off += 100 {
		res, err := d.notes.Queue(r.Context(), models.QueueQuery{Oldest: true, Limit: 100, Offset: off})
		if err != nil {
			writeError(w, http.StatusServiceUnavailable, "the index is unavailable")
			return
		}
		for _, h := range res.Hits {
			if h.Note.NoteID != id && nearDuplicate(target, simHash(h.Note.Text())) {
				out = append(out, h.Note)
			}
		}
		if len(res.Hits) < 100 {
			break
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"note_id": id, "similar": nonNil(out)})
}

func (d *Desk) noteAudit(w http.ResponseWriter, r *http.Request) {
	entries, err := d.audit.ByNote(r.PathValue("id"), 1000)
	d.writeAudit(w, entries, err)
}

func (d *Desk) myAudit(w http.ResponseWriter, r *http.Request) {
	limit, _ := httpjson.IntParam(r.URL.Query().Get("limit"), 100, 1, 1000)
	entries, err := d.audit.ByReviewer(principalOf(r.Context()).Name, limit)
	d.writeAudit(w, entries, err)
}

func (d *Desk) reviewerAudit(w http.ResponseWriter, r *http.Request) {
	limit, _ := httpjson.IntParam(r.URL.Query().Get("limit"), 100, 1, 1000)
	entries, err := d.audit.ByReviewer(r.PathValue("name"), limit)
	d.writeAudit(w, entries, err)
}

func (d *Desk) writeAudit(w http.ResponseWriter, entries []models.AuditEntry, err error) {
	if err != nil {
		d.log.Error("audit read failed", "err", err)
		writeError(w, http.StatusServiceUnavailable, "the audit trail is unavailable")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": nonNil(entries)})
}

// stats answers GET /api/review/stats: the last hour's decisions per
// reviewer, the overturn rate and the queue depth per market.
func (d *Desk) stats(w http.ResponseWriter, r *http.Request) {
	entries, err := d.audit.Since(d.opts.Clock().Add(-time.Hour), 100000)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the audit trail is unavailable")
		return
	}
	per := map[string]int{}
	overturns, applied := 0, 0
	for _, e := range entries {
		if e.Outcome != models.AuditApplied {
			continue
		}
		applied++
		per[e.Decision.Reviewer]++
		if e.Overturns != "" {
			overturns++
		}
	}
	rate := 0.0
	if applied > 0 {
		rate = float64(overturns) / float64(applied)
	}
	depth := map[string]int{}
	for _, m := range append([]string{""}, d.opts.Markets...) {
		if res, err := d.notes.Queue(r.Context(), models.QueueQuery{Market: m, Limit: 1}); err == nil {
			key := m
			if key == "" {
				key = "all"
			}
			depth[key] = res.Total
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"decisions_last_hour": per, "overturns_last_hour": overturns, "overturn_rate_last_hour": rate, "queue_depth": depth,
	})
}
