package httpapi

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math"

	"github.com/notegate/notegate/models"
)

// maxCursorBytes bounds a cursor: a note id is at most 256 bytes.
const maxCursorBytes = 1024

// cursor is what the opaque cursor parameter carries: the position of the
// last hit of a page, and which query it belongs to. Clients must not read
// or build it; its form may change.
type cursor struct {
	Score  float64 `json:"s"`
	NoteID string  `json:"id"`
	// Query identifies the query (text and market) the position belongs
	// to: a position means nothing in another query's order.
	Query string `json:"q"`
}

var (
	errBadCursor   = errors.New("cursor is not one this server returned as next_cursor")
	errOtherCursor = errors.New("cursor belongs to another query: q and market must stay as they were")
)

// queryKey names a query in a cursor; 8 bytes of a hash tell queries apart
// well enough for a check that only catches mistakes.
func queryKey(text, market string) string {
	sum := sha256.Sum256([]byte(market + "\x00" + text))
	return hex.EncodeToString(sum[:8])
}

// encodeCursor returns the cursor of the position after which the next
// page starts, or "" when it cannot be encoded.
func encodeCursor(p models.SearchPosition, text, market string) string {
	if math.IsNaN(p.Score) || math.IsInf(p.Score, 0) {
		return ""
	}
	// encoding/json writes the shortest form that parses back to the
	// same float64, so the position round-trips exactly.
	b, err := json.Marshal(cursor{Score: p.Score, NoteID: p.NoteID, Query: queryKey(text, market)})
	if err != nil {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor of the query (text, market).
func decodeCursor(s, text, market string) (*models.SearchPosition, error) {
	if len(s) > maxCursorBytes {
		return nil, errBadCursor
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, errBadCursor
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil || c.NoteID == "" || c.Query == "" {
		return nil, errBadCursor
	}
	if c.Query != queryKey(text, market) {
		return nil, errOtherCursor
	}
	return &models.SearchPosition{Score: c.Score, NoteID: c.NoteID}, nil
}
