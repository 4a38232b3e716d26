package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sync"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esapi"
	"github.com/elastic/go-elasticsearch/v8/esutil"
)

// Elasticsearch is an Index in an Elasticsearch 8 cluster, read and written
// through one alias.
//
// Every note id has one document, which records the version and revision
// of the note it holds. Apply writes a note as a bulk update whose Painless
// script (esUpsertScript) compares that pair with the note's as 64-bit
// longs, on the shard, and leaves the document alone unless the note is
// strictly newer; the response says which. The shard writes the result
// only if the document did not change meanwhile, else reruns the script
// (retry_on_conflict). So the cluster itself enforces the version rules,
// for any version up to 2^63-1: an external version, one long per
// document, cannot hold a revision beside such versions. The script also
// keeps ever_approved, the stored flag OR the new note's approval, so it
// outlives new versions and deletions, and the earliest first_seen_ns and
// first_seen_at (when notegate first saw the id; in _source only, no
// mapping needed), which it copies into the note and queued_at of a live
// document; Apply reads those fields back for the notes it wrote, in one
// _mget with the notes it did not write. Documents written before
// first_seen existed have none: the next version of such a note keeps its
// own.
//
// A deletion is written as a tombstone document (deleted: true) with its
// version and revision rather than as a bulk delete, because Elasticsearch
// forgets a deleted document after index.gc_deletes (60s by default), after
// which a late, older upsert would bring the note back.
//
// The alias must keep pointing at a single index: the versions are those
// of its documents, so rolling over to a second index would let an older
// note in. Reindex and switch the alias instead.
//
// In an index created when notes were written with external versions
// (version<<20 | revision), the script takes the revision of such a
// document from its stored note and counts it as ever approved. Add
// revision and ever_approved to its mapping with PUT ALIAS/_mapping (the
// properties of indexTemplate), or reindex, so that they are mapped as in
// a new index.
type Elasticsearch struct {
	cfg    ElasticsearchConfig
	log    *slog.Logger
	client *elasticsearch.Client
	bulk   esutil.BulkIndexer

	// closeMu guards bulk against Close: Add after Close panics.
	closeMu sync.RWMutex
	closed  bool
}

var _ Index = (*Elasticsearch)(nil)

// OpenElasticsearch connects to the cluster, puts the index template and
// creates the first index with the alias unless the alias exists.
func OpenElasticsearch(ctx context.Context, cfg ElasticsearchConfig) (*Elasticsearch, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	client, err := newESClient(cfg)
	if err != nil {
		return nil, fmt.Errorf("index: elasticsearch client: %w", err)
	}
	es := &Elasticsearch{cfg: cfg, log: cfg.Logger.With("component", "index", "alias", cfg.Alias), client: client}
	if cfg.MaxRetries != 0 || cfg.RetryBackoff != 0 || cfg.MaxRetryBackoff != 0 {
		es.log.Warn("index.elasticsearch max_retries, retry_backoff and max_retry_backoff are ignored: the pipeline retries failed writes with kafka.backoff")
	}
	if err := es.setUp(ctx); err != nil {
		_ = client.Close(context.Background())
		return nil, fmt.Errorf("index: set up %s: %w", cfg.Alias, err)
	}
	es.bulk, err = esutil.NewBulkIndexer(esutil.BulkIndexerConfig{
		Client:        client,
		Index:         cfg.Alias,
		RequireAlias:  true, // never auto-create an unmapped index named like the alias
		NumWorkers:    cfg.Workers,
		FlushBytes:    cfg.FlushBytes,
		FlushInterval: cfg.FlushInterval,
		Refresh:       cfg.Refresh,
		OnError: func(_ context.Context, err error) {
			es.log.Warn("bulk request failed; its notes are given back to retry", "err", err)
		},
	})
	if err != nil {
		_ = client.Close(context.Background())
		return nil, fmt.Errorf("index: bulk indexer: %w", err)
	}
	return es, nil
}

