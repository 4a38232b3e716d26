package detect_test

import (
	"fmt"

	"github.com/notegate/notegate/stages/detect"
)

func ExampleDetector_Detect() {
	d, err := detect.New(detect.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, note := range []string{
		"lol same",
		"TikTok难民报到！Hello from Ohio",
		"這家店的麵很好吃",
		"🔥🔥🔥 #ootd",
	} {
		l := d.Detect(note)
		fmt.Println(l.Code, l.Script, len(l.Mixed) > 0)
	}
	// Output:
	// en  false
	// zh Hans true
	// zh Hant false
	// und  false
}
