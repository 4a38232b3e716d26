package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/notegate/notegate/internal/devbroker"
)

// benchBrokerCommand is the hidden command that serves bench's embedded
// broker in a process of its own, so that what the broker holds (kfake
// keeps every record in memory) is not counted as the service's memory.
const benchBrokerCommand = "bench-broker"

// cmdBenchBroker serves an embedded broker with the given topics, writes its
// bootstrap addresses (comma-separated) and a newline on stdout once it
// listens, and stops when stdin ends: the bench that started it holds the
// other end of stdin, so the broker goes when the bench goes, however it
// goes.
func cmdBenchBroker(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet(benchBrokerCommand, flag.ContinueOnError)
	fs.SetOutput(stderr)
	partitions := fs.Int("partitions", 4, "partitions of every topic")
	topics := fs.String("topics", "", "comma-separated topics to create")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b, err := devbroker.Start(devbroker.Config{Partitions: *partitions, Topics: splitList(*topics)})
	if err != nil {
		return err
	}
	defer b.Close()
	if _, err := fmt.Fprintln(stdout, strings.Join(b.Addrs(), ",")); err != nil {
		return fmt.Errorf("bench-broker: %w", err)
	}
	stdinDone := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, stdin)
		close(stdinDone)
	}()
	select {
	case <-stdinDone:
	case <-ctx.Done():
	}
	return nil
}

// selfCommand is a command that runs this binary with args. Tests replace
// it: their binary is the test binary, which runs notegate's commands
// only when told so in its environment.
var selfCommand = func(args ...string) (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return exec.Command(exe, args...), nil
}

// benchBroker is bench's embedded broker running in a child process
// (cmdBenchBroker).
type benchBroker struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	addrs []string
	done  chan struct{} // closed when the child has exited
}

// startBenchBroker starts the broker process and waits, at most until ctx
// ends, for its addresses. What the child writes on stderr is told in the
// error when it gives none.
func startBenchBroker(ctx context.Context, partitions int, topics []string) (*benchBroker, error) {
	cmd, err := selfCommand(benchBrokerCommand, "--partitions", strconv.Itoa(partitions), "--topics", strings.Join(topics, ","))
	if err != nil {
		return nil, fmt.Errorf("start broker process: %w", err)
	}
	// Not the bench's stderr: os/exec copies into a writer that is not a
	// file from a goroutine of its own, which would race the bench's
	// writes.
	var childErr strings.Builder
	cmd.Stderr = &limitedWriter{w: &childErr, n: 4 << 10}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("start broker process: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start broker process: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start broker process: %w", err)
	}
	b := &benchBroker{cmd: cmd, stdin: stdin, done: make(chan struct{})}
	type line struct {
		text string
		err  error
	}
	first := make(chan line, 1)
	go func() {
		r := bufio.NewReader(stdout)
		text, err := r.ReadString('\n')
		first <- line{strings.TrimSpace(text), err}
		_, _ = io.Copy(io.Discard, r) // nothing more is expected; Wait needs the pipe drained
		_ = cmd.Wait()
		close(b.done)
	}()
	select {
	case l := <-first:
		if l.text == "" {
			b.Close() // the child has exited: childErr is no longer written
			return nil, fmt.Errorf("broker process gave no address (stdout: %v): %s", l.err, childErr.String())
		}
		b.addrs = splitList(l.text)
		return b, nil
	case <-ctx.Done():
		b.Close()
		return nil, fmt.Errorf("start broker process: %w", ctx.Err())
	}
}

// Addrs returns the broker's bootstrap addresses.
func (b *benchBroker) Addrs() []string { return b.addrs }

// PeakRSSMB is the broker process's peak resident set so far (VmHWM), 0
// when it cannot be read (not Linux, or the process has gone).
func (b *benchBroker) PeakRSSMB() float64 { return procStatusMB(b.cmd.Process.Pid, "VmHWM:") }

// RSSMB is the broker process's resident set now (VmRSS), 0 when it
// cannot be read.
func (b *benchBroker) RSSMB() float64 { return procStatusMB(b.cmd.Process.Pid, "VmRSS:") }

// Close ends the broker's stdin, which stops it, and waits a little for it
// to exit before killing it.
func (b *benchBroker) Close() {
	_ = b.stdin.Close()
	select {
	case <-b.done:
	case <-time.After(5 * time.Second):
		_ = b.cmd.Process.Kill()
		<-b.done
	}
}

// procStatusMB reads one of the kB fields of /proc/PID/status (Linux) in
// MB; 0 when it cannot. pid 0 reads this process's.
func procStatusMB(pid int, field string) float64 {
	path := "/proc/self/status"
	if pid != 0 {
		path = "/proc/" + strconv.Itoa(pid) + "/status"
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// limitedWriter keeps the first n bytes written to it and drops the rest.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.n -= k
		if _, err := l.w.Write(p[:k]); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
