package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// noteStore is the embedded index's source of truth, one bbolt file: the
// stamp of every note id ever written (tombstones too), the note of every
// live id, and the log of writes the search index has not taken yet. Apply
// and Get read and write it; the search index is fed from its log.
type noteStore struct {
	db *bolt.DB
}

var (
	// bucketStamps maps a note id to its record (see record): small, so
	// the version checks of Apply touch few pages.
	bucketStamps = []byte("stamps")
	// bucketNotes maps a note key (8 bytes, big-endian) to the JSON of a
	// live note, as applied. Keys come from the bucket's sequence, which
	// only grows, so new notes are appended at the end of the B+tree: a
	// write reads (and keeps in memory, mapped) the last pages, not a page
	// anywhere in the file, and the process's resident memory does not
	// grow with the notes it holds.
	bucketNotes = []byte("notes")
	// bucketUnsearched maps a sequence number (8 bytes, big-endian) to the
	// id written with it, for every write the search index may not have
	// taken yet. Keys are contiguous: the writer appends, and removes
	// from the front what the search index has durably taken.
	bucketUnsearched = []byte("unsearched")
)

// storeFile is the note store's file in the index directory.
const storeFile = "notes.db"

// openNoteStore opens or creates the store at path. A second process that
// opens it fails after a few seconds instead of waiting for the lock.
func openNoteStore(path string) (*noteStore, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second, FreelistType: bolt.FreelistMapType})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("the folder is in use by another process (%w)", err)
	}
	if err != nil {
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketStamps, bucketNotes, bucketUnsearched} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return &noteStore{db: db}, nil
}

// createNoteStore creates the store at path and removes what it wrote when
// that fails (a full disk), so the next attempt starts afresh.
func createNoteStore(path string) (*noteStore, error) {
	s, err := openNoteStore(path)
	if err != nil {
		_ = os.Remove(path)
		return nil, err
	}
	return s, nil
}

func seqKey(seq uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	return k[:]
}

// unsearchedRange returns the first and last sequence numbers in the log,
// or 0, 0 when it is empty.
func (s *noteStore) unsearchedRange() (first, last uint64, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketUnsearched).Cursor()
		if k, _ := c.First(); k != nil {
			first = binary.BigEndian.Uint64(k)
		}
		if k, _ := c.Last(); k != nil {
			last = binary.BigEndian.Uint64(k)
		}
		return nil
	})
	return first, last, err
}

// unsearched returns the ids logged after seq up to and including upTo, in
// order, at most limit of them, and their sequence numbers.
func (s *noteStore) unsearched(after, upTo uint64, limit int) (ids []string, seqs []uint64, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketUnsearched).Cursor()
		for k, v := c.Seek(seqKey(after + 1)); k != nil && len(ids) < limit; k, v = c.Next() {
			seq := binary.BigEndian.Uint64(k)
			if seq > upTo {
				break
			}
			ids = append(ids, string(v))
			seqs = append(seqs, seq)
		}
		return nil
	})
	return ids, seqs, err
}

// pruneUnsearched removes the log entries up to and including seq; tx is
// a write transaction.
func pruneUnsearched(tx *bolt.Tx, seq uint64) error {
	c := tx.Bucket(bucketUnsearched).Cursor()
	for k, _ := c.First(); k != nil && binary.BigEndian.Uint64(k) <= seq; k, _ = c.First() {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// relogEverything replaces the log with one entry per live note, numbered
// from 1, and returns how many: a new search index takes them all. It is
// idempotent, so a crash before the search index is made only repeats it.
func (s *noteStore) relogEverything() (uint64, error) {
	var n uint64
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketUnsearched); err != nil {
			return err
		}
		log, err := tx.CreateBucket(bucketUnsearched)
		if err != nil {
			return err
		}
		log.FillPercent = 1 // appended in order
		return tx.Bucket(bucketStamps).ForEach(func(id, rec []byte) error {
			key, st, err := decodeRecord(rec)
			if err != nil {
				return fmt.Errorf("record of %s: %w", id, err)
			}
			if key == 0 || st.deleted {
				return nil
			}
			n++
			return log.Put(seqKey(n), id)
		})
	})
	if err != nil {
		return 0, fmt.Errorf("log every note for a new search index: %w", err)
	}
	return n, nil
}

// lastKey returns the last note key handed out: sequence numbers of new
// writes must be above it.
func (s *noteStore) lastKey() (uint64, error) {
	var last uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		last = tx.Bucket(bucketNotes).Sequence()
		return nil
	})
	return last, err
}

// record is what bucketStamps holds for a note id: the key of its note in
// bucketNotes (8 bytes, big-endian; zero for a tombstone), then its stamp.
func record(noteKey uint64, st stamp) []byte {
	return append(seqKey(noteKey), st.encode()...)
}

func decodeRecord(rec []byte) (uint64, stamp, error) {
	if len(rec) < 8 {
		return 0, stamp{}, fmt.Errorf("corrupt version record %q", rec)
	}
	st, err := decodeStamp(rec[8:])
	return binary.BigEndian.Uint64(rec[:8]), st, err
}

// stored is what the store holds for one id.
type stored struct {
	stamp   stamp
	known   bool
	noteKey uint64
	note    []byte // the note JSON of a live id; nil for a tombstone
}

// read returns what tx holds for id; note is only read when withNote. The
// returned bytes are valid for the life of tx.
func read(tx *bolt.Tx, id string, withNote bool) (stored, error) {
	rec := tx.Bucket(bucketStamps).Get([]byte(id))
	if rec == nil {
		return stored{}, nil
	}
	key, st, err := decodeRecord(rec)
	if err != nil {
		return stored{}, fmt.Errorf("read version of %s: %w", id, err)
	}
	out := stored{stamp: st, known: true, noteKey: key}
	if withNote && !st.deleted {
		out.note = tx.Bucket(bucketNotes).Get(seqKey(key))
		if out.note == nil {
			return stored{}, fmt.Errorf("read note %s: its version is stored but not the note", id)
		}
	}
	return out, nil
}

// write stores st for id, with the note JSON unless st is a tombstone,
// under the note key seq, and logs the write under seq for the search
// index; old is what tx held for id. tx is a write transaction.
func write(tx *bolt.Tx, id string, old stored, st stamp, note []byte, seq uint64) error {
	key := []byte(id)
	notes := tx.Bucket(bucketNotes)
	notes.FillPercent = 1 // appended in order: full pages
	if old.noteKey != 0 {
		if err := notes.Delete(seqKey(old.noteKey)); err != nil {
			return err
		}
	}
	var noteKey uint64
	if !st.deleted {
		noteKey = seq
		if err := notes.Put(seqKey(seq), note); err != nil {
			return err
		}
	}
	if err := notes.SetSequence(max(notes.Sequence(), seq)); err != nil {
		return err
	}
	if err := tx.Bucket(bucketStamps).Put(key, record(noteKey, st)); err != nil {
		return err
	}
	log := tx.Bucket(bucketUnsearched)
	log.FillPercent = 1 // appended in order: full pages
	return log.Put(seqKey(seq), key)
}

func (s *noteStore) close() error { return s.db.Close() }
