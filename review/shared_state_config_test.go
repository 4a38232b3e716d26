package review

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/internal/redisconn"
)

func TestSharedRedisConfigValidate(t *testing.T) {
	t.Parallel()
	redisAt := func(addr string, b SharedBreakerConfig) SharedRedisConfig {
		return SharedRedisConfig{Config: redisconn.Config{Addr: addr, Breaker: b}}
	}
	tests := []struct {
		name    string
		cfg     SharedRedisConfig
		wantErr string // "" for valid
	}{
		{"no addr keeps the state in process", SharedRedisConfig{}, ""},
		{"an addr with a port is enough", redisAt("redis:6379", SharedBreakerConfig{}), ""},
		{"an addr without a port is refused", redisAt("redis", SharedBreakerConfig{}), "shared_state.redis: addr"},
		{"a cooldown of a second is enough", redisAt("redis:6379", SharedBreakerConfig{Cooldown: time.Second}), ""},
		{"a cooldown under a second is refused as retry after counts whole seconds", redisAt("redis:6379", SharedBreakerConfig{Cooldown: 500 * time.Millisecond}), "Retry-After"},
		{"a negative cooldown is refused", redisAt("redis:6379", SharedBreakerConfig{Cooldown: -time.Second}), "cooldown not negative"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
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
}

func TestSharedRedisConfigDefaultsAndLogs(t *testing.T) {
	t.Parallel()
	got := SharedRedisConfig{Config: redisconn.Config{Addr: "redis:6379", Password: "s3cret"}}.WithDefaults()
	if got.KeyPrefix != DefaultSharedKeyPrefix || got.DialTimeout != DefaultSharedTimeout || got.ReadTimeout != DefaultSharedTimeout ||
		got.WriteTimeout != DefaultSharedTimeout || got.PoolSize != DefaultSharedPoolSize ||
		got.Breaker != (SharedBreakerConfig{Failures: DefaultSharedBreakerFailures, Cooldown: DefaultSharedBreakerCooldown}) {
		t.Errorf("defaults not applied: %+v", got)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "redis", got)
	if strings.Contains(buf.String(), "s3cret") || !strings.Contains(buf.String(), "redis.addr=redis:6379") {
		t.Errorf("log line %q: want the addr and not the password", buf.String())
	}
}
