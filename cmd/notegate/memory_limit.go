package main

import (
	"log/slog"
	"math"
	"runtime/debug"
	"strings"

	"github.com/notegate/notegate/config"
)

// memoryLimit decides the runtime's soft memory limit: none (math.MaxInt64)
// unless the configuration gives one, and never over GOMEMLIMIT, which the
// runtime has applied itself before main when it is set. It says where the
// limit comes from: "GOMEMLIMIT", "memory_limit" or "".
func memoryLimit(configured config.Bytes, getenv func(string) string) (limit int64, from string) {
	if strings.TrimSpace(getenv("GOMEMLIMIT")) != "" {
		return -1, "GOMEMLIMIT" // -1: keep what the runtime has
	}
	if configured > 0 {
		return int64(configured), "memory_limit"
	}
	return math.MaxInt64, ""
}

// applyMemoryLimit sets the soft memory limit that memoryLimit decides and
// logs it when there is one.
func applyMemoryLimit(configured config.Bytes, getenv func(string) string, log *slog.Logger) {
	limit, from := memoryLimit(configured, getenv)
	if from == "memory_limit" {
		debug.SetMemoryLimit(limit)
	}
	if from != "" {
		log.Info("soft memory limit", "bytes", debug.SetMemoryLimit(-1), "from", from)
	}
}
