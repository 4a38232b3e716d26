package detect

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLinguaFallback builds a detector as if lingua-go had moved its
// embedded models: it must say so in the log and still answer, through
// lingua's public detector, as the compact tables do.
func TestLinguaFallback(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	cfg := Config{Languages: []string{"en", "fr", "de", "zh"}, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	fallback, err := newDetector(cfg, fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "embedded models") {
		t.Errorf("no warning logged for the fallback; log: %q", logs.String())
	}
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	compact, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if compact.fallback[scriptLatin] != nil || fallback.fallback[scriptLatin] == nil {
		t.Fatal("the compact detector should read the embedded models and the other fall back")
	}
	tests := []struct{ name, text, code string }{
		{"english_sentence", "the weather is lovely today and we are going to the beach", "en"},
		{"french_sentence", "nous allons à la plage demain matin avec les enfants", "fr"},
		{"german_sentence", "wir fahren morgen früh mit den Kindern an den Strand", "de"},
		{"chinese_with_a_loanword", "今天的outfit怎么样", "zh"},
		{"emoji_only", "🔥🔥", "und"},
	}
	for _, tc := range tests {
		for _, d := range []*Detector{compact, fallback} {
			if got := d.Detect(tc.text); got.Code != tc.code || got.Confidence < 0 || got.Confidence > 1 {
				t.Errorf("%s: Detect(%q) = %+v, want %s (fallback=%v)", tc.name, tc.text, got, tc.code, d == fallback)
			}
		}
	}
}

func TestLinguaModelsMissingIsAnError(t *testing.T) {
	t.Parallel()
	if _, err := readLinguaModel(fstest.MapFS{}, 0, 1); err == nil {
		t.Fatal("reading a model from an empty file system succeeded")
	}
}
