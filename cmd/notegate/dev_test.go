package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
)

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestDevModeFindsChineseSamplesByEnglishWords runs `notegate dev` and
// searches its bundled samples the way a newcomer would.
func TestDevModeFindsChineseSamplesByEnglishWords(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	httpAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"dev", "--kafka-port", fmt.Sprint(freePort(t)), "--http", httpAddr, "--data", t.TempDir(), "--log-level", "warn"}, nil, io.Discard, io.Discard)
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("dev: %v", err)
		}
	}()

	base := "http://" + httpAddr
	poll(t, "healthz", func() bool {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	for _, q := range []string{"hotpot", "cat", "panda"} {
		var res models.SearchResult
		poll(t, "search "+q, func() bool {
			res = models.SearchResult{}
			resp, err := http.Get(base + "/api/search?market=intl&q=" + url.QueryEscape(q))
			if err != nil {
				return false
			}
			defer resp.Body.Close()
			if json.NewDecoder(resp.Body).Decode(&res) != nil {
				return false
			}
			for _, h := range res.Hits {
				if h.Note.Language.Code == "zh" {
					return true
				}
			}
			return false
		})
		for _, h := range res.Hits {
			if h.Note.Moderation.Markets["intl"] != models.DecisionAllow {
				t.Errorf("search in intl returned %s, which intl does not allow", h.Note.NoteID)
			}
		}
	}
	resp, err := http.Get(base + "/api/search?q=hotpot&market=mars")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown market answered %d", resp.StatusCode)
	}
}

// poll waits for cond; the limit only keeps a broken build from hanging
// (startup speed is measured by hand and in bench, not asserted here).
func poll(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
