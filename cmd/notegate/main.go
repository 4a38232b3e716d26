// Command notegate is the one binary of notegate: the service (run), an
// all-embedded dev mode (dev), a stdin/stdout processor (process) and the
// benchmark harness (bench).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `notegate: language ID, translation, moderation and indexing between posting services and feeds.

Usage:
  notegate dev      [flags]   everything embedded: broker, pipeline, index, HTTP, sample notes
  notegate run      --config FILE
                              the service against real brokers and an index
  notegate process  [--stages detect,moderate,translate]
                              note events as JSON lines on stdin, one result per line on stdout
  notegate bench    [--mode steady|max] [--rate 500] [--n 20000] [flags]
                              publish synthetic notes at a steady rate (or as fast as possible),
                              run the pipeline with progress lines, report latency as a histogram,
                              throughput and memory, ending with one JSON line
  notegate bench-search [flags]
                              fill an embedded index, flood search with concurrent clients,
                              report /healthz latency, search answers and RSS (one JSON line)
  notegate policy test [--policy NEW.yaml] [--rules DIR] < notes.jsonl
                              the notes whose decision a policy or rule change would move
  notegate eval moderation [flags]
                              precision and recall per category and language on the dev data,
                              HateCheck, clean text leaving allow, speed of the stage
  notegate eval translate [flags]
                              BLEU and chrF of the translation providers on FLORES and Tatoeba
  notegate eval langid [--data DIR] [--baseline] [--throughput]
                              accuracy of language identification, Hans/Hant, reliability,
                              throughput and memory (vs plain lingua-go: build with
                              -tags linguabaseline)

  notegate hash-password      reads a password on stdin, prints its bcrypt hash (review.accounts)

Run "notegate COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signalContext()
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "notegate:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "dev":
		return cmdDev(ctx, rest, stderr)
	case "run":
		return cmdRun(ctx, rest, stderr)
	case "process":
		return cmdProcess(ctx, rest, stdin, stdout, stderr)
	case "bench":
		return cmdBench(ctx, rest, stdout, stderr)
	case benchBrokerCommand: // bench's own, not in the usage
		return cmdBenchBroker(ctx, rest, stdin, stdout, stderr)
	case "bench-search":
		return cmdBenchSearch(ctx, rest, stdout, stderr)
	case "policy":
		return cmdPolicy(ctx, rest, stdin, stdout, stderr)
	case "hash-password":
		return cmdHashPassword(rest, stdin, stdout, stderr)
	case "eval":
		return cmdEval(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// signalContext ends on SIGINT or SIGTERM: the service then drains
// in-flight work, commits and exits.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
