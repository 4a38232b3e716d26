package desk

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/notegate/notegate/models"
)

// Audit is the audit trail in a bbolt file: every decision event with its
// outcome, appended once (a replayed event is recognised by its id and
// changes nothing) and never overwritten, indexed by note and by reviewer;
// and every author action with the standing it left, likewise, indexed by
// author and by reviewer.
//
// The decisions topic is the trail's source: an Audit records what the
// decisions consumer of its process applied. With several replicas each
// records the partitions it consumed; keep the topic's retention unlimited
// so a full trail can be rebuilt by replaying it. Every replica reads the
// whole author actions topic, so each records every author action.
type Audit struct {
	db      *bolt.DB
	metrics *Metrics
	clock   func() time.Time
}

var (
	bucketEntries    = []byte("entries")     // seq → entry JSON
	bucketIDs        = []byte("ids")         // decision id → seq
	bucketByNote     = []byte("by_note")     // note id \x00 seq → nil
	bucketByReviewer = []byte("by_reviewer") // reviewer \x00 seq → nil

	// Author actions have their own sequence and indexes.
	bucketAuthorEntries = []byte("author_entries")   // seq → entry JSON
	bucketAuthorIDs     = []byte("author_ids")       // action id → seq
	bucketByAuthor      = []byte("author_by_author") // author id \x00 seq → nil
	bucketByActor       = []byte("author_by_actor")  // reviewer \x00 seq → nil
)

// OpenAudit opens or creates the audit file. metrics may be nil.
func OpenAudit(path string, metrics *Metrics) (*Audit, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("audit: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketEntries, bucketIDs, bucketByNote, bucketByReviewer, bucketAuthorEntries, bucketAuthorIDs, bucketByAuthor, bucketByActor} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("audit: create buckets: %w", err)
	}
	return &Audit{db: db, metrics: metrics, clock: time.Now}, nil
}

// Close closes the file.
func (a *Audit) Close() error { return a.db.Close() }

func seqKey(seq uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, seq)
}

func indexKey(prefix string, seq uint64) []byte {
	return append(append([]byte(prefix), 0), seqKey(seq)...)
}

// Record appends e unless its decision is already recorded; see
// rules.Auditor.
func (a *Audit) Record(_ context.Context, e models.AuditEntry) error {
	var fresh bool
	err := a.db.Update(func(tx *bolt.Tx) (err error) {
		fresh, err = a.appendOnce(tx, bucketIDs, bucketEntries, e.Decision.ID, func(seq uint64) ([]byte, error) {
			e.Seq = seq
			if e.RecordedAt.IsZero() {
				e.RecordedAt = a.clock().UTC()
			}
			return json.Marshal(e)
		}, auditIndex{bucketByNote, e.Decision.NoteID}, auditIndex{bucketByReviewer, e.Decision.Reviewer})
		return err
	})
	if err != nil {
		return fmt.Errorf("audit: record %s: %w", e.Decision.ID, err)
	}
	if fresh {
		a.metrics.recorded(e)
	}
	return nil
}

// RecordAuthorAction appends e unless its action is already recorded; see
// rules.AuthorAuditor.
func (a *Audit) RecordAuthorAction(_ context.Context, e models.AuthorActionEntry) error {
	err := a.db.Update(func(tx *bolt.Tx) error {
		_, err := a.appendOnce(tx, bucketAuthorIDs, bucketAuthorEntries, e.Action.ID, func(seq uint64) ([]byte, error) {
			e.Seq = seq
			if e.RecordedAt.IsZero() {
				e.RecordedAt = a.clock().UTC()
			}
			return json.Marshal(e)
		}, auditIndex{bucketByAuthor, e.Action.AuthorID}, auditIndex{bucketByActor, e.Action.Actor})
		return err
	})
	if err != nil {
		return fmt.Errorf("audit: record author action %s: %w", e.Action.ID, err)
	}
	return nil
}

