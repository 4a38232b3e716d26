package desk

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/notegate/notegate/internal/redisconn"
)

// claimScript is claim, touch and take of the in-process claims in one
// compare-and-swap. KEYS: the claim, the live claims, the decided record.
// ARGV: mode (claim, touch, take), now, owner, idle, max hold (ms), max
// live claims, the note's member in the live claims, the revision seen
// and keep (take only). It answers {"ok", owner, since, expires, until}
// (for take, the claim to restore), {"claimed", …} with the other
// owner's claim, {"decided", by}, {"none"} (touch without a live claim of
// the owner's) or {"full"}.
var claimScript = redis.NewScript(`
local function n(x) return string.format('%.0f', x) end
local mode, now, owner = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local idle, maxHold, max, member = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
if mode == 'take' then
  local d = redis.call('HMGET', KEYS[3], 'r', 'b', 'u')
  if d[1] and now < tonumber(d[3]) and tonumber(ARGV[8]) <= tonumber(d[1]) then
    return {'decided', d[2]}
  end
end
local c = redis.call('HMGET', KEYS[1], 'o', 's', 'e', 'u')
local held = c[1] and now < tonumber(c[3])
if held and c[1] ~= owner then
  return {'claimed', c[1], c[2], c[3], c[4]}
end
if mode == 'touch' and not held then
  return {'none'}
end
local since, untl
if held then
  since, untl = tonumber(c[2]), tonumber(c[4])
else
  redis.call('ZREM', KEYS[2], member)
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', n(now))
  if redis.call('ZCARD', KEYS[2]) >= max then
    return {'full'}
  end
  since, untl = now, now + maxHold
end
local expires = math.min(now + idle, untl)
if mode == 'take' and ARGV[9] ~= '1' then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], member)
else
  redis.call('HSET', KEYS[1], 'o', owner, 's', n(since), 'e', n(expires), 'u', n(untl))
  redis.call('PEXPIRE', KEYS[1], n(expires - now))
  redis.call('ZADD', KEYS[2], n(expires), member)
end
if mode == 'take' then
  redis.call('HSET', KEYS[3], 'r', ARGV[8], 'b', owner, 'u', n(now + maxHold))
  redis.call('PEXPIRE', KEYS[3], n(maxHold))
  if held then
    return {'ok', owner, c[2], c[3], c[4]}
  end
end
return {'ok', owner, n(since), n(expires), n(untl)}
`)

// restoreScript is restore. KEYS as claimScript's; ARGV: now, owner,
// revision seen, the claim's since, expires and until ("" for expires:
// leave the claim alone), the note's member in the live claims.
var restoreScript = redis.NewScript(`
local d = redis.call('HMGET', KEYS[3], 'r', 'b')
if d[2] == ARGV[2] and d[1] == ARGV[3] then
  redis.call('DEL', KEYS[3])
end
if ARGV[5] == '' then
  return 0
end
local now, e = tonumber(ARGV[1]), tonumber(ARGV[5])
local c = redis.call('HMGET', KEYS[1], 'o', 'e')
if c[1] and c[1] ~= ARGV[2] and now < tonumber(c[2]) then
  return 0
end
if e <= now then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[7])
  return 1
end
redis.call('HSET', KEYS[1], 'o', ARGV[2], 's', ARGV[4], 'e', ARGV[5], 'u', ARGV[6])
redis.call('PEXPIRE', KEYS[1], string.format('%.0f', e - now))
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[7])
return 1
`)

