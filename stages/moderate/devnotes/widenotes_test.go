package devnotes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadWide(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, wantErr string
		wantIDs             []string
	}{
		{"a harmful and an innocent note load with their line in the id",
			`{"lang":"de","label":"violence","text":"x"}` + "\n" + `{"lang":"en","label":"ok","contrast":"violence","text":"y"}` + "\n", "",
			[]string{"de-w1.jsonl-1", "en-w1.jsonl-2"}},
		{"a label outside the taxonomy is refused", `{"lang":"en","label":"scam","text":"x"}` + "\n", `label "scam"`, nil},
		{"a line that is no JSON is refused with its line", `{"lang":"en","label":"ok","text":"x"}` + "\nnot json\n", "w1.jsonl:2", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "w1.jsonl"), []byte(tt.file), 0o644); err != nil {
				t.Fatal(err)
			}
			notes, err := LoadWide(dir)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatal(err)
			case tt.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			var ids []string
			for _, n := range notes {
				ids = append(ids, n.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.wantIDs, ",") {
				t.Fatalf("ids %v, want %v", ids, tt.wantIDs)
			}
		})
	}
}

func TestAnEmptyWideFolderIsAnError(t *testing.T) {
	t.Parallel()
	if _, err := LoadWide(t.TempDir()); err == nil {
		t.Fatal("no error for a folder without wide notes")
	}
}
