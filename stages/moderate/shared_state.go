package moderate

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/notegate/notegate/internal/breaker"
	"github.com/notegate/notegate/internal/redisconn"
	"github.com/notegate/notegate/models"
)

// EnvSharedStatePassword is the environment variable holding the password
// of the shared moderation state; it is never read from the file.
const EnvSharedStatePassword = "NOTEGATE_MODERATION_REDIS_PASSWORD"

// SharedStateConfig configures the state that the campaign and velocity
// detectors share with the other replicas of the consumer group. Without
// it each replica counts only the notes it sees.
type SharedStateConfig struct {
	// Redis holds the state when its Addr is set (a single server or a
	// primary; not Redis Cluster, as one script touches several keys).
	// Default: off. Its defaults differ from the common ones
	// (redisconn.Config) in key_prefix "notegate:mod:" and read_timeout
	// and write_timeout 100ms each; the others are dial_timeout 200ms,
	// pool_size 10, breaker 3 failures and 5s (while it is open the
	// detectors use their in-process state, so that a dead server does
	// not add its timeouts to every note). The password comes only from
	// NOTEGATE_MODERATION_REDIS_PASSWORD.
	Redis SharedRedisConfig `yaml:"redis"`
}

// SharedRedisConfig is the connection of the shared moderation state.
type SharedRedisConfig = redisconn.Config

// Defaults of SharedStateConfig.Redis where they differ from the common
// ones.
const (
	DefaultSharedKeyPrefix = "notegate:mod:"
	DefaultSharedTimeout   = 100 * time.Millisecond // read and write
)

var sharedRedisDefaults = redisconn.Defaults{
	KeyPrefix: DefaultSharedKeyPrefix, ReadTimeout: DefaultSharedTimeout, WriteTimeout: DefaultSharedTimeout,
}

// Validate reports malformed values in c. No Redis addr is valid (off).
func (c SharedStateConfig) Validate() error {
	if err := c.Redis.Validate(); err != nil {
		return fmt.Errorf("shared_state.redis: %w", err)
	}
	return nil
}

// SharedState is the campaign and velocity state shared in Redis by the
// replicas of a consumer group, so that a campaign split across replicas
// and an author whose notes land on several are counted once, and so that
// a replica replaying a note version another one judged gets the same
// result. Keys (P is KeyPrefix; every key expires after the detector's
// window):
//
//	P c:b:BAND:BUCKET   sorted set of note ids by time: the notes whose
//	                    MinHash band BAND hashes to BUCKET (16 bits), at
//	                    most 256 (maxBucket), the newest kept
//	P c:s:NOTE          the newest MinHash signature of a note (64 bytes)
//	P c:j:NOTE:VERSION  the campaign size a note version was judged with
//	P v:a:AUTHOR        sorted set of an author's note ids by time, at most
//	                    limit+16
//	P v:j:NOTE:VERSION  the note count a note version was judged with
//
// Note and author ids longer than 64 bytes are replaced by a hash. Each
// note is judged in one round trip: the campaign script, with the velocity
// script pipelined behind it (or the velocity script alone for a note too
// short to fingerprint). Calls are bounded by the
// timeouts, never retried, and a breaker skips Redis after consecutive
// failures; the detectors then fall back to their in-process state, so
// Redis is never needed to moderate a note.
type SharedState struct {
	conn   *redisconn.Conn
	prefix string
	stats  [2]SharedStats // campaign, velocity

	// With a velocity detector sharing the state, the campaign detector
	// sends its count in the same round trip and leaves the answer here
	// for it (see takeVelocity).
	velocityOn     bool
	velocityWindow time.Duration
	velocityLimit  int
	mu             sync.Mutex
	pending        map[pendingKey]pendingVelocity
}

type pendingKey struct {
	note    string
	version int64
}

type pendingVelocity struct {
	count int
	ok    bool
}

// maxPending bounds the velocity answers waiting for their detector (one
// per note being moderated, normally).
const maxPending = 4096

// SharedStats counts a detector's calls to the shared state.
type SharedStats struct {
	// OK calls answered; Failed calls that failed (the note was judged on
	// in-process state); Skipped calls not made because the breaker was
	// open (likewise).
	OK, Failed, Skipped atomic.Int64
}