// auditIndex is an index bucket and the key an entry is listed under.
type auditIndex struct {
	bucket []byte
	key    string
}

// appendOnce stores, under the next sequence number of entries, the entry
// that encode gives for it, unless id is already in ids; it lists the
// entry in every index and reports whether it stored one. Recording a
// decision or an action twice (a replay) is thus a no-op.
func (a *Audit) appendOnce(tx *bolt.Tx, ids, entries []byte, id string, encode func(seq uint64) ([]byte, error), index ...auditIndex) (bool, error) {
	idb := tx.Bucket(ids)
	if idb.Get([]byte(id)) != nil {
		return false, nil
	}
	eb := tx.Bucket(entries)
	seq, err := eb.NextSequence()
	if err != nil {
		return false, err
	}
	raw, err := encode(seq)
	if err != nil {
		return false, err
	}
	if err := eb.Put(seqKey(seq), raw); err != nil {
		return false, err
	}
	if err := idb.Put([]byte(id), seqKey(seq)); err != nil {
		return false, err
	}
	for _, ix := range index {
		if err := tx.Bucket(ix.bucket).Put(indexKey(ix.key, seq), nil); err != nil {
			return false, err
		}
	}
	return true, nil
}

// ByNote returns the note's entries, oldest first, at most limit.
func (a *Audit) ByNote(noteID string, limit int) ([]models.AuditEntry, error) {
	return scanAs[models.AuditEntry](a, bucketByNote, bucketEntries, noteID, limit, false)
}

// ByReviewer returns the reviewer's entries, newest first, at most limit.
func (a *Audit) ByReviewer(name string, limit int) ([]models.AuditEntry, error) {
	return scanAs[models.AuditEntry](a, bucketByReviewer, bucketEntries, name, limit, true)
}

// ByAuthor returns the actions on an author, newest first, at most limit.
func (a *Audit) ByAuthor(authorID string, limit int) ([]models.AuthorActionEntry, error) {
	return scanAs[models.AuthorActionEntry](a, bucketByAuthor, bucketAuthorEntries, authorID, limit, true)
}

// ByActor returns the author actions a reviewer took, newest first, at
// most limit.
func (a *Audit) ByActor(name string, limit int) ([]models.AuthorActionEntry, error) {
	return scanAs[models.AuthorActionEntry](a, bucketByActor, bucketAuthorEntries, name, limit, true)
}

// Since returns the entries recorded at or after t, newest first, at most
// limit.
func (a *Audit) Since(t time.Time, limit int) ([]models.AuditEntry, error) {
	var out []models.AuditEntry
	err := a.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketEntries).Cursor()
		for k, v := c.Last(); k != nil && len(out) < limit; k, v = c.Prev() {
			var e models.AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			if e.RecordedAt.Before(t) {
				break
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit: read: %w", err)
	}
	return out, nil
}

// scanAs reads, through the index bucket, the entries of prefix from the
// entries bucket.
func scanAs[E any](a *Audit, bucket, entriesBucket []byte, prefix string, limit int, newestFirst bool) ([]E, error) {
	p := append([]byte(prefix), 0)
	var out []E
	err := a.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucket).Cursor()
		entries := tx.Bucket(entriesBucket)
		var k []byte
		next := c.Next
		if newestFirst {
			// Seek past the prefix's last key, then step back.
			end := append(bytes.Clone(p), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
			k, _ = c.Seek(end)
			if k == nil {
				k, _ = c.Last()
			} else {
				k, _ = c.Prev()
			}
			next = c.Prev
		} else {
			k, _ = c.Seek(p)
		}
		for ; k != nil && bytes.HasPrefix(k, p) && len(out) < limit; k, _ = next() {
			raw := entries.Get(k[len(p):])
			if raw == nil {
				continue
			}
			var e E
			if err := json.Unmarshal(raw, &e); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit: read: %w", err)
	}
	return out, nil
}
