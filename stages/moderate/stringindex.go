package moderate

import (
	"hash/maphash"
	"math/bits"
	"slices"
)

// stringIndex is a read-only map from strings to lists of int32 (pattern
// indexes), for the tables the rules detector builds once and keeps for the
// life of the process: the typo, run-on, pinyin and join indexes. A Go map
// of strings to slices costs some 90 bytes an entry beyond the key (the
// key's and the slice's headers, the list's own allocation, the map's
// slack); here an entry costs two offsets and two or three hash slots, 20
// bytes, with every key in one string and every list in one array.
//
// Lookups hash the key and probe an open-addressing table, as a Go map
// does. A stringIndex is safe for concurrent use; the zero value and nil
// are empty.
type stringIndex struct {
	keys    string   // every key, concatenated
	keyEnd  []uint32 // key i is keys[keyEnd[i-1]:keyEnd[i]] (keyEnd[-1] is 0)
	vals    []int32  // every list, concatenated
	valEnd  []uint32 // list i is vals[valEnd[i-1]:valEnd[i]]
	slots   []int32  // entry+1 by hash, linear probing; 0: free
	seed    maphash.Seed
	slotBit uint64 // len(slots)-1
}

// newStringIndex lays m out as a stringIndex; the lists keep their order.
func newStringIndex(m map[string][]int32) *stringIndex {
	keys := make([]string, 0, len(m))
	nk, nv := 0, 0
	for k, v := range m {
		keys = append(keys, k)
		nk += len(k)
		nv += len(v)
	}
	slices.Sort(keys) // the same layout in every process
	x := &stringIndex{
		keyEnd: make([]uint32, len(keys)),
		valEnd: make([]uint32, len(keys)),
		vals:   make([]int32, 0, nv),
		seed:   maphash.MakeSeed(),
	}
	kb := make([]byte, 0, nk)
	for i, k := range keys {
		kb = append(kb, k...)
		x.vals = append(x.vals, m[k]...)
		x.keyEnd[i], x.valEnd[i] = uint32(len(kb)), uint32(len(x.vals))
	}
	x.keys = string(kb)
	// A load of at most one half keeps probes short.
	size := 1 << bits.Len(uint(2*len(keys)))
	x.slots = make([]int32, size)
	x.slotBit = uint64(size - 1)
	for i, k := range keys {
		h := maphash.String(x.seed, k) & x.slotBit
		for x.slots[h] != 0 {
			h = (h + 1) & x.slotBit
		}
		x.slots[h] = int32(i + 1)
	}
	return x
}

// newStringSet is a stringIndex of keys, with empty lists: has reads it.
func newStringSet(set map[string]bool) *stringIndex {
	m := make(map[string][]int32, len(set))
	for k, in := range set {
		if in {
			m[k] = nil
		}
	}
	return newStringIndex(m)
}

// len returns the number of keys.
func (x *stringIndex) len() int {
	if x == nil {
		return 0
	}
	return len(x.keyEnd)
}

// find returns the entry of key b, or -1.
func (x *stringIndex) find(b []byte) int {
	if x.len() == 0 {
		return -1
	}
	h := maphash.Bytes(x.seed, b) & x.slotBit
	for {
		e := int(x.slots[h]) - 1
		if e < 0 {
			return -1
		}
		lo := uint32(0)
		if e > 0 {
			lo = x.keyEnd[e-1]
		}
		if x.keys[lo:x.keyEnd[e]] == string(b) {
			return e
		}
		h = (h + 1) & x.slotBit
	}
}

// get returns the list of key b (nil if none); the caller must not
// change it.
func (x *stringIndex) get(b []byte) []int32 {
	e := x.find(b)
	if e < 0 {
		return nil
	}
	lo := uint32(0)
	if e > 0 {
		lo = x.valEnd[e-1]
	}
	return x.vals[lo:x.valEnd[e]:x.valEnd[e]]
}

// has reports whether b is a key.
func (x *stringIndex) has(b []byte) bool { return x.find(b) >= 0 }
