package ngrams

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
)

// Posting is one language's log-probability of one n-gram.
type Posting struct {
	Key  uint64 // Hash of the n-gram
	LogP float32
	Lang uint8 // index into the table's languages
}

// TableData is what Write turns into one table.
type TableData struct {
	Script    string
	Languages []string
	// Postings in any order; Write sorts them in place. A language may
	// have an n-gram (a key) once.
	Postings []Posting
}

// Write writes the tables with source (Header.Source) to w. The output is
// a function of its input: the same tables give the same bytes.
func Write(w io.Writer, source string, tables []TableData) error {
	hdr := Header{Format: FormatVersion, Hash: hashName, Source: source}
	for _, t := range tables {
		slices.SortFunc(t.Postings, func(a, b Posting) int {
			return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.Lang, b.Lang))
		})
		keys := 0
		for i, p := range t.Postings {
			if int(p.Lang) >= len(t.Languages) {
				return fmt.Errorf("ngrams: table %s: posting of language %d, the table has %d", t.Script, p.Lang, len(t.Languages))
			}
			if i > 0 && p.Key == t.Postings[i-1].Key {
				if p.Lang == t.Postings[i-1].Lang {
					return fmt.Errorf("ngrams: table %s: language %s has key %#x twice (a repeated n-gram or a hash collision)", t.Script, t.Languages[p.Lang], p.Key)
				}
				continue
			}
			keys++
		}
		th := TableHeader{Script: t.Script, Languages: t.Languages, BucketBits: bucketBits(keys), Keys: keys, Postings: len(t.Postings)}
		if err := th.validate(); err != nil {
			return fmt.Errorf("ngrams: %w", err)
		}
		hdr.Tables = append(hdr.Tables, th)
	}
	// Table offsets depend on the header's length, which depends on the
	// offsets' digits: lay out until the length stops changing.
	var js []byte
	for prev := -1; len(js) != prev; {
		prev = len(js)
		off := align8(len(magic) + 4 + prev)
		for i := range hdr.Tables {
			hdr.Tables[i].Offset = off
			th := hdr.Tables[i]
			off += tableSize(th.BucketBits, th.Keys, th.Postings)
		}
		var err error
		if js, err = json.Marshal(hdr); err != nil {
			return fmt.Errorf("ngrams: header: %w", err)
		}
	}
	out := &writer{w: w}
	out.write(magic[:])
	out.write(binary.LittleEndian.AppendUint32(nil, uint32(len(js))))
	out.write(js)
	out.pad()
	for i, t := range tables {
		writeTable(out, hdr.Tables[i], t.Postings)
	}
	return out.err
}

func writeTable(out *writer, th TableHeader, postings []Posting) {
	keys := make([]byte, 0, 8*th.Keys)
	counts := make([]byte, 0, th.Keys)
	firstKey := make([]int, 0, th.Keys) // posting index of each key's first posting
	for i, p := range postings {
		if i == 0 || p.Key != postings[i-1].Key {
			keys = binary.LittleEndian.AppendUint64(keys, p.Key)
			counts = append(counts, 0)
			firstKey = append(firstKey, i)
		}
		counts[len(counts)-1]++
	}
	shift := uint(64 - th.BucketBits)
	buckets := make([]byte, 0, bucketSize*(1<<th.BucketBits+1))
	k := 0
	for b := 0; b <= 1<<th.BucketBits; b++ {
		for k < th.Keys && binary.LittleEndian.Uint64(keys[8*k:])>>shift < uint64(b) {
			k++
		}
		first := len(postings)
		if k < th.Keys {
			first = firstKey[k]
		}
		buckets = binary.LittleEndian.AppendUint32(buckets, uint32(k))
		buckets = binary.LittleEndian.AppendUint32(buckets, uint32(first))
	}
	post := make([]byte, 0, postingSize*len(postings))
	for _, p := range postings {
		post = append(post, p.Lang)
		post = binary.LittleEndian.AppendUint32(post, math.Float32bits(p.LogP))
	}
	for _, section := range [][]byte{keys, buckets, counts, post} {
		out.write(section)
		out.pad()
	}
}

// writer remembers the first error and the bytes written, for padding.
type writer struct {
	w   io.Writer
	n   int
	err error
}

func (w *writer) write(b []byte) {
	if w.err != nil {
		return
	}
	n, err := w.w.Write(b)
	w.n += n
	w.err = err
}

func (w *writer) pad() {
	var zero [8]byte
	w.write(zero[:align8(w.n)-w.n])
}
