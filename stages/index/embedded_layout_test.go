package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/notegate/notegate/models"
)

// writeLegacyIndex writes an index of the layout before the note store in
// dir: one bleve index whose documents hold the note JSON and the version
// record ("stamp"), tombstones the record only.
func writeLegacyIndex(t *testing.T, dir string, docs map[string]map[string]any) {
	t.Helper()
	m, err := newEmbeddedMapping()
	if err != nil {
		t.Fatal(err)
	}
	stampMapping := bleve.NewTextFieldMapping()
	stampMapping.Index, stampMapping.Store, stampMapping.DocValues = false, true, false
	m.DefaultMapping.AddFieldMappingsAt(legacyStampField, stampMapping)
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := idx.NewBatch()
	for id, fields := range docs {
		if err := b.Index(id, fields); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
}

func legacyNote(t *testing.T, id string, version int64, title string) (*models.Note, map[string]any) {
	t.Helper()
	n := &models.Note{NoteEvent: models.NoteEvent{NoteID: id, Version: version, Title: title, Body: title + " body"},
		ApprovedMarkets: []string{"intl"}, Moderation: models.Moderation{Decision: models.DecisionAllow,
			Markets: map[string]models.Decision{"intl": models.DecisionAllow}},
		FirstSeenAt: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)}
	raw, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	fields := searchFields(n, string(raw))
	fields[legacyStampField] = stamp{version: version, everApproved: true, firstSeen: n.FirstSeenAt}.encode()
	return n, fields
}

func TestEmbeddedConvertsAnIndexOfTheLayoutBeforeTheNoteStore(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "notes")
	live, liveDoc := legacyNote(t, "live", 3, "lantern")
	_, packedDoc := legacyNote(t, "packed", 2, "packed")
	packedDoc[legacyStampField] = "2097152" // 2<<20: version 2, revision 0, in the oldest format
	docs := map[string]map[string]any{
		"live":   liveDoc,
		"packed": packedDoc,
		"gone":   {legacyStampField: stamp{version: 5, deleted: true, everApproved: true}.encode()},
	}
	// More than one transaction's worth of documents.
	const bulk = 2100
	for i := range bulk {
		id := fmt.Sprintf("bulk-%04d", i)
		_, docs[id] = legacyNote(t, id, 1, "bulk "+id)
	}
	writeLegacyIndex(t, dir, docs)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	idx, err := OpenEmbedded(EmbeddedConfig{Dir: dir, RefreshInterval: time.Hour, Logger: quiet})
	if err != nil {
		t.Fatalf("OpenEmbedded of the old layout: %v", err)
	}
	defer func() { _ = idx.Close() }()
	ctx := context.Background()
	got, err := idx.Get(ctx, "live")
	if err != nil || got.Title != live.Title || !got.FirstSeenAt.Equal(live.FirstSeenAt) {
		t.Fatalf("Get(live) = %+v, %v", got, err)
	}
	if _, err := idx.Get(ctx, "gone"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(gone) = %v, want ErrNotFound", err)
	}
	// The tombstone and the versions came along: late upserts change nothing.
	out, err := idx.Apply(ctx, []*models.Note{
		{NoteEvent: models.NoteEvent{NoteID: "gone", Version: 4, Title: "zombie"}},
		{NoteEvent: models.NoteEvent{NoteID: "packed", Version: 2, Title: "replay"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Written || !out[0].Stored.Deleted() || !out[0].EverApproved || out[1].Written || out[1].Stored.Title != "packed" {
		t.Fatalf("late upserts after the conversion: %+v %+v", out[0], out[1])
	}
	for _, name := range []string{metaFile, legacyStoreDir, storeFile + convertingSuffix} {
		if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s of the old layout is still there (%v)", name, err)
		}
	}
	// The new search index takes every live note from the note store.
	if err := idx.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := idx.Search(ctx, models.SearchQuery{Text: "body", Market: "intl"})
	if err != nil || res.Total != 2+bulk {
		t.Fatalf("Search after the conversion: total %d, %v; want live, packed and the bulk", res.Total, err)
	}
	for _, i := range []int{0, 999, 1000, bulk - 1} {
		id := fmt.Sprintf("bulk-%04d", i)
		if got, err := idx.Get(ctx, id); err != nil || got.Title != "bulk "+id {
			t.Errorf("Get(%s) = %+v, %v", id, got, err)
		}
	}
}

func TestEmbeddedRebuildsASearchIndexOfOtherAnalyzers(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "notes")
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := EmbeddedConfig{Dir: dir, RefreshInterval: time.Hour, Logger: quiet}
	ctx := context.Background()
	idx, err := OpenEmbedded(cfg)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := legacyNote(t, "hotpot", 1, "台湾火锅")
	if _, err := idx.Apply(ctx, []*models.Note{n}); err != nil {
		t.Fatal(err)
	}
	if err := idx.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	// A release before the folding wrote no version beside its search
	// index; give the index such a marker and reopen.
	if err := os.WriteFile(filepath.Join(dir, searchVersionFile), []byte("1"), 0o644); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	idx, err = OpenEmbedded(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = idx.Close() }()
	if err := idx.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "rebuilding it from the note store") {
		t.Errorf("no rebuild logged: %s", logs.String())
	}
	for _, q := range []string{"台灣火鍋", "台湾火锅"} {
		res, err := idx.Search(ctx, models.SearchQuery{Text: q, Market: "intl"})
		if err != nil || res.Total != 1 {
			t.Errorf("Search(%q) after the rebuild: total %d, %v; want the note", q, res.Total, err)
		}
	}
	if v, err := os.ReadFile(filepath.Join(dir, searchVersionFile)); err != nil || string(v) != searchVersion {
		t.Errorf("search version after the rebuild %q, %v; want %q", v, err, searchVersion)
	}
}
