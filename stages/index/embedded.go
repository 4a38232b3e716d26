package index

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/notegate/notegate/models"
)

// Embedded is an Index kept on local disk with bleve (scorch). It suits a
// single notegate process; several processes must not share one Dir.
//
// The version of every note id, live or deleted, is kept in bleve's internal
// store and written in the same atomic batch as the document, so the version
// rules hold across restarts and tombstones stop late, older upserts.
type Embedded struct {
	cfg EmbeddedConfig

	// writeMu serialises Apply: the stored versions read while building a
	// batch must not change before the batch is written.
	writeMu sync.Mutex
	// closeMu guards idx against Close: every call holds it for reading.
	closeMu sync.RWMutex
	idx     bleve.Index // nil once closed
}

var _ Index = (*Embedded)(nil)

// metaFile is what bleve writes into every index directory.
const metaFile = "index_meta.json"

// OpenEmbedded opens the index in cfg.Dir, creating it when the directory is
// missing or empty.
func OpenEmbedded(cfg EmbeddedConfig) (*Embedded, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	idx, err := openOrCreate(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("index: open embedded index in %s: %w", cfg.Dir, err)
	}
	return &Embedded{cfg: cfg, idx: idx}, nil
}

func openOrCreate(dir string) (bleve.Index, error) {
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		return bleve.Open(dir)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(filepath.Clean(dir)), 0o755); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case len(entries) > 0:
		return nil, fmt.Errorf("directory is not empty and holds no index (%s missing)", metaFile)
	default:
		// bleve creates the directory itself and refuses an existing one.
		if err := os.Remove(dir); err != nil {
			return nil, err
		}
	}
	m, err := newEmbeddedMapping()
	if err != nil {
		return nil, fmt.Errorf("build mapping: %w", err)
	}
	return bleve.New(dir, m)
}

// stamp is the stored version of one note id and whether it is a tombstone.
type stamp struct {
	version int64
	deleted bool
}

const stampPrefix = "v/"

func stampKey(noteID string) []byte { return []byte(stampPrefix + noteID) }

func (s stamp) encode() []byte {
	b := make([]byte, 9)
	binary.BigEndian.PutUint64(b, uint64(s.version))
	if s.deleted {
		b[8] = 1
	}
	return b
}

func decodeStamp(b []byte) (stamp, error) {
	if len(b) != 9 {
		return stamp{}, fmt.Errorf("corrupt version record of %d bytes", len(b))
	}
	return stamp{version: int64(binary.BigEndian.Uint64(b)), deleted: b[8] == 1}, nil
}

// Apply writes notes in batches of cfg.BatchSize, each atomic and persisted
// before the next starts. See Index for the version rules. A note without an
// id is not written and makes Apply return ErrRejected once the others are.
func (e *Embedded) Apply(ctx context.Context, notes []*models.Note) error {
	e.closeMu.RLock()
	defer e.closeMu.RUnlock()
	if e.idx == nil {
		return ErrClosed
	}
	e.writeMu.Lock()
	defer e.writeMu.Unlock()

	var rejected []string
	for start := 0; start < len(notes); start += e.cfg.BatchSize {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("index: apply: %w", err)
		}
		chunk := notes[start:min(start+e.cfg.BatchSize, len(notes))]
		r, err := e.applyBatch(chunk)
		if err != nil {
			return fmt.Errorf("index: apply: %w", err)
		}
		rejected = append(rejected, r...)
	}
	if len(rejected) > 0 {
		return fmt.Errorf("index: apply: %w: %s", ErrRejected, strings.Join(rejected, "; "))
	}
	return nil
}

// applyBatch writes one atomic batch and returns why notes were rejected.
func (e *Embedded) applyBatch(notes []*models.Note) (rejected []string, err error) {
	batch := e.idx.NewBatch()
	pending := make(map[string]stamp, len(notes))
	for i, n := range notes {
		if reason := invalidNote(i, n); reason != "" {
			rejected = append(rejected, reason)
			continue
		}
		cur, known := pending[n.NoteID]
		if !known {
			cur, known, err = e.stamp(n.NoteID)
			if err != nil {
				return nil, err
			}
		}
		if known && n.Version <= cur.version {
			continue // stale or duplicate: the stored note stands
		}
		next := stamp{version: n.Version, deleted: n.Deleted()}
		if next.deleted {
			batch.Delete(n.NoteID)
		} else {
			fields, err := embeddedFields(n)
			if err != nil {
				rejected = append(rejected, fmt.Sprintf("note %s: %v", n.NoteID, err))
				continue
			}
			if err := batch.Index(n.NoteID, fields); err != nil {
				rejected = append(rejected, fmt.Sprintf("note %s: %v", n.NoteID, err))
				continue
			}
		}
		batch.SetInternal(stampKey(n.NoteID), next.encode())
		pending[n.NoteID] = next
	}
	if batch.Size() == 0 {
		return rejected, nil
	}
	if err := e.idx.Batch(batch); err != nil {
		return nil, fmt.Errorf("write batch: %w", err)
	}
	return rejected, nil
}

