package index_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/index/indextest"
)

// esFactory opens indexes on the cluster at NOTEGATE_ES_URL, each behind an
// alias of its own that is deleted, with its index and template, when the
// test ends.
type esFactory struct{ base index.ElasticsearchConfig }

func (f esFactory) config(alias string) index.ElasticsearchConfig {
	cfg := f.base
	cfg.Alias = alias
	return cfg
}

func (f esFactory) New(t *testing.T) index.Index {
	t.Helper()
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	alias := "notegate-test-" + hex.EncodeToString(suffix)
	t.Cleanup(func() { f.cleanUp(t, alias) })
	return f.open(t, alias)
}

func (f esFactory) Reopen(t *testing.T, old index.Index) index.Index {
	t.Helper()
	alias := old.(*index.Elasticsearch).Alias()
	if err := old.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return f.open(t, alias)
}

func (f esFactory) open(t *testing.T, alias string) index.Index {
	t.Helper()
	es, err := index.OpenElasticsearch(t.Context(), f.config(alias))
	if err != nil {
		t.Fatalf("OpenElasticsearch: %v", err)
	}
	return es
}

func (f esFactory) cleanUp(t *testing.T, alias string) {
	client, err := elasticsearch.NewClient(elasticsearch.Config{
		Addresses: f.base.URLs, Username: f.base.Username, Password: f.base.Password, APIKey: f.base.APIKey,
	})
	if err != nil {
		t.Errorf("clean up %s: %v", alias, err)
		return
	}
	ctx := context.Background()
	cfg := f.config(alias)
	for _, req := range []interface {
		Do(context.Context, esapi.Transport) (*esapi.Response, error)
	}{
		esapi.IndicesDeleteRequest{Index: []string{cfg.Alias + "-000001"}},
		esapi.IndicesDeleteIndexTemplateRequest{Name: cfg.Alias + "-template"},
	} {
		res, err := req.Do(ctx, client)
		if err != nil {
			t.Errorf("clean up %s: %v", alias, err)
			continue
		}
		_ = res.Body.Close()
	}
}

// TestElasticsearchConformance runs the suite against a real cluster when
// NOTEGATE_ES_URL is set (credentials from NOTEGATE_ES_USERNAME,
// NOTEGATE_ES_PASSWORD or NOTEGATE_ES_API_KEY). Without it the test skips,
// in CI too: Elasticsearch comes from docker-compose, and CI machines have
// no Docker engine and no Debian package of it.
func TestElasticsearchConformance(t *testing.T) {
	t.Parallel()
	url := os.Getenv("NOTEGATE_ES_URL")
	if url == "" {
		t.Skip("NOTEGATE_ES_URL is not set")
	}
	zero := 0
	indextest.Run(t, esFactory{base: index.ElasticsearchConfig{
		URLs:     []string{url},
		Username: os.Getenv("NOTEGATE_ES_USERNAME"),
		Password: os.Getenv("NOTEGATE_ES_PASSWORD"),
		APIKey:   os.Getenv("NOTEGATE_ES_API_KEY"),
		Replicas: &zero,
		Refresh:  "wait_for", // the suite searches right after Apply
	}})
}

// fakeFactory opens indexes on fake clusters (index.FakeElasticsearchURL),
// one per index; Reopen opens a new client on the same fake, which keeps
// its documents.
type fakeFactory struct {
	urls sync.Map // index.Index → the URL of its fake
}

func (f *fakeFactory) New(t *testing.T) index.Index {
	t.Helper()
	return f.open(t, index.FakeElasticsearchURL(t))
}

func (f *fakeFactory) Reopen(t *testing.T, old index.Index) index.Index {
	t.Helper()
	url, ok := f.urls.Load(old)
	if !ok {
		t.Fatal("Reopen of an index this factory did not open")
	}
	if err := old.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return f.open(t, url.(string))
}

func (f *fakeFactory) open(t *testing.T, url string) index.Index {
	t.Helper()
	es, err := index.OpenElasticsearch(t.Context(), index.ElasticsearchConfig{
		URLs:   []string{url},
		Alias:  "nt",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatalf("OpenElasticsearch: %v", err)
	}
	f.urls.Store(index.Index(es), url)
	return es
}

// TestElasticsearchConformanceAgainstFake runs the write cases of the suite
// (indextest.RunWrites) against the fake cluster, which emulates the
// scripted upserts, _mget and get, so the version order, Apply's outcomes
// and huge versions exercise the Elasticsearch code path without a
// cluster, and so do the cursor cases (indextest.RunPaging: search_after
// sent and read back). The fake cannot analyse text, so the search cases
// run only against a real cluster (TestElasticsearchConformance).
func TestElasticsearchConformanceAgainstFake(t *testing.T) {
	t.Parallel()
	f := &fakeFactory{}
	indextest.RunWrites(t, f)
	indextest.RunPaging(t, f)
}
