package models

// Undetermined is the language code for text whose language cannot be told:
// emoji, numbers, URLs, mentions, hashtags only, punctuation.
const Undetermined = "und"

// Language is the identified language of a note.
type Language struct {
	// Code is an ISO 639-1 code, or "und".
	Code string `json:"code"`
	// Script is an ISO 15924 code; for Chinese it is "Hans" (Simplified)
	// or "Hant" (Traditional), and empty where it tells nothing.
	Script string `json:"script,omitempty"`
	// Confidence is in [0, 1]: how sure the detector is of Code.
	Confidence float64 `json:"confidence"`
	// Mixed lists the other languages present in a code-mixed note.
	Mixed []LanguageShare `json:"mixed,omitempty"`
}

// LanguageShare is one secondary language of a code-mixed note.
type LanguageShare struct {
	Code string `json:"code"`
	// Share is the fraction of the note's letters in this language.
	Share float64 `json:"share"`
}
