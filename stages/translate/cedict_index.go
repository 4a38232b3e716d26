package translate

import (
	"hash/maphash"
	"strings"
)

// cedictIndex finds the records of one kind in the dictionary's table
// without a map of strings: an open-addressing hash table (linear probing,
// at most 3/4 full) of the records' key offsets in the table, each with its
// key's hash so that a probe reads the table only when the hashes agree:
// 8 bytes a slot, where a Go map[string]string spent ~50 bytes a record on
// string headers and buckets.
// A record is the table's bytes key TAB value, up to a newline or the end.
// It is built once and read concurrently without locks.
type cedictIndex struct {
	slots []uint64 // hash<<32 | 1 + offset of a record's key in the table; 0: empty
	n     int      // distinct keys
}

// newCedictIndex makes an index for up to records records.
func newCedictIndex(records int) cedictIndex {
	size := 1
	for size*3 < records*4+4 {
		size *= 2
	}
	return cedictIndex{slots: make([]uint64, size)}
}

// put indexes the record whose key starts at off in table; a later record
// with the same key replaces the earlier, as assignments to a map do. The
// index must have room (newCedictIndex's count).
func (x *cedictIndex) put(table string, off int, key string) {
	mask := uint32(len(x.slots) - 1)
	h := cedictFold(maphash.String(cedictSeed, key))
	slot := uint64(h)<<32 | uint64(off+1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			x.slots[i] = slot
			x.n++
			return
		}
		if uint32(s>>32) == h && cedictKeyAt(table, int(uint32(s)-1), key) {
			x.slots[i] = slot
			return
		}
	}
}

// get returns the value of key and whether the table has it.
func (x *cedictIndex) get(table, key string) (string, bool) {
	return cedictFind(x, table, key, cedictFold(maphash.String(cedictSeed, key)))
}

// getBytes is get for a key in a buffer; it does not allocate.
func (x *cedictIndex) getBytes(table string, key []byte) (string, bool) {
	return cedictFind(x, table, key, cedictFold(maphash.Bytes(cedictSeed, key)))
}

func cedictFind[K string | []byte](x *cedictIndex, table string, key K, h uint32) (string, bool) {
	mask := uint32(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return "", false
		}
		if off := int(uint32(s) - 1); uint32(s>>32) == h && cedictKeyAt(table, off, key) {
			v := table[off+len(key)+1:]
			if j := strings.IndexByte(v, '\n'); j >= 0 {
				return v[:j], true
			}
			return v, true
		}
	}
}

// cedictKeyAt reports whether the record at off in table has key.
func cedictKeyAt[K string | []byte](table string, off int, key K) bool {
	end := off + len(key)
	if end >= len(table) || table[end] != '\t' {
		return false
	}
	for i := 0; i < len(key); i++ {
		if table[off+i] != key[i] {
			return false
		}
	}
	return true
}

// cedictSeed seeds the index's hash: the index lives in one process.
var cedictSeed = maphash.MakeSeed()

// cedictFold folds a hash to 32 bits.
func cedictFold(h uint64) uint32 { return uint32(h ^ h>>32) }