// NewSharedState returns the shared state in the Redis at cfg.Addr. It
// does not connect: a server that is down at start costs fallbacks, not
// the start.
func NewSharedState(cfg SharedRedisConfig, log *slog.Logger) (*SharedState, error) {
	if !cfg.Enabled() {
		return nil, errors.New("shared state: redis addr is empty")
	}
	if err := (SharedStateConfig{Redis: cfg}).Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.WithDefaults(sharedRedisDefaults)
	if log == nil {
		log = slog.Default()
	}
	log = log.With("component", "moderation-shared-state", "addr", cfg.Addr)
	conn := redisconn.NewConn(cfg, nil, breaker.LogOutages(log,
		"shared moderation state unreachable; campaigns and velocity are counted in this process",
		"shared moderation state is back", "cooldown", cfg.Breaker.Cooldown))
	return &SharedState{conn: conn, prefix: cfg.KeyPrefix, pending: map[pendingKey]pendingVelocity{}}, nil
}

// Close closes the connections.
func (s *SharedState) Close() error { return s.conn.Close() }

// Stats returns the call counts of the campaign and the velocity detector.
func (s *SharedState) Stats() (campaign, velocity *SharedStats) { return &s.stats[0], &s.stats[1] }

// sharedCall is one script call and the stats it counts in.
type sharedCall struct {
	script *redis.Script
	keys   []string
	args   []any
	stats  *SharedStats
}

// run sends the calls in one round trip (a pipeline) unless the breaker is
// open, and records the outcome. ok is false when the callers must fall
// back to their in-process state.
func (s *SharedState) run(ctx context.Context, calls ...sharedCall) (out [2]int64, ok bool) {
	err := s.conn.Do(ctx, func(ctx context.Context) error {
		exec := func(load bool) ([]*redis.Cmd, error) {
			pipe := s.conn.Client().Pipeline()
			cmds := make([]*redis.Cmd, len(calls))
			for i, c := range calls {
				if load {
					cmds[i] = c.script.Eval(ctx, pipe, c.keys, c.args...)
				} else {
					cmds[i] = c.script.EvalSha(ctx, pipe, c.keys, c.args...)
				}
			}
			_, err := pipe.Exec(ctx)
			return cmds, err
		}
		cmds, err := exec(false)
		if err != nil && redis.HasErrorPrefix(err, "NOSCRIPT") {
			cmds, err = exec(true) // a new or restarted server: send the scripts once
		}
		for i := 0; err == nil && i < len(cmds); i++ {
			out[i], err = cmds[i].Int64()
		}
		return err
	})
	for _, c := range calls {
		switch {
		case errors.Is(err, redisconn.ErrSkipped):
			c.stats.Skipped.Add(1)
		case err != nil:
			c.stats.Failed.Add(1)
		default:
			c.stats.OK.Add(1)
		}
	}
	return out, err == nil
}

// campaignScript judges a note version against the campaign index: the
// size remembered for it, or 1 plus the distinct other notes of the
// window, met among the newest maxCounted of any band bucket of its
// signature, whose stored signature agrees on at least need values; it
// then adds the note to its buckets (each kept to the newest maxBucket;
// members older than the window are skipped when read and go with the
// key's expiry), stores its signature and remembers the size.
//
// KEYS: judged, signature, then one per band. ARGV: at (ms), cutoff (ms),
// note id, ttl (ms), max bucket, need, max counted, signature, signature
// key prefix, max candidates.
var campaignScript = redis.NewScript(`
local judged = redis.call('GET', KEYS[1])
if judged then return tonumber(judged) end
local at, cutoff, id = ARGV[1], ARGV[2], ARGV[3]
local ttl, maxBucket = ARGV[4], tonumber(ARGV[5])
local need, maxCounted = tonumber(ARGV[6]), tonumber(ARGV[7])
local sig, sigPrefix, maxCand = ARGV[8], ARGV[9], tonumber(ARGV[10])
local fmt = '<' .. string.rep('I4', #sig / 4)
local mine = {struct.unpack(fmt, sig)}
local seen = {[id] = true}
local count, looked = 1, 0
for i = 3, #KEYS do
  local k = KEYS[i]
  if count < maxCounted and looked < maxCand then
    local fresh = {}
    for _, m in ipairs(redis.call('ZREVRANGEBYSCORE', k, '+inf', cutoff, 'LIMIT', 0, maxCounted)) do
      if not seen[m] then
        seen[m] = true
        fresh[#fresh + 1] = m
      end
    end
    if #fresh > 0 then
      local sigKeys = {}
      for j, m in ipairs(fresh) do sigKeys[j] = sigPrefix .. m end
      for _, other in ipairs(redis.call('MGET', unpack(sigKeys))) do
        looked = looked + 1
        if other and #other == #sig then
          local theirs = {struct.unpack(fmt, other)}
          local same = 0
          for p = 1, #mine do
            if mine[p] == theirs[p] then same = same + 1 end
          end
          if same >= need then count = count + 1 end
        end
        if count >= maxCounted or looked >= maxCand then break end
      end
    end
  end
  redis.call('ZADD', k, at, id)
  redis.call('ZREMRANGEBYRANK', k, 0, -maxBucket - 1)
  redis.call('PEXPIRE', k, ttl)
end
redis.call('SET', KEYS[2], sig, 'PX', ttl)
redis.call('SET', KEYS[1], count, 'PX', ttl)
return count
`)

