package desk

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalizeForDup folds what spammers vary between copies of one
// campaign: case, full-width forms (NFKC), spaces, punctuation and digits.
func normalizeForDup(s string) []rune {
	s = norm.NFKC.String(strings.ToLower(s))
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if unicode.IsLetter(r) {
			out = append(out, r)
		}
	}
	return out
}

// simHash is a 64-bit SimHash over rune 3-shingles of the normalized
// text: near-duplicates differ in few bits.
func simHash(text string) uint64 {
	rs := normalizeForDup(text)
	var weights [64]int
	n := 0
	for i := 0; i+3 <= len(rs) || (i == 0 && len(rs) > 0); i++ {
		end := min(i+3, len(rs))
		h := fnv.New64a()
		_, _ = h.Write([]byte(string(rs[i:end])))
		v := h.Sum64()
		for b := range 64 {
			if v&(1<<b) != 0 {
				weights[b]++
			} else {
				weights[b]--
			}
		}
		n++
		if end == len(rs) {
			break
		}
	}
	if n == 0 {
		return 0
	}
	var out uint64
	for b, w := range weights {
		if w > 0 {
			out |= 1 << b
		}
	}
	return out
}

// nearDuplicate reports whether two SimHashes are within maxDupBits bits.
func nearDuplicate(a, b uint64) bool { return bits.OnesCount64(a^b) <= maxDupBits }

// maxDupBits is the Hamming distance under which notes are near-duplicates.
const maxDupBits = 6
