package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/internal/devbroker"
	"github.com/notegate/notegate/internal/samples"
)

// cmdDev runs everything in one process: an embedded Kafka-protocol broker
// on a real TCP port, the pipeline, the embedded index, the offline
// translator and HTTP; then it publishes the bundled sample notes.
func cmdDev(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kafkaPort := fs.Int("kafka-port", 9092, "port of the embedded broker on 127.0.0.1 (0: any free port)")
	httpAddr := fs.String("http", "127.0.0.1:8080", "HTTP listen address")
	dataDir := fs.String("data", ".notegate-data", "folder of the embedded index")
	withSamples := fs.Bool("samples", true, "publish the bundled sample notes at start")
	path := fs.String("config", "", "optional YAML configuration file; broker and index settings are dev mode's own")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	reviewPassword := fs.String("review-password", "", "password of the dev reviewer accounts (reviewer-cn, reviewer-intl, reviewer, reviewer2, admin); empty: a random one, printed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := newLogger(*logLevel, stderr)
	started := time.Now()

	cfg, err := config.Load(*path, os.Getenv)
	if err != nil {
		return err
	}
	applyMemoryLimit(cfg.MemoryLimit, os.Getenv, log)
	b, err := devbroker.Start(devbroker.Config{
		Port:       *kafkaPort,
		Partitions: 4,
		Topics: []string{cfg.Kafka.InputTopic, cfg.Kafka.Topics.Approved, cfg.Kafka.Topics.Review,
			cfg.Kafka.Topics.Rejected, cfg.Kafka.Topics.DeadLetter, cfg.Decisions.Topic,
			cfg.Authors.Topic, cfg.Reports.Topic, cfg.Appeals.Topic},
		Logger: log,
	})
	if err != nil {
		return err
	}
	defer b.Close()
	cfg.Kafka.Brokers = b.Addrs()
	cfg.HTTP.Addr = *httpAddr
	cfg.Index.Backend = config.BackendEmbedded
	cfg.Index.Embedded.Dir = filepath.Join(*dataDir, "index")
	cfg.Review.AuditFile = filepath.Join(*dataDir, "review", "audit.db")
	password, err := devReviewers(&cfg, *reviewPassword)
	if err != nil {
		return err
	}
	// Dev mode favours quick feedback over batching efficiency.
	cfg.Kafka.SessionTimeout = 6 * time.Second
	if err := cfg.Validate(); err != nil {
		return err
	}

	svc, err := startService(ctx, cfg, log)
	if err != nil {
		return fmt.Errorf("start: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()

	broker := b.Addrs()[0]
	log.Info("notegate dev is up",
		"http", "http://"+svc.httpLn.Addr().String(),
		"broker", broker,
		"index", cfg.Index.Embedded.Dir,
		"took", time.Since(started).Round(time.Millisecond))
	fmt.Fprintf(stderr, `
  search:   curl 'http://%[1]s/api/search?q=hotpot'
  produce:  echo 'me-1:{"note_id":"me-1","version":1,"body":"hello from Ohio"}' | kcat -P -b %[2]s -t %[3]s -K:
  consume:  kcat -C -b %[2]s -t %[4]s -f '%%k %%h\n%%s\n\n'
  metrics:  curl http://%[1]s/metrics
  review:   http://%[1]s/review/  password %[5]s for every dev account:
            reviewer-cn (decides cn), reviewer-intl (decides intl), reviewer and reviewer2 (cn and intl), admin (all)

`, svc.httpLn.Addr().String(), broker, cfg.Kafka.InputTopic, cfg.Kafka.Topics.Approved, password)

	if *withSamples {
		if err := publishSamples(ctx, b.Addrs(), cfg.Kafka.InputTopic, log); err != nil {
			log.Error("publishing the samples failed", "err", err)
		}
	}
	return <-done
}

// publishSamples produces the bundled notes, keyed by note id, in file
// order, so that edits and deletions follow the notes they change.
func publishSamples(ctx context.Context, brokers []string, topic string, log *slog.Logger) error {
	raw := samples.Raw()
	notes, err := samples.Notes()
	if err != nil {
		return err
	}
	w := &kafka.Writer{Addr: kafka.TCP(brokers...), Topic: topic, Balancer: kafka.Murmur2Balancer{}, RequiredAcks: kafka.RequireAll, BatchTimeout: 5 * time.Millisecond}
	defer w.Close()
	msgs := make([]kafka.Message, len(raw))
	for i := range raw {
		msgs[i] = kafka.Message{Key: []byte(notes[i].NoteID), Value: raw[i]}
	}
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		return fmt.Errorf("publish samples: %w", err)
	}
	log.Info("published sample notes", "count", len(msgs), "topic", topic)
	return nil
}

// devReviewers adds the dev accounts to cfg, all with password (random
// when empty), and returns the password: reviewer-cn and reviewer-intl
// decide in their one market, reviewer and reviewer2 (two people, for
// claims) in cn and intl, admin in every market. The markets are those of
// the default policy. Dev only: dev mode listens on 127.0.0.1 by default.
func devReviewers(cfg *config.Config, password string) (string, error) {
	if password == "" {
		b := make([]byte, 9)
		_, _ = rand.Read(b)
		password = base64.RawURLEncoding.EncodeToString(b)
	}
	hash, err := desk.HashPassword(password)
	if err != nil {
		return "", fmt.Errorf("--review-password: %w", err)
	}
	cfg.Review.Accounts = append(cfg.Review.Accounts,
		desk.Account{Name: "reviewer-cn", Role: desk.RoleReviewer, PasswordHash: hash, Markets: []string{"cn"}},
		desk.Account{Name: "reviewer-intl", Role: desk.RoleReviewer, PasswordHash: hash, Markets: []string{"intl"}},
		desk.Account{Name: "reviewer", Role: desk.RoleReviewer, PasswordHash: hash, Markets: []string{"cn", "intl"}},
		desk.Account{Name: "reviewer2", Role: desk.RoleReviewer, PasswordHash: hash, Markets: []string{"cn", "intl"}},
		desk.Account{Name: "admin", Role: desk.RoleAdmin, PasswordHash: hash})
	return password, nil
}
