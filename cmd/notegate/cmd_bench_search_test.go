package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestBenchSearchReports runs bench-search small: it fills an index,
// keeps it for a second run, and reports searches and probes of both
// listeners. The figures themselves are for people, not for this test.
func TestBenchSearchReports(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	t.Parallel()
	data := t.TempDir()
	args := []string{"--notes", "300", "--clients", "4", "--duration", "300ms", "--data", data, "--offset", "0", "--limit", "10", "--q", "的"}
	for run := range 2 {
		var out, errOut bytes.Buffer
		if err := cmdBenchSearch(context.Background(), args, &out, &errOut); err != nil {
			t.Fatalf("run %d: %v\n%s", run, err, errOut.String())
		}
		var rep searchBenchReport
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatalf("run %d: %v: %s", run, err, out.String())
		}
		if rep.Notes != 300 || rep.Search.Status["200"] == 0 || rep.Search.Admitted == 0 || rep.Healthz["main"].N == 0 || rep.Healthz["ops"].N == 0 {
			t.Errorf("run %d: report %+v", run, rep)
		}
		// Fewer hits than track_total_hits: counted exactly.
		if rep.Search.Total == 0 || rep.Search.TotalRelation != "eq" {
			t.Errorf("run %d: total %d %q, want the exact count of the hits", run, rep.Search.Total, rep.Search.TotalRelation)
		}
		if rep.Healthz["main"].Failed != 0 || rep.Healthz["ops"].Failed != 0 {
			t.Errorf("run %d: probes failed: %+v", run, rep.Healthz)
		}
		if run == 1 && !bytes.Contains(errOut.Bytes(), []byte("reusing the 300 notes")) {
			t.Errorf("the second run did not reuse the index: %s", errOut.String())
		}
	}
	if _, err := os.Stat(filepath.Join(data, "bench-search.json")); err != nil {
		t.Error(err)
	}
}
