package translate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/internal/redisconn"
	"github.com/notegate/notegate/internal/redistest"
	"github.com/notegate/notegate/models"
)

func sharedOf(t testing.TB, s *Stage) *RedisCache {
	t.Helper()
	rc, ok := s.shared.(*RedisCache)
	if !ok {
		t.Fatalf("stage shared tier is %T, want *RedisCache", s.shared)
	}
	return rc
}

func redisStage(t testing.TB, cfg Config, p Provider) (*Stage, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	s, err := New(cfg, []Provider{p}, slog.New(slog.DiscardHandler), WithMetrics(reg))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, reg
}

func frenchConfig(redisCfg RedisCacheConfig) Config {
	return Config{Targets: []string{"en"}, Providers: []string{"fake"}, Cache: CacheConfig{Redis: redisCfg}}
}

func process(t *testing.T, s *Stage, n *models.Note) models.Translation {
	t.Helper()
	// A guard against a stall, not a measurement: a healthy run takes
	// milliseconds whatever state Redis is in.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := s.Process(ctx, []*models.Note{n}); err != nil {
		t.Fatalf("Process: %v", err)
	}
	return n.Translations["en"]
}

func TestRedisCacheSharesTranslationsBetweenReplicas(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	rcfg := RedisCacheConfig{Config: redisconn.Config{Addr: srv.Addr, KeyPrefix: "test:replicas:"}, TTL: time.Hour}
	first := &fakeProvider{name: "fake", pairs: map[string]bool{"fr-en": true}}
	second := &fakeProvider{name: "fake", pairs: map[string]bool{"fr-en": true}}
	a, _ := redisStage(t, frenchConfig(rcfg), first)
	b, regB := redisStage(t, frenchConfig(rcfg), second) // its own, empty LRU: another replica

	want := process(t, a, note("fr", "Bonjour", "Le monde est  grand"))
	if want.Status != models.TranslationOK || len(first.batches) != 1 {
		t.Fatalf("first replica: %+v after %d provider calls, want ok after 1", want, len(first.batches))
	}
	got := process(t, b, note("fr", "Bonjour", "Le monde est grand")) // normalizes alike
	if got != want {
		t.Errorf("second replica got %+v, want %+v", got, want)
	}
	if len(second.batches) != 0 {
		t.Errorf("second replica called its provider %d times, want 0 (served from Redis)", len(second.batches))
	}
	if hits := counterValue(t, regB, "notegate_translate_shared_cache_lookups_total", "hit"); hits != 2 {
		t.Errorf("second replica's shared hits = %v, want 2 (title and body)", hits)
	}

	// The second replica filled its LRU from Redis: no Redis round trip now.
	process(t, b, note("fr", "Bonjour", "Le monde est grand"))
	if hits := counterValue(t, regB, "notegate_translate_shared_cache_lookups_total", "hit"); hits != 2 {
		t.Errorf("repeated note went to Redis again (shared hits %v, want 2)", hits)
	}

	c := srv.Client(t)
	for _, text := range []string{"Bonjour", "Le monde est grand"} {
		key := rcfg.KeyPrefix + newCacheKey(NormalizeText(text), "fr", "en", "fake").String()
		ttl, err := c.TTL(context.Background(), key).Result()
		if err != nil {
			t.Fatalf("TTL %s: %v", key, err)
		}
		if ttl <= 0 || ttl > rcfg.TTL {
			t.Errorf("TTL of %q = %v, want within (0, %v]", text, ttl, rcfg.TTL)
		}
	}
}

