package devnotes

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, wantErr string
	}{
		{"a harmful and an innocent note parse", "- {lang: zh-Hant, labels: [illicit, spam], text: \"出貨\"}\n- {lang: en, labels: [], text: \"ok\"}", ""},
		{"a label outside the taxonomy is refused", `- {lang: en, labels: [scam], text: "x"}`, `label "scam"`},
		{"a language we do not route is refused", `- {lang: it, labels: [], text: "ciao"}`, `language "it"`},
		{"support without self_harm is refused", `- {lang: en, labels: [violence], support: true, text: "x"}`, "support without self_harm"},
		{"an unknown key is refused", `- {lang: en, labels: [], txt: "x"}`, "txt"},
		{"an empty text is refused", `- {lang: en, labels: [], text: " "}`, "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(tt.file))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatal(err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}

func TestTheShippedNotesLoad(t *testing.T) {
	t.Parallel()
	notes, err := Load(filepath.Join("..", "testdata", "teamnotes"))
	if err != nil {
		t.Fatal(err)
	}
	var harmful int
	for _, n := range notes {
		if n.Harmful() {
			harmful++
		}
	}
	if len(notes) < 2000 || harmful < 1000 || len(notes)-harmful < 1000 {
		t.Fatalf("%d notes, %d harmful: want the shipped set (over 2,000, both kinds over 1,000)", len(notes), harmful)
	}
}
