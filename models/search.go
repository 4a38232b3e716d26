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
	// Offset skips that many hits.
	Offset int
}

// SearchHit is one note found by a search.
type SearchHit struct {
	Note  *Note   `json:"note"`
	Score float64 `json:"score"`
}

// SearchResult is one page of hits.
type SearchResult struct {
	Total int         `json:"total"`
	Hits  []SearchHit `json:"hits"`
}
