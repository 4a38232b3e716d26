package ngrams

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

var le = binary.LittleEndian

// File is an opened tables file. Its tables read the bytes given to Open
// in place; the caller must not change them.
type File struct {
	Header Header
	tables map[string]*Table
}

// Table is one script group's n-gram table. It is safe for concurrent use.
type Table struct {
	// Languages are the ISO 639-1 codes that posting languages index.
	Languages []string
	shift     uint
	keys      []byte
	buckets   []byte
	counts    []byte
	postings  []byte
}

// Open checks data's magic, format version and header against its size,
// and returns its tables. It reads only the header: a file whose tables
// are corrupt inside (unsorted keys, buckets out of range) answers lookups
// wrongly or panics on an index out of range; the generator's tests are
// what guard the committed file.
func Open(data []byte) (*File, error) {
	if len(data) < len(magic)+4 || !bytes.Equal(data[:len(magic)], magic[:]) {
		return nil, errors.New("ngrams: not an n-gram tables file")
	}
	n := int(le.Uint32(data[len(magic):]))
	start := len(magic) + 4
	if n > len(data)-start {
		return nil, fmt.Errorf("ngrams: header of %d bytes in a file of %d", n, len(data))
	}
	f := &File{tables: map[string]*Table{}}
	if err := json.Unmarshal(data[start:start+n], &f.Header); err != nil {
		return nil, fmt.Errorf("ngrams: header: %w", err)
	}
	if f.Header.Format != FormatVersion || f.Header.Hash != hashName {
		return nil, fmt.Errorf("ngrams: format %d with hash %q, this reader knows format %d with %q", f.Header.Format, f.Header.Hash, FormatVersion, hashName)
	}
	for _, h := range f.Header.Tables {
		if err := h.validate(); err != nil {
			return nil, fmt.Errorf("ngrams: %w", err)
		}
		if h.Offset < start+n || tableSize(h.BucketBits, h.Keys, h.Postings) > len(data)-h.Offset {
			return nil, fmt.Errorf("ngrams: table %s lies outside the file", h.Script)
		}
		if _, dup := f.tables[h.Script]; dup {
			return nil, fmt.Errorf("ngrams: two tables for script %s", h.Script)
		}
		kb, bb, cb, pb := sizes(h.BucketBits, h.Keys, h.Postings)
		t := &Table{Languages: h.Languages, shift: uint(64 - h.BucketBits)}
		off := h.Offset
		next := func(size int) []byte {
			b := data[off : off+size : off+size]
			off += align8(size)
			return b
		}
		t.keys, t.buckets, t.counts, t.postings = next(kb), next(bb), next(cb), next(pb)
		f.tables[h.Script] = t
	}
	return f, nil
}

// Table returns the table of a script group, or nil if the file has none.
func (f *File) Table(script string) *Table { return f.tables[script] }

// Lookup returns the postings [lo, hi) of the n-gram whose Hash is h;
// lo == hi when no language of the table knows it.
func (t *Table) Lookup(h uint64) (lo, hi int) {
	b := bucketSize * int(h>>t.shift) // a shift by 64 (one bucket) gives 0
	bucket := t.buckets[b : b+2*bucketSize]
	first, end := int(le.Uint32(bucket)), int(le.Uint32(bucket[bucketSize:]))
	keys := t.keys[8*first : 8*end]
	for i := 0; i+8 <= len(keys); i += 8 {
		k := le.Uint64(keys[i:])
		if k < h {
			continue
		}
		if k > h {
			break
		}
		// The bucket's first posting, then the postings of its keys
		// before this one.
		p := int(le.Uint32(bucket[4:]))
		for _, c := range t.counts[first : first+i/8] {
			p += int(c)
		}
		return p, p + int(t.counts[first+i/8])
	}
	return 0, 0
}

// Posting returns posting i's language (an index into Languages) and
// log-probability.
func (t *Table) Posting(i int) (lang int, logp float32) {
	p := t.postings[postingSize*i : postingSize*i+postingSize]
	return int(p[0]), math.Float32frombits(le.Uint32(p[1:]))
}