// maxCandidates bounds the notes one campaign lookup compares with.
const maxCandidates = 512

// campaign returns the campaign size of a note version from the shared
// index; ok is false when Redis could not be used. When a velocity
// detector shares the state and the note has an author, the author's
// count goes in the same round trip and waits for takeVelocity.
func (s *SharedState) campaign(ctx context.Context, n *models.Note, sig *campaignSig, at time.Time, window time.Duration, need int) (int, bool) {
	note, version := n.NoteID, n.Version
	id := redisconn.KeyID(note)
	var keys [2 + campaignBands]string
	keys[0] = s.prefix + "c:j:" + id + ":" + strconv.FormatInt(version, 10)
	keys[1] = s.prefix + "c:s:" + id
	bands := sig.buckets()
	for b, v := range bands {
		keys[2+b] = s.prefix + "c:b:" + strconv.Itoa(b) + ":" + strconv.Itoa(int(v))
	}
	var raw [4 * campaignHashes]byte
	for i, v := range sig {
		binary.LittleEndian.PutUint32(raw[4*i:], v)
	}
	ms := at.UnixMilli()
	calls := []sharedCall{{campaignScript, keys[:], []any{
		ms, ms - window.Milliseconds(), id, max(window.Milliseconds(), 1), maxBucket, need, maxCounted,
		string(raw[:]), s.prefix + "c:s:", maxCandidates,
	}, &s.stats[0]}}
	withVelocity := s.velocityOn && n.AuthorID != ""
	if withVelocity {
		calls = append(calls, s.velocityCall(n.AuthorID, note, version, at))
	}
	out, ok := s.run(ctx, calls...)
	if withVelocity {
		s.mu.Lock()
		if len(s.pending) >= maxPending {
			clear(s.pending) // answers nobody took: their detectors ask again
		}
		s.pending[pendingKey{note, version}] = pendingVelocity{int(out[1]), ok}
		s.mu.Unlock()
	}
	return int(out[0]), ok
}

// shareVelocity makes campaign lookups count the author's notes too.
func (s *SharedState) shareVelocity(window time.Duration, limit int) {
	s.velocityOn, s.velocityWindow, s.velocityLimit = true, window, limit
}

// takeVelocity returns the author's count that a campaign lookup of the
// note version fetched, if one did (answered); ok is false when that
// round trip failed.
func (s *SharedState) takeVelocity(note string, version int64) (count int, ok, answered bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, answered := s.pending[pendingKey{note, version}]
	if answered {
		delete(s.pending, pendingKey{note, version})
	}
	return p.count, p.ok, answered
}

// velocityScript counts a note version for its author: the count
// remembered for it, or the author's distinct notes of the window with
// this one, which it then remembers.
//
// KEYS: judged, author. ARGV: at (ms), cutoff (ms), note id, ttl (ms),
// most notes kept.
var velocityScript = redis.NewScript(`
local judged = redis.call('GET', KEYS[1])
if judged then return tonumber(judged) end
local ttl, keep = tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[2])
redis.call('ZADD', KEYS[2], 'NX', ARGV[1], ARGV[3])
local n = redis.call('ZCARD', KEYS[2])
if n > keep then
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, n - keep - 1)
  n = keep
end
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('SET', KEYS[1], n, 'PX', ttl)
return n
`)

// velocity returns how many notes the author posted in the window, this
// one included, from the shared state; ok is false when Redis could not
// be used.
func (s *SharedState) velocity(ctx context.Context, author, note string, version int64, at time.Time) (int, bool) {
	out, ok := s.run(ctx, s.velocityCall(author, note, version, at))
	return int(out[0]), ok
}

func (s *SharedState) velocityCall(author, note string, version int64, at time.Time) sharedCall {
	id := redisconn.KeyID(note)
	keys := []string{
		s.prefix + "v:j:" + id + ":" + strconv.FormatInt(version, 10),
		s.prefix + "v:a:" + redisconn.KeyID(author),
	}
	ms := at.UnixMilli()
	window := s.velocityWindow
	return sharedCall{velocityScript, keys, []any{
		ms, ms - window.Milliseconds(), id, max(window.Milliseconds(), 1), s.velocityLimit + 16,
	}, &s.stats[1]}
}
