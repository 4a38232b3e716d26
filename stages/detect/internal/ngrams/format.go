// Package ngrams is the on-disk form of the detect stage's n-gram tables:
// lingua-go's n-gram log-probabilities, precomputed per script group into
// one file that the stage embeds and reads in place. Opening a file parses
// its small header and nothing else; a lookup reads the few bytes it needs,
// so the tables cost no start-up time and no Go heap, and only the pages
// that lookups touch become resident (the operating system may drop them
// again under memory pressure).
//
// Layout (all integers little-endian):
//
//	magic        8 bytes  "NGRAMS\x00\x01"
//	header size  uint32
//	header       JSON (Header)
//	tables       at the offsets the header gives, each 8-byte aligned:
//	  keys       K × uint64   FNV-1a 64 hash of each distinct n-gram, ascending
//	  buckets    (2^bits + 1) × (uint32 first key, uint32 first posting):
//	             bucket b holds the keys whose top bits are b
//	  counts     K × uint8    postings of each key
//	  postings   P × (uint8 language, float32 log-probability), by key, then
//	             by language index
//
// A key with its postings is about 14 bytes, a posting 5.
package ngrams

import "fmt"

// FormatVersion changes whenever the layout or the hash changes; Open
// refuses other versions.
const FormatVersion = 1

var magic = [8]byte{'N', 'G', 'R', 'A', 'M', 'S', 0, 1}

// MaxLanguages bounds the languages of one table: a posting's language is
// an index the detector tracks in a 64-bit mask.
const MaxLanguages = 64

// Header describes a file.
type Header struct {
	// Format is FormatVersion.
	Format int `json:"format"`
	// Hash names the hash of the keys.
	Hash string `json:"hash"`
	// Source is the module and version the log-probabilities were read
	// from, e.g. "github.com/pemistahl/lingua-go v1.4.0".
	Source string        `json:"source"`
	Tables []TableHeader `json:"tables"`
}

// TableHeader describes one script group's table.
type TableHeader struct {
	// Script is the script group (ScriptLatin …).
	Script string `json:"script"`
	// Languages are ISO 639-1 codes; a posting's language indexes them.
	Languages  []string `json:"languages"`
	BucketBits int      `json:"bucket_bits"`
	Keys       int      `json:"keys"`
	Postings   int      `json:"postings"`
	// Offset is where the table starts in the file.
	Offset int `json:"offset"`
}

// hashName is Header.Hash for this version.
const hashName = "fnv1a64 of the lower-case UTF-8 n-gram"

// The script groups whose languages compete on n-grams.
const (
	ScriptLatin      = "Latin"
	ScriptCyrillic   = "Cyrillic"
	ScriptArabic     = "Arabic"
	ScriptDevanagari = "Devanagari"
)

// FNV-1a 64-bit parameters. Callers that hash n-grams of growing length in
// one pass (the scorer) use them directly; Hash is the same for a string.
const (
	FNVOffset = 14695981039346656037
	FNVPrime  = 1099511628211
)

// Hash is the key of an n-gram.
func Hash(s string) uint64 {
	h := uint64(FNVOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= FNVPrime
	}
	return h
}

const (
	postingSize = 5
	bucketSize  = 8
)

// sizes returns the byte sizes of a table's sections.
func sizes(bits, keys, postings int) (keyBytes, bucketBytes, countBytes, postingBytes int) {
	return 8 * keys, bucketSize * (1<<bits + 1), keys, postingSize * postings
}

func align8(n int) int { return (n + 7) &^ 7 }

// tableSize is the bytes a table takes, sections padded to 8.
func tableSize(bits, keys, postings int) int {
	k, b, c, p := sizes(bits, keys, postings)
	return align8(k) + align8(b) + align8(c) + align8(p)
}

// bucketBits gives a table of n keys 4 to 8 keys per bucket (n ≥ 4): a
// bucket's keys share a cache line or two, and the bucket index stays
// small (8 bytes per 4–8 keys).
func bucketBits(n int) int {
	bits := 0
	for 1<<(bits+3) <= n && bits < 30 {
		bits++
	}
	return bits
}

func (h TableHeader) validate() error {
	if len(h.Languages) == 0 || len(h.Languages) > MaxLanguages {
		return fmt.Errorf("table %s: %d languages, want 1 to %d", h.Script, len(h.Languages), MaxLanguages)
	}
	if h.BucketBits < 0 || h.BucketBits > 30 || h.Keys < 0 || h.Postings < h.Keys || h.Postings > 1<<32-1 || h.Offset < 0 || h.Offset%8 != 0 {
		return fmt.Errorf("table %s: bad shape (bits %d, keys %d, postings %d, offset %d)", h.Script, h.BucketBits, h.Keys, h.Postings, h.Offset)
	}
	return nil
}
