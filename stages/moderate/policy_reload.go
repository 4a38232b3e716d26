package moderate

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"sync"
	"time"
)

// policyWatcher polls a policy file and swaps a changed, valid policy into
// its stage. A file that is missing, unreadable or invalid is logged once
// per change and the policy in force stays.
type policyWatcher struct {
	path  string
	every time.Duration
	s     *Stage

	mu      sync.Mutex // serializes checks
	size    int64
	mtime   time.Time
	sum     [sha256.Size]byte
	lastErr string

	stop chan struct{}
	done chan struct{}
	once sync.Once
}

func newPolicyWatcher(path string, every time.Duration, s *Stage) *policyWatcher {
	w := &policyWatcher{path: path, every: every, s: s, stop: make(chan struct{}), done: make(chan struct{})}
	if fi, err := os.Stat(path); err == nil {
		w.size, w.mtime = fi.Size(), fi.ModTime()
	}
	if data, err := os.ReadFile(path); err == nil {
		w.sum = sha256.Sum256(data)
	}
	go w.run()
	return w
}

func (w *policyWatcher) run() {
	defer close(w.done)
	t := time.NewTicker(w.every)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			w.check()
		}
	}
}

func (w *policyWatcher) close() {
	w.once.Do(func() { close(w.stop) })
	<-w.done
}

// check reloads the file if it changed; it reports whether a new policy
// went into force.
func (w *policyWatcher) check() (bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	fi, err := os.Stat(w.path)
	if err != nil {
		return false, w.fail(fmt.Errorf("policy reload: %w", err))
	}
	if fi.Size() == w.size && fi.ModTime().Equal(w.mtime) {
		return false, nil
	}
	data, err := os.ReadFile(w.path)
	if err != nil {
		return false, w.fail(fmt.Errorf("policy reload: %w", err))
	}
	sum := sha256.Sum256(data)
	w.size, w.mtime = fi.Size(), fi.ModTime()
	if bytes.Equal(sum[:], w.sum[:]) {
		return false, nil // touched, not changed
	}
	p, err := ParsePolicy(data)
	if err != nil {
		// Keep the stamp so a broken file is reported once, not every tick;
		// the next edit is checked again.
		return false, w.fail(fmt.Errorf("policy reload: %s: %w; keeping version %s", w.path, err, w.s.Policy().Version))
	}
	w.sum = sum
	w.lastErr = ""
	if err := w.s.SetPolicy(p); err != nil {
		return false, err
	}
	w.s.reloads[0].Add(1)
	return true, nil
}

func (w *policyWatcher) fail(err error) error {
	w.s.reloads[1].Add(1)
	if err.Error() != w.lastErr {
		w.s.log.Error("moderation policy not reloaded", "file", w.path, "err", err)
		w.lastErr = err.Error()
	}
	return err
}

// ReloadPolicy checks the policy file now, as the periodic reload does: it
// reports whether a new policy went into force, and an error when the
// file is unreadable or invalid (the policy in force then stays). Without
// a policy file it does nothing.
func (s *Stage) ReloadPolicy() (bool, error) {
	if s.reload == nil {
		return false, nil
	}
	return s.reload.check()
}

// Reloads counts policy reloads that went into force and that failed.
func (s *Stage) Reloads() (ok, failed int64) { return s.reloads[0].Load(), s.reloads[1].Load() }

// Close stops the policy reload; the stage keeps working under the policy
// in force. It is safe to call more than once.
func (s *Stage) Close() error {
	if s.reload != nil {
		s.reload.close()
	}
	if s.shared != nil {
		return s.shared.Close()
	}
	return nil
}
