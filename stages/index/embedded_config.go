package index

import (
	"errors"
	"fmt"
	"log/slog"
)

// EmbeddedConfig configures the embedded, on-disk index.
type EmbeddedConfig struct {
	// Dir is the directory that holds the index; it is created when missing
	// and reopened, with its notes and versions, when it already holds one.
	// Required; no default.
	Dir string `yaml:"dir"`
	// BatchSize is the most notes written in one atomic batch; longer Apply
	// calls are split into several batches. Default 500.
	BatchSize int `yaml:"batch_size"`
	// Logger receives the index's warnings. Default: slog.Default().
	Logger *slog.Logger `yaml:"-"`
}

const defaultEmbeddedBatchSize = 500

// Validate reports a missing directory or a negative batch size.
func (c EmbeddedConfig) Validate() error {
	var errs []error
	if c.Dir == "" {
		errs = append(errs, errors.New("dir is required"))
	}
	if c.BatchSize < 0 {
		errs = append(errs, fmt.Errorf("batch_size %d is negative", c.BatchSize))
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
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}
