package desk

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/internal/breaker"
)

func TestSharedStateConfigValidate(t *testing.T) {
	t.Parallel()
	redisAt := func(addr string, b breaker.Config) SharedStateConfig {
		return SharedStateConfig{Redis: SharedRedisConfig{Addr: addr, Breaker: b}}
	}
	tests := []struct {
		name    string
		cfg     SharedStateConfig
		wantErr string // "" for valid
	}{
		{"no addr keeps the state in process", SharedStateConfig{}, ""},
		{"an addr with a port is enough", redisAt("redis:6379", breaker.Config{}), ""},
		{"an addr without a port is refused", redisAt("redis", breaker.Config{}), "shared_state.redis: addr"},
		{"a cooldown of a second is enough", redisAt("redis:6379", breaker.Config{Cooldown: time.Second}), ""},
		{"a cooldown under a second is refused as retry after counts whole seconds", redisAt("redis:6379", breaker.Config{Cooldown: 500 * time.Millisecond}), "Retry-After"},
		{"a negative cooldown is refused", redisAt("redis:6379", breaker.Config{Cooldown: -time.Second}), "cooldown not negative"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			for _, cfg := range []SharedStateConfig{tt.cfg, tt.cfg.WithDefaults()} {
				if err := cfg.Validate(); tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
					t.Errorf("Validate(%+v) = %v, want an error about %q", cfg.Redis, err, tt.wantErr)
				}
			}
		})
	}
}

func TestSharedStateConfigDefaultsAndLogs(t *testing.T) {
	t.Parallel()
	if got := (SharedStateConfig{}).WithDefaults(); got != (SharedStateConfig{}) {
		t.Errorf("in-process state got defaults: %+v", got.Redis)
	}
	got := SharedStateConfig{Redis: SharedRedisConfig{Addr: "redis:6379", Password: "s3cret"}}.WithDefaults().Redis
	if got.KeyPrefix != "notegate:review:" || got.DialTimeout != 200*time.Millisecond || got.ReadTimeout != 200*time.Millisecond ||
		got.WriteTimeout != 200*time.Millisecond || got.PoolSize != 10 ||
		got.Breaker != (breaker.Config{Failures: 3, Cooldown: 5 * time.Second}) {
		t.Errorf("defaults not the documented ones: %+v", got)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "redis", got)
	if strings.Contains(buf.String(), "s3cret") || !strings.Contains(buf.String(), "redis.addr=redis:6379") {
		t.Errorf("log line %q: want the addr and not the password", buf.String())
	}
}
