package moderate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
)

// policyWithVersion is the default policy under another version, with
// "pineapple" blocked in intl when block is set.
func policyWithVersion(t *testing.T, version string, block bool) []byte {
	t.Helper()
	s := strings.Replace(string(defaultPolicyYAML), `version: "2025-06-rules-2"`, `version: "`+version+`"`, 1)
	if block {
		s = strings.Replace(s, "  intl:\n    thresholds:\n", "  intl:\n    block_terms:\n      spam: [pineapple]\n    thresholds:\n", 1)
	}
	if !strings.Contains(s, version) || block && !strings.Contains(s, "pineapple") {
		t.Fatal("could not rewrite the default policy")
	}
	return []byte(s)
}

func writeFile(t *testing.T, path string, data []byte, mtime time.Time) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// An explicit modification time: a rewrite within the file system's
	// timestamp granularity must still be seen.
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

func TestPolicyHotReload(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "policy.yaml")
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	writeFile(t, path, policyWithVersion(t, "v1", false), t0)
	// A reload interval of an hour: the test drives checks itself.
	s, err := New(Config{PolicyFile: path, ReloadInterval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	decide := func() models.Moderation {
		n := &models.Note{NoteEvent: models.NoteEvent{Body: "I love pineapple pizza"}}
		if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
			t.Fatal(err)
		}
		return n.Moderation
	}
	steps := []struct {
		name        string
		data        []byte
		wantChanged bool
		wantErr     bool
		wantVersion string
		wantIntl    models.Decision
	}{
		{"an unchanged file changes nothing", nil, false, false, "v1", models.DecisionAllow},
		{"a new valid policy goes into force", policyWithVersion(t, "v2", true), true, false, "v2", models.DecisionBlock},
		{"a broken file keeps the old policy", []byte("version: [oops"), false, true, "v2", models.DecisionBlock},
		{"an invalid policy keeps the old policy", []byte("version: v3\nmarkets: {}\n"), false, true, "v2", models.DecisionBlock},
		{"a fixed file goes into force", policyWithVersion(t, "v4", false), true, false, "v4", models.DecisionAllow},
		{"the same content rewritten is no change", policyWithVersion(t, "v4", false), false, false, "v4", models.DecisionAllow},
	}
	for i, st := range steps {
		if st.data != nil {
			writeFile(t, path, st.data, t0.Add(time.Duration(i+1)*time.Minute))
		}
		changed, err := s.ReloadPolicy()
		if changed != st.wantChanged || (err != nil) != st.wantErr {
			t.Fatalf("%s: changed %v err %v", st.name, changed, err)
		}
		m := decide()
		if m.PolicyVersion != st.wantVersion || m.Markets["intl"] != st.wantIntl {
			t.Fatalf("%s: version %s intl %s, want %s %s", st.name, m.PolicyVersion, m.Markets["intl"], st.wantVersion, st.wantIntl)
		}
	}
}

func TestPolicyReloadRunsInTheBackground(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "policy.yaml")
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	writeFile(t, path, policyWithVersion(t, "bg-1", false), t0)
	s, err := New(Config{PolicyFile: path, ReloadInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	writeFile(t, path, policyWithVersion(t, "bg-2", false), t0.Add(time.Minute))
	// No timed assertion: wait (bounded by the test timeout) for the swap.
	for s.Policy().Version != "bg-2" {
		time.Sleep(5 * time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