// releaseScript is release. KEYS: the claim, the live claims; ARGV: the
// owner, the note's member in the live claims.
var releaseScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'o') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[2])
end
return 0
`)

func (s *redisState) claimKeys(noteID string) (keys []string, member string) {
	member = redisconn.KeyID(noteID)
	return []string{s.prefix + "c:" + member, s.prefix + "claims", s.prefix + "d:" + member}, member
}

func (s *redisState) claim(ctx context.Context, noteID, owner string) (Claim, error) {
	return s.runClaim(ctx, "claim", noteID, owner, 0, false)
}

func (s *redisState) touch(ctx context.Context, noteID, owner string) (Claim, error) {
	return s.runClaim(ctx, "touch", noteID, owner, 0, false)
}

func (s *redisState) take(ctx context.Context, noteID, owner string, seen int64, keep bool) (Claim, error) {
	return s.runClaim(ctx, "take", noteID, owner, seen, keep)
}

// runClaim runs claimScript in mode and reads its answer.
func (s *redisState) runClaim(ctx context.Context, mode, noteID, owner string, seen int64, keep bool) (Claim, error) {
	keys, member := s.claimKeys(noteID)
	keepArg := "0"
	if keep {
		keepArg = "1"
	}
	var reply []any
	err := s.call(ctx, "claims "+mode, func(ctx context.Context) error {
		var err error
		reply, err = claimScript.Run(ctx, s.client, keys, mode, ms(s.clock()), owner,
			s.claimsCfg.Idle.Milliseconds(), s.claimsCfg.MaxHold.Milliseconds(), s.claimsCfg.Max,
			member, strconv.FormatInt(seen, 10), keepArg).Slice()
		if err == nil && len(reply) == 0 {
			err = errUnexpected
		}
		return err
	})
	if err != nil {
		return Claim{}, err
	}
	switch status, _ := reply[0].(string); status {
	case "ok":
		return claimOf(noteID, reply[1:])
	case "claimed":
		cl, err := claimOf(noteID, reply[1:])
		if err != nil {
			return Claim{}, err
		}
		return Claim{}, &ClaimedError{Claim: cl}
	case "decided":
		by, _ := reply[1].(string)
		return Claim{}, fmt.Errorf("%w by %s: reload it", ErrDecided, by)
	case "none":
		return Claim{}, ErrNoClaim
	case "full":
		return Claim{}, ErrTooManyClaims
	}
	return Claim{}, fmt.Errorf("%w: %v", errUnexpected, reply)
}

// claimOf reads owner, since, expires and until of a script's answer.
func claimOf(noteID string, f []any) (Claim, error) {
	if len(f) != 4 {
		return Claim{}, fmt.Errorf("%w: %v", errUnexpected, f)
	}
	owner, _ := f[0].(string)
	cl := Claim{NoteID: noteID, Owner: owner}
	var errs []error
	for i, dst := range []*time.Time{&cl.Since, &cl.Expires, &cl.Until} {
		var err error
		*dst, err = fromMS(f[i+1])
		errs = append(errs, err)
	}
	return cl, errors.Join(errs...)
}

func (s *redisState) restore(ctx context.Context, cl Claim, seen int64) error {
	keys, member := s.claimKeys(cl.NoteID)
	expires := ""
	if !cl.Expires.IsZero() {
		expires = ms(cl.Expires)
	}
	return s.call(ctx, "claims restore", func(ctx context.Context) error {
		return restoreScript.Run(ctx, s.client, keys, ms(s.clock()), cl.Owner, strconv.FormatInt(seen, 10),
			ms(cl.Since), expires, ms(cl.Until), member).Err()
	})
}

func (s *redisState) release(ctx context.Context, noteID, owner string) error {
	keys, member := s.claimKeys(noteID)
	return s.call(ctx, "claims release", func(ctx context.Context) error {
		return releaseScript.Run(ctx, s.client, keys[:2], owner, member).Err()
	})
}

// live reads the claims of noteIDs in one round trip.
func (s *redisState) live(ctx context.Context, noteIDs ...string) (map[string]Claim, error) {
	out := make(map[string]Claim, len(noteIDs))
	if len(noteIDs) == 0 {
		return out, nil
	}
	now := s.clock()
	err := s.call(ctx, "claims read", func(ctx context.Context) error {
		pipe := s.client.Pipeline()
		cmds := make([]*redis.SliceCmd, len(noteIDs))
		for i, id := range noteIDs {
			keys, _ := s.claimKeys(id)
			cmds[i] = pipe.HMGet(ctx, keys[0], "o", "s", "e", "u")
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return err
		}
		for i, cmd := range cmds {
			f := cmd.Val()
			if len(f) != 4 || f[0] == nil {
				continue
			}
			cl, err := claimOf(noteIDs[i], f)
			if err != nil {
				return err
			}
			if alive(cl, now) {
				out[noteIDs[i]] = cl
			}
		}
		return nil
	})
	return out, err
}