// stamp reads the stored version of noteID.
func (e *Embedded) stamp(noteID string) (stamp, bool, error) {
	b, err := e.idx.GetInternal(stampKey(noteID))
	if err != nil {
		return stamp{}, false, fmt.Errorf("read version of %s: %w", noteID, err)
	}
	if b == nil {
		return stamp{}, false, nil
	}
	s, err := decodeStamp(b)
	if err != nil {
		return stamp{}, false, fmt.Errorf("read version of %s: %w", noteID, err)
	}
	return s, true, nil
}

// embeddedFields is the bleve document of a note: its searchable fields and
// the note JSON.
func embeddedFields(n *models.Note) (map[string]any, error) {
	raw, err := json.Marshal(n)
	if err != nil {
		return nil, fmt.Errorf("encode note: %w", err)
	}
	d := newDocument(n)
	return map[string]any{
		"note_id":          d.NoteID,
		"version":          float64(d.Version),
		"kind":             d.Kind,
		"author_id":        d.AuthorID,
		"market":           d.Market,
		"approved_markets": d.ApprovedMarkets,
		"approved":         d.Approved,
		"language_code":    d.Language.Code,
		"decision":         d.Moderation.Decision,
		"title":            d.Title,
		allField:           allText(d),
		noteField:          string(raw),
	}, nil
}

// allText joins the texts of d with blank lines, which no CJK bigram or
// English token crosses.
func allText(d document) string {
	parts := make([]string, 0, 2+len(d.Tags)+len(d.Translations))
	parts = append(parts, d.Title, d.Body)
	parts = append(parts, d.Tags...)
	parts = append(parts, d.Translations...)
	return strings.Join(parts, "\n\n")
}

// Get returns the stored note, or ErrNotFound.
func (e *Embedded) Get(ctx context.Context, noteID string) (*models.Note, error) {
	e.closeMu.RLock()
	defer e.closeMu.RUnlock()
	if e.idx == nil {
		return nil, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc, err := e.idx.Document(noteID)
	if err != nil {
		return nil, fmt.Errorf("index: get %s: %w", noteID, err)
	}
	if doc == nil {
		return nil, ErrNotFound
	}
	var raw []byte
	doc.VisitFields(func(f bleveindex.Field) {
		if f.Name() == noteField {
			raw = f.Value()
		}
	})
	if raw == nil {
		return nil, fmt.Errorf("index: get %s: stored note missing", noteID)
	}
	return decodeNote(raw)
}

func decodeNote(raw []byte) (*models.Note, error) {
	n := new(models.Note)
	if err := json.Unmarshal(raw, n); err != nil {
		return nil, fmt.Errorf("index: decode stored note: %w", err)
	}
	return n, nil
}

// Search runs q; see Index.
func (e *Embedded) Search(ctx context.Context, q models.SearchQuery) (models.SearchResult, error) {
	e.closeMu.RLock()
	defer e.closeMu.RUnlock()
	if e.idx == nil {
		return models.SearchResult{}, ErrClosed
	}
	limit, offset := page(q)
	req := bleve.NewSearchRequestOptions(embeddedQuery(q), limit, offset, false)
	req.Fields = []string{noteField}
	req.SortBy([]string{"-_score", "_id"})
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return models.SearchResult{}, fmt.Errorf("index: search: %w", err)
	}
	out := models.SearchResult{Total: int(res.Total), Hits: make([]models.SearchHit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		raw, ok := h.Fields[noteField].(string)
		if !ok {
			return models.SearchResult{}, fmt.Errorf("index: search: hit %s has no stored note", h.ID)
		}
		n, err := decodeNote([]byte(raw))
		if err != nil {
			return models.SearchResult{}, err
		}
		out.Hits = append(out.Hits, models.SearchHit{Note: n, Score: h.Score})
	}
	return out, nil
}

// embeddedQuery requires every term of the text somewhere in the note's
// texts, ranks title matches higher, and keeps notes approved in the market.
func embeddedQuery(q models.SearchQuery) query.Query {
	var filter query.Query
	if q.Market != "" {
		t := bleve.NewTermQuery(q.Market)
		t.SetField("approved_markets")
		filter = t
	} else {
		b := bleve.NewBoolFieldQuery(true)
		b.SetField("approved")
		filter = b
	}
	if strings.TrimSpace(q.Text) == "" {
		return bleve.NewConjunctionQuery(filter)
	}
	match := func(field string) *query.MatchQuery {
		m := bleve.NewMatchQuery(q.Text)
		m.SetField(field)
		m.Analyzer = queryAnalyzer
		return m
	}
	all := match(allField)
	all.SetOperator(query.MatchQueryOperatorAnd)
	title := match("title")
	title.SetBoost(2)
	b := bleve.NewBooleanQuery()
	b.AddMust(all, filter)
	b.AddShould(title)
	return b
}

// Close flushes and closes the index; later calls return ErrClosed.
func (e *Embedded) Close() error {
	e.closeMu.Lock()
	defer e.closeMu.Unlock()
	if e.idx == nil {
		return nil
	}
	err := e.idx.Close()
	e.idx = nil
	if err != nil {
		return fmt.Errorf("index: close: %w", err)
	}
	return nil
}

// Dir returns the directory the index lives in.
func (e *Embedded) Dir() string { return e.cfg.Dir }
