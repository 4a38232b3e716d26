// Package redistest starts throwaway redis-server processes for the tests
// of the packages that keep state in Redis (the moderation state, the
// translation cache, the desk). A test that needs one skips when
// redis-server is not installed, and fails instead under CI=true.
package redistest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Server is a throwaway redis-server child process, without persistence,
// on a free port of 127.0.0.1. It is killed when its test ends.
type Server struct {
	Addr string
	path string
	dir  string
	mu   sync.Mutex
	cmd  *exec.Cmd
	exit chan error
}

// Start starts a server and waits until it answers PING. It skips when
// redis-server is not installed, unless CI=true.
func Start(t testing.TB) *Server {
	t.Helper()
	s := Maybe(t)
	if s == nil {
		t.Skip("redis-server not installed (apt-get install redis-server)")
	}
	return s
}

// Maybe is Start, but answers nil instead of skipping, so that a
// conformance suite still runs its in-process implementation.
func Maybe(t testing.TB) *Server {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("redis-server not found (apt-get install redis-server): %v", err)
		}
		return nil
	}
	var lastErr error
	for try := 0; try < 3; try++ { // the free port may be taken before the server binds it
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		s := &Server{Addr: addr, path: path, dir: t.TempDir()}
		if lastErr = s.start(); lastErr == nil {
			t.Cleanup(s.Kill)
			return s
		}
	}
	t.Fatalf("redis-server did not start: %v", lastErr)
	return nil
}

// start launches the server on s.Addr and waits for its PING.
func (s *Server) start() error {
	_, port, _ := net.SplitHostPort(s.Addr)
	var out bytes.Buffer // read only once the process has exited
	cmd := exec.Command(s.path, "--port", port, "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", s.dir)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return err
	}
	exit := make(chan error, 1)
	go func() { exit <- cmd.Wait() }() // reaps the process whenever it ends
	s.mu.Lock()
	s.cmd, s.exit = cmd, exit
	s.mu.Unlock()
	c := redis.NewClient(&redis.Options{Addr: s.Addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer c.Close()
	deadline := time.Now().Add(15 * time.Second) // a guard against a hung start, not a measurement
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		select {
		case werr := <-exit:
			exit <- werr
			return fmt.Errorf("exited (%v): %s", werr, out.String())
		default:
		}
		if time.Now().After(deadline) {
			s.Kill()
			return fmt.Errorf("no PING answer on %s: %v", s.Addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Kill ends the server at once, as a crash would, and waits for it.
func (s *Server) Kill() {
	s.mu.Lock()
	cmd, exit := s.cmd, s.exit
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Kill()
	<-exit
}

// Restart starts the server again on the same address, empty, as a
// replacement after a crash would be.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	var err error
	for try := 0; try < 20; try++ { // the port is free again once the old process is reaped
		if err = s.start(); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("redis-server did not start again on %s: %v", s.Addr, err)
}

// Client is a plain client of the server, for a test to look at or plant
// keys; it is closed when the test ends.
func (s *Server) Client(t testing.TB) *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: s.Addr, MaxRetries: -1})
	t.Cleanup(func() { c.Close() })
	return c
}
