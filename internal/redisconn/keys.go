package redisconn

import (
	"crypto/sha256"
	"encoding/hex"
)

// maxKeyID is the longest id KeyID keeps as it is.
const maxKeyID = 64

// KeyID bounds an id (a note's, an author's) that goes into a key or a
// set member: one longer than 64 bytes is replaced by "#" and the hex of
// the first 16 bytes of its SHA-256.
func KeyID(id string) string {
	if len(id) <= maxKeyID {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return "#" + hex.EncodeToString(sum[:16])
}
