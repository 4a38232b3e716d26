package samples_test

import (
	"fmt"

	"github.com/notegate/notegate/internal/samples"
)

func ExampleNotes() {
	notes, err := samples.Notes()
	if err != nil {
		fmt.Println(err)
		return
	}
	first := notes[0]
	fmt.Println(first.NoteID, first.Version, first.Kind, first.Market)
	fmt.Println(first.Title)
	// Output:
	// n-0001 1 note intl
	// TikTok refugee checking in 👋
}

func ExampleNewGenerator() {
	g := samples.NewGenerator(1)
	for range 3 {
		ev := g.Next()
		fmt.Println(ev.NoteID, ev.Version, ev.Kind)
	}
	// Output:
	// s-000000001 1 note
	// s-000000002 1 note
	// s-000000003 1 note
}
