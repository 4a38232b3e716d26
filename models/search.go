package models

// SearchQuery is a full-text query over indexed notes.
type SearchQuery struct {
	// Text is matched against titles, bodies, tags and translations.
	Text string
	// Market, when set, restricts results to notes approved in it; when
	// empty, to notes approved in at least one market.
	Market string
	// Limit is the page size; zero means the index's default.
	Limit int
	// Offset skips that many hits. It is ignored when After is set.
	Offset int
	// After, when set, asks for the hits that come after this position
	// in the order of hits (score descending, then note id ascending):
	// the position of the last hit of the previous page (SearchHit.Position).
	// Unlike Offset, it costs the index no more the deeper the page.
	After *SearchPosition
	// TrackTotalHits is how many hits the index counts exactly. Past it,
	// SearchResult.Total is a lower bound (TotalRelation "gte") and the
	// index may skip hits that cannot enter the page rather than score
	// them. Zero means DefaultTrackTotalHits; negative counts every hit.
	TrackTotalHits int
}

// DefaultTrackTotalHits is how many hits a search counts exactly unless
// told otherwise, as Elasticsearch's track_total_hits does.
const DefaultTrackTotalHits = 10000

// TotalRelation says what SearchResult.Total is.
const (
	// TotalEqual: Total is the number of matching notes.
	TotalEqual = "eq"
	// TotalAtLeast: at least Total notes match; the index stopped counting.
	TotalAtLeast = "gte"
)

// SearchPosition is where a hit stands in the order of a search's hits.
type SearchPosition struct {
	Score  float64
	NoteID string
}

// SearchHit is one note found by a search.
type SearchHit struct {
	Note  *Note   `json:"note"`
	Score float64 `json:"score"`
	// Highlights shows where the query matched, by text: under "original"
	// the note's title, body and tags, under a language code that
	// translation's title and body, in that order, each text that matched
	// once. Each is HTML: the text escaped, the matches wrapped in
	// <mark></mark>, a long text cut around its first match with "…".
	// Texts without a match are left out; empty when nothing matched
	// (a query of exclusions only).
	Highlights map[string][]string `json:"highlights,omitempty"`
}

// Position is where the hit stands in the order of hits: what
// SearchQuery.After takes to ask for the hits after it.
func (h SearchHit) Position() SearchPosition {
	p := SearchPosition{Score: h.Score}
	if h.Note != nil {
		p.NoteID = h.Note.NoteID
	}
	return p
}

// SearchResult is one page of hits.
type SearchResult struct {
	Total int `json:"total"`
	// TotalRelation is TotalEqual or TotalAtLeast (see
	// SearchQuery.TrackTotalHits); empty means TotalEqual.
	TotalRelation string      `json:"total_relation,omitempty"`
	Hits          []SearchHit `json:"hits"`
}
