package index

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"time"

	"github.com/notegate/notegate/models"
)

// feedCorpus is count notes in Chinese and English with a translation
// each, every fourth one in review in cn with a spam label, the rest
// approved in both markets.
func feedCorpus(count int) []*models.Note {
	samples := [][4]string{
		{"zh", "周末火锅推荐", "这家四川火锅店的牛油锅底很香，毛肚和鸭肠都很新鲜，人均一百二十元左右，周末要排队一个小时。", "The beef tallow broth at this Sichuan hotpot place is fragrant, tripe and duck intestines are fresh, about 120 yuan per person, an hour queue at weekends."},
		{"en", "Easy sourdough recipes", "I baked three loaves this week. The trick is a long cold proof overnight and a very hot Dutch oven. Recipes below!", "这周我烤了三个面包。诀窍是隔夜长时间冷发酵和非常热的铸铁锅。食谱在下面！"},
		{"zh", "臺北咖啡廳筆記", "這間咖啡廳的手沖咖啡很好喝，甜點也不錯，適合下午來看書。", "The pour-over coffee in this cafe is very good, desserts are nice too, a good place to read in the afternoon."},
		{"en", "Budget travel in Chengdu", "Chengdu on a budget: metro everywhere, hotpot for two under 200 RMB, free entry to People's Park and the tea houses are cheap.", "成都穷游：地铁四通八达，两人火锅不到两百元，人民公园免费，茶馆也很便宜。"},
	}
	at := time.Date(2026, 11, 1, 8, 30, 0, 0, time.UTC)
	notes := make([]*models.Note, count)
	for i := range notes {
		s := samples[i%len(samples)]
		tr := map[string]string{"zh": "en", "en": "zh"}[s[0]]
		n := &models.Note{
			NoteEvent: models.NoteEvent{
				Type: models.EventUpserted, NoteID: fmt.Sprintf("n-%d", i), Version: 1, Kind: models.KindNote,
				AuthorID: fmt.Sprintf("author-%d", i%500), Market: "cn",
				Title: fmt.Sprintf("%s %d", s[1], i), Body: s[2], Tags: []string{"note", s[0]}, CreatedAt: at,
			},
			Language:        models.Language{Code: s[0], Confidence: 0.97},
			ApprovedMarkets: []string{"cn", "intl"},
			Moderation: models.Moderation{
				Decision: models.DecisionAllow, PolicyVersion: "2026-11",
				Markets: map[string]models.Decision{"cn": models.DecisionAllow, "intl": models.DecisionAllow},
			},
			Translations: map[string]models.Translation{tr: {Body: s[3], Provider: "test", Status: models.TranslationOK}},
			ProcessedAt:  at.Add(time.Duration(i) * time.Millisecond),
		}
		if i%4 == 0 {
			n.Moderation.Decision = models.DecisionReview
			n.Moderation.Markets["cn"] = models.DecisionReview
			n.Moderation.Labels = []models.Label{{Category: models.CategorySpam, Score: 0.7, Source: "rules"}}
			n.ApprovedMarkets = []string{"intl"}
		}
		notes[i] = n
	}
	return notes
}

// BenchmarkSearchFeedBatch measures what the search index's feeder costs
// per note, alone: bleve documents built from notes as the pipeline writes
// them (every fourth one in review in a market with a label, the rest
// approved with a translation) and indexed into a fresh search index in
// batches of the default SearchBatchSize, persisted. The note store and the
// pipeline are left out.
func BenchmarkSearchFeedBatch(b *testing.B) {
	const batch = defaultEmbeddedSearchBatchSize
	notes := feedCorpus(batch)
	docs := make([]map[string]any, len(notes))
	for i, n := range notes {
		raw, err := json.Marshal(n)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = searchFields(n, string(raw))
	}
	s, err := openOrCreate(filepath.Join(b.TempDir(), "search"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		bt := s.NewBatch()
		for j, d := range docs {
			if err := bt.Index(fmt.Sprintf("%d-%d", i, j), d); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Batch(bt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "notes/s")
}
