package moderate_test

import (
	"context"
	"fmt"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate"
)

func Example() {
	s, err := moderate.New(moderate.Config{})
	if err != nil {
		panic(err)
	}
	n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Body: "想要的加V信，你个傻*逼"}}
	if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
		panic(err)
	}
	for _, l := range n.Moderation.Labels {
		e := l.Evidence[0]
		fmt.Printf("%s %s %q [%d:%d]\n", l.Category, l.Source, e.Text, e.Start, e.End)
	}
	fmt.Println(n.Moderation.Markets["cn"], n.Moderation.Markets["intl"], n.ApprovedMarkets)
	// Output:
	// harassment lexicon "傻*逼" [25:32]
	// spam contact "加V信" [9:16]
	// block review []
}
