package moderate_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate"
)

// pyramidDetector is a whole new moderation detector: it reports the
// phrase "recruit 3 friends" (in any spelling the skeleton folds, such as
// "RECRUIT 3 friends") as spam, quoting the author's words. A detector
// that judges a field implements moderate.FieldDetector; one that judges a
// whole note against others implements moderate.NoteDetector instead.
type pyramidDetector struct{}

func (pyramidDetector) Name() string { return "pyramid" }

func (pyramidDetector) Detect(_ context.Context, t *moderate.Text) ([]moderate.Finding, error) {
	const phrase = "recruit 3 friends"
	i := strings.Index(string(t.Folded.Runes), phrase)
	if i < 0 {
		return nil, nil
	}
	// Runes index the view; Spans map each rune back to the original bytes.
	start := len([]rune(string(t.Folded.Runes)[:i]))
	end := start + len([]rune(phrase)) - 1
	span := moderate.Span{Start: t.Folded.Spans[start].Start, End: t.Folded.Spans[end].End}
	return []moderate.Finding{{Category: models.CategorySpam, Score: 0.9, Span: span, Rule: "pyramid"}}, nil
}

// Example_newDetector adds a detector to the stage: the one line of wiring
// is passing it to moderate.New (cmd/notegate/wire.go passes the trained
// classifier the same way).
func Example_newDetector() {
	s, err := moderate.New(moderate.Config{}, pyramidDetector{})
	if err != nil {
		panic(err)
	}
	n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n1", Body: "Earn daily! Just RECRUIT 3 friends and you're in"}}
	if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
		panic(err)
	}
	for _, l := range n.Moderation.Labels {
		if l.Source == "pyramid" {
			fmt.Printf("%s %.1f %q\n", l.Category, l.Score, l.Evidence[0].Text)
		}
	}
	fmt.Println(n.Moderation.Markets["cn"], n.Moderation.Markets["intl"])
	// Output:
	// spam 0.9 "RECRUIT 3 friends"
	// block review
}
