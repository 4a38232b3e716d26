package desk

import (
	"context"
	"sync"
	"time"
)

// sessionMap is the in-process sessionStore: a map bounded by max. With
// several replicas, a session opened on one is unknown to the others
// unless the sessions live in Redis (redisState), or /api/review is
// routed sticky. Its methods never fail.
type sessionMap struct {
	max   int
	clock func() time.Time

	mu       sync.Mutex
	sessions map[[32]byte]session
}

func newSessionMap(max int, clock func() time.Time) *sessionMap {
	return &sessionMap{max: max, clock: clock, sessions: map[[32]byte]session{}}
}

func (m *sessionMap) open(_ context.Context, key [32]byte, s session) error {
	now := m.clock()
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.sessions[key]; !ok && len(m.sessions) >= m.max {
		var oldest [32]byte
		var at time.Time
		for k, s := range m.sessions {
			if !now.Before(s.expires) {
				delete(m.sessions, k)
			} else if at.IsZero() || s.expires.Before(at) {
				oldest, at = k, s.expires
			}
		}
		if len(m.sessions) >= m.max {
			delete(m.sessions, oldest)
		}
	}
	m.sessions[key] = s
	return nil
}

func (m *sessionMap) get(_ context.Context, key [32]byte) (session, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.sessions[key]
	if !ok {
		return session{}, false, nil
	}
	if !m.clock().Before(s.expires) {
		delete(m.sessions, key)
		return session{}, false, nil
	}
	return s, true, nil
}

func (m *sessionMap) end(_ context.Context, key [32]byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.sessions, key)
	return nil
}
