package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/notegate/notegate/internal/devbroker"
)

// TestServiceServesProbesAndMetricsOnTheOpsListener starts the service
// with http.ops_addr: that listener answers the probes and /metrics and
// nothing else, and the main listener applies the search window.
func TestServiceServesProbesAndMetricsOnTheOpsListener(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	t.Parallel()
	b, err := devbroker.Start(devbroker.Config{Partitions: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	cfg := serviceConfig(t, b.Addrs())
	cfg.HTTP.OpsAddr = "127.0.0.1:0"
	svc, err := startService(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("service: %v", err)
		}
	}()
	waitReadyz(t, svc, http.StatusOK, `"status":"ok"`)
	get := func(addr, path string) (int, string) {
		t.Helper()
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	main, ops := svc.httpLn.Addr().String(), svc.opsLn.Addr().String()
	if code, body := get(main, "/api/search?q=hotpot&offset=2000"); code != http.StatusBadRequest || !strings.Contains(body, "cursor") {
		t.Errorf("a search past the window: %d %s, want 400 pointing to the cursor", code, body)
	}
	if code, body := get(main, "/api/search?q=hotpot"); code != http.StatusOK || !strings.Contains(body, `"hits":[]`) {
		t.Errorf("a search: %d %s, want 200 with no hits", code, body)
	}
	for _, path := range []string{"/healthz", "/readyz", "/livez", "/metrics"} {
		if code, _ := get(ops, path); code != http.StatusOK {
			t.Errorf("ops %s: %d, want 200", path, code)
		}
	}
	if code, _ := get(ops, "/api/search?q=hotpot"); code != http.StatusNotFound {
		t.Errorf("ops /api/search: %d, want 404", code)
	}
	_, metrics := get(ops, "/metrics")
	for _, want := range []string{`notegate_search_requests_total{outcome="bad_request"} 1`, `notegate_search_requests_total{outcome="ok"} 1`,
		"notegate_search_admitted_total 1", "notegate_review_queue_refreshed_timestamp_seconds", "notegate_index_search_lag_notes "} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
