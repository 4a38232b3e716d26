package index

import (
	"fmt"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// BenchmarkBulkItems encodes a batch of 100 notes as scripted upserts for
// the bulk API, the part of Elasticsearch.Apply that runs here rather than
// in the cluster.
func BenchmarkBulkItems(b *testing.B) {
	notes := make([]*models.Note, 100)
	for i := range notes {
		n := note(fmt.Sprintf("e%d", i), 1_764_547_200_000_000+int64(i)) // microseconds since 1970
		n.Body = strings.Repeat("这家四川火锅店的牛油锅底很香，毛肚和鸭肠都很新鲜。", 3)
		n.Translations["en"] = models.Translation{Title: "Hotpot", Body: strings.Repeat("The beef tallow broth is fragrant. ", 3), Status: models.TranslationOK}
		notes[i] = n
	}
	out := make([]pipeline.Applied, len(notes))
	b.ReportAllocs()
	for b.Loop() {
		items, _ := bulkItems(notes, out)
		if len(items) != len(notes) {
			b.Fatalf("%d items for %d notes", len(items), len(notes))
		}
	}
}
