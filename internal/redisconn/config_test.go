package redisconn

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/internal/breaker"
)

// testDefaults are a user's defaults that differ from the common ones in
// everything but the breaker's cooldown.
var testDefaults = Defaults{
	KeyPrefix:   "test:",
	DialTimeout: 300 * time.Millisecond, ReadTimeout: 100 * time.Millisecond, WriteTimeout: 50 * time.Millisecond,
	PoolSize: 4,
	Breaker:  breaker.Config{Failures: 2},
}

func TestConfigWithDefaults(t *testing.T) {
	t.Parallel()
	set := Config{
		Addr: "redis:6379", Username: "u", DB: 2, KeyPrefix: "mine:",
		DialTimeout: time.Second, ReadTimeout: 2 * time.Second, WriteTimeout: 3 * time.Second,
		PoolSize: 7, Breaker: breaker.Config{Failures: 1, Cooldown: time.Minute},
	}
	tests := []struct {
		name string
		cfg  Config
		d    Defaults
		want Config
	}{
		{"every zero field takes the user's default", Config{Addr: "redis:6379"}, testDefaults, Config{
			Addr: "redis:6379", KeyPrefix: "test:",
			DialTimeout: 300 * time.Millisecond, ReadTimeout: 100 * time.Millisecond, WriteTimeout: 50 * time.Millisecond,
			PoolSize: 4, Breaker: breaker.Config{Failures: 2, Cooldown: 5 * time.Second},
		}},
		{"what the user leaves zero takes the common default", Config{Addr: "redis:6379"}, Defaults{KeyPrefix: "p:"}, Config{
			Addr: "redis:6379", KeyPrefix: "p:",
			DialTimeout: 200 * time.Millisecond, ReadTimeout: 200 * time.Millisecond, WriteTimeout: 200 * time.Millisecond,
			PoolSize: 10, Breaker: breaker.Config{Failures: 3, Cooldown: 5 * time.Second},
		}},
		{"set fields are kept", set, testDefaults, set},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			if got := tt.cfg.WithDefaults(tt.d); got != tt.want {
				t.Errorf("WithDefaults = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     Config
		wantErr string // "" for valid
	}{
		{"no addr is valid: redis is off", Config{DB: -1}, ""},
		{"an addr with a port is enough", Config{Addr: "redis:6379"}, ""},
		{"an addr without a port is refused", Config{Addr: "redis"}, "addr"},
		{"an addr with an empty port is refused", Config{Addr: "redis:"}, "addr"},
		{"a negative db is refused", Config{Addr: "redis:6379", DB: -1}, "db"},
		{"a negative read timeout is refused", Config{Addr: "redis:6379", ReadTimeout: -time.Second}, "read_timeout"},
		{"a negative dial timeout is refused", Config{Addr: "redis:6379", DialTimeout: -time.Second}, "dial_timeout"},
		{"a negative pool size is refused", Config{Addr: "redis:6379", PoolSize: -1}, "pool_size"},
		{"a negative breaker cooldown is refused", Config{Addr: "redis:6379", Breaker: breaker.Config{Cooldown: -time.Second}}, "breaker"},
	}
	check := func(t *testing.T, err error, wantErr string) {
		t.Helper()
		switch {
		case wantErr == "" && err != nil:
			t.Errorf("Validate: %v", err)
		case wantErr != "" && (err == nil || !strings.Contains(err.Error(), wantErr)):
			t.Errorf("Validate = %v, want an error about %q", err, wantErr)
		}
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(strings.ReplaceAll(tt.name, " ", "_"), ":", ""), func(t *testing.T) {
			t.Parallel()
			check(t, tt.cfg.WithDefaults(testDefaults).Validate(), tt.wantErr)
			// The user's defaults are valid: a zero field is as valid before.
			check(t, tt.cfg.Validate(), tt.wantErr)
		})
	}
}

// embedder is how the service's packages use Config: inline, beside keys
// of their own.
type embedder struct {
	Config `yaml:",inline"`
	TTL    time.Duration `yaml:"ttl"`
}

func TestConfigEmbeddedInline(t *testing.T) {
	t.Parallel()
	decode := func(doc string) (embedder, error) {
		dec := yaml.NewDecoder(strings.NewReader(doc))
		dec.KnownFields(true)
		var e embedder
		err := dec.Decode(&e)
		return e, err
	}
	t.Run("its_keys_stand_beside_the_embedder's", func(t *testing.T) {
		t.Parallel()
		e, err := decode("addr: redis:6379\nkey_prefix: \"p:\"\nttl: 1h\nbreaker: {failures: 2, cooldown: 3s}\n")
		if err != nil {
			t.Fatal(err)
		}
		if e.Addr != "redis:6379" || e.KeyPrefix != "p:" || e.TTL != time.Hour || e.Breaker != (breaker.Config{Failures: 2, Cooldown: 3 * time.Second}) {
			t.Errorf("decoded %+v", e)
		}
	})
	t.Run("the_password_cannot_come_from_the_file", func(t *testing.T) {
		t.Parallel()
		e, err := decode("addr: redis:6379\npassword: hunter2\n")
		if err == nil || e.Password != "" {
			t.Errorf("password read from YAML (err %v, password %q)", err, e.Password)
		}
	})
}

func TestConfigKeepsThePasswordOutOfLogs(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "redis", Config{Addr: "redis:6379", Password: "hunter2"})
	if strings.Contains(buf.String(), "hunter2") || !strings.Contains(buf.String(), "redis.password=[redacted]") {
		t.Errorf("log line %q: want the password redacted", buf.String())
	}
}
