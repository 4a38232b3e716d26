package index

import (
	"fmt"
	"sort"
	"time"

	"github.com/notegate/notegate/models"
)

// document is what both backends index for one live note: the fields that
// are searched and filtered on, derived from the note. The note itself is
// stored beside it, verbatim, so Get returns exactly what was applied.
type document struct {
	NoteID          string   `json:"note_id"`
	Version         int64    `json:"version"`
	Kind            string   `json:"kind,omitempty"`
	ParentID        string   `json:"parent_id,omitempty"`
	AuthorID        string   `json:"author_id,omitempty"`
	Market          string   `json:"market,omitempty"`
	ApprovedMarkets []string `json:"approved_markets,omitempty"`
	// Approved is true when ApprovedMarkets is not empty: it is what a
	// search without a market filters on.
	Approved   bool          `json:"approved"`
	Language   docLanguage   `json:"language"`
	Moderation docModeration `json:"moderation"`
	CreatedAt  *time.Time    `json:"created_at,omitempty"`
	Title      string        `json:"title,omitempty"`
	Body       string        `json:"body,omitempty"`
	Tags       []string      `json:"tags,omitempty"`
	// Translations holds the title and body of every translation, in the
	// order of their language codes, empty texts left out.
	Translations []string `json:"translations,omitempty"`
	// The review queue's fields; see review.go.
	reviewFields
	// DecisionTerms are what an author's notes are counted by; see
	// context.go.
	DecisionTerms []string `json:"decision_terms,omitempty"`
}

// newDocument projects a note onto its searchable fields.
func newDocument(n *models.Note) document {
	d := document{
		NoteID:          n.NoteID,
		Version:         n.Version,
		Kind:            string(n.Kind),
		ParentID:        n.ParentID,
		AuthorID:        n.AuthorID,
		Market:          n.Market,
		ApprovedMarkets: n.ApprovedMarkets,
		Approved:        len(n.ApprovedMarkets) > 0,
		Language:        docLanguage{Code: n.Language.Code, Script: n.Language.Script},
		Moderation:      docModeration{Decision: string(n.Moderation.Decision)},
		Title:           n.Title,
		Body:            n.Body,
		Tags:            n.Tags,
	}
	if !n.CreatedAt.IsZero() {
		d.CreatedAt = &n.CreatedAt
	}
	d.reviewFields = newReviewFields(n)
	d.DecisionTerms = decisionTerms(&n.Moderation)
	langs := make([]string, 0, len(n.Translations))
	for lang := range n.Translations {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		t := n.Translations[lang]
		for _, s := range [...]string{t.Title, t.Body} {
			if s != "" {
				d.Translations = append(d.Translations, s)
			}
		}
	}
	return d
}

type docLanguage struct {
	Code   string `json:"code,omitempty"`
	Script string `json:"script,omitempty"`
}

type docModeration struct {
	Decision string `json:"decision,omitempty"`
}

// invalidNote says why the i-th note of a batch cannot be indexed by any
// backend, or returns "". Neither backend orders negative versions or
// revisions, which the input contract never produces.
func invalidNote(i int, n *models.Note) string {
	switch {
	case n == nil:
		return fmt.Sprintf("note %d of the batch is nil", i)
	case n.NoteID == "":
		return fmt.Sprintf("note %d of the batch has no note_id", i)
	case n.Version < 0:
		return fmt.Sprintf("note %s has a negative version %d", n.NoteID, n.Version)
	case n.Revision < 0:
		return fmt.Sprintf("note %s has a negative revision %d", n.NoteID, n.Revision)
	}
	return ""
}
