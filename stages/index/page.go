package index

import "github.com/notegate/notegate/models"

const (
	// DefaultLimit is the page size of a search that asks for none.
	DefaultLimit = 20
	// MaxLimit caps the page size of a search.
	MaxLimit = 100
)

// page returns the size and offset a search actually uses: the default size
// for zero or negative limits, at most MaxLimit, and no negative offset.
func page(q models.SearchQuery) (limit, offset int) {
	limit, offset = q.Limit, q.Offset
	if limit <= 0 {
		limit = DefaultLimit
	}
	if limit > MaxLimit {
		limit = MaxLimit
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// trackTotalHits returns how many hits a search counts exactly: q's
// TrackTotalHits, models.DefaultTrackTotalHits for zero, and -1 (every
// hit) for any negative value.
func trackTotalHits(q models.SearchQuery) int {
	switch {
	case q.TrackTotalHits == 0:
		return models.DefaultTrackTotalHits
	case q.TrackTotalHits < 0:
		return -1
	}
	return q.TrackTotalHits
}
