package models

// TranslationStatus says what became of one translation of a note.
type TranslationStatus string

const (
	// TranslationOK: Title and Body hold the translation.
	TranslationOK TranslationStatus = "ok"
	// TranslationSkipped: not attempted on purpose (blocked note, nothing
	// to translate); Error says why.
	TranslationSkipped TranslationStatus = "skipped"
	// TranslationFailed: every provider failed; the note flows on without it
	// and Error says why.
	TranslationFailed TranslationStatus = "failed"
	// TranslationPending: the translation has been queued for later.
	TranslationPending TranslationStatus = "pending"
)

// Translation is a note's title and body in one target language.
type Translation struct {
	Title string `json:"title,omitempty"`
	Body  string `json:"body,omitempty"`
	// Provider names what translated it; a dictionary gloss says so here
	// (for example "cedict-gloss").
	Provider string            `json:"provider,omitempty"`
	Status   TranslationStatus `json:"status"`
	Error    string            `json:"error,omitempty"`
}
