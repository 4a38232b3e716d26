package httpjson

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		write    func(w http.ResponseWriter)
		status   int
		body     string
		keepsHdr bool
	}{
		{"a value is encoded with its status and content type", func(w http.ResponseWriter) { Write(w, 201, map[string]int{"n": 1}) }, 201, `{"n":1}`, false},
		{"an error is an object with the message", func(w http.ResponseWriter) { Error(w, 429, "slow down") }, 429, `{"error":"slow down"}`, false},
		{"text that could close a script tag is escaped", func(w http.ResponseWriter) { Write(w, 200, "</script>") }, 200, `"\u003c/script\u003e"`, false},
		{"headers set before are kept", func(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store"); Write(w, 200, 1) }, 200, `1`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			tt.write(rec)
			if rec.Code != tt.status || strings.TrimSpace(rec.Body.String()) != tt.body {
				t.Fatalf("got %d %q, want %d %q", rec.Code, rec.Body.String(), tt.status, tt.body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Fatalf("content type %q", ct)
			}
			if tt.keepsHdr && rec.Header().Get("Cache-Control") != "no-store" {
				t.Fatal("a header set before the call was lost")
			}
		})
	}
}

func TestIntParam(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     int
		wantErr  bool
	}{
		{"an empty parameter takes the default", "", 20, false},
		{"a number in range is read", "7", 7, false},
		{"the bounds are allowed", "100", 100, false},
		{"a number above the range is refused", "101", 0, true},
		{"a number below the range is refused", "0", 0, true},
		{"a word is refused", "ten", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := IntParam(tt.in, 20, 1, 100)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("IntParam(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
			if err != nil && err.Error() != "must be an integer from 1 to 100" {
				t.Errorf("error %q does not say the range", err)
			}
		})
	}
}
