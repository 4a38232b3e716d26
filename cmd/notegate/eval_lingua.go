//go:build linguabaseline

package main

import (
	"io"

	"github.com/notegate/notegate/stages/detect"
)

// linguaBaseline is plain lingua-go. It links lingua-go's own models
// (~128 MB) into the binary, which the detect stage does without, so only
// builds with -tags linguabaseline carry it.
var linguaBaseline = &plainLingua{
	evaluate: func(dir string, languages []string) (detect.Report, error) {
		return detect.EvaluateLingua(dir, languages, io.Discard)
	},
	build: func() func(text string) {
		ld := detect.NewPlainLingua(nil)
		return func(text string) { ld.DetectLanguageOf(text) }
	},
}