func newESClient(cfg ElasticsearchConfig) (*elasticsearch.Client, error) {
	transport, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return nil, errors.New("http.DefaultTransport is not an *http.Transport")
	}
	transport = transport.Clone()
	transport.ResponseHeaderTimeout = cfg.RequestTimeout
	var caCert []byte
	if cfg.CACertFile != "" {
		var err error
		if caCert, err = os.ReadFile(cfg.CACertFile); err != nil {
			return nil, fmt.Errorf("read ca_cert_file: %w", err)
		}
	}
	return elasticsearch.NewClient(elasticsearch.Config{
		Addresses: cfg.URLs,
		Username:  cfg.Username,
		Password:  cfg.Password,
		APIKey:    cfg.APIKey,
		CACert:    caCert,
		Transport: transport,
		// One attempt per request: the caller's backoff (the pipeline's
		// processor or consumer loop) is the one retry of a write, and a
		// failed read is the caller's transport error. MaxRetries 0 would
		// mean the client's default of 3, so retries are turned off here.
		DisableRetry: true,
	})
}

// setUp puts the template, then makes sure the alias exists.
func (es *Elasticsearch) setUp(ctx context.Context) error {
	body, err := json.Marshal(indexTemplate(es.cfg))
	if err != nil {
		return err
	}
	res, err := esapi.IndicesPutIndexTemplateRequest{Name: es.cfg.templateName(), Body: bytes.NewReader(body)}.Do(ctx, es.client)
	if err := responseError("put index template", res, err); err != nil {
		return err
	}
	closeBody(res)

	exists, err := es.aliasExists(ctx)
	if err != nil || exists {
		return err
	}
	body, err = json.Marshal(firstIndexBody(es.cfg))
	if err != nil {
		return err
	}
	res, err = esapi.IndicesCreateRequest{Index: es.cfg.firstIndex(), Body: bytes.NewReader(body)}.Do(ctx, es.client)
	if err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	if res.IsError() {
		typ, msg := readError(res)
		if res.StatusCode != http.StatusBadRequest || typ != "resource_already_exists_exception" {
			return fmt.Errorf("create index: %s: %s", res.Status(), msg)
		}
		// Another process created it first, or the alias was removed.
		if exists, err := es.aliasExists(ctx); err != nil || exists {
			return err
		}
		return fmt.Errorf("index %s exists without the alias %s", es.cfg.firstIndex(), es.cfg.Alias)
	}
	closeBody(res)
	es.log.Info("created index", "index", es.cfg.firstIndex())
	return nil
}

func (es *Elasticsearch) aliasExists(ctx context.Context) (bool, error) {
	res, err := esapi.IndicesExistsAliasRequest{Name: []string{es.cfg.Alias}}.Do(ctx, es.client)
	if err != nil {
		return false, fmt.Errorf("check alias: %w", err)
	}
	defer closeBody(res)
	switch res.StatusCode {
	case http.StatusOK:
		return true, nil
	case http.StatusNotFound:
		return false, nil
	}
	return false, fmt.Errorf("check alias: %s", res.Status())
}

// Close flushes what is buffered and closes the connections; later calls
// return ErrClosed.
func (es *Elasticsearch) Close() error {
	es.closeMu.Lock()
	defer es.closeMu.Unlock()
	if es.closed {
		return nil
	}
	es.closed = true
	ctx, cancel := context.WithTimeout(context.Background(), es.cfg.RequestTimeout)
	defer cancel()
	err := es.bulk.Close(ctx)
	if cerr := es.client.Close(ctx); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("index: close: %w", err)
	}
	return nil
}

// responseError turns a failed request or an error response into an error
// that quotes the start of the response body. It closes the body of an
// error response.
func responseError(what string, res *esapi.Response, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if !res.IsError() {
		return nil
	}
	_, msg := readError(res)
	return fmt.Errorf("%s: %s: %s", what, res.Status(), msg)
}

// readError reads the error type and the start of the body of an error
// response, and closes the body.
func readError(res *esapi.Response) (typ string, msg []byte) {
	defer closeBody(res)
	msg, _ = io.ReadAll(io.LimitReader(res.Body, 2048))
	var e struct {
		Error struct {
			Type string `json:"type"`
		} `json:"error"`
	}
	_ = json.Unmarshal(msg, &e)
	return e.Error.Type, bytes.TrimSpace(msg)
}

func closeBody(res *esapi.Response) {
	if res != nil && res.Body != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<20))
		_ = res.Body.Close()
	}
}

// Alias returns the alias the index reads and writes through.
func (es *Elasticsearch) Alias() string { return es.cfg.Alias }
