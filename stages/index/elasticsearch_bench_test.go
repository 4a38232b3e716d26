package index

import (
	"fmt"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

// BenchmarkBulkItems encodes a batch of 100 notes for the bulk API, the
// part of Elasticsearch.Apply that runs here rather than in the cluster.
func BenchmarkBulkItems(b *testing.B) {
	notes := make([]*models.Note, 100)
	for i := range notes {
		n := note(fmt.Sprintf("e%d", i), int64(i+1))
		n.Body = strings.Repeat("这家四川火锅店的牛油锅底很香，毛肚和鸭肠都很新鲜。", 3)
		n.Translations["en"] = models.Translation{Title: "Hotpot", Body: strings.Repeat("The beef tallow broth is fragrant. ", 3), Status: models.TranslationOK}
		notes[i] = n
	}
	b.ReportAllocs()
	for b.Loop() {
		items, rejected := bulkItems(notes)
		if len(items) != len(notes) || len(rejected) != 0 {
			b.Fatalf("%d items, %d rejected", len(items), len(rejected))
		}
	}
}
