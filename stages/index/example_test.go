package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index"
)

// A Chinese note is found by a Chinese word inside a longer phrase and, in
// the market it is approved in, by an English word of its translation.
func ExampleOpenEmbedded() {
	dir, err := os.MkdirTemp("", "notegate-index-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: filepath.Join(dir, "notes")})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer idx.Close()

	ctx := context.Background()
	note := &models.Note{
		NoteEvent: models.NoteEvent{NoteID: "n1", Version: 1, Title: "周末火锅推荐", Body: "牛油锅底很香"},
		Language:  models.Language{Code: "zh", Script: "Hans"},
		Translations: map[string]models.Translation{
			"en": {Title: "Weekend hotpot picks", Body: "The beef tallow broth is fragrant", Status: models.TranslationOK},
		},
		Moderation:      models.Moderation{Decision: models.DecisionAllow},
		ApprovedMarkets: []string{"cn"},
	}
	if _, err := idx.Apply(ctx, []*models.Note{note}); err != nil {
		fmt.Println(err)
		return
	}
	// Search trails the note store by up to the refresh interval; Refresh
	// waits until the note is searchable. Get would find it at once.
	if err := idx.Refresh(ctx); err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range []models.SearchQuery{
		{Text: "火锅", Market: "cn"},
		{Text: "hotpot pick", Market: "cn"},
		{Text: "hotpot", Market: "intl"},
	} {
		res, err := idx.Search(ctx, q)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%q in %s: %d\n", q.Text, q.Market, res.Total)
	}
	// Output:
	// "火锅" in cn: 1
	// "hotpot pick" in cn: 1
	// "hotpot" in intl: 0
}

// The query syntax that both backends read: words, "phrases" and
// -exclusions; an unbalanced quote runs to the end.
func ExampleParseQuery() {
	q := index.ParseQuery(`weekend "hot pot" -spicy -"long queue" "火锅推荐`)
	fmt.Printf("words %q\nphrases %q\nnot words %q\nnot phrases %q\n", q.Words, q.Phrases, q.NotWords, q.NotPhrases)
	// Output:
	// words ["weekend"]
	// phrases ["hot pot" "火锅推荐"]
	// not words ["spicy"]
	// not phrases ["long queue"]
}
