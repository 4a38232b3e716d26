package moderate

import (
	"math"
	"unicode"
)

// The classifier reads a field's skeleton (see Text): the view in
// which full-width, look-alike, leet, spaced, repeated and Traditional
// spellings are already folded, so a disguise produces the same features
// at training and at run time. Features are hashed into 2^bits buckets:
//
//   - character n-grams, n = 1…4, over the skeleton with a space before
//     and after it (Han and Latin alike; spaces stand for word edges);
//   - word unigrams and bigrams of the Latin, digit and other-script
//     words (Han runs have no word boundaries and are left to the
//     n-grams).
//
// Every occurrence counts 1 and the field's vector is scaled by
// 1/sqrt(occurrences), so long and short fields score on one scale.

// ClassifierFeature is one hashed feature occurrence: its bucket and the runes
// [Start, End) of the skeleton it was read from.
type ClassifierFeature struct {
	Bucket     uint32
	Start, End int32
}

const (
	featMaxN = 4 // longest character n-gram

	// Namespaces keep n-grams, words and bigrams of equal text apart.
	nsChar   = 0x9E3779B97F4A7C15
	nsWord   = 0xC2B2AE3D27D4EB4F
	nsBigram = 0x165667B19E3779F9

	hashMul = 0x100000001B3
)

// mix64 is the finalizer of SplitMix64: every input bit reaches every
// output bit, so the low bits used as a bucket are well spread.
func mix64(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 27
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return h
}

func hashStep(h uint64, r rune) uint64 { return (h ^ uint64(r)) * hashMul }

// ClassifierFeatures appends the hashed features of t's skeleton to dst, for a
// model of 2^bits buckets (1 ≤ bits ≤ 30), and returns it.
//
// The models learnt the skeleton before n't was joined (View.Joins): they
// read "don't" as "don t", as they were trained (n't before a one-letter
// word, "isn't a", was "isn ta" then, and differs); feature spans are
// indexes of t.Skeleton.Runes all the same.
func ClassifierFeatures(t *Text, bits uint, dst []ClassifierFeature) []ClassifierFeature {
	sk := &t.Skeleton
	if len(sk.Joins) == 0 {
		return classifierFeatures(sk.Runes, bits, dst)
	}
	runes := make([]rune, 0, len(sk.Runes)+len(sk.Joins))
	prev := 0
	for _, p := range sk.Joins {
		runes = append(append(runes, sk.Runes[prev:p]...), ' ')
		prev = int(p)
	}
	runes = append(runes, sk.Runes[prev:]...)
	from := len(dst)
	dst = classifierFeatures(runes, bits, dst)
	// An index e of runes is e less the spaces inserted before it.
	back := func(e int32) int32 {
		n := int32(0)
		for m, p := range sk.Joins {
			if p+int32(m) >= e {
				break
			}
			n++
		}
		return e - n
	}
	for k := from; k < len(dst); k++ {
		dst[k].Start, dst[k].End = back(dst[k].Start), back(dst[k].End)
	}
	return dst
}

func classifierFeatures(runes []rune, bits uint, dst []ClassifierFeature) []ClassifierFeature {
	mask := uint64(1)<<bits - 1
	n := len(runes)
	// Character n-grams over " " + runes + " ": position -1 and n are the
	// virtual edges.
	at := func(i int) rune {
		if i < 0 || i >= n {
			return ' '
		}
		return runes[i]
	}
	for i := -1; i <= n; i++ {
		h := uint64(nsChar)
		for k := 0; k < featMaxN && i+k <= n; k++ {
			r := at(i + k)
			h = hashStep(h, r)
			if k == 0 && r == ' ' {
				continue // a lone space says nothing
			}
			hk := mix64(h + uint64(k))
			s, e := max(i, 0), min(i+k+1, n)
			if s >= e {
				continue
			}
			dst = append(dst, ClassifierFeature{Bucket: uint32(hk & mask), Start: int32(s), End: int32(e)})
		}
	}
	// Words: maximal runs of non-space, non-Han runes.
	var prev uint64
	prevStart, havePrev := 0, false
	for i := 0; i < n; {
		r := runes[i]
		if r == ' ' {
			i++
			continue
		}
		if unicode.Is(unicode.Han, r) {
			havePrev = false // a Han run breaks word bigrams
			i++
			continue
		}
		j := i
		h := uint64(nsWord)
		for j < n && runes[j] != ' ' && !unicode.Is(unicode.Han, runes[j]) {
			h = hashStep(h, runes[j])
			j++
		}
		w := mix64(h)
		dst = append(dst, ClassifierFeature{Bucket: uint32(w & mask), Start: int32(i), End: int32(j)})
		if havePrev {
			b := mix64((prev^nsBigram)*hashMul ^ w)
			dst = append(dst, ClassifierFeature{Bucket: uint32(b & mask), Start: int32(prevStart), End: int32(j)})
		}
		prev, prevStart, havePrev = w, i, true
		i = j
	}
	return dst
}

// featureScale is the value of each occurrence in a field of n of them.
func featureScale(n int) float32 {
	if n == 0 {
		return 0
	}
	return float32(1 / math.Sqrt(float64(n)))
}
