package index_test

import (
	"path/filepath"
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
