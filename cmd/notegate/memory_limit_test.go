package main

import (
	"io"
	"log/slog"
	"math"
	"runtime/debug"
	"testing"

	"github.com/notegate/notegate/config"
)

func TestMemoryLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		configured config.Bytes
		env        map[string]string
		want       int64
		wantFrom   string
	}{
		{"nothing set leaves the runtime without a limit", 0, nil, math.MaxInt64, ""},
		{"memory_limit sets the limit", 300 << 20, nil, 300 << 20, "memory_limit"},
		{"GOMEMLIMIT wins over memory_limit", 300 << 20, map[string]string{"GOMEMLIMIT": "200MiB"}, -1, "GOMEMLIMIT"},
		{"GOMEMLIMIT alone is kept as the runtime read it", 0, map[string]string{"GOMEMLIMIT": "off"}, -1, "GOMEMLIMIT"},
		{"an empty GOMEMLIMIT does not count", 300 << 20, map[string]string{"GOMEMLIMIT": " "}, 300 << 20, "memory_limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, from := memoryLimit(tt.configured, func(k string) string { return tt.env[k] })
			if got != tt.want || from != tt.wantFrom {
				t.Errorf("memoryLimit = %d, %q; want %d, %q", got, from, tt.want, tt.wantFrom)
			}
		})
	}
}

// Not parallel: it sets the process's memory limit, and puts it back.
func TestApplyMemoryLimitSetsTheRuntimeLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	applyMemoryLimit(512<<20, func(string) string { return "" }, log)
	if got := debug.SetMemoryLimit(-1); got != 512<<20 {
		t.Errorf("limit after memory_limit 512MiB = %d", got)
	}
	applyMemoryLimit(256<<20, func(k string) string { return map[string]string{"GOMEMLIMIT": "1GiB"}[k] }, log)
	if got := debug.SetMemoryLimit(-1); got != 512<<20 {
		t.Errorf("limit after GOMEMLIMIT and memory_limit 256MiB = %d, want it untouched (512MiB)", got)
	}
}
