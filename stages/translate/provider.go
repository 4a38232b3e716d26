// Package translate is the pipeline stage that translates each note's title
// and body into the configured target languages, through an ordered list
// of providers per language pair.
package translate

import (
	"context"
	"errors"
)

// ErrUnsupportedPair is returned (possibly wrapped) by a Provider asked for
// a language pair it does not translate. The stage then tries the next
// provider for the pair without counting a failure.
var ErrUnsupportedPair = errors.New("translate: unsupported language pair")

// Provider translates batches of texts from one language to another.
//
// Languages are ISO 639-1 codes ("en", "zh", "fr"); "zh" means Chinese in
// either script. Translate is called with a non-empty batch, possibly from
// many goroutines at once, so an implementation must be safe for
// concurrent use. On success it returns exactly one translation per input,
// in order; an input that is empty or holds nothing to translate comes back
// as it is. The texts slice belongs to the caller and must not be kept or
// changed.
//
// A non-nil error fails the whole batch: ErrUnsupportedPair (wrapped or
// not) when the pair cannot be served at all, anything else for a failure
// of the call itself (provider down, timeout, quota, malformed answer).
// The stage records such failures on the note rather than retrying, so a
// provider that retries must do so within ctx.
type Provider interface {
	// Name identifies the provider in Translation.Provider, for example
	// "cedict-gloss" or "libretranslate".
	Name() string
	Translate(ctx context.Context, from, to string, texts []string) ([]string, error)
}
