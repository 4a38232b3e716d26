package moderate

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
)

// moderationsServer speaks POST /v1/moderations and flags bodies that
// contain "threat".
func moderationsServer(t *testing.T, wantKey string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/moderations" {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		if wantKey != "" && r.Header.Get("Authorization") != "Bearer "+wantKey {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		var req struct {
			Model string `json:"model"`
			Input string `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Model == "" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		score := 0.01
		if strings.Contains(req.Input, "threat") {
			score = 0.97
		}
		json.NewEncoder(w).Encode(map[string]any{
			"id": "modr-1", "model": req.Model,
			"results": []map[string]any{{
				"flagged":    score > 0.5,
				"categories": map[string]bool{"harassment/threatening": score > 0.5, "sexual": false},
				"category_scores": map[string]float64{
					"harassment/threatening": score, "violence": score * 0.9, "sexual": 0.001, "self-harm/intent": 0.002,
				},
			}},
		})
	}))
}

// guardServer speaks POST /v1/chat/completions and answers with content.
func guardServer(t *testing.T, content func(note string) string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		var req struct {
			Messages []struct{ Role, Content string } `json:"messages"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) != 2 || req.Messages[0].Role != "system" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{
			"id": "chat-1", "object": "chat.completion",
			"choices": []map[string]any{{"index": 0, "message": map[string]string{"role": "assistant", "content": content(req.Messages[1].Content)}, "finish_reason": "stop"}},
		})
	}))
}

func remoteEndpoint(url string) RemoteEndpoint {
	return RemoteEndpoint{Enabled: true, URL: url, Timeout: 300 * time.Millisecond, BreakerFailures: 3, BreakerCooldown: time.Hour}.withDefaults("test-model")
}

func TestRemoteClassifierProtocols(t *testing.T) {
	t.Parallel()
	mod := moderationsServer(t, "sk-test")
	t.Cleanup(mod.Close)
	guard := guardServer(t, func(note string) string {
		if strings.Contains(note, "threat") {
			return "Sure.\n```json\n{\"safe\": false, \"categories\": {\"violence\": 0.92, \"made_up\": 1}}\n```"
		}
		return `{"safe": true, "categories": {}}`
	})
	t.Cleanup(guard.Close)
	modEP := remoteEndpoint(mod.URL + "/v1")
	modEP.APIKey = "sk-test"
	tests := []struct {
		name string
		c    *RemoteClassifier
		body string
		want map[models.Category]bool
	}{
		{"moderations maps threatening harassment to violence", NewRemoteClassifier("remote:moderations", modEP, moderationsProtocol{}, nil), "a threat to you", map[models.Category]bool{models.CategoryViolence: true}},
		{"moderations reports nothing on clean text", NewRemoteClassifier("remote:moderations", modEP, moderationsProtocol{}, nil), "a nice day", nil},
		{"guard verdict inside a code fence is read", NewRemoteClassifier("remote:guard", remoteEndpoint(guard.URL), guardProtocol{}, nil), "a threat to you", map[models.Category]bool{models.CategoryViolence: true}},
		{"guard safe verdict reports nothing", NewRemoteClassifier("remote:guard", remoteEndpoint(guard.URL), guardProtocol{}, nil), "a nice day", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Body: tt.body}}
			fs, err := tt.c.DetectNote(context.Background(), n, []*Text{NewText("body", tt.body)})
			if err != nil {
				t.Fatal(err)
			}
			got := map[models.Category]bool{}
			for _, f := range fs {
				got[f.Category] = true
				if f.Field != "body" || f.Score < 0.5 || f.Score > 1 {
					t.Errorf("finding %+v", f)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("categories %v, want %v", got, tt.want)
			}
			for c := range tt.want {
				if !got[c] {
					t.Errorf("missing %s in %v", c, got)
				}
			}
			if tt.c.Stats().OK.Load() != 1 {
				t.Errorf("stats ok %d", tt.c.Stats().OK.Load())
			}
		})
	}
}

