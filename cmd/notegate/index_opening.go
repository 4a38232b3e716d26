package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
)

// errIndexOpening answers calls made before the index is open.
var errIndexOpening = errors.New("the index is not open yet")

// openingIndex is an index.Index that opens the configured backend in the
// background, retrying with backoff (a cluster not up yet, a disk that is
// full), so that the service serves health and reports itself unready
// meanwhile instead of exiting. Calls before it is open fail with
// errIndexOpening, a transport error that the pipeline retries.
type openingIndex struct {
	cur    atomic.Pointer[index.Index]
	opened chan struct{}

	closeMu sync.Mutex
	closed  bool
	stop    context.CancelFunc
	done    chan struct{}
}

var (
	_ index.Index     = (*openingIndex)(nil)
	_ index.Refresher = (*openingIndex)(nil)
)

// openIndexInBackground starts opening; health carries ConditionStartup
// with the reason until the index is open.
func openIndexInBackground(cfg config.Config, health *pipeline.Health, log *slog.Logger) *openingIndex {
	ctx, stop := context.WithCancel(context.Background())
	o := &openingIndex{opened: make(chan struct{}), stop: stop, done: make(chan struct{})}
	go func() {
		defer close(o.done)
		b := cfg.Kafka.Backoff
		for attempt := 0; ; attempt++ {
			idx, err := openIndex(ctx, cfg, health, log)
			if err == nil {
				o.closeMu.Lock()
				if o.closed {
					o.closeMu.Unlock()
					_ = idx.Close()
					return
				}
				o.cur.Store(&idx)
				o.closeMu.Unlock()
				close(o.opened)
				log.Info("index open", "backend", cfg.Index.Backend)
				return
			}
			if ctx.Err() != nil {
				return
			}
			health.Fail(pipeline.ConditionStartup, fmt.Errorf("open index: %w", err))
			log.Warn("cannot open the index; retrying", "attempt", attempt+1, "err", err)
			if b.Wait(ctx, attempt) != nil {
				return
			}
		}
	}()
	return o
}

// wait blocks until the index is open or ctx ends.
func (o *openingIndex) wait(ctx context.Context) error {
	select {
	case <-o.opened:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (o *openingIndex) get() (index.Index, error) {
	if p := o.cur.Load(); p != nil {
		return *p, nil
	}
	return nil, errIndexOpening
}

func (o *openingIndex) Apply(ctx context.Context, notes []*models.Note) ([]pipeline.Applied, error) {
	idx, err := o.get()
	if err != nil {
		return nil, err
	}
	return idx.Apply(ctx, notes)
}

func (o *openingIndex) Get(ctx context.Context, id string) (*models.Note, error) {
	idx, err := o.get()
	if err != nil {
		return nil, err
	}
	return idx.Get(ctx, id)
}

func (o *openingIndex) Search(ctx context.Context, q models.SearchQuery) (models.SearchResult, error) {
	idx, err := o.get()
	if err != nil {
		return models.SearchResult{}, err
	}
	return idx.Search(ctx, q)
}

func (o *openingIndex) Queue(ctx context.Context, q models.QueueQuery) (models.SearchResult, error) {
	idx, err := o.get()
	if err != nil {
		return models.SearchResult{}, err
	}
	return idx.Queue(ctx, q)
}

func (o *openingIndex) Thread(ctx context.Context, q models.ThreadQuery) (models.SearchResult, error) {
	idx, err := o.get()
	if err != nil {
		return models.SearchResult{}, err
	}
	return idx.Thread(ctx, q)
}

func (o *openingIndex) Author(ctx context.Context, q models.AuthorQuery) (models.AuthorHistory, error) {
	idx, err := o.get()
	if err != nil {
		return models.AuthorHistory{}, err
	}
	return idx.Author(ctx, q)
}

// Refresh waits until what was applied is searchable when the index
// trails its writes (index.Refresher); other indexes need no wait.
func (o *openingIndex) Refresh(ctx context.Context) error {
	idx, err := o.get()
	if err != nil {
		return err
	}
	if r, ok := idx.(index.Refresher); ok {
		return r.Refresh(ctx)
	}
	return nil
}

// searchLag returns the embedded index's writes not yet searchable, or 0.
func (o *openingIndex) searchLag() float64 {
	idx, err := o.get()
	if err != nil {
		return 0
	}
	if l, ok := idx.(interface{ SearchLag() int }); ok {
		return float64(l.SearchLag())
	}
	return 0
}

// Close stops opening and closes the index if it is open.
func (o *openingIndex) Close() error {
	o.closeMu.Lock()
	o.closed = true
	o.closeMu.Unlock()
	o.stop()
	select {
	case <-o.done:
	case <-time.After(5 * time.Second):
	}
	if idx, err := o.get(); err == nil {
		return idx.Close()
	}
	return nil
}
