package desk

import (
	"context"
	"encoding/hex"
	"time"

	"github.com/redis/go-redis/v9"
)

// loginLease is how long an attempt under way counts in Redis: a replica
// that dies between begin and finish leaves its attempt counted that long
// at most. A password check takes well under a second.
const loginLease = 10 * time.Second

// loginScriptLib is shared by loginBeginScript and loginFinishScript: the
// rules of loginLimiter over hashes. KEYS: the count keys by last use,
// its sequence, then the count keys of the attempt. ARGV: now, max
// failures, max delay, max tracked, the lease, base delay (ms), then the
// script's own.
const loginScriptLib = `
local now, maxF, maxDelay = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local maxTracked, lease, base = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local function n(x) return string.format('%.0f', x) end
-- read returns a key's failures, attempts under way (those older than the
-- lease lapsed), last begin, lock end and last failure, or nil.
local function read(key)
  local h = redis.call('HMGET', key, 'f', 'i', 'b', 'u', 'l')
  if not h[1] then return nil end
  local f, i, b, u, l = tonumber(h[1]), tonumber(h[2]), tonumber(h[3]), tonumber(h[4]), tonumber(h[5])
  if i > 0 and now - b >= lease then i = 0 end
  return f, i, b, u, l
end
local function used(key)
  redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), key)
end
local function forget(key)
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[1], key)
end
-- touch returns a key's count, creating it (and forgetting the least
-- recently used key when full), and marks it most recently used.
local function touch(key)
  local f, i, b, u, l = read(key)
  if not f then
    while redis.call('ZCARD', KEYS[1]) >= maxTracked do
      local oldest = redis.call('ZPOPMIN', KEYS[1])
      redis.call('DEL', oldest[1])
    end
    f, i, b, u, l = 0, 0, 0, 0, 0
  end
  used(key)
  return f, i, b, u, l
end
-- write stores a count until it would be forgotten (or its attempt's
-- lease ends).
local function write(key, f, i, b, u, l)
  redis.call('HSET', key, 'f', n(f), 'i', n(i), 'b', n(b), 'u', n(u), 'l', n(l))
  redis.call('PEXPIRE', key, n(math.max(math.max(u, l) + maxDelay - now, lease, 1)))
end
`

// loginBeginScript is begin: it answers 0 when the attempt may go on, or
// how long to wait (ms).
var loginBeginScript = redis.NewScript(loginScriptLib + `
local wait = 0
for k = 3, #KEYS do
  local f, i, b, u, l = read(KEYS[k])
  if f then
    if i == 0 and now >= math.max(u, l) + maxDelay then
      forget(KEYS[k])
    else
      -- A key under attack stays tracked over quieter ones.
      used(KEYS[k])
      if now < u then
        wait = math.max(wait, u - now)
      elseif (f < maxF and f + i >= maxF) or (f >= maxF and i > 0) then
        wait = math.max(wait, 1000)
      end
    end
  end
end
if wait > 0 then
  return wait
end
for k = 3, #KEYS do
  local f, i, b, u, l = touch(KEYS[k])
  write(KEYS[k], f, i + 1, now, u, l)
end
return 0
`)

// loginFinishScript is finish. ARGV after the common ones: "1" for a
// failure, the key a success clears.
var loginFinishScript = redis.NewScript(loginScriptLib + `
local failed, clear = ARGV[7] == '1', ARGV[8]
for k = 3, #KEYS do
  local f, i, b, u, l = touch(KEYS[k])
  i = math.max(0, i - 1)
  if not failed and KEYS[k] == clear then
    forget(KEYS[k])
  else
    if failed then
      f, l = f + 1, now
      if f >= maxF then
        local d = base
        for j = maxF, f - 1 do
          if d >= maxDelay then break end
          d = d * 2
        end
        u = now + math.min(d, maxDelay)
      end
    end
    write(KEYS[k], f, i, b, u, l)
  end
end
return 0
`)

func (s *redisState) loginKeys(keys []string) []string {
	out := []string{s.prefix + "logins", s.prefix + "logins:seq"}
	for _, k := range keys {
		out = append(out, s.loginKey(k))
	}
	return out
}

func (s *redisState) loginKey(k string) string {
	return s.prefix + "l:" + hex.EncodeToString([]byte(k))
}

func (s *redisState) loginArgs(extra ...any) []any {
	return append([]any{ms(s.clock()), s.login.MaxFailures, s.login.MaxDelay.Milliseconds(), s.login.MaxTracked,
		loginLease.Milliseconds(), s.login.BaseDelay.Milliseconds()}, extra...)
}

func (s *redisState) begin(ctx context.Context, keys ...string) (time.Duration, bool, error) {
	var wait int64
	err := s.call(ctx, "login begin", func(ctx context.Context) error {
		var err error
		wait, err = loginBeginScript.Run(ctx, s.client, s.loginKeys(keys), s.loginArgs()...).Int64()
		return err
	})
	if err != nil {
		return 0, false, err
	}
	return time.Duration(wait) * time.Millisecond, wait == 0, nil
}

func (s *redisState) finish(ctx context.Context, failed bool, clear string, keys ...string) error {
	f := "0"
	if failed {
		f = "1"
	}
	return s.call(ctx, "login finish", func(ctx context.Context) error {
		return loginFinishScript.Run(ctx, s.client, s.loginKeys(keys), s.loginArgs(f, s.loginKey(clear))...).Err()
	})
}
