package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// needTool returns the path of an external tool, skipping the test when it
// is missing locally and failing it in CI, where .ci/run installs it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI (.ci/run installs it): %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// TestKcatProducesToAndConsumesFromTheEmbeddedBroker shows that an external
// Kafka client talks to dev mode's broker: what kcat produces is processed
// like any event, and kcat reads the routed result.
func TestKcatProducesToAndConsumesFromTheEmbeddedBroker(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	kcat := needTool(t, "kcat")
	e := startE2E(t)
	broker := e.brokers[0]
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	produce := exec.CommandContext(ctx, kcat, "-P", "-b", broker, "-t", e.cfg.Kafka.InputTopic, "-K", "\t")
	produce.Stdin = strings.NewReader("kcat-1\t{\"note_id\":\"kcat-1\",\"version\":1,\"body\":\"hello from kcat, I love hotpot\"}\n")
	if out, err := produce.CombinedOutput(); err != nil {
		t.Fatalf("kcat -P: %v: %s", err, out)
	}
	var got []byte
	for ctx.Err() == nil {
		consume := exec.CommandContext(ctx, kcat, "-C", "-b", broker, "-t", e.cfg.Kafka.Topics.Approved, "-e", "-q", "-f", "%k\t%s\n")
		out, err := consume.Output()
		if err != nil {
			t.Fatalf("kcat -C: %v", err)
		}
		if bytes.Contains(out, []byte("kcat-1\t")) {
			got = out
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !bytes.Contains(got, []byte(`"approved_markets":["cn","intl"]`)) || !bytes.Contains(got, []byte(`"code":"en"`)) {
		t.Fatalf("kcat read %q; want kcat-1 approved in both markets with its language", got)
	}
	e.stop(t)
}