func TestRemoteClassifierFallsBackToLocal(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(release) })
	var failingCalls atomic.Int64
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		failingCalls.Add(1)
		io.Copy(io.Discard, r.Body)
		http.Error(w, "overloaded", http.StatusServiceUnavailable)
	}))
	t.Cleanup(failing.Close)
	garbage := guardServer(t, func(string) string { return "I cannot help with that." })
	t.Cleanup(garbage.Close)

	tests := []struct {
		name   string
		url    string
		proto  remoteProtocol
		counts func(*RemoteStats) int64
	}{
		{"a slow server times out", slow.URL, moderationsProtocol{}, func(s *RemoteStats) int64 { return s.TimedOut.Load() }},
		{"a failing server is a failure", failing.URL, moderationsProtocol{}, func(s *RemoteStats) int64 { return s.Failed.Load() }},
		{"an answer without a verdict is a failure", garbage.URL, guardProtocol{}, func(s *RemoteStats) int64 { return s.Failed.Load() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := NewRemoteClassifier("remote:test", remoteEndpoint(tt.url), tt.proto, nil)
			s, err := New(Config{}, c)
			if err != nil {
				t.Fatal(err)
			}
			n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Body: "你就是个傻逼"}}
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatalf("stage failed with the remote down: %v", err)
			}
			if n.Moderation.Markets["cn"] != models.DecisionBlock {
				t.Errorf("local result lost: %+v", n.Moderation)
			}
			for _, l := range n.Moderation.Labels {
				if l.Source == "remote:test" {
					t.Errorf("label from a failed remote: %+v", l)
				}
			}
			if tt.counts(c.Stats()) != 1 {
				t.Errorf("outcome not counted: %+v", c.Stats())
			}
		})
	}
	t.Run("the breaker stops calling a failing server", func(t *testing.T) {
		c := NewRemoteClassifier("remote:test", remoteEndpoint(failing.URL), moderationsProtocol{}, nil)
		before := failingCalls.Load()
		n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Body: "hello there"}}
		for range 10 {
			c.DetectNote(context.Background(), n, []*Text{NewText("body", n.Body)})
		}
		if calls := failingCalls.Load() - before; calls != 3 {
			t.Errorf("%d calls, want 3 (the breaker opens after 3 failures)", calls)
		}
		if c.Stats().Skipped.Load() != 7 {
			t.Errorf("skipped %d, want 7", c.Stats().Skipped.Load())
		}
	})
}

func TestParseGuardVerdict(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, content string
		want          map[models.Category]float64
		ok            bool
	}{
		{"scores object", `{"safe": false, "categories": {"hate": 0.8}}`, map[models.Category]float64{models.CategoryHate: 0.8}, true},
		{"list of names", `{"safe": false, "categories": ["spam", "Self-Harm"]}`, map[models.Category]float64{models.CategorySpam: 0.9, models.CategorySelfHarm: 0.9}, true},
		{"chatter around the object", "Verdict: {\"safe\":false,\"categories\":{\"pii\":1.7}} done", map[models.Category]float64{models.CategoryPII: 1}, true},
		{"braces inside strings", `{"note": "a } b", "safe": true}`, map[models.Category]float64{}, true},
		{"safe overrides categories", `{"safe": true, "categories": {"hate": 0.9}}`, map[models.Category]float64{}, true},
		{"no JSON at all", "I'm sorry", nil, false},
		{"unterminated", `{"safe": false, "categories": {"hate": 0.9}`, nil, false},
		{"neither safe nor categories", `{"answer": 42}`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseGuardVerdict(tt.content)
			if (err == nil) != tt.ok {
				t.Fatalf("err %v", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for c, s := range tt.want {
				if got[c] != s {
					t.Errorf("%s = %v, want %v", c, got[c], s)
				}
			}
		})
	}
}

func FuzzParseGuardVerdict(f *testing.F) {
	for _, s := range []string{`{"safe":false,"categories":{"hate":0.5}}`, "```json\n{}\n```", `{"categories":["x"]}`, `{"a":"\"}"}`, "{{{", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseGuardVerdict(s)
		if err != nil {
			return
		}
		for c, v := range got {
			if !c.Valid() || v < 0 || v > 1 {
				t.Fatalf("%s = %v", c, v)
			}
		}
	})
}
