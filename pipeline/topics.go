package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
)

// OutputTopics returns the topics the service writes: the route topics,
// the dead-letter topic and extra (the decisions and translation-retry
// topics), without duplicates.
func (c Config) OutputTopics(extra ...string) []string {
	var out []string
	for _, t := range append([]string{c.Topics.Approved, c.Topics.Review, c.Topics.Rejected, c.Topics.DeadLetter}, extra...) {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// newAdminClient is a client for metadata and topic administration whose
// every request gives up after timeout, so that a broker that does not
// answer is reported rather than waited on.
func newAdminClient(brokers []string, timeout time.Duration) *kafka.Client {
	return &kafka.Client{
		Addr:    kafka.TCP(brokers...),
		Timeout: timeout,
		Transport: &kafka.Transport{
			DialTimeout: timeout,
			IdleTimeout: 30 * time.Second,
			MetadataTTL: time.Second,
			Dial:        (&net.Dialer{Timeout: timeout, KeepAlive: 10 * time.Second}).DialContext,
		},
	}
}

// EnsureTopics checks that the input topic and every one of outputs exist
// on the brokers. When create is true it creates the missing outputs with
// as many partitions as the input topic (one when the input is missing
// too) and the broker's default replication; the input topic is the
// posting services' and is never created. It returns an error naming each
// topic still missing, or the broker's error.
func EnsureTopics(ctx context.Context, brokers []string, input string, outputs []string, create bool, timeout time.Duration, log *slog.Logger) error {
	client := newAdminClient(brokers, timeout)
	defer closeTransport(client)
	all := append([]string{input}, outputs...)
	existing, partitions, err := topicPartitions(ctx, client, all)
	if err != nil {
		return err
	}
	var missing []string
	for _, t := range outputs {
		if !existing[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 && create {
		n := max(partitions[input], 1)
		cfgs := make([]kafka.TopicConfig, len(missing))
		for i, t := range missing {
			cfgs[i] = kafka.TopicConfig{Topic: t, NumPartitions: n, ReplicationFactor: -1}
		}
		res, err := client.CreateTopics(ctx, &kafka.CreateTopicsRequest{Topics: cfgs})
		if err != nil {
			return fmt.Errorf("create topics %s: %w", strings.Join(missing, ", "), err)
		}
		var errs []error
		for _, t := range missing {
			if e := res.Errors[t]; e != nil && !errors.Is(e, kafka.TopicAlreadyExists) {
				errs = append(errs, fmt.Errorf("create topic %s: %w", t, e))
				continue
			}
			log.Info("created topic", "topic", t, "partitions", n)
		}
		if len(errs) > 0 {
			return errors.Join(errs...)
		}
		missing = nil
	}
	if !existing[input] {
		missing = append([]string{input + " (input; created by the posting services or the broker)"}, missing...)
	}
	if len(missing) > 0 {
		return missingTopics(missing, create)
	}
	return nil
}

// missingTopics is the error of topics that do not exist, the same from
// the start-up check and from every probe after it, so that /readyz says
// why whichever wrote last: with creation off, that an operator must
// create them.
func missingTopics(missing []string, create bool) error {
	hint := ""
	if !create {
		hint = " (kafka.create_topics is off)"
	}
	return fmt.Errorf("topics missing%s: %s", hint, strings.Join(missing, ", "))
}

// topicPartitions asks the brokers which of topics exist and their
// partition counts.
func topicPartitions(ctx context.Context, client *kafka.Client, topics []string) (map[string]bool, map[string]int, error) {
	md, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: topics})
	if err != nil {
		return nil, nil, fmt.Errorf("metadata: %w", err)
	}
	existing, partitions := map[string]bool{}, map[string]int{}
	for _, t := range md.Topics {
		if t.Error == nil && len(t.Partitions) > 0 {
			existing[t.Name] = true
			partitions[t.Name] = len(t.Partitions)
		}
	}
	return existing, partitions, nil
}

// PartitionCount asks the brokers how many partitions topic has; a
// missing topic is an error. Every request gives up after timeout.
func PartitionCount(ctx context.Context, brokers []string, topic string, timeout time.Duration) (int, error) {
	client := newAdminClient(brokers, timeout)
	defer closeTransport(client)
	existing, partitions, err := topicPartitions(ctx, client, []string{topic})
	if err != nil {
		return 0, err
	}
	if !existing[topic] {
		return 0, fmt.Errorf("topic %s is missing", topic)
	}
	return partitions[topic], nil
}

func closeTransport(c *kafka.Client) {
	if t, ok := c.Transport.(*kafka.Transport); ok {
		t.CloseIdleConnections()
	}
}

// ProbeBroker checks the brokers every health ProbeInterval until ctx
// ends: a metadata request for topics and the first offsets of every
// partition of the input topic (which reaches each partition's leader),
// each bounded by ProbeTimeout. It reports ConditionBroker and
// ConditionTopics to health; create says whether the service creates
// missing topics (kafka.create_topics), which the topics' error names.
func ProbeBroker(ctx context.Context, brokers []string, input string, topics []string, create bool, health *Health, log *slog.Logger) {
	cfg := health.Config()
	client := newAdminClient(brokers, cfg.ProbeTimeout)
	defer closeTransport(client)
	t := time.NewTicker(cfg.ProbeInterval)
	defer t.Stop()
	all := append([]string{input}, topics...)
	for {
		pctx, cancel := context.WithTimeout(ctx, cfg.ProbeTimeout)
		err := probeOnce(pctx, client, input, all, create, health)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			health.Fail(ConditionBroker, err)
			log.Debug("broker probe failed", "err", err)
			// A hung connection must not poison the next probe.
			closeTransport(client)
		} else {
			health.OK(ConditionBroker)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func probeOnce(ctx context.Context, client *kafka.Client, input string, topics []string, create bool, health *Health) error {
	existing, partitions, err := topicPartitions(ctx, client, topics)
	if err != nil {
		return err
	}
	var missing []string
	for _, t := range topics {
		if !existing[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		health.Fail(ConditionTopics, missingTopics(missing, create))
	} else {
		health.OK(ConditionTopics)
	}
	if partitions[input] == 0 {
		return nil
	}
	reqs := make([]kafka.OffsetRequest, partitions[input])
	for p := range reqs {
		reqs[p] = kafka.FirstOffsetOf(p)
	}
	res, err := client.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{input: reqs}})
	if err != nil {
		return fmt.Errorf("list offsets of %s: %w", input, err)
	}
	for _, po := range res.Topics[input] {
		if po.Error != nil {
			return fmt.Errorf("list offsets of %s partition %d: %w", input, po.Partition, po.Error)
		}
	}
	return nil
}
