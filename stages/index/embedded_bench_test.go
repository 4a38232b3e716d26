package index_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
	"github.com/notegate/notegate/stages/index/indextest"
)

func benchEmbedded(b *testing.B) *index.Embedded {
	b.Helper()
	idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: filepath.Join(b.TempDir(), "notes")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = idx.Close() })
	return idx
}

// BenchmarkEmbeddedApply writes batches of 100 mixed Chinese and English
// notes: new notes, then new versions of stored ones. notes/s counts
// Apply (the note store); searchable_notes/s also waits, at the end, until
// the search index has taken every note.
func BenchmarkEmbeddedApply(b *testing.B) {
	const batch = 100
	b.Run("new_notes", func(b *testing.B) {
		idx := benchEmbedded(b)
		ctx := context.Background()
		b.ReportAllocs()
		start := time.Now()
		var prepared time.Duration
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			t := time.Now()
			notes := indextest.Corpus(fmt.Sprintf("b%d", i), batch)
			prepared += time.Since(t)
			b.StartTimer()
			if _, err := idx.Apply(ctx, notes); err != nil {
				b.Fatal(err)
			}
		}
		if err := idx.Refresh(ctx); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "notes/s")
		b.ReportMetric(float64(b.N*batch)/(time.Since(start)-prepared).Seconds(), "searchable_notes/s")
	})
	b.Run("new_versions_of_stored_notes", func(b *testing.B) {
		idx := benchEmbedded(b)
		ctx := context.Background()
		const stored = 1000
		base := indextest.Corpus("u", stored)
		if _, err := idx.Apply(ctx, base); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			notes := indextest.Corpus("u", batch)
			start := (i * batch) % stored
			for j, n := range notes {
				src := base[start+j]
				n.NoteID, n.Version = src.NoteID, src.Version+int64(i+1)*stored
			}
			b.StartTimer()
			if _, err := idx.Apply(ctx, notes); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "notes/s")
	})
}

// BenchmarkEmbeddedSearch searches 10,000 stored notes.
func BenchmarkEmbeddedSearch(b *testing.B) {
	idx := benchEmbedded(b)
	ctx := context.Background()
	corpus := indextest.Corpus("s", 10_000)
	for start := 0; start < len(corpus); start += 500 {
		if _, err := idx.Apply(ctx, corpus[start:start+500]); err != nil {
			b.Fatal(err)
		}
	}
	if err := idx.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	queries := []struct {
		name string
		q    models.SearchQuery
	}{
		{"chinese_word_intl", models.SearchQuery{Text: "火锅", Market: "intl"}},
		{"traditional_phrase_cn", models.SearchQuery{Text: "手沖咖啡", Market: "cn"}},
		{"english_stemmed_any_market", models.SearchQuery{Text: "sourdough recipes"}},
		{"english_through_translation_cn", models.SearchQuery{Text: "hotpot broth", Market: "cn"}},
		{"rare_word_cn", models.SearchQuery{Text: "serum", Market: "cn"}},
		{"deep_page", models.SearchQuery{Text: "hotpot", Limit: 20, Offset: 1000}},
	}
	// The same deep page asked for with a cursor: the position of the hit
	// before it.
	before, err := idx.Search(ctx, models.SearchQuery{Text: "hotpot", Limit: 1, Offset: 999})
	if err != nil || len(before.Hits) != 1 {
		b.Fatalf("hit 999: %v %v", before, err)
	}
	after := before.Hits[0].Position()
	queries = append(queries, struct {
		name string
		q    models.SearchQuery
	}{"deep_page_by_cursor", models.SearchQuery{Text: "hotpot", Limit: 20, After: &after}})
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := idx.Search(ctx, q.q)
				if err != nil {
					b.Fatal(err)
				}
				if res.Total == 0 {
					b.Fatalf("%+v found nothing", q.q)
				}
			}
		})
	}
}
