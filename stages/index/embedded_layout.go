package index

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	bleveindex "github.com/blevesearch/bleve_index_api"
	bolt "go.etcd.io/bbolt"
)

// The index directory holds notes.db (the note store) and search/ (the
// search index). Releases before the note store kept one bleve index in
// the directory itself (index_meta.json and store/), each document with a
// "stamp" field (the version record) and a "note" field (the note JSON),
// tombstones with the stamp only.

// legacyStampField is where that layout kept a document's version record.
const legacyStampField = "stamp"

// legacyStoreDir is bleve's own folder in an index directory.
const legacyStoreDir = "store"

// convertingSuffix names a note store being filled from an index of the
// old layout; it becomes notes.db once complete.
const convertingSuffix = ".converting"

// openStoreIn opens the note store in dir: an existing one, one converted
// from an index of the old layout, or a new one in a missing or empty
// directory. It refuses a directory that holds other files.
func openStoreIn(dir string, log *slog.Logger) (*noteStore, error) {
	path := filepath.Join(dir, storeFile)
	if _, err := os.Stat(path); err == nil {
		// A conversion may have stopped before removing the old index.
		if err := removeLegacy(dir); err != nil {
			return nil, err
		}
		return openNoteStore(path)
	}
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		if err := convertLegacy(dir, log); err != nil {
			return nil, fmt.Errorf("convert the index of an earlier release: %w", err)
		}
		return openNoteStore(path)
	}
	entries, err := os.ReadDir(dir)
	createdDir := false
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		createdDir = true
	case err != nil:
		return nil, err
	case len(entries) > 0:
		return nil, fmt.Errorf("directory is not empty and holds no index (%s missing)", storeFile)
	}
	s, err := createNoteStore(path)
	if err != nil && createdDir {
		_ = os.Remove(dir)
	}
	return s, err
}

// convertLegacy copies every version record and note of the old index in
// dir into a new note store, then removes the old index. The new search
// index is built from the note store when it opens. A conversion cut
// short starts again; the old index is removed only once notes.db is in
// place.
func convertLegacy(dir string, log *slog.Logger) (err error) {
	tmp := filepath.Join(dir, storeFile+convertingSuffix)
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	old, err := bleve.OpenUsing(dir, runtimeConfig())
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	defer func() {
		if old != nil {
			_ = old.Close()
		}
	}()
	store, err := createNoteStore(tmp)
	if err != nil {
		return err
	}
	copied, err := copyLegacy(old, store)
	if cerr := store.close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := old.Close(); err != nil {
		return err
	}
	old = nil
	if err := os.Rename(tmp, filepath.Join(dir, storeFile)); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	log.Info("index: converted an index of an earlier release; the search index is rebuilt from it", "dir", dir, "ids", copied)
	return removeLegacy(dir)
}

// copyLegacy writes every document of old into store, a thousand per
// transaction, and returns how many. It walks the index's documents once,
// in its own order.
func copyLegacy(old bleve.Index, store *noteStore) (copied int, err error) {
	advanced, err := old.Advanced()
	if err != nil {
		return 0, err
	}
	reader, err := advanced.Reader()
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := reader.Close(); err == nil {
			err = cerr
		}
	}()
	ids, err := reader.DocIDReaderAll()
	if err != nil {
		return 0, err
	}
	defer ids.Close()
	type legacyDoc struct{ id, stamp, note string }
	var noteKey uint64
	flush := func(docs []legacyDoc) error {
		return store.db.Update(func(tx *bolt.Tx) error {
			for _, d := range docs {
				st, err := decodeStamp([]byte(d.stamp))
				if err != nil {
					return fmt.Errorf("document %s: %w", d.id, err)
				}
				var key uint64
				if !st.deleted {
					if d.note == "" {
						return fmt.Errorf("document %s has a version record and no note", d.id)
					}
					noteKey++
					key = noteKey
					if err := tx.Bucket(bucketNotes).Put(seqKey(key), []byte(d.note)); err != nil {
						return err
					}
				}
				if err := tx.Bucket(bucketStamps).Put([]byte(d.id), record(key, st)); err != nil {
					return err
				}
			}
			return tx.Bucket(bucketNotes).SetSequence(noteKey)
		})
	}
	const perTransaction = 1000
	page := make([]legacyDoc, 0, perTransaction)
	for {
		internal, err := ids.Next()
		if err != nil {
			return copied, fmt.Errorf("read the old index: %w", err)
		}
		if internal == nil {
			break
		}
		id, err := reader.ExternalID(internal)
		if err != nil {
			return copied, fmt.Errorf("read the old index: %w", err)
		}
		doc, err := reader.Document(id)
		if err != nil {
			return copied, fmt.Errorf("read document %s of the old index: %w", id, err)
		}
		if doc == nil {
			continue
		}
		d := legacyDoc{id: id}
		doc.VisitFields(func(f bleveindex.Field) {
			switch f.Name() {
			case legacyStampField:
				d.stamp = string(f.Value())
			case noteField:
				d.note = string(f.Value())
			}
		})
		page = append(page, d)
		if len(page) == perTransaction {
			if err := flush(page); err != nil {
				return copied, fmt.Errorf("write the note store: %w", err)
			}
			copied += len(page)
			page = page[:0]
		}
	}
	if err := flush(page); err != nil {
		return copied, fmt.Errorf("write the note store: %w", err)
	}
	return copied + len(page), nil
}

// removeLegacy removes what remains of an index of the old layout in dir.
func removeLegacy(dir string) error {
	for _, name := range []string{metaFile, legacyStoreDir, storeFile + convertingSuffix} {
		path := filepath.Join(dir, name)
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			continue // nothing to remove: no write needed, on a read-only disk neither
		}
		if err := os.RemoveAll(path); err != nil {
			return fmt.Errorf("remove the old index's %s: %w", name, err)
		}
	}
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
