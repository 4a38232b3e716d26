//go:build linux

package index_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/index/indextest"
)

// TestEmbeddedOnAFullDisk runs the embedded index on a small tmpfs that a
// filler file keeps full. After a failed persist, scorch keeps a segment it
// has closed in the index's snapshot; the next lookup in it (the writer
// reading a version, or a Get) panicked in zapx and took the process down.
func TestEmbeddedOnAFullDisk(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(t *testing.T, mnt string)
	}{
		{"writes_fail_with_errors_while_full_and_succeed_once_space_is_freed", testWritesResumeAfterDiskFull},
		{"creating_an_index_on_a_full_disk_fails_and_succeeds_once_space_is_freed", testCreateOnFullDisk},
		{"opening_an_index_on_a_read_only_mount_fails_and_succeeds_once_writable", testOpenReadOnly},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, mountTmpfs(t, "8m"))
		})
	}
}

// mountTmpfs mounts a tmpfs of size on a temporary directory. That needs
// root: the test skips without it, except in CI (CI=true), where it fails.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	err := errors.New("not running as root")
	if os.Geteuid() == 0 {
		err = syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size)
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the disk-full tests must mount a tmpfs in CI: %v", err)
		}
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// fillDisk appends to the file at path until the file system is full. It
// is called again before every write so that space the index frees (by
// removing files it no longer needs) is taken back at once.
func fillDisk(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		if errors.Is(err, syscall.ENOSPC) {
			return
		}
		t.Fatalf("open filler: %v", err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill disk: %v", err)
			}
			return
		}
	}
}

// readWhileWriting calls Get and Search until stop is closed: a read that
// panics fails the whole test binary. The function it returns waits for the
// reads to stop and returns how many returned an error.
func readWhileWriting(idx index.Index, id string, stop <-chan struct{}) func() int {
	var wg sync.WaitGroup
	failed := 0
	wg.Go(func() {
		ctx := context.Background()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := idx.Get(ctx, id); err != nil && !errors.Is(err, index.ErrNotFound) {
				failed++
			}
			if _, err := idx.Search(ctx, models.SearchQuery{Text: "hotpot"}); err != nil {
				failed++
			}
		}
	})
	return func() int { wg.Wait(); return failed }
}

func testWritesResumeAfterDiskFull(t *testing.T, mnt string) {
	ctx := context.Background()
	dir := filepath.Join(mnt, "notes")
	// The search index takes notes only when asked (Refresh), so what it
	// must write while the disk is full does not depend on timing.
	cfg := manual(dir)
	health := pipeline.NewHealth(pipeline.HealthConfig{UnreadyAfter: time.Nanosecond})
	cfg.Health = health
	idx := openWith(t, cfg)
	defer func() { _ = idx.Close() }()

	base := indextest.Corpus("base", 200)
	if _, err := idx.Apply(ctx, base); err != nil {
		t.Fatalf("Apply before the disk is full: %v", err)
	}
	// The call the runtime retries while the disk is full: new notes, newer
	// versions of stored ones and a deletion.
	retried := indextest.Corpus("new", 50)
	for i, n := range indextest.Corpus("base", 20) {
		n.Version = base[i].Version + 10
		n.Title = fmt.Sprintf("updated %d", i)
		retried = append(retried, n)
	}
	deleted := base[100].NoteID
	retried = append(retried, indextest.Deletion(deleted, base[100].Version+1))

	filler := filepath.Join(mnt, "filler")
	const attempts = 10
	failures := 0
	start := time.Now()
	applyWhileFull := func(idx index.Index) {
		t.Helper()
		stop := make(chan struct{})
		readFailures := readWhileWriting(idx, base[0].NoteID, stop)
		defer func() {
			close(stop)
			t.Logf("reads that returned an error while the disk was full: %d", readFailures())
		}()
		for range attempts {
			fillDisk(t, filler)
			out, err := idx.Apply(ctx, retried)
			if err == nil {
				t.Fatalf("Apply on a full disk succeeded: %+v", out)
			}
			failures++
		}
	}
	applyWhileFull(idx)
	// The search index cannot take the notes written before the disk
	// filled up: each batch fails, and bleve is reopened, while reads go
	// on.
	fillDisk(t, filler)
	stop := make(chan struct{})
	readFailures := readWhileWriting(idx, base[0].NoteID, stop)
	refreshCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
	err := idx.Refresh(refreshCtx)
	cancel()
	close(stop)
	t.Logf("Refresh on a full disk: %v; reads that returned an error meanwhile: %d", err, readFailures())
	if err == nil {
		t.Fatal("the search index took notes on a full disk")
	}
	// Readiness hears of it, whether or not index writes fail too.
	if !failing(health, pipeline.ConditionSearchIndex) {
		t.Fatalf("the search index failed on a full disk, but readiness does not say so: %+v", problems(health))
	}
	// A restart while the disk is still full.
	if err := idx.Close(); err != nil {
		t.Logf("Close on a full disk: %v", err)
	}
	reopened, err := index.OpenEmbedded(cfg)
	if err != nil {
		t.Fatalf("OpenEmbedded on a full disk: %v", err)
	}
	idx = reopened
	applyWhileFull(idx)
	t.Logf("disk full for %v: %d Apply calls, all failed with an error", time.Since(start), failures)

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if _, err := idx.Apply(ctx, retried); err != nil {
		t.Fatalf("Apply once space is freed: %v", err)
	}
	// A replay of the original versions must not undo the updates.
	if _, err := idx.Apply(ctx, base); err != nil {
		t.Fatalf("replay of the first call: %v", err)
	}
	want := newestNotes(base, retried)
	wantStored(t, idx, want, deleted)
	mustRefresh(t, idx)
	if failing(health, pipeline.ConditionSearchIndex) {
		t.Fatalf("the search index caught up, but readiness still reports it failing: %+v", problems(health))
	}
	idx = reopen(t, idx)
	wantStored(t, idx, want, deleted)
	// Search catches up with the newest versions once there is room.
	mustRefresh(t, idx)
	res, err := idx.Search(ctx, models.SearchQuery{Text: "note", Limit: index.MaxLimit})
	if err != nil || res.Total != len(want) {
		t.Fatalf("Search after the disk had room again: total %d, %v; want %d", res.Total, err, len(want))
	}
	wantFound(t, idx, "updated 7", base[7].NoteID)
}

