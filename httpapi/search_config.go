package httpapi

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/notegate/notegate/models"
)

// SearchConfig bounds what public search may cost the process, so that no
// load on /api/search can take health, metrics or the pipeline down with it.
type SearchConfig struct {
	// MaxConcurrent is how many searches may run in the index at once;
	// the others wait in the queue. Default: half the CPUs the process may
	// use (GOMAXPROCS), at least 1, so that embedded searches, which run
	// on those CPUs, leave the rest to the pipeline and to health (the
	// configuration raises it for Elasticsearch, whose searches mostly wait
	// on the cluster).
	MaxConcurrent int `yaml:"max_concurrent"`
	// MaxQueued is how many searches may wait for a slot; one more is
	// answered 429 at once. Negative: none may wait. Default 32.
	MaxQueued int `yaml:"max_queued"`
	// Timeout bounds a search from its arrival to its answer, time in the
	// queue included; past it the answer is 503. Default 3s.
	Timeout time.Duration `yaml:"timeout"`
	// RetryAfter is what the Retry-After header of a 429 or 503 says,
	// rounded up to whole seconds. Default 1s.
	RetryAfter time.Duration `yaml:"retry_after"`
	// MaxWindow bounds offset+limit: deeper pages are asked for with the
	// cursor, whose cost does not grow with depth. Default 1000.
	MaxWindow int `yaml:"max_window"`
	// TrackTotalHits is how many hits a search counts exactly, as
	// Elasticsearch's track_total_hits: past it the answer's total is a
	// lower bound (total_relation "gte") and the embedded index skips the
	// hits that cannot enter the page instead of scoring them all.
	// Negative: count every hit (total_relation always "eq"). Default 10000.
	TrackTotalHits int `yaml:"track_total_hits"`
}

// WithDefaults fills unset fields with their defaults.
func (c SearchConfig) WithDefaults() SearchConfig {
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if c.MaxQueued == 0 {
		c.MaxQueued = 32
	}
	if c.MaxQueued < 0 {
		c.MaxQueued = 0
	}
	if c.Timeout <= 0 {
		c.Timeout = 3 * time.Second
	}
	if c.RetryAfter <= 0 {
		c.RetryAfter = time.Second
	}
	if c.MaxWindow <= 0 {
		c.MaxWindow = 1000
	}
	if c.TrackTotalHits == 0 {
		c.TrackTotalHits = models.DefaultTrackTotalHits
	}
	return c
}

// Validate reports contradictions in a configuration with defaults applied.
func (c SearchConfig) Validate() error {
	var errs []error
	if c.MaxWindow < maxLimit {
		errs = append(errs, fmt.Errorf("max_window %d is below the largest page (%d)", c.MaxWindow, maxLimit))
	}
	if c.MaxConcurrent > 10000 || c.MaxQueued > 100000 {
		errs = append(errs, errors.New("max_concurrent above 10000 or max_queued above 100000 bounds nothing"))
	}
	return errors.Join(errs...)
}
