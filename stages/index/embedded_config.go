package index

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/notegate/notegate/pipeline"
)

// EmbeddedConfig configures the embedded, on-disk index.
type EmbeddedConfig struct {
	// Dir is the directory that holds the index: the note store
	// (notes.db) and the search index (search/). It is created when
	// missing and reopened, with its notes and versions, when it already
	// holds one; a folder written by a release that kept everything in
	// bleve is converted on open (see OpenEmbedded). Required; no default.
	Dir string `yaml:"dir"`
	// BatchSize is the most notes written to the note store in one
	// atomic, durable transaction; longer Apply calls are split. Default
	// 500.
	BatchSize int `yaml:"batch_size"`
	// Refresh says when Apply returns: "false" once the notes are durable
	// in the note store (Get, and the outcomes routing reads, see them at
	// once; Search, Queue, Thread and Author within RefreshInterval plus
	// the time to index the backlog), or "wait_for" once they are also
	// searchable, as Elasticsearch's refresh=wait_for does; that is for
	// tests and tools, and costs throughput. Default "false".
	Refresh string `yaml:"refresh"`
	// RefreshInterval is the longest a note waits in the note store before
	// the search index takes it, when fewer than SearchBatchSize notes are
	// waiting and nobody waits for them (Refresh, "wait_for"). Default 1s.
	RefreshInterval time.Duration `yaml:"refresh_interval"`
	// SearchBatchSize is the most notes the search index takes in one
	// batch. Larger batches make fewer, larger segments and less merging.
	// Default 2000.
	SearchBatchSize int `yaml:"search_batch_size"`
	// SearchBatchBytes bounds a search batch in bytes as well: the notes
	// of a batch (their stored JSON, translations included) add up to at
	// most this, or the batch is one note. Bleve analyses a batch in
	// memory, several times its text in size, so without it 2,000 notes of
	// kafka.max_event_bytes (64 KiB) would make a 128 MiB batch and a heap
	// of gigabytes. Default 4194304 (4 MiB).
	SearchBatchBytes int `yaml:"search_batch_bytes"`
	// MaxSearchLag bounds the notes written to the note store and not yet
	// searchable: while this many wait, Apply waits (back-pressure), and
	// fails while the search index cannot be written. It also bounds the
	// notes the search index keeps in memory for its next batches.
	// Default 10000.
	MaxSearchLag int `yaml:"max_search_lag"`
	// Logger receives the index's warnings. Default: slog.Default().
	Logger *slog.Logger `yaml:"-"`
	// Health, when set, hears of the search index failing and recovering
	// (pipeline.ConditionSearchIndex). Nil records nothing.
	Health *pipeline.Health `yaml:"-"`
}

const (
	defaultEmbeddedBatchSize        = 500
	defaultEmbeddedRefreshInterval  = time.Second
	defaultEmbeddedSearchBatchSize  = 2000
	defaultEmbeddedSearchBatchBytes = 4 << 20
	defaultEmbeddedMaxSearchLag     = 10000

	// RefreshFalse and RefreshWaitFor are the values of
	// EmbeddedConfig.Refresh.
	RefreshFalse   = "false"
	RefreshWaitFor = "wait_for"
)

// Validate reports a missing directory, negative sizes, an unknown refresh
// policy and a lag bound smaller than a search batch.
func (c EmbeddedConfig) Validate() error {
	var errs []error
	if c.Dir == "" {
		errs = append(errs, errors.New("dir is required"))
	}
	if c.BatchSize < 0 {
		errs = append(errs, fmt.Errorf("batch_size %d is negative", c.BatchSize))
	}
	switch c.Refresh {
	case "", RefreshFalse, RefreshWaitFor:
	default:
		errs = append(errs, fmt.Errorf("refresh %q: want false or wait_for", c.Refresh))
	}
	if c.RefreshInterval < 0 {
		errs = append(errs, fmt.Errorf("refresh_interval %v is negative", c.RefreshInterval))
	}
	if c.SearchBatchSize < 0 {
		errs = append(errs, fmt.Errorf("search_batch_size %d is negative", c.SearchBatchSize))
	}
	if c.SearchBatchBytes < 0 {
		errs = append(errs, fmt.Errorf("search_batch_bytes %d is negative", c.SearchBatchBytes))
	}
	if c.MaxSearchLag < 0 {
		errs = append(errs, fmt.Errorf("max_search_lag %d is negative", c.MaxSearchLag))
	}
	if d := c.withDefaults(); d.MaxSearchLag < d.SearchBatchSize {
		errs = append(errs, fmt.Errorf("max_search_lag %d is below search_batch_size %d", d.MaxSearchLag, d.SearchBatchSize))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("index: embedded config: %w", err)
	}
	return nil
}

func (c EmbeddedConfig) withDefaults() EmbeddedConfig {
	if c.BatchSize == 0 {
		c.BatchSize = defaultEmbeddedBatchSize
	}
	if c.Refresh == "" {
		c.Refresh = RefreshFalse
	}
	if c.RefreshInterval == 0 {
		c.RefreshInterval = defaultEmbeddedRefreshInterval
	}
	if c.SearchBatchSize == 0 {
		c.SearchBatchSize = defaultEmbeddedSearchBatchSize
	}
	if c.SearchBatchBytes == 0 {
		c.SearchBatchBytes = defaultEmbeddedSearchBatchBytes
	}
	if c.MaxSearchLag == 0 {
		c.MaxSearchLag = max(defaultEmbeddedMaxSearchLag, c.SearchBatchSize)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}
