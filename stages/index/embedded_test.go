package index_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/index/indextest"
)

// embeddedFactory opens embedded indexes in the test's temporary directory.
type embeddedFactory struct{}

func (embeddedFactory) New(t *testing.T) index.Index {
	t.Helper()
	return openEmbedded(t, filepath.Join(t.TempDir(), "notes"))
}

func (embeddedFactory) Reopen(t *testing.T, old index.Index) index.Index {
	t.Helper()
	dir := old.(*index.Embedded).Dir()
	if err := old.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return openEmbedded(t, dir)
}

func openEmbedded(t testing.TB, dir string) *index.Embedded {
	t.Helper()
	idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: dir})
	if err != nil {
		t.Fatalf("OpenEmbedded: %v", err)
	}
	return idx
}

func TestEmbeddedConformance(t *testing.T) {
	t.Parallel()
	indextest.Run(t, embeddedFactory{})
}

func TestOpenEmbedded(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		prepare func(t *testing.T) string
		wantErr bool
	}{
		{"a_missing_directory_is_created_with_its_parents", func(t *testing.T) string {
			return filepath.Join(t.TempDir(), "a", "b", "notes")
		}, false},
		{"an_empty_directory_is_used", func(t *testing.T) string { return t.TempDir() }, false},
		{"a_directory_with_other_files_is_refused", func(t *testing.T) string {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
			return dir
		}, true},
		{"an_empty_dir_setting_is_refused", func(*testing.T) string { return "" }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: tc.prepare(t)})
			if (err != nil) != tc.wantErr {
				t.Fatalf("OpenEmbedded error = %v, want error %v", err, tc.wantErr)
			}
			if err == nil {
				if err := idx.Close(); err != nil {
					t.Fatal(err)
				}
				if _, err := idx.Get(context.Background(), "x"); !errors.Is(err, index.ErrClosed) {
					t.Fatalf("Get after Close = %v, want ErrClosed", err)
				}
			}
		})
	}
}

func TestOpeningAFolderInUseFailsInsteadOfHanging(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "idx")
	first, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if second, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: dir}); err == nil {
		second.Close()
		t.Fatal("a second open of the same folder succeeded")
	} else if !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("error = %v", err)
	}
}
