// Package detect is notegate's language-identification stage. It tells the
// language of short, code-mixed social notes with lingua-go as its
// statistical core, and does around it what lingua alone does slowly or
// not at all:
//
//   - Candidates are configurable (Config.Languages: DefaultLanguages, the
//     21 that matter on this platform, or "all" 75), and only candidates
//     that share a script with another candidate are scored on n-grams.
//   - Unicode script routing: Han, Kana, Hangul, Thai, Greek … are decided
//     by the script alone (Kana beyond a borrowed の makes Japanese);
//     Latin, Cyrillic, Arabic and Devanagari text competes only among the
//     candidates written in that script. A note is split into per-script
//     segments; the primary language is the one with most weight (a Han
//     character weighs as much as three Latin letters), the others are
//     reported in Mixed with their share of the letters. One or two Latin
//     words inside CJK text (brand names, loanwords) go to
//     Config.LoanwordLanguage unless the models are sure.
//   - URLs, e-mail addresses, @mentions and #hashtags are removed before
//     anything votes; a note left without letters is "und".
//   - Simplified or Traditional Chinese is decided by characters: OpenCC's
//     tables for the characters only one script has, and a short list of
//     characters much more frequent in one script (chinese.go); a note
//     whose every character is the same in both gets Config.ChineseScript.
//   - A prior (Config.Priors, English by default) and a list of English
//     chat abbreviations settle the close calls of two-word notes, where
//     lingua's models, trained on edited text, guess Dutch or Tagalog.
//   - Confidence is a logistic model over the margin between the two best
//     languages, the length and whether the letters decided; it is fitted
//     on half of lingua's test data and checked on the other half
//     (internal/evaluation/langideval: FitConfidence, Evaluate's
//     reliability table, through Detector.Explain).
//
// How lingua's models are read. lingua-go keeps its n-gram models in
// an unexported embed.FS of zipped protobufs and, once loaded, in maps of
// map[string]float64: ~30 MB per language, 430 MB for the 13 Latin
// languages of the default set, ~2 GB for all 75, and seconds to load.
// This package does not load them. internal/ngramgen reads them once, at
// development time, into one sorted hash table per script group (package
// internal/ngrams: ~14 bytes per distinct n-gram, 5 per language that
// knows it), written to data/ngrams.bin and embedded (ngram_table.go).
// New opens it in place: no decoding, no Go heap, only the pages that
// lookups touch become resident. The scorer (scorer.go) scores the table
// as lingua scores its models, lingua's letter rules included (rules.go):
// the same answers at a fraction of the memory and 20–35× the speed of
// plain lingua-go on short notes.
//
// The committed tables hold the script groups of DefaultLanguages (Latin:
// 13 languages, Cyrillic: 2; 49 MB). Any subset of them, and any language
// alone in its script, needs nothing more; a configuration with another
// language that shares a script with a candidate is refused by
// Config.Validate, with the generator command that writes tables for it
// (all 75: 175 MB). The generator reaches lingua's files through a
// //go:linkname pinned to the lingua-go version in go.mod; its test
// regenerates the committed file and compares the bytes, and
// TestEmbeddedTablesServeTheDefaultLanguages checks the file against go.mod
// and DefaultLanguages. lingua-go's own models are linked only into
// binaries that call langideval.EvaluateLingua or NewPlainLingua
// (notegate: built with -tags linguabaseline).
//
// internal/evaluation/langideval measures the stage and plain lingua-go
// on ../shared/evaldata/langid; `notegate eval langid` prints the tables.
package detect