func problems(h *pipeline.Health) []pipeline.Problem {
	_, p := h.Ready()
	return p
}

func failing(h *pipeline.Health, c pipeline.Condition) bool {
	for _, p := range problems(h) {
		if p.Condition == c {
			return true
		}
	}
	return false
}

// newestNotes returns the newest note of every id in the calls, deletions
// left out.
func newestNotes(calls ...[]*models.Note) map[string]*models.Note {
	newest := map[string]*models.Note{}
	for _, call := range calls {
		for _, n := range call {
			if old, ok := newest[n.NoteID]; !ok || n.Newer(old) {
				newest[n.NoteID] = n
			}
		}
	}
	for id, n := range newest {
		if n.Deleted() {
			delete(newest, id)
		}
	}
	return newest
}

// wantStored fails unless Get returns every note of want at its version
// and deleted is not found.
func wantStored(t *testing.T, idx index.Index, want map[string]*models.Note, deleted string) {
	t.Helper()
	ctx := context.Background()
	for id, n := range want {
		got, err := idx.Get(ctx, id)
		if err != nil {
			t.Fatalf("Get(%s): %v", id, err)
		}
		if got.Version != n.Version || got.Title != n.Title {
			t.Fatalf("Get(%s) = version %d %q, want version %d %q", id, got.Version, got.Title, n.Version, n.Title)
		}
	}
	if _, err := idx.Get(ctx, deleted); !errors.Is(err, index.ErrNotFound) {
		t.Fatalf("Get(%s) of a deleted note = %v, want ErrNotFound", deleted, err)
	}
}

func reopen(t *testing.T, idx *index.Embedded) *index.Embedded {
	t.Helper()
	if err := idx.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	reopened := openWith(t, manual(idx.Dir()))
	t.Cleanup(func() { _ = reopened.Close() })
	return reopened
}

func testCreateOnFullDisk(t *testing.T, mnt string) {
	ctx := context.Background()
	dir := filepath.Join(mnt, "notes")
	filler := filepath.Join(mnt, "filler")
	fillDisk(t, filler)
	if idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: dir}); err == nil {
		_ = idx.Close()
		t.Fatal("OpenEmbedded created an index on a full disk")
	} else {
		t.Logf("OpenEmbedded on a full disk: %v", err)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	idx := openEmbedded(t, dir)
	defer func() { _ = idx.Close() }()
	notes := indextest.Corpus("n", 20)
	if _, err := idx.Apply(ctx, notes); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	wantStored(t, reopen(t, idx), newestNotes(notes), "never-written")
}

func testOpenReadOnly(t *testing.T, mnt string) {
	ctx := context.Background()
	dir := filepath.Join(mnt, "notes")
	idx := openEmbedded(t, dir)
	notes := indextest.Corpus("n", 20)
	if _, err := idx.Apply(ctx, notes); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	// chmod does not stop root; a read-only mount does.
	if err := syscall.Mount("", mnt, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	if ro, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: dir}); err == nil {
		_ = ro.Close()
		t.Fatal("OpenEmbedded opened an index on a read-only mount")
	} else {
		t.Logf("OpenEmbedded on a read-only mount: %v", err)
	}
	if err := syscall.Mount("", mnt, "", syscall.MS_REMOUNT, ""); err != nil {
		t.Fatalf("remount read-write: %v", err)
	}
	idx = openEmbedded(t, dir)
	defer func() { _ = idx.Close() }()
	wantStored(t, idx, newestNotes(notes), "never-written")
}
