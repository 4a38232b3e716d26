package desk

import (
	"net/http"
	"time"

	"github.com/notegate/notegate/internal/httpjson"
	"github.com/notegate/notegate/models"
)

// The context of a note a reviewer reads beside it: for a comment, its
// parent and the thread it belongs to; for any note, the comments on it and
// its author's notes and decisions (the author panel, authors.go). Both
// answers are bounded: at most maxContextNotes notes per list, each note's
// texts cut short.

const (
	// defaultContextNotes and maxContextNotes bound each list of notes.
	defaultContextNotes = 20
	maxContextNotes     = 50
	// maxListText bounds each text of a listed note, maxParentText the
	// parent's, in bytes.
	maxListText   = 300
	maxParentText = 4000
)

// ContextNote is a note as the context lists it: who wrote it, what it
// answers, its texts cut short, and per market its decisions.
type ContextNote struct {
	NoteID   string      `json:"note_id"`
	Kind     models.Kind `json:"kind,omitempty"`
	ParentID string      `json:"parent_id,omitempty"`
	AuthorID string      `json:"author_id,omitempty"`
	Market   string      `json:"market,omitempty"`
	Language string      `json:"language,omitempty"`
	Title    string      `json:"title,omitempty"`
	Body     string      `json:"body,omitempty"`
	// Cut is true when a text was shortened (ending in "…").
	Cut bool `json:"cut,omitempty"`
	// Translations holds the finished translations, cut as the texts are.
	Translations map[string]ContextText `json:"translations,omitempty"`
	// Markets is every market of the note's moderation.
	Markets map[string]MarketState `json:"markets"`
	// Waiting lists the markets where the note waits for a reviewer.
	Waiting []string `json:"waiting,omitempty"`
	// TopCategory is the category of the highest-scoring label.
	TopCategory models.Category `json:"top_category,omitempty"`
	QueuedAt    time.Time       `json:"queued_at,omitzero"`
}

// ContextText is one translation of a listed note.
type ContextText struct {
	Title string `json:"title,omitempty"`
	Body  string `json:"body,omitempty"`
}

// MarketState is a note's decisions in one market: the machine's, the one
// standing now, and the reviewer decision that stands there, if any.
type MarketState struct {
	Machine  models.Decision        `json:"machine"`
	Now      models.Decision        `json:"now"`
	Reviewer *models.MarketDecision `json:"reviewer,omitempty"`
}

// ContextList is a bounded list of notes and how many there are in all.
type ContextList struct {
	Total int           `json:"total"`
	Notes []ContextNote `json:"notes"`
}

func newContextNote(n *models.Note, maxText int) ContextNote {
	c := ContextNote{
		NoteID: n.NoteID, Kind: n.Kind, ParentID: n.ParentID, AuthorID: n.AuthorID, Market: n.Market,
		Language: n.Language.Code, Markets: map[string]MarketState{},
		Waiting: n.Moderation.QueueMarkets(), QueuedAt: n.QueuedAt(),
	}
	cut := func(s string) string {
		if len(s) > maxText {
			c.Cut = true
		}
		return truncate(s, maxText)
	}
	c.Title, c.Body = cut(n.Title), cut(n.Body)
	for lang, t := range n.Translations {
		if t.Status != models.TranslationOK {
			continue
		}
		if c.Translations == nil {
			c.Translations = map[string]ContextText{}
		}
		c.Translations[lang] = ContextText{Title: cut(t.Title), Body: cut(t.Body)}
	}
	m := &n.Moderation
	for market, now := range m.Markets {
		s := MarketState{Machine: m.MachineDecision(market), Now: now}
		if r, ok := m.StandingReview(market); ok {
			s.Reviewer = &r
		}
		c.Markets[market] = s
	}
	var top float64
	for _, l := range m.Labels {
		if c.TopCategory == "" || l.Score > top {
			c.TopCategory, top = l.Category, l.Score
		}
	}
	return c
}

func newContextList(res models.SearchResult) ContextList {
	out := ContextList{Total: res.Total, Notes: make([]ContextNote, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Notes = append(out.Notes, newContextNote(h.Note, maxListText))
	}
	return out
}

// ThreadView answers GET /api/review/notes/{id}/thread.
type ThreadView struct {
	NoteID   string `json:"note_id"`
	ParentID string `json:"parent_id,omitempty"`
	// Parent is the note answered; nil for a note without parent_id, or
	// when the parent is not in the index (ParentMissing: deleted, or not
	// seen yet).
	Parent        *ContextNote `json:"parent"`
	ParentMissing bool         `json:"parent_missing,omitempty"`
	// Siblings are the comments on the parent, this one included; nil
	// without a parent.
	Siblings *ContextList `json:"siblings"`
	// Replies are the comments on this note.
	Replies ContextList `json:"replies"`
}

// contextLimit reads the limit parameter of a context call, or answers 400.
func contextLimit(w http.ResponseWriter, r *http.Request) (int, bool) {
	limit, err := httpjson.IntParam(r.URL.Query().Get("limit"), defaultContextNotes, 1, maxContextNotes)
	if err != nil {
		writeError(w, http.StatusBadRequest, "limit: "+err.Error())
		return 0, false
	}
	return limit, true
}

// thread answers GET /api/review/notes/{id}/thread?limit=: the note's
// parent and the comments on it (the note's siblings, the note included)
// when the note has a parent_id, and the comments on the note itself; each
// list holds the limit most recent (20 by default, at most 50) and counts
// all. Notes in review and blocked are listed too: reviewers read them.
func (d *Desk) thread(w http.ResponseWriter, r *http.Request) {
	limit, ok := contextLimit(w, r)
	if !ok {
		return
	}
	n, ok := d.getNote(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	out := ThreadView{NoteID: n.NoteID, ParentID: n.ParentID}
	unavailable := func(err error) {
		d.log.Error("thread read failed", "note_id", n.NoteID, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the index is unavailable")
	}
	if n.ParentID != "" {
		p, err := d.notes.Get(r.Context(), n.ParentID)
		switch {
		case err == nil:
			c := newContextNote(p, maxParentText)
			out.Parent = &c
		case d.opts.IsNotFound(err):
			out.ParentMissing = true
		default:
			unavailable(err)
			return
		}
		res, err := d.notes.Thread(r.Context(), models.ThreadQuery{ParentID: n.ParentID, Limit: limit})
		if err != nil {
			unavailable(err)
			return
		}
		siblings := newContextList(res)
		out.Siblings = &siblings
	}
	res, err := d.notes.Thread(r.Context(), models.ThreadQuery{ParentID: n.NoteID, Limit: limit})
	if err != nil {
		unavailable(err)
		return
	}
	out.Replies = newContextList(res)
	writeJSON(w, http.StatusOK, out)
}
