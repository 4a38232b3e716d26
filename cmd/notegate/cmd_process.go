package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/pipeline"
)

// processChunk is how many lines a worker processes at once.
const processChunk = 256

// processResult is the line written for an event that failed.
type processResult struct {
	Line   int    `json:"line"`
	Error  string `json:"error"`
	Reason string `json:"reason,omitempty"`
}

// cmdProcess reads note events as JSON lines on stdin and writes one result
// per line on stdout, in input order: the enriched note, or an object with
// an "error" field. It needs no broker and no index.
func cmdProcess(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("process", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stagesFlag := fs.String("stages", strings.Join(stageNames, ","), "comma-separated stages to run (they run in pipeline order)")
	path := fs.String("config", "", "optional YAML configuration file")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "lines processed in parallel, in chunks of 256")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.Load(*path, os.Getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel, stderr)
	applyMemoryLimit(cfg.MemoryLimit, os.Getenv, log)
	b, err := buildStages(cfg, splitList(*stagesFlag), log)
	if err != nil {
		return err
	}
	proc := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: b.stages, MaxEventBytes: cfg.Kafka.MaxEventBytes, Backoff: cfg.Kafka.Backoff, Logger: log})
	return processLines(ctx, proc, stdin, stdout, max(1, *workers), cfg.Kafka.MaxEventBytes)
}

type chunk struct {
	first int // line number of envs[0], from 1
	envs  []*pipeline.Envelope
	done  chan error
}

// processLines runs proc over stdin in chunks on several workers and writes
// results in input order. Memory is bounded: at most 2×workers chunks are
// in flight.
func processLines(ctx context.Context, proc *pipeline.Processor, in io.Reader, out io.Writer, workers, maxBytes int) error {
	ordered := make(chan *chunk, 2*workers)
	work := make(chan *chunk, workers)
	for i := 0; i < workers; i++ {
		go func() {
			for c := range work {
				c.done <- proc.Process(ctx, c.envs)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(ordered)
		defer close(work)
		readErr <- readChunks(ctx, in, maxBytes, func(c *chunk) {
			ordered <- c
			work <- c
		})
	}()
	w := bufio.NewWriterSize(out, 1<<16)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var firstErr error
	for c := range ordered {
		if err := <-c.done; err != nil && firstErr == nil {
			firstErr = err
		}
		if firstErr != nil {
			continue
		}
		for i, env := range c.envs {
			var err error
			if env.Err != nil {
				res := processResult{Line: c.first + i, Error: env.Err.Error()}
				var ee *pipeline.EventError
				if errors.As(env.Err, &ee) {
					res.Reason = ee.Reason
				}
				err = enc.Encode(res)
			} else {
				err = enc.Encode(env.Note)
			}
			if err != nil {
				firstErr = fmt.Errorf("write result: %w", err)
				break
			}
		}
	}
	if err := <-readErr; err != nil && firstErr == nil {
		firstErr = err
	}
	if err := w.Flush(); err != nil && firstErr == nil {
		firstErr = err
	}
	return firstErr
}

// readChunks splits in into lines. A line longer than limit is not kept
// whole: it becomes an event of limit+1 bytes, which Decode rejects as too
// large, so every input line yields exactly one result.
func readChunks(ctx context.Context, in io.Reader, limit int, emit func(*chunk)) error {
	if limit <= 0 {
		limit = 64 << 10
	}
	r := bufio.NewReaderSize(in, 1<<16)
	line := 0
	cur := &chunk{first: 1, done: make(chan error, 1)}
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		b, err := readLine(r, limit+1)
		if len(b) > 0 || err == nil {
			line++
			cur.envs = append(cur.envs, &pipeline.Envelope{Value: b})
			if len(cur.envs) == processChunk {
				emit(cur)
				cur = &chunk{first: line + 1, done: make(chan error, 1)}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("read stdin: %w", err)
		}
	}
	if len(cur.envs) > 0 {
		emit(cur)
	}
	return nil
}

// readLine returns the next line without its newline, keeping at most keep
// bytes of it.
func readLine(r *bufio.Reader, keep int) ([]byte, error) {
	var line []byte
	for {
		frag, err := r.ReadSlice('\n')
		if room := keep - len(line); room > 0 {
			line = append(line, frag[:min(len(frag), room)]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == nil && len(line) > 0 && line[len(line)-1] == '\n' {
			line = line[:len(line)-1]
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
			}
		}
		return line, err
	}
}