func TestRedisCacheDownFallsBackToProvider(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	rcfg := RedisCacheConfig{Config: redisconn.Config{Addr: srv.Addr, KeyPrefix: "test:down:",
		Breaker: BreakerConfig{Failures: 3, Cooldown: time.Hour}}} // no probe during the test
	p := &fakeProvider{name: "fake", pairs: map[string]bool{"fr-en": true}}
	s, reg := redisStage(t, frenchConfig(rcfg), p)
	rc := sharedOf(t, s)

	if tr := process(t, s, note("fr", "Avant la panne", "")); tr.Status != models.TranslationOK {
		t.Fatalf("before the crash: %+v", tr)
	}
	srv.Kill()

	const notes = 8
	started := time.Now()
	for i := range notes {
		text := fmt.Sprintf("Après la panne numéro %d", i)
		tr := process(t, s, note("fr", text, ""))
		if tr.Status != models.TranslationOK || tr.Title != "fake:"+strings.ToUpper(text) {
			t.Fatalf("note %d with Redis dead: %+v, want the provider's translation", i, tr)
		}
	}
	t.Logf("%d notes with Redis dead in %v", notes, time.Since(started))
	if calls := len(p.batches); calls != notes+1 {
		t.Errorf("provider called %d times, want %d (one per distinct text)", calls, notes+1)
	}
	if st := rc.BreakerState(); st != BreakerOpen {
		t.Errorf("breaker %v after Redis died, want open", st)
	}
	failed := counterValue(t, reg, "notegate_translate_shared_cache_errors_total", "get") +
		counterValue(t, reg, "notegate_translate_shared_cache_errors_total", "set")
	if failed != float64(rcfg.Breaker.Failures) {
		t.Errorf("%v calls reached the dead Redis, want exactly %d before the breaker opened", failed, rcfg.Breaker.Failures)
	}
	if skipped := counterValue(t, reg, "notegate_translate_shared_cache_skipped_total", "get"); skipped == 0 {
		t.Error("no lookup skipped while the breaker was open")
	}
	// The in-process tier still answers.
	process(t, s, note("fr", "Avant la panne", ""))
	if calls := len(p.batches); calls != notes+1 {
		t.Errorf("a text in the LRU was sent again (%d calls)", calls)
	}
}

func TestRedisCacheGetAndSet(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	c := srv.Client(t)
	ctx := context.Background()
	rc, err := NewRedisCache(RedisCacheConfig{Config: redisconn.Config{Addr: srv.Addr, KeyPrefix: "test:kv:"}, MaxValueBytes: 16}, nil, prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rc.Close() })
	if err := rc.Set(ctx, map[string]string{"short": "hello", "long": strings.Repeat("x", 17)}); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if err := c.Set(ctx, "test:kv:planted-long", strings.Repeat("y", 17), 0).Err(); err != nil {
		t.Fatal(err)
	}
	if err := c.Set(ctx, "test:kv:planted-binary", "\xff\xfe", 0).Err(); err != nil {
		t.Fatal(err)
	}
	got, err := rc.Get(ctx, []string{"short", "long", "planted-long", "planted-binary", "absent"})
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	tests := []struct {
		name, key string
		want      string
		found     bool
	}{
		{"a_value_within_bounds_is_served", "short", "hello", true},
		{"a_value_over_the_bound_is_not_written", "long", "", false},
		{"a_value_over_the_bound_found_in_redis_is_a_miss", "planted-long", "", false},
		{"a_value_that_is_not_utf8_is_a_miss", "planted-binary", "", false},
		{"an_absent_key_is_a_miss", "absent", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if v, ok := got[tt.key]; ok != tt.found || v != tt.want {
				t.Errorf("Get[%q] = %q, %v; want %q, %v", tt.key, v, ok, tt.want, tt.found)
			}
		})
	}
	if n, err := c.Exists(ctx, "test:kv:long").Result(); err != nil || n != 0 {
		t.Errorf("oversized value stored (exists %d, err %v)", n, err)
	}
	ttl, err := c.TTL(ctx, "test:kv:short").Result()
	if err != nil || ttl <= DefaultRedisTTL-time.Hour || ttl > DefaultRedisTTL {
		t.Errorf("TTL with the default config = %v (err %v), want about %v", ttl, err, DefaultRedisTTL)
	}
}

