package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/notegate/notegate/config"
)

// cmdRun is the production service: real brokers and index, from a config
// file and the environment. SIGTERM drains in-flight work and commits.
func cmdRun(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "", "YAML configuration file (environment variables override it; see README)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *path == "" && os.Getenv("NOTEGATE_KAFKA_BROKERS") == "" {
		return errors.New("run needs --config FILE or NOTEGATE_KAFKA_BROKERS")
	}
	cfg, err := config.Load(*path, os.Getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel, stderr)
	applyMemoryLimit(cfg.MemoryLimit, os.Getenv, log)
	svc, err := startService(ctx, cfg, log)
	if err != nil {
		return fmt.Errorf("start: %w", err)
	}
	log.Info("notegate running", "brokers", cfg.Kafka.Brokers, "group", cfg.Kafka.GroupID, "input", cfg.Kafka.InputTopic, "index", cfg.Index.Backend)
	return svc.Run(ctx)
}
