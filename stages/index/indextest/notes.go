package indextest

import (
	"fmt"
	"time"

	"github.com/notegate/notegate/models"
)

// Note builds an upserted note approved in markets (allowed there, blocked
// elsewhere), written in lang. The benchmarks and the suite share it.
func Note(id string, version int64, lang, title, body string, markets ...string) *models.Note {
	n := &models.Note{
		NoteEvent: models.NoteEvent{
			Type:      models.EventUpserted,
			NoteID:    id,
			Version:   version,
			Kind:      models.KindNote,
			AuthorID:  "author-" + id,
			Market:    "cn",
			Title:     title,
			Body:      body,
			CreatedAt: time.Date(2026, 11, 1, 8, 30, 0, 0, time.UTC),
		},
		Language:        models.Language{Code: lang, Confidence: 0.97},
		ApprovedMarkets: markets,
		Moderation: models.Moderation{
			Decision:      models.DecisionAllow,
			Markets:       map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionBlock},
			PolicyVersion: "2026-11",
		},
		ProcessedAt: time.Date(2026, 11, 1, 8, 30, 1, 0, time.UTC),
	}
	for _, m := range markets {
		n.Moderation.Markets[m] = models.DecisionAllow
	}
	if len(markets) < 2 {
		n.Moderation.Decision = models.DecisionBlock
	}
	if lang == "zh" {
		n.Language.Script = "Hans"
	}
	return n
}

// Deletion builds the deletion of id at version.
func Deletion(id string, version int64) *models.Note {
	return &models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted, NoteID: id, Version: version}}
}

// withDecision sets the overall decision and approves no market.
func withDecision(n *models.Note, d models.Decision) *models.Note {
	n.Moderation.Decision = d
	for m := range n.Moderation.Markets {
		n.Moderation.Markets[m] = d
	}
	n.ApprovedMarkets = nil
	return n
}

// withTranslation adds a finished translation into lang.
func withTranslation(n *models.Note, lang, title, body string) *models.Note {
	if n.Translations == nil {
		n.Translations = map[string]models.Translation{}
	}
	n.Translations[lang] = models.Translation{Title: title, Body: body, Provider: "test", Status: models.TranslationOK}
	return n
}

func withTags(n *models.Note, tags ...string) *models.Note {
	n.Tags = tags
	return n
}

// Corpus returns count realistic notes, about half Chinese (Simplified and
// Traditional, with English translations) and half English (with Chinese
// translations), some code-mixed, approved in one or both markets.
func Corpus(prefix string, count int) []*models.Note {
	type sample struct{ lang, title, body, trTitle, trBody string }
	samples := []sample{
		{"zh", "周末火锅推荐", "这家四川火锅店的牛油锅底很香，毛肚和鸭肠都很新鲜，人均一百二十元左右，周末要排队一个小时。", "Weekend hotpot recommendation", "The beef tallow broth at this Sichuan hotpot place is fragrant, tripe and duck intestines are fresh, about 120 yuan per person, an hour queue at weekends."},
		{"zh", "臺北咖啡廳筆記", "這間咖啡廳的手沖咖啡很好喝，甜點也不錯，適合下午來看書。", "Taipei cafe notes", "The pour-over coffee in this cafe is very good, desserts are nice too, a good place to read in the afternoon."},
		{"en", "Easy sourdough recipes", "I baked three loaves this week. The trick is a long cold proof overnight and a very hot Dutch oven. Recipes below!", "简单的酸面包食谱", "这周我烤了三个面包。诀窍是隔夜长时间冷发酵和非常热的铸铁锅。食谱在下面！"},
		{"en", "Hiking the Dragon's Back trail", "Short hike with great views over Shek O beach. Bring water, there is little shade. Took us about two hours.", "龙脊徒步", "短途徒步，可以俯瞰石澳海滩。带水，几乎没有遮阴。我们大约走了两个小时。"},
		{"zh", "新手护肤 routine 分享", "最近换了 skincare routine，早上只用洁面和防晒，晚上加一瓶精华，皮肤状态好了很多。", "Beginner skincare routine", "I recently changed my skincare routine: cleanser and sunscreen in the morning, a serum at night, and my skin is much better."},
		{"en", "Budget travel in Chengdu", "Chengdu on a budget: metro everywhere, hotpot for two under 200 RMB, free entry to People's Park and the tea houses are cheap.", "成都穷游", "成都穷游：地铁四通八达，两人火锅不到两百元，人民公园免费，茶馆也很便宜。"},
	}
	notes := make([]*models.Note, count)
	for i := range notes {
		s := samples[i%len(samples)]
		markets := []string{"cn", "intl"}
		if i%3 == 0 {
			markets = []string{"cn"}
		}
		n := Note(fmt.Sprintf("%s-%d", prefix, i), int64(i+1), s.lang,
			fmt.Sprintf("%s %d", s.title, i), s.body, markets...)
		tr := "en"
		if s.lang == "en" {
			tr = "zh"
		}
		notes[i] = withTags(withTranslation(n, tr, s.trTitle, s.trBody), "note", s.lang)
	}
	return notes
}