func TestRedisCacheCancelledCallerDoesNotOpenTheBreaker(t *testing.T) {
	t.Parallel()
	rc, err := NewRedisCache(RedisCacheConfig{Config: redisconn.Config{Addr: "127.0.0.1:1", Breaker: BreakerConfig{Failures: 1}}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rc.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := rc.Get(ctx, []string{"k"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Get with a cancelled context: %v, want context.Canceled", err)
	}
	if st := rc.BreakerState(); st != BreakerClosed {
		t.Errorf("breaker %v after the caller gave up, want closed", st)
	}
	// A real failure (nothing listens on port 1) does count.
	if _, err := rc.Get(context.Background(), []string{"k"}); err == nil {
		t.Error("Get from a closed port succeeded")
	}
	if st := rc.BreakerState(); st != BreakerOpen {
		t.Errorf("breaker %v after a failure with failures=1, want open", st)
	}
	if got, err := rc.Get(context.Background(), []string{"k"}); err != nil || len(got) != 0 {
		t.Errorf("Get while open = %v, %v; want nothing and no error", got, err)
	}
}

func TestRedisCacheConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"no_addr_leaves_the_tier_off", Config{}, ""},
		{"an_addr_with_a_port_is_enough", Config{Cache: CacheConfig{Redis: RedisCacheConfig{Config: redisconn.Config{Addr: "redis:6379"}}}}, ""},
		{"an_addr_without_a_port_is_rejected", Config{Cache: CacheConfig{Redis: RedisCacheConfig{Config: redisconn.Config{Addr: "redis"}}}}, "not host:port"},
		{"a_negative_db_is_rejected", Config{Cache: CacheConfig{Redis: RedisCacheConfig{Config: redisconn.Config{Addr: "redis:6379", DB: -1}}}}, "db"},
		{"a_ttl_under_a_second_is_rejected", Config{Cache: CacheConfig{Redis: RedisCacheConfig{Config: redisconn.Config{Addr: "redis:6379"}, TTL: time.Millisecond}}}, "ttl"},
		{"a_negative_timeout_is_rejected", Config{Cache: CacheConfig{Redis: RedisCacheConfig{Config: redisconn.Config{Addr: "redis:6379", ReadTimeout: -time.Second}}}}, "timeout"},
		{"the_cache_off_with_redis_is_a_contradiction", Config{Cache: CacheConfig{Off: true, Redis: RedisCacheConfig{Config: redisconn.Config{Addr: "redis:6379"}}}}, "off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.cfg.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Validate = %v, want an error about %q", err, tt.wantErr)
			}
		})
	}

	t.Run("defaults_fill_an_enabled_tier_only", func(t *testing.T) {
		t.Parallel()
		if got := (Config{}).WithDefaults().Cache.Redis; got != (RedisCacheConfig{}) {
			t.Errorf("off tier got defaults: %+v", got)
		}
		got := Config{Cache: CacheConfig{Redis: RedisCacheConfig{Config: redisconn.Config{Addr: "redis:6379"}}}}.WithDefaults().Cache.Redis
		if got.KeyPrefix != "notegate:tr:" || got.TTL != 720*time.Hour || got.MaxValueBytes != 256<<10 ||
			got.DialTimeout != 200*time.Millisecond || got.ReadTimeout != 200*time.Millisecond || got.WriteTimeout != 200*time.Millisecond ||
			got.PoolSize != 10 || got.Breaker != (BreakerConfig{Failures: 3, Cooldown: 5 * time.Second}) {
			t.Errorf("defaults not applied: %+v", got)
		}
	})
	t.Run("the_password_cannot_come_from_the_file", func(t *testing.T) {
		t.Parallel()
		dec := yaml.NewDecoder(strings.NewReader("addr: redis:6379\npassword: hunter2\n"))
		dec.KnownFields(true)
		var c RedisCacheConfig
		if err := dec.Decode(&c); err == nil || c.Password != "" {
			t.Errorf("password read from YAML (err %v, password %q)", err, c.Password)
		}
	})
	t.Run("the_password_is_not_logged", func(t *testing.T) {
		t.Parallel()
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "redis", RedisCacheConfig{Config: redisconn.Config{Addr: "redis:6379", Password: "hunter2"}})
		if strings.Contains(buf.String(), "hunter2") {
			t.Errorf("password in log line %q", buf.String())
		}
	})
}

func BenchmarkRedisCacheGet(b *testing.B) {
	srv := redistest.Start(b)
	rc, err := NewRedisCache(RedisCacheConfig{Config: redisconn.Config{Addr: srv.Addr}}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer rc.Close()
	ctx := context.Background()
	entries := make(map[string]string, 64)
	keys := make([]string, 0, 64)
	for i := range 64 {
		k := newCacheKey(fmt.Sprintf("text %d", i), "fr", "en", "fake").String()
		entries[k] = strings.Repeat("translation ", 10)
		keys = append(keys, k)
	}
	if err := rc.Set(ctx, entries); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		got, err := rc.Get(ctx, keys)
		if err != nil || len(got) != len(keys) {
			b.Fatalf("Get: %d of %d, %v", len(got), len(keys), err)
		}
	}
}
