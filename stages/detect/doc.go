// Package detect is notegate's language-identification stage. It tells the
// language of short, code-mixed social notes with lingua-go as its
// statistical core, and does around it what lingua alone does slowly or
// not at all:
//
//   - Candidates are configurable (Config.Languages: DefaultLanguages, the
//     21 that matter on this platform, or "all" 75), and only the models of
//     candidates that share a script with another candidate are loaded.
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
//     (FitConfidence, Evaluate's reliability table).
//
// How lingua's models are read. lingua-go keeps its n-gram models in
// an unexported embed.FS and, once loaded, in maps of map[string]float64:
// ~30 MB per language, 430 MB for the 13 Latin languages of the default
// set, ~2 GB for all 75. This package reaches the embedded files through a
// //go:linkname (lingua_models.go), reads them once into a compact sorted
// hash table (~22 bytes per n-gram) and scores them as lingua does,
// lingua's letter rules included (rules.go): the same answers at a fraction
// of the memory and ~100× the speed. The linkname is pinned to the
// lingua-go version in go.mod. If a later version renames the variable,
// the build fails at link time; if it keeps it but moves or re-encodes the
// files, New logs a warning and falls back, per script group, to lingua's
// public detector built for the same candidates (high accuracy, preloaded
// models): correct, slower, heavier. Both paths are tested.
//
// Evaluate and EvaluateLingua measure the stage and plain lingua-go on
// ../shared/evaldata/langid; `notegate eval langid` prints the tables.
package detect
