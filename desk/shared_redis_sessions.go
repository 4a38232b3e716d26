package desk

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// openSessionScript stores a session. KEYS: the session, the sessions by
// expiry; ARGV: now, expires (Unix ms), the session's JSON, the most
// sessions held. A new session in a full store drops the lapsed ones,
// then those that expire first.
var openSessionScript = redis.NewScript(`
local now, expires = tonumber(ARGV[1]), tonumber(ARGV[2])
if not redis.call('ZSCORE', KEYS[2], KEYS[1]) then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
  while redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) do
    local oldest = redis.call('ZPOPMIN', KEYS[2])
    redis.call('DEL', oldest[1])
  end
end
redis.call('SET', KEYS[1], ARGV[3], 'PX', string.format('%.0f', math.max(expires - now, 1)))
redis.call('ZADD', KEYS[2], ARGV[2], KEYS[1])
return 0
`)

// storedSession is a session as Redis holds it.
type storedSession struct {
	Name    string   `json:"name"`
	Role    string   `json:"role"`
	Markets []string `json:"markets"`
	// Expires is in Unix ms.
	Expires int64 `json:"expires"`
}

func (s *redisState) sessionKey(key [32]byte) string {
	return s.prefix + "s:" + hex.EncodeToString(key[:])
}

func (s *redisState) open(ctx context.Context, key [32]byte, sess session) error {
	value, err := json.Marshal(storedSession{Name: sess.Name, Role: sess.Role, Markets: sess.Markets, Expires: sess.expires.UnixMilli()})
	if err != nil {
		return fmt.Errorf("session: %w", err)
	}
	return s.call(ctx, "session open", func(ctx context.Context) error {
		return openSessionScript.Run(ctx, s.client, []string{s.sessionKey(key), s.prefix + "sessions"},
			ms(s.clock()), ms(sess.expires), value, s.sessions).Err()
	})
}

func (s *redisState) get(ctx context.Context, key [32]byte) (session, bool, error) {
	var value []byte
	err := s.call(ctx, "session read", func(ctx context.Context) error {
		var err error
		value, err = s.client.Get(ctx, s.sessionKey(key)).Bytes()
		if errors.Is(err, redis.Nil) {
			value, err = nil, nil
		}
		return err
	})
	if err != nil || value == nil {
		return session{}, false, err
	}
	var st storedSession
	if err := json.Unmarshal(value, &st); err != nil {
		// Not a session this desk wrote: its holder logs in again.
		s.log.Warn("a stored session does not parse; ignoring it", "err", err)
		return session{}, false, nil
	}
	sess := session{Principal: Principal{Name: st.Name, Role: st.Role, Markets: st.Markets}}
	sess.expires, _ = fromMS(st.Expires)
	if !s.clock().Before(sess.expires) {
		return session{}, false, nil
	}
	return sess, true, nil
}

func (s *redisState) end(ctx context.Context, key [32]byte) error {
	k := s.sessionKey(key)
	return s.call(ctx, "session end", func(ctx context.Context) error {
		_, err := s.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Del(ctx, k)
			p.ZRem(ctx, s.prefix+"sessions", k)
			return nil
		})
		return err
	})
}
