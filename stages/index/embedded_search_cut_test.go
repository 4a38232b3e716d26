package index

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestCutBatchBoundsABatchInBytes(t *testing.T) {
	t.Parallel()
	note := func(n int) map[string]any { return map[string]any{noteField: strings.Repeat("x", n)} }
	tests := []struct {
		name     string
		ids      []string
		docs     map[string]map[string]any
		maxBytes int
		want     int
		wantDocs []string
	}{
		{"a batch under the bound is taken whole", []string{"a", "b"}, map[string]map[string]any{"a": note(10), "b": note(10)}, 100, 2, []string{"a", "b"}},
		{"a batch at the bound is taken whole", []string{"a", "b"}, map[string]map[string]any{"a": note(50), "b": note(50)}, 100, 2, []string{"a", "b"}},
		{"a batch is cut before the note that passes the bound", []string{"a", "b", "c"}, map[string]map[string]any{"a": note(40), "b": note(40), "c": note(40)}, 100, 2, []string{"a", "b"}},
		{"a note larger than the bound is taken alone", []string{"a", "b"}, map[string]map[string]any{"a": note(500), "b": note(10)}, 100, 1, []string{"a"}},
		{"a deletion weighs nothing", []string{"a", "b", "c"}, map[string]map[string]any{"a": note(90), "b": nil, "c": note(20)}, 100, 2, []string{"a", "b"}},
		{"a note logged twice counts once and stays when its second entry is cut", []string{"a", "b", "a", "c"}, map[string]map[string]any{"a": note(60), "b": note(30), "c": note(30)}, 100, 3, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs := maps.Clone(tt.docs)
			if got := cutBatch(tt.ids, docs, tt.maxBytes); got != tt.want {
				t.Errorf("cutBatch = %d, want %d", got, tt.want)
			}
			if got := slices.Sorted(maps.Keys(docs)); !slices.Equal(got, tt.wantDocs) {
				t.Errorf("docs left %v, want %v", got, tt.wantDocs)
			}
		})
	}
}
