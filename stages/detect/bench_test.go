package detect

import (
	"os"
	"testing"

	lingua "github.com/pemistahl/lingua-go"
)

// shortNotes are short Latin-script notes, the hard case for throughput:
// they are the ones lingua has to score.
var shortNotes = []string{
	"lol same", "hi from Ohio, just got here from TikTok", "omg this is so cute",
	"where did you buy this?", "qué bonito", "c'est trop beau", "das ist super",
	"bagus banget kak", "muito lindo", "ang ganda naman", "bellissimo posto",
	"great vibes today", "anyone else here from tiktok?", "so good 😍",
	"đẹp quá", "çok güzel olmuş", "to jest piękne", "mooi hoor",
}

func BenchmarkDetect(b *testing.B) {
	d := testDetector(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Detect(shortNotes[i%len(shortNotes)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notes/s")
}

// BenchmarkDetectPlainLingua is the baseline: lingua-go with all 75
// languages, high accuracy, preloaded models (~2 GB, ~5 s to build), on the
// same notes. It runs only with NOTEGATE_LINGUA_BASELINE=1.
func BenchmarkDetectPlainLingua(b *testing.B) {
	if os.Getenv("NOTEGATE_LINGUA_BASELINE") == "" {
		b.Skip("set NOTEGATE_LINGUA_BASELINE=1 to build plain lingua-go with all 75 languages")
	}
	ld := lingua.NewLanguageDetectorBuilder().FromAllLanguages().WithPreloadedLanguageModels().Build()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ld.DetectLanguageOf(shortNotes[i%len(shortNotes)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notes/s")
}
