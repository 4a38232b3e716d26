//go:build linguabaseline

package main

import (
	"io"

	"github.com/notegate/notegate/internal/evaluation/langideval"
)

// linguaBaseline is plain lingua-go. It links lingua-go's own models
// (~128 MB) into the binary, which the detect stage does without, so only
// builds with -tags linguabaseline carry it.
var linguaBaseline = &plainLingua{
	evaluate: func(dir string, languages []string) (langideval.Report, error) {
		return langideval.EvaluateLingua(dir, languages, io.Discard)
	},
	build: func() func(text string) {
		ld := langideval.NewPlainLingua(nil)
		return func(text string) { ld.DetectLanguageOf(text) }
	},
}
